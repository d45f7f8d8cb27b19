"""The ``tifa`` command: its parser, and running a command to its exit code.

Tables go to stdout (``--format csv|json|table``); messages, errors and
progress bars go to stderr.  Each unreadable input gets one line on stderr
naming the file; the others are still processed, and the exit code is 1.

Owns the options and help of every subcommand and the exit handling (:func:`run`, the console
script ``tifa = "tifa.cli:run"``; ``python -m tifa.cli``).  The commands themselves are in
:mod:`tifa.cli.tables` (one table of the files), :mod:`tifa.cli.analysis` (kwic, timeline,
diffusion, compare, check …) and :mod:`tifa.cli.corpus` (build, add, export, serve, report);
this module must not hold one.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Sequence

# Before numpy loads: its OpenBLAS starts a thread per core, and each spins for about a tenth of a
# second of CPU, in the worker processes too, taking a core from the segmenting.  The command line
# multiplies no matrix big enough to gain from threads.  A value the user set wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from .. import __version__
from ..config import DEFAULT_MAX_BYTES, PROCESSED, RAW
from ..errors import TifaError
from .analysis import cmd_check, cmd_collocations, cmd_compare, cmd_diffusion, cmd_kwic, cmd_ngrams, cmd_timeline
from .common import EXIT_INPUT, EXIT_OK, add_common, add_engine, err
from .corpus import cmd_add, cmd_build, cmd_export, cmd_report, cmd_serve
from .output import FORMATS
from .tables import cmd_audit, cmd_docs, cmd_outline, cmd_templates, cmd_tokens, path_table_command, table_command


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tifa", description="Analyse Chinese official speeches.")
    parser.add_argument("--version", action="version", version=f"tifa {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    p = sub.add_parser("docs", help="print the documents table for files or folders")
    add_common(p)
    p.add_argument("--all-columns", action="store_true", help="show every column in table format")
    p.set_defaults(func=cmd_docs)

    p = sub.add_parser("sentences", help="print the sentences table")
    add_common(p)
    p.set_defaults(func=path_table_command("sentences"))

    p = sub.add_parser("cleaning-log", help="print what cleaning removed, and why")
    add_common(p)
    p.set_defaults(func=path_table_command("cleaning_log"))

    p = sub.add_parser("outline", help="print the numbered-list outline (--format tree to read it)")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files or folders (read recursively)")
    p.add_argument("--format", "-f", choices=FORMATS + ("tree",), default="table", help="output format (default: table)")
    p.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help="per-file size limit (0 = none)")
    p.set_defaults(func=cmd_outline)

    p = sub.add_parser("enumerations", help="one row per list: style, items, announced count")
    add_common(p)
    p.set_defaults(func=path_table_command("enumerations"))

    p = sub.add_parser("tokens", help="print the tokens table (words, POS, offsets, stopword flag, lexicon tag)")
    add_common(p)
    p.add_argument(
        "--workers", "-j", type=int, default=0,
        help="segmenting processes (default: all cores); with more than one, one more reads the files",
    )
    add_engine(p)
    p.set_defaults(func=cmd_tokens)

    p = sub.add_parser("audit", help="list lexicon terms the segmenter split")
    add_common(p)
    add_engine(p)
    p.set_defaults(func=cmd_audit)

    p = sub.add_parser("kwic", help="concordance: QUERY is a word, phrase or pattern with * slots (要有*意识)")
    p.add_argument("query")
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or folders (default: the built corpus)")
    add_common(p, paths=False)
    p.add_argument("--width", "-w", type=int, default=20, help="characters of context on each side")
    p.add_argument("--regex", action="store_true", help="QUERY is a regular expression")
    p.add_argument("--whole-words", action="store_true", help="match only on token boundaries")
    p.add_argument("--sort", metavar="LEVELS", help="sort by the words around the hit, e.g. 1L or 1R,2R or 1L,1R (stable)")
    p.add_argument("--by", metavar="COLUMN", help="group hits by a documents column (place, level, year, speaker …)")
    p.add_argument("--counts", action="store_true", help="print hits per group (with --by) or per document, not the lines")
    p.add_argument("--plot", type=Path, metavar="FILE.png", help="write the dispersion (x-ray) plot: where in each text the hits fall")
    p.set_defaults(func=cmd_kwic)

    p = sub.add_parser("ngrams", help="frequent word n-grams")
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or folders (default: the built corpus)")
    add_common(p, paths=False)
    p.add_argument("--min-n", type=int, default=2)
    p.add_argument("--max-n", type=int, default=4)
    p.add_argument("--min-count", type=int, default=2)
    p.add_argument("--per-doc", action="store_true", help="counts per document instead of for the corpus")
    p.add_argument("--top", type=int, default=0, help="keep the N most frequent per n (per document with --per-doc)")
    p.set_defaults(func=cmd_ngrams)

    p = sub.add_parser("collocations", help="word pairs by log-likelihood and PMI")
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or folders (default: the built corpus)")
    add_common(p, paths=False)
    p.add_argument("--min-count", type=int, default=3)
    p.add_argument("--top", type=int, default=0)
    p.set_defaults(func=cmd_collocations)

    for name, help_ in (
        ("formulas", "numbered formulations (提法) with their members (--all adds mere counts)"),
        ("parallels", "parallel constructions (排比) and their shared frame"),
        ("quotes", "who or what a speech cites, and the quoted words"),
    ):
        p = sub.add_parser(name, help=help_)
        p.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or folders (default: the built corpus)")
        add_common(p, paths=False)
        p.add_argument("--all", action="store_true", help="formulas: include counts (三点意见) too; parallels: lists of nouns and low scores too")
        p.add_argument("--min-n", type=int, default=0, help="parallels: at least this many members")
        p.set_defaults(func=table_command(name))

    p = sub.add_parser("templates", help="fillers of slot templates (要有*意识 …) and of recurring parallel frames")
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or folders (default: the built corpus)")
    add_common(p, paths=False)
    p.add_argument("--min-count", type=int, default=1)
    p.add_argument("--mined", action="store_true",
                   help="frames mined from the speeches themselves (在*的基础上, 加大*力度 …), ranked by speeches and speakers")
    p.set_defaults(func=cmd_templates)

    p = sub.add_parser("timeline", help="formulations (or --term) per year: rates, first/last use, trends, period keyness")
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or folders (default: the built corpus)")
    add_common(p, paths=False)
    p.add_argument("--view", choices=["years", "first", "trend", "keyness", "together"], default="years",
                   help="years: count and rate per 10,000 characters per year; first: first/last/peak year; "
                        "trend: emerging and fading; keyness: --period against the rest; together: co-occurrence")
    p.add_argument("--term", action="append", help="a term or KWIC pattern (要有*意识) instead of formulations; repeatable")
    p.add_argument("--period", help="years for --view keyness, FROM-TO (1990-1999)")
    p.add_argument("--recent", type=int, default=10, help="years counted as recent for --view trend (default 10)")
    p.set_defaults(func=cmd_timeline)

    for q in (
        sub.choices["timeline"],
        sub.choices["kwic"], sub.choices["ngrams"], sub.choices["collocations"], sub.choices["formulas"],
        sub.choices["parallels"], sub.choices["quotes"], sub.choices["templates"],
    ):
        q.add_argument("--processed", type=Path, default=PROCESSED, help="built tables to use when no PATH is given")
        q.add_argument("--workers", "-j", type=int, default=0, help="processes for segmentation (default: all cores)")

    p = sub.add_parser("add", help="copy speeches into data/raw (never overwriting) with their metadata")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument("--raw", type=Path, default=RAW, help=f"raw data folder (default {RAW})")
    p.add_argument("--title")
    p.add_argument("--date", help="YYYY-MM-DD")
    p.add_argument("--speaker")
    p.add_argument("--occasion")
    p.set_defaults(func=cmd_add)

    p = sub.add_parser("export", help="export the built tables: --xlsx FILE (a sheet per table) and/or --csv DIR")
    p.add_argument("--xlsx", type=Path)
    p.add_argument("--csv", type=Path)
    p.add_argument("--sqlite", type=Path, metavar="FILE", help="one SQLite file: every table, a full-text index of the sentences (tifa serve opens it)")
    p.add_argument("--tokens", action="store_true", help="with --sqlite: the tokens table too (large)")
    p.add_argument("--processed", type=Path, default=PROCESSED)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("serve", help="search the exported corpus in a browser (Datasette): facets, full-text search, canned queries")
    p.add_argument("db", nargs="?", type=Path, help="a file of tifa export --sqlite (default: exported from the built corpus)")
    p.add_argument("--port", type=int, default=8001)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: this machine only)")
    p.add_argument("--processed", type=Path, default=PROCESSED)
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("diffusion", help="terms from the centre to the provinces: first use, adoption, origin, lags, echo, panel")
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or folders (default: the built corpus)")
    p.add_argument("--term", "-t", action="append", help="a term or KWIC pattern (repeatable; default: the known formulations)")
    p.add_argument("--view", choices=("first", "curve", "origin", "lags", "echo", "panel"), default="origin")
    p.add_argument("--level", help="local places of this level only (province, city, county)")
    p.add_argument("--save", type=Path, metavar="DIR", help="also write every view to DIR: the panel as csv, parquet and Stata .dta, the others as parquet and csv")
    p.add_argument("--processed", type=Path, default=PROCESSED, help="the built corpus used when no PATH is given")
    p.add_argument("--format", "-f", choices=FORMATS, default="table", help="output format (default: table)")
    p.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help="per-file size limit (0 = none)")
    p.add_argument("--workers", "-j", type=int, default=0, help="processes reading the files (default: all cores)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_diffusion)

    p = sub.add_parser("compare", help="what distinguishes groups of documents (--by level, place, speaker, year …)")
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or folders (default: the built corpus)")
    p.add_argument("--by", required=True, help="a documents column: level, place, speaker, year, source …")
    p.add_argument("--group", action="append", metavar="VALUE",
                   help="one value: it against the rest; twice: the first against the second (default: each value against the rest)")
    p.add_argument("--what", choices=("words", "themes", "outline"), default="words",
                   help="keywords (G², log ratio, dispersion), theme scores or outline shapes (means, Cohen's d)")
    p.add_argument("--top", type=int, default=50, help="keywords per group and direction (0 = all)")
    p.add_argument("--min-count", type=int, default=5, help="a keyword is seen at least this often in its group")
    p.add_argument("--min-docs", type=int, default=2, help="… in at least this many of its documents")
    p.add_argument("--processed", type=Path, default=PROCESSED, help="the built corpus used when no PATH is given")
    p.add_argument("--format", "-f", choices=FORMATS, default="table", help="output format (default: table)")
    p.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help="per-file size limit (0 = none)")
    p.add_argument("--workers", "-j", type=int, default=0, help="processes segmenting (default: all cores)")
    p.set_defaults(func=cmd_compare)

    p = sub.add_parser("check", help="proofread drafts: numbering, announced counts, formulations, quotations, repeats")
    add_common(p)
    p.add_argument("--against", type=Path, action="append", metavar="PATH",
                   help="archive to look quotations up in (default: the shipped central work reports and congress reports)")
    p.add_argument("--date", help="the draft's date (YYYY-MM-DD; default: its dateline, else today): decides which wording is in force")
    p.add_argument("--html", type=Path, metavar="OUT", help="write the draft with its findings highlighted (a folder for several drafts)")
    p.add_argument("--docx", type=Path, metavar="OUT", help="write the draft as Word with a comment per finding (a folder for several drafts)")
    p.add_argument("--all", action="store_true", help="also list quotations found word for word (severity info)")
    p.set_defaults(func=cmd_check)

    for name, func, help_ in (
        ("build", cmd_build, "build data/processed tables from data/raw"),
        ("report", cmd_report, "build if needed and execute the notebooks into reports/*.html"),
    ):
        p = sub.add_parser(name, help=help_)
        p.add_argument("--raw", type=Path, default=RAW, help=f"raw data folder (default {RAW})")
        p.add_argument("--out", type=Path, default=PROCESSED, help=f"processed tables folder (default {PROCESSED})")
        p.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help="per-file size limit (0 = none)")
        p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
        p.add_argument("--workers", "-j", type=int, default=0, help="processes (default: all cores)")
        if name == "build":
            p.add_argument("--engine", choices=("local", "dask"), default="local", help="local process pool or a Dask cluster")
            p.add_argument("--scheduler", help="Dask scheduler address (default: start a LocalCluster)")
        if name == "report":
            p.add_argument("--no-build", action="store_true", help="use the existing tables")
            p.add_argument("--sample", type=int, default=None, help="notebooks use at most this many speeches (default 300)")
            p.add_argument("--timeout", type=int, default=600, help="seconds per notebook cell")
        p.set_defaults(func=func)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line ``argv`` (default: this process's); returns the exit code."""
    return _run(build_parser().parse_args(argv))


def _run(args: argparse.Namespace) -> int:
    try:
        return args.func(args)
    except (TifaError, FileNotFoundError) as e:
        err(str(e).strip("'\""))
        return EXIT_INPUT
    except BrokenPipeError:  # `tifa docs … | head`
        return EXIT_OK
    except KeyboardInterrupt:
        err("interrupted")
        return 130


def run() -> None:
    """The ``tifa`` program: :func:`main`, then the process ends once its output is flushed.

    Everything a command makes is written and closed by then; the interpreter's own teardown
    (freeing every module, numpy's and Arrow's, and the dictionary: about 30 ms) is skipped.
    ``tifa report`` ends the usual way, as it runs notebook kernels.
    """
    args = build_parser().parse_args()
    code = _run(args)
    if args.command == "report":
        sys.exit(code)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, ValueError):  # a reader that stopped early (`| head`); a closed stream
            pass
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    run()
