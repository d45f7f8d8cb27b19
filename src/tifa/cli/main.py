"""The ``tifa`` command: a thin layer over the library.

Tables go to stdout (``--format csv|json|table``); messages, errors and
progress bars go to stderr.  Each unreadable input gets one line on stderr
naming the file; the others are still processed, and the exit code is 1.
"""
from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path
from typing import Sequence

# Before numpy loads: its OpenBLAS starts a thread per core, and each spins for about a tenth of a
# second of CPU, in the worker processes too, taking a core from the segmenting.  The command line
# multiplies no matrix big enough to gain from threads.  A value the user set wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from .. import __version__
from ..config import DEFAULT_MAX_BYTES, PROCESSED, RAW
from ..errors import InputError, TifaError
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


def _add_engine(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--engine", choices=("rjieba", "jieba"), default="rjieba",
        help="segmenter: compiled jieba-rs (default) or the pure-Python jieba reference (same words and tags, slower)",
    )


def _max_bytes(args: argparse.Namespace) -> int | None:
    return args.max_bytes or None


def _report_errors(errors: Sequence[InputError], warnings: Sequence[str] = ()) -> int:
    for w in warnings:
        _err(w)
    for e in errors:
        _err(str(e))
    return EXIT_INPUT if errors else EXIT_OK


def _load(args: argparse.Namespace, *, findings: bool = False):
    """The corpus of the given paths; formulations, parallels and quotations only if asked."""
    from ..corpus.tables import load

    return load(args.paths, max_bytes=_max_bytes(args), progress=False, findings=findings)


def cmd_docs(args: argparse.Namespace) -> int:
    corpus = _load(args)
    df = corpus.documents
    cols = ["doc_id", "source", "part", "title", "date", "text", "n_chars", "duplicate_of"]
    if args.all_columns or args.format != "table":
        cols = list(df.columns)
    write_table(df[cols], args.format)
    return _report_errors(corpus.errors, corpus.warnings)


def cmd_outline(args: argparse.Namespace) -> int:
    from ..structure.outline import tree

    corpus = _load(args)
    if args.format == "tree":
        sys.stdout.write(tree(corpus.outline, corpus.documents))
    else:
        write_table(corpus.outline, args.format)
    return _report_errors(corpus.errors, corpus.warnings)


def _table_command(name: str):
    def run(args: argparse.Namespace) -> int:
        corpus = _corpus_or_processed(args, tokens=False, findings=True)
        df = getattr(corpus, name)
        if name == "formulas" and not args.all:
            df = df[df["kind"] == "formulation"]
        if name == "parallels" and not args.all:
            from ..rhetoric.parallels import accepted

            df = accepted(df)  # 排比 a speechwriter accepts; --all adds lists and low scores
        if name == "parallels" and args.min_n:
            df = df[df["n"] >= args.min_n]
        write_table(df, args.format)
        return _report_errors(corpus.errors, corpus.warnings)

    return run


def cmd_templates(args: argparse.Namespace) -> int:
    from ..rhetoric.formulas import mine_templates, templates_table

    if args.mined:
        corpus = _corpus_or_processed(args, tokens=False)
        df = mine_templates(corpus.documents, corpus.sentences)
        write_table(df[df["count"] >= args.min_count], args.format)
        return _report_errors(corpus.errors, corpus.warnings)
    corpus = _corpus_or_processed(args, tokens=False, findings=True)
    df = templates_table(corpus.documents, corpus.sentences, parallels=corpus.parallels, min_count=args.min_count)
    write_table(df, args.format)
    return _report_errors(corpus.errors, corpus.warnings)


def _path_table_command(name: str):
    """`tifa NAME PATH...`: one table of the corpus of the given files or folders."""

    def run(args: argparse.Namespace) -> int:
        corpus = _load(args)
        write_table(getattr(corpus, name), args.format)
        return _report_errors(corpus.errors, corpus.warnings)

    return run


def _workers(args: argparse.Namespace) -> int:
    from ..tokens.segment import default_workers

    return args.workers or default_workers()


def cmd_tokens(args: argparse.Namespace) -> int:
    from ..read.files import iter_sources
    from .output import aligned_cells, csv_chunks, json_chunks, write_aligned, write_arrow, write_csv, write_json
    from ..tokens.segment import TOKEN_COLUMNS, documents_tokens, tokens_of_files

    # straight from the files: the tokens need none of the other tables
    sources = list(iter_sources(args.paths))
    files = dict(workers=_workers(args), max_bytes=_max_bytes(args), engine=args.engine)
    if files["workers"] > 1 and len(sources) > 1:
        # each document's csv, json or cells made by the worker that segmented it
        render = {"csv": csv_chunks, "json": json_chunks, "table": aligned_cells}[args.format]
        made, errors, warnings = documents_tokens(sources, render=render, **files)
        parts = lambda: (part for doc in made for part in doc)  # noqa: E731
        if args.format == "table":
            write_aligned(TOKEN_COLUMNS, parts)  # the cells padded to the widest of any document
        elif args.format == "csv":
            write_csv(TOKEN_COLUMNS, parts())
        else:
            write_json(parts())
    else:  # in this process, a slice at a time
        table, errors, warnings = tokens_of_files(sources, **files)
        write_arrow(table, args.format)
    return _report_errors(errors, warnings)


def _corpus_or_processed(args: argparse.Namespace, *, tokens: bool, findings: bool = False):
    """The corpus of the given paths, or the built tables when no path is given."""
    from ..corpus.tables import Corpus

    if args.paths:
        corpus = _load(args, findings=findings)
        return corpus.with_tokens(workers=_workers(args)) if tokens else corpus
    if not (args.processed / "documents.parquet").exists():
        raise InputError(args.processed, "no built corpus here; give PATHs or run `tifa build` first")
    return Corpus.lazy(args.processed)  # tables are read when first used


def cmd_kwic(args: argparse.Namespace) -> int:
    from ..text.kwic import kwic

    corpus = _corpus_or_processed(args, tokens=args.whole_words)
    try:
        df = kwic(
            corpus.documents,
            corpus.sentences,
            args.query,
            width=args.width,
            regex=args.regex,
            tokens=corpus.tokens if args.whole_words else None,
            outline=corpus.outline,
        )
    except (ValueError, re.error) as e:
        _err(f"bad query {args.query!r}: {e}")
        return EXIT_USAGE
    from ..analysis import concordance as conc

    try:
        if args.sort:
            df = conc.sort_hits(df, args.sort)
        docs = corpus.documents
        if args.plot:
            import matplotlib

            matplotlib.use("Agg")
            from ..atomic import atomic_path
            from ..report.plots import setup_cjk_font

            setup_cjk_font()
            ax = conc.dispersion_plot(df, docs, by=args.by, title=f"“{args.query}”")
            with atomic_path(args.plot) as tmp:
                ax.figure.tight_layout()
                ax.figure.savefig(tmp, format=args.plot.suffix.lstrip(".") or "png", dpi=120)
        if args.counts:
            df = conc.group_counts(df, docs, args.by) if args.by else conc.dispersion(df, docs)
        elif args.by:
            df = conc.with_group(df, docs, args.by)
    except (KeyError, ValueError) as e:
        _err(str(e).strip("'\""))
        return EXIT_USAGE
    write_table(df, args.format)
    return _report_errors(corpus.errors, corpus.warnings)


def cmd_timeline(args: argparse.Namespace) -> int:
    from ..analysis import timeline as tl

    corpus = _corpus_or_processed(args, tokens=False, findings=True)
    docs = corpus.documents
    if not len(tl.doc_years(docs)):
        _err("no document has a date: give dates in metadata.csv, the text, or the file name (gwr-1984.txt)")
        return EXIT_INPUT
    if args.term:
        import pandas as pd

        yearly = pd.concat([tl.term_by_year(docs, t) for t in args.term], ignore_index=True)
    else:
        yearly = tl.by_year(tl.mentions(docs, corpus.formulas), docs)
    if args.view == "years":
        df = yearly
    elif args.view == "first":
        df = tl.first_last(yearly)
    elif args.view == "trend":
        df = tl.emerging_fading(yearly, docs, recent=args.recent)
    elif args.view == "keyness":
        if not args.period:
            _err("--view keyness needs --period FROM-TO (e.g. 1990-1999)")
            return EXIT_USAGE
        a, _, b = args.period.partition("-")
        df = tl.period_keyness(yearly, docs, range(int(a), int(b or a) + 1))
    else:
        df = tl.co_occurrence(tl.mentions(docs, corpus.formulas))
    write_table(df, args.format)
    return _report_errors(corpus.errors, corpus.warnings)


def cmd_diffusion(args: argparse.Namespace) -> int:
    """From the centre to the provinces: first use, adoption curves, origin, lags, echo, panel."""
    from ..analysis import diffusion as dif
    from ..corpus.tables import Corpus, load

    if args.paths:
        corpus = load(args.paths, max_bytes=_max_bytes(args), progress=not args.quiet, findings=False, workers=_workers(args))
    elif (args.processed / "documents.parquet").exists():
        corpus = Corpus.lazy(args.processed)
    else:
        raise InputError(args.processed, "no built corpus here; give PATHs or run `tifa build` first")
    docs = corpus.documents
    if not len(dif.dated(docs)):
        _err("no document has both a place and a year: give them in metadata.csv (place, date), the text, or folder names")
        return EXIT_INPUT
    terms = args.term or dif.default_terms(docs, None if args.paths else corpus.formulas)
    df = dif.view(docs, args.view, terms, level=args.level)
    if args.save:
        written = dif.save(docs, terms, args.save, level=args.level)
        _err(f"wrote {len(written)} files to {args.save} (panel.csv, panel.parquet, panel.dta, …)")
    write_table(df, args.format)
    return _report_errors(corpus.errors, corpus.warnings)


def cmd_ngrams(args: argparse.Namespace) -> int:
    from ..analysis.ngrams import corpus_ngrams, ngrams_frame

    corpus = _corpus_or_processed(args, tokens=True)
    ns = range(args.min_n, args.max_n + 1)
    if args.per_doc:
        df = ngrams_frame(corpus.tokens, ns=ns, min_count=args.min_count)
    else:
        df = corpus_ngrams(corpus.tokens, ns=ns, min_count=args.min_count)
    if args.top:
        df = df.groupby(df.columns[0] if args.per_doc else "n", sort=False).head(args.top) if len(df) else df
    write_table(df, args.format)
    return _report_errors(corpus.errors, corpus.warnings)


def cmd_collocations(args: argparse.Namespace) -> int:
    from ..analysis.ngrams import collocations

    corpus = _corpus_or_processed(args, tokens=True)
    df = collocations(corpus.tokens, min_count=args.min_count)
    if args.top:
        df = df.head(args.top)
    write_table(df, args.format)
    return _report_errors(corpus.errors, corpus.warnings)


def cmd_audit(args: argparse.Namespace) -> int:
    from ..tokens.segment import Segmenter, audit, tokens_frame

    corpus = _load(args)
    seg = Segmenter(engine=args.engine)
    tokens = tokens_frame(corpus.documents, corpus.sentences, segmenter=seg)
    df = audit(tokens, corpus.sentences, [e.word for e in seg.entries])
    write_table(df, args.format)
    print(f"tifa: {len(df)} lexicon term occurrence(s) split by the segmenter", file=sys.stderr)
    return _report_errors(corpus.errors, corpus.warnings)


def cmd_build(args: argparse.Namespace) -> int:
    from ..corpus.build import build_corpus as build
    from ..errors import StoreError

    try:
        corpus = build(
            args.raw, args.out, max_bytes=_max_bytes(args), progress=not args.quiet, workers=args.workers,
            engine=args.engine, scheduler=args.scheduler,
        )
    except StoreError as e:  # the per-file errors met before it, then the one line
        _report_errors(getattr(e, "errors", []))
        _err(str(e))
        return EXIT_INPUT
    rep = corpus.report
    print(
        f"tifa: built {len(corpus.documents)} documents ({int(corpus.documents['n_sents'].sum()) if len(corpus.documents) else 0} "
        f"sentences) from {args.raw} into {args.out} ({len(rep.processed)} file(s) processed, {len(rep.reused)} unchanged)",
        file=sys.stderr,
    )
    return _report_errors(corpus.errors, corpus.warnings)


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
    return _report_errors(errors, list(dict.fromkeys(warnings)))


def cmd_export(args: argparse.Namespace) -> int:
    from ..corpus.export import export_csv, export_xlsx

    if not args.xlsx and not args.csv and not args.sqlite:
        _err("export: give --xlsx FILE, --csv DIR and/or --sqlite FILE")
        return EXIT_USAGE
    from ..lock import store_lock

    if not args.processed.is_dir():
        _err(f"{args.processed}: no built corpus here; run `tifa build` first")
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
        _err(str(e))
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
            _err(f"exporting the built corpus to {db} …")
            export_sqlite(db, args.processed)
    if not db.is_file():
        raise InputError(db, "no such SQLite file")
    from ..corpus.sqlite import font_assets

    css_dir, font = font_assets(db)
    meta = write_metadata(db, db.with_suffix(".datasette.json"), css="/tifa-css/tifa.css")
    _err(f"serving {db} on http://{args.host}:{args.port}/ (Ctrl-C stops)")
    cmd = [sys.executable, "-m", "datasette", "serve", str(db), "--metadata", str(meta), "--host", args.host,
           "--port", str(args.port), "--setting", "sql_time_limit_ms", "5000", "--setting", "default_page_size", "50",
           "--static", f"tifa-css:{css_dir}", "--static", f"tifa-font:{font.parent}"]
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(sys.executable, cmd)  # this process becomes the server: stopping it stops Datasette, nothing is left running


def cmd_compare(args: argparse.Namespace) -> int:
    """Keyness of a documents column's groups (words and formulations), or their theme and outline profiles."""
    from ..analysis import themes
    from ..analysis import compare as cmp

    corpus = _corpus_or_processed(args, tokens=args.what == "words", findings=True)
    docs = corpus.documents
    try:
        if args.what == "words":
            counts = themes.term_counts(corpus.tokens, corpus.formulas)
            forms = set(corpus.formulas["formula"]) if corpus.formulas is not None and len(corpus.formulas) else set()
            df = cmp.keyness(counts, docs, args.by, args.group or (), formulas=forms, min_count=args.min_count,
                             min_docs=args.min_docs, top=args.top or None)
        elif args.what == "themes":
            df = cmp.profiles(themes.theme_scores(docs), docs, args.by, args.group or ())
        else:
            df = cmp.profiles(cmp.outline_shapes(corpus.outline, corpus.enumerations, docs), docs, args.by, args.group or ())
    except KeyError as e:
        _err(str(e).strip("'\""))
        return EXIT_USAGE
    write_table(df, args.format)
    return _report_errors(corpus.errors, corpus.warnings)


def _check_out(target: Path, draft: Path, n_drafts: int, suffix: str) -> Path:
    """Where a draft's --html/--docx goes: the path given, or inside it (a folder) when several."""
    if n_drafts > 1 or target.is_dir():
        target.mkdir(parents=True, exist_ok=True)
        return target / f"{draft.stem}.check{suffix}"
    return target


def cmd_check(args: argparse.Namespace) -> int:
    """Check drafts: exit 0 when clean, 1 with findings, 2 for bad input (as linters do)."""
    import pandas as pd

    from ..check import FINDING_COLUMNS, check_file
    from ..read.files import iter_inputs

    if args.date and not re.match(r"^\d{4}(-\d{2}(-\d{2})?)?$", args.date):
        _err(f"--date {args.date}: not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
        return EXIT_USAGE
    drafts = list(iter_inputs(args.paths))
    bad, dirty, frames = False, False, []
    for draft in drafts:
        try:
            checked = check_file(draft, date=args.date, against=args.against or None, max_bytes=_max_bytes(args))
        except TifaError as e:
            _err(str(e))
            bad = True
            continue
        df = checked.findings if args.all else checked.findings[checked.findings["severity"] != "info"]
        if len(drafts) > 1:
            _err(f"{draft}: {len(df)} finding(s)")
        frames.append(df[FINDING_COLUMNS])
        dirty = dirty or not checked.clean
        try:
            if args.html:
                from ..check.render import write_html

                write_html(checked, _check_out(args.html, draft, len(drafts), ".html"))
            if args.docx:
                from ..check.docx import write_docx

                write_docx(checked, _check_out(args.docx, draft, len(drafts), ".docx"))
        except OSError as e:
            _err(f"{e.filename or args.html or args.docx}: cannot write: {e.strerror or e}")
            bad = True
    if not drafts:
        _err("no drafts to check (no supported files in the paths given)")
        return EXIT_USAGE
    if frames:
        write_table(pd.concat(frames, ignore_index=True), args.format)
    return EXIT_USAGE if bad else (1 if dirty else EXIT_OK)


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
    p.set_defaults(func=_path_table_command("sentences"))

    p = sub.add_parser("cleaning-log", help="print what cleaning removed, and why")
    _add_common(p)
    p.set_defaults(func=_path_table_command("cleaning_log"))

    p = sub.add_parser("outline", help="print the numbered-list outline (--format tree to read it)")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files or folders (read recursively)")
    p.add_argument("--format", "-f", choices=FORMATS + ("tree",), default="table", help="output format (default: table)")
    p.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help="per-file size limit (0 = none)")
    p.set_defaults(func=cmd_outline)

    p = sub.add_parser("enumerations", help="one row per list: style, items, announced count")
    _add_common(p)
    p.set_defaults(func=_path_table_command("enumerations"))

    p = sub.add_parser("tokens", help="print the tokens table (words, POS, offsets, stopword flag, lexicon tag)")
    _add_common(p)
    p.add_argument(
        "--workers", "-j", type=int, default=0,
        help="segmenting processes (default: all cores); with more than one, one more reads the files",
    )
    _add_engine(p)
    p.set_defaults(func=cmd_tokens)

    p = sub.add_parser("audit", help="list lexicon terms the segmenter split")
    _add_common(p)
    _add_engine(p)
    p.set_defaults(func=cmd_audit)

    p = sub.add_parser("kwic", help="concordance: QUERY is a word, phrase or pattern with * slots (要有*意识)")
    p.add_argument("query")
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or folders (default: the built corpus)")
    _add_common(p, paths=False)
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
    _add_common(p, paths=False)
    p.add_argument("--min-n", type=int, default=2)
    p.add_argument("--max-n", type=int, default=4)
    p.add_argument("--min-count", type=int, default=2)
    p.add_argument("--per-doc", action="store_true", help="counts per document instead of for the corpus")
    p.add_argument("--top", type=int, default=0, help="keep the N most frequent per n (per document with --per-doc)")
    p.set_defaults(func=cmd_ngrams)

    p = sub.add_parser("collocations", help="word pairs by log-likelihood and PMI")
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or folders (default: the built corpus)")
    _add_common(p, paths=False)
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
        _add_common(p, paths=False)
        p.add_argument("--all", action="store_true", help="formulas: include counts (三点意见) too; parallels: lists of nouns and low scores too")
        p.add_argument("--min-n", type=int, default=0, help="parallels: at least this many members")
        p.set_defaults(func=_table_command(name))

    p = sub.add_parser("templates", help="fillers of slot templates (要有*意识 …) and of recurring parallel frames")
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or folders (default: the built corpus)")
    _add_common(p, paths=False)
    p.add_argument("--min-count", type=int, default=1)
    p.add_argument("--mined", action="store_true",
                   help="frames mined from the speeches themselves (在*的基础上, 加大*力度 …), ranked by speeches and speakers")
    p.set_defaults(func=cmd_templates)

    p = sub.add_parser("timeline", help="formulations (or --term) per year: rates, first/last use, trends, period keyness")
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or folders (default: the built corpus)")
    _add_common(p, paths=False)
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
    _add_common(p)
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
        _err(str(e).strip("'\""))
        return EXIT_INPUT
    except BrokenPipeError:  # `tifa docs … | head`
        return EXIT_OK
    except KeyboardInterrupt:
        _err("interrupted")
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
