"""The ``tifa`` command: a thin layer over the library.

Tables go to stdout (``--format csv|json|table``); messages, errors and
progress bars go to stderr.  Each unreadable input gets one line on stderr
naming the file; the others are still processed, and the exit code is 1.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Callable, Sequence

import pandas as pd

from . import __version__
from .config import DEFAULT_MAX_BYTES, PROCESSED, RAW
from .errors import InputError, TifaError
from .output import FORMATS, write_table

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2


def _err(msg: str) -> None:
    print(f"tifa: {msg}", file=sys.stderr)


def _add_common(p: argparse.ArgumentParser, *, paths: bool = True) -> None:
    if paths:
        p.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files or folders (read recursively)")
    p.add_argument("--format", "-f", choices=FORMATS, default="table", help="output format (default: table)")
    p.add_argument(
        "--max-bytes",
        type=int,
        default=DEFAULT_MAX_BYTES,
        help=f"refuse files larger than this (default {DEFAULT_MAX_BYTES:,}; 0 = no limit)",
    )


def _max_bytes(args: argparse.Namespace) -> int | None:
    return args.max_bytes or None


def _report_errors(errors: Sequence[InputError]) -> int:
    for e in errors:
        _err(str(e))
    return EXIT_INPUT if errors else EXIT_OK


def _load(args: argparse.Namespace):
    from .corpus import load

    return load(args.paths, max_bytes=_max_bytes(args), progress=False)


def cmd_docs(args: argparse.Namespace) -> int:
    corpus = _load(args)
    df = corpus.documents
    cols = ["doc_id", "source", "part", "title", "date", "text", "n_chars", "duplicate_of"]
    if args.all_columns or args.format != "table":
        cols = list(df.columns)
    write_table(df[cols], args.format)
    return _report_errors(corpus.errors)


def cmd_sentences(args: argparse.Namespace) -> int:
    corpus = _load(args)
    write_table(corpus.sentences, args.format)
    return _report_errors(corpus.errors)


def cmd_cleaning_log(args: argparse.Namespace) -> int:
    corpus = _load(args)
    write_table(corpus.cleaning_log, args.format)
    return _report_errors(corpus.errors)


def cmd_build(args: argparse.Namespace) -> int:
    from .corpus import build

    corpus = build(args.raw, args.out, max_bytes=_max_bytes(args), progress=not args.quiet)
    print(
        f"tifa: built {len(corpus.documents)} documents, {len(corpus.sentences)} sentences "
        f"from {args.raw} into {args.out}",
        file=sys.stderr,
    )
    return _report_errors(corpus.errors)


def cmd_report(args: argparse.Namespace) -> int:
    from .report import make_report

    paths = make_report(raw=args.raw, processed=args.out, rebuild=not args.no_build, timeout=args.timeout)
    for p in paths:
        print(f"tifa: wrote {p}", file=sys.stderr)
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tifa", description="Analyse Chinese official speeches.")
    parser.add_argument("--version", action="version", version=f"tifa {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    p = sub.add_parser("docs", help="print the documents table for files or folders")
    _add_common(p)
    p.add_argument("--all-columns", action="store_true", help="show every column in table format")
    p.set_defaults(func=cmd_docs)

    p = sub.add_parser("sentences", help="print the sentences table")
    _add_common(p)
    p.set_defaults(func=cmd_sentences)

    p = sub.add_parser("cleaning-log", help="print what cleaning removed, and why")
    _add_common(p)
    p.set_defaults(func=cmd_cleaning_log)

    for name, func, help_ in (
        ("build", cmd_build, "build data/processed tables from data/raw"),
        ("report", cmd_report, "build if needed and execute the notebooks into reports/*.html"),
    ):
        p = sub.add_parser(name, help=help_)
        p.add_argument("--raw", type=Path, default=RAW, help=f"raw data folder (default {RAW})")
        p.add_argument("--out", type=Path, default=PROCESSED, help=f"processed tables folder (default {PROCESSED})")
        p.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help="per-file size limit (0 = none)")
        p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
        if name == "report":
            p.add_argument("--no-build", action="store_true", help="use the existing tables")
            p.add_argument("--timeout", type=int, default=600, help="seconds per notebook cell")
        p.set_defaults(func=func)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except TifaError as e:
        _err(str(e))
        return EXIT_INPUT
    except BrokenPipeError:  # `tifa docs … | head`
        return EXIT_OK
    except KeyboardInterrupt:
        _err("interrupted")
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
