"""The ``tifa`` commands that make and share the built corpus: ``build``, ``add`` (speeches into
``data/raw``), ``export`` (xlsx, csv, SQLite), ``serve`` (Datasette on the export) and ``report``
(the notebooks executed into HTML).

Owns what these commands say on stderr and their exit codes.  Must not parse arguments
(:mod:`tifa.cli.main`) nor touch the store's files itself: :mod:`tifa.corpus` and
:mod:`tifa.report` do, imported when the command runs.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..errors import InputError
from .common import EXIT_INPUT, EXIT_OK, EXIT_USAGE, byte_limit, err, report_errors

def cmd_build(args: argparse.Namespace) -> int:
    from ..corpus.build import build_corpus as build
    from ..errors import StoreError

    try:
        corpus = build(
            args.raw, args.out, max_bytes=byte_limit(args), progress=not args.quiet, workers=args.workers,
            engine=args.engine, scheduler=args.scheduler,
        )
    except StoreError as e:  # the per-file errors met before it, then the one line
        report_errors(getattr(e, "errors", []))
        err(str(e))
        return EXIT_INPUT
    rep = corpus.report
    print(
        f"tifa: built {len(corpus.documents)} documents ({int(corpus.documents['n_sents'].sum()) if len(corpus.documents) else 0} "
        f"sentences) from {args.raw} into {args.out} ({len(rep.processed)} file(s) processed, {len(rep.reused)} unchanged)",
        file=sys.stderr,
    )
    return report_errors(corpus.errors, corpus.warnings)


def cmd_add(args: argparse.Namespace) -> int:
    from ..corpus.ingest import add_files

    errors = []
    added = []
    warnings: list[str] = []
    for f in args.files:
        try:
            added += add_files([f], args.raw, title=args.title, date=args.date, speaker=args.speaker, occasion=args.occasion,
                               warnings=warnings)
        except InputError as e:
            errors.append(e)
    for a in added:
        msg = {"added": "added as", "renamed": "name taken; added as", "skipped": "already there (same content) as"}[a.action]
        print(f"tifa: {a.file}: {msg} {args.raw / a.source}", file=sys.stderr)
    if added and not errors:
        print("tifa: run `make report` (or `tifa report`) to update the analysis", file=sys.stderr)
    return report_errors(errors, list(dict.fromkeys(warnings)))


def cmd_export(args: argparse.Namespace) -> int:
    from ..corpus.export import export_csv, export_xlsx

    if not args.xlsx and not args.csv and not args.sqlite:
        err("export: give --xlsx FILE, --csv DIR and/or --sqlite FILE")
        return EXIT_USAGE
    from ..lock import store_lock

    if not args.processed.is_dir():
        err(f"{args.processed}: no built corpus here; run `tifa build` first")
        return EXIT_INPUT
    try:
        with store_lock(args.processed, "tifa export"):  # no build replaces a part while it is read
            if args.xlsx:
                print(f"tifa: wrote {export_xlsx(args.xlsx, args.processed)}", file=sys.stderr)
            if args.csv:
                for p in export_csv(args.csv, args.processed):
                    print(f"tifa: wrote {p}", file=sys.stderr)
            if args.sqlite:
                from ..corpus.sqlite import export_sqlite

                print(f"tifa: wrote {export_sqlite(args.sqlite, args.processed, tokens=args.tokens)}", file=sys.stderr)
    except FileNotFoundError as e:
        err(str(e))
        return EXIT_INPUT
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    """Datasette on the SQLite export: the archive searchable by anyone with a browser."""
    from ..corpus.sqlite import export_sqlite, write_metadata

    db = args.db or args.processed / "tifa.sqlite"
    if args.db is None:
        built = args.processed / "documents.parquet"
        if not built.exists():
            raise InputError(args.processed, "no built corpus here; run `tifa build` first, or give a file of `tifa export --sqlite`")
        if not db.exists() or db.stat().st_mtime < built.stat().st_mtime:
            err(f"exporting the built corpus to {db} …")
            export_sqlite(db, args.processed)
    if not db.is_file():
        raise InputError(db, "no such SQLite file")
    from ..corpus.sqlite import font_assets

    css_dir, font = font_assets(db)
    meta = write_metadata(db, db.with_suffix(".datasette.json"), css="/tifa-css/tifa.css")
    err(f"serving {db} on http://{args.host}:{args.port}/ (Ctrl-C stops)")
    cmd = [sys.executable, "-m", "datasette", "serve", str(db), "--metadata", str(meta), "--host", args.host,
           "--port", str(args.port), "--setting", "sql_time_limit_ms", "5000", "--setting", "default_page_size", "50",
           "--static", f"tifa-css:{css_dir}", "--static", f"tifa-font:{font.parent}"]
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(sys.executable, cmd)  # this process becomes the server: stopping it stops Datasette, nothing is left running


def cmd_report(args: argparse.Namespace) -> int:
    from ..report.execute import make_report

    import os

    timeline = Path(os.environ["TIFA_TIMELINE"]) if os.environ.get("TIFA_TIMELINE") else None
    paths = make_report(
        raw=args.raw, processed=args.out, rebuild=not args.no_build, timeout=args.timeout, sample=args.sample,
        timeline=timeline,
    )
    for p in paths:
        print(f"tifa: wrote {p}", file=sys.stderr)
    return EXIT_OK
