"""The ``tifa`` commands that analyse a corpus (the files given, or the built one): ``kwic``,
``ngrams``, ``collocations``, ``timeline``, ``diffusion``, ``compare``, and ``check``, which
proofreads drafts against the archive.

Owns how each command turns its options into calls of :mod:`tifa.analysis` and
:mod:`tifa.check` and which errors are bad usage (exit 2).  Must not parse arguments
(:mod:`tifa.cli.main`) nor compute anything the analysis stages own.
"""
from __future__ import annotations

import argparse
import re
from pathlib import Path

from ..errors import InputError, TifaError
from .common import EXIT_INPUT, EXIT_OK, EXIT_USAGE, byte_limit, corpus_or_processed, err, n_workers, report_errors
from .output import write_table

def cmd_kwic(args: argparse.Namespace) -> int:
    from ..text.kwic import kwic

    corpus = corpus_or_processed(args, tokens=args.whole_words)
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
        err(f"bad query {args.query!r}: {e}")
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
        err(str(e).strip("'\""))
        return EXIT_USAGE
    write_table(df, args.format)
    return report_errors(corpus.errors, corpus.warnings)


def cmd_timeline(args: argparse.Namespace) -> int:
    from ..analysis import timeline as tl

    corpus = corpus_or_processed(args, tokens=False, findings=True)
    docs = corpus.documents
    if not len(tl.doc_years(docs)):
        err("no document has a date: give dates in metadata.csv, the text, or the file name (gwr-1984.txt)")
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
            err("--view keyness needs --period FROM-TO (e.g. 1990-1999)")
            return EXIT_USAGE
        a, _, b = args.period.partition("-")
        df = tl.period_keyness(yearly, docs, range(int(a), int(b or a) + 1))
    else:
        df = tl.co_occurrence(tl.mentions(docs, corpus.formulas))
    write_table(df, args.format)
    return report_errors(corpus.errors, corpus.warnings)


def cmd_diffusion(args: argparse.Namespace) -> int:
    """From the centre to the provinces: first use, adoption curves, origin, lags, echo, panel."""
    from ..analysis import diffusion as dif
    from ..corpus.tables import Corpus, load

    if args.paths:
        corpus = load(args.paths, max_bytes=byte_limit(args), progress=not args.quiet, findings=False, workers=n_workers(args))
    elif (args.processed / "documents.parquet").exists():
        corpus = Corpus.lazy(args.processed)
    else:
        raise InputError(args.processed, "no built corpus here; give PATHs or run `tifa build` first")
    docs = corpus.documents
    if not len(dif.dated(docs)):
        err("no document has both a place and a year: give them in metadata.csv (place, date), the text, or folder names")
        return EXIT_INPUT
    terms = args.term or dif.default_terms(docs, None if args.paths else corpus.formulas)
    df = dif.view(docs, args.view, terms, level=args.level)
    if args.save:
        written = dif.save(docs, terms, args.save, level=args.level)
        err(f"wrote {len(written)} files to {args.save} (panel.csv, panel.parquet, panel.dta, …)")
    write_table(df, args.format)
    return report_errors(corpus.errors, corpus.warnings)


def cmd_ngrams(args: argparse.Namespace) -> int:
    from ..analysis.ngrams import corpus_ngrams, ngrams_frame

    corpus = corpus_or_processed(args, tokens=True)
    ns = range(args.min_n, args.max_n + 1)
    if args.per_doc:
        df = ngrams_frame(corpus.tokens, ns=ns, min_count=args.min_count)
    else:
        df = corpus_ngrams(corpus.tokens, ns=ns, min_count=args.min_count)
    if args.top:
        df = df.groupby(df.columns[0] if args.per_doc else "n", sort=False).head(args.top) if len(df) else df
    write_table(df, args.format)
    return report_errors(corpus.errors, corpus.warnings)


def cmd_collocations(args: argparse.Namespace) -> int:
    from ..analysis.ngrams import collocations

    corpus = corpus_or_processed(args, tokens=True)
    df = collocations(corpus.tokens, min_count=args.min_count)
    if args.top:
        df = df.head(args.top)
    write_table(df, args.format)
    return report_errors(corpus.errors, corpus.warnings)


def cmd_compare(args: argparse.Namespace) -> int:
    """Keyness of a documents column's groups (words and formulations), or their theme and outline profiles."""
    from ..analysis import themes
    from ..analysis import compare as cmp

    corpus = corpus_or_processed(args, tokens=args.what == "words", findings=True)
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
        err(str(e).strip("'\""))
        return EXIT_USAGE
    write_table(df, args.format)
    return report_errors(corpus.errors, corpus.warnings)


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
        err(f"--date {args.date}: not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
        return EXIT_USAGE
    drafts = list(iter_inputs(args.paths))
    bad, dirty, frames = False, False, []
    for draft in drafts:
        try:
            checked = check_file(draft, date=args.date, against=args.against or None, max_bytes=byte_limit(args))
        except TifaError as e:
            err(str(e))
            bad = True
            continue
        df = checked.findings if args.all else checked.findings[checked.findings["severity"] != "info"]
        if len(drafts) > 1:
            err(f"{draft}: {len(df)} finding(s)")
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
            err(f"{e.filename or args.html or args.docx}: cannot write: {e.strerror or e}")
            bad = True
    if not drafts:
        err("no drafts to check (no supported files in the paths given)")
        return EXIT_USAGE
    if frames:
        write_table(pd.concat(frames, ignore_index=True), args.format)
    return EXIT_USAGE if bad else (1 if dirty else EXIT_OK)
