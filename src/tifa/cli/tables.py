"""The ``tifa`` commands that print one table of the files given: ``docs``, ``sentences``,
``cleaning-log``, ``outline``, ``enumerations``, ``tokens``, ``audit``, and — of the files or the
built corpus — ``formulas``, ``parallels``, ``quotes`` and ``templates``.

Owns what each of these prints (columns, filters such as ``--all``).  Must not parse arguments
(:mod:`tifa.cli.main`) nor compute a table itself: each is the stage's, imported when the command
runs.
"""
from __future__ import annotations

import argparse
import sys

from .common import byte_limit, corpus_or_processed, load_paths, n_workers, report_errors
from .output import write_table

def cmd_docs(args: argparse.Namespace) -> int:
    corpus = load_paths(args)
    df = corpus.documents
    cols = ["doc_id", "source", "part", "title", "date", "text", "n_chars", "duplicate_of"]
    if args.all_columns or args.format != "table":
        cols = list(df.columns)
    write_table(df[cols], args.format)
    return report_errors(corpus.errors, corpus.warnings)


def cmd_outline(args: argparse.Namespace) -> int:
    from ..structure.outline import tree

    corpus = load_paths(args)
    if args.format == "tree":
        sys.stdout.write(tree(corpus.outline, corpus.documents))
    else:
        write_table(corpus.outline, args.format)
    return report_errors(corpus.errors, corpus.warnings)


def table_command(name: str):
    """`tifa NAME [PATH...]`: formulas, parallels or quotes of the files, or of the built corpus."""

    def run(args: argparse.Namespace) -> int:
        corpus = corpus_or_processed(args, tokens=False, findings=True)
        df = getattr(corpus, name)
        if name == "formulas" and not args.all:
            df = df[df["kind"] == "formulation"]
        if name == "parallels" and not args.all:
            from ..rhetoric.parallels import accepted

            df = accepted(df)  # 排比 a speechwriter accepts; --all adds lists and low scores
        if name == "parallels" and args.min_n:
            df = df[df["n"] >= args.min_n]
        write_table(df, args.format)
        return report_errors(corpus.errors, corpus.warnings)

    return run


def cmd_templates(args: argparse.Namespace) -> int:
    from ..rhetoric.templates import mine_templates, templates_table

    if args.mined:
        corpus = corpus_or_processed(args, tokens=False)
        df = mine_templates(corpus.documents, corpus.sentences)
        write_table(df[df["count"] >= args.min_count], args.format)
        return report_errors(corpus.errors, corpus.warnings)
    corpus = corpus_or_processed(args, tokens=False, findings=True)
    df = templates_table(corpus.documents, corpus.sentences, parallels=corpus.parallels, min_count=args.min_count)
    write_table(df, args.format)
    return report_errors(corpus.errors, corpus.warnings)


def path_table_command(name: str):
    """`tifa NAME PATH...`: one table of the corpus of the given files or folders."""

    def run(args: argparse.Namespace) -> int:
        corpus = load_paths(args)
        write_table(getattr(corpus, name), args.format)
        return report_errors(corpus.errors, corpus.warnings)

    return run


def n_workers(args: argparse.Namespace) -> int:
    from ..tokens.segment import default_workers

    return args.workers or default_workers()


def cmd_tokens(args: argparse.Namespace) -> int:
    from ..read.files import iter_sources
    from .output import aligned_cells, csv_chunks, json_chunks, write_aligned, write_arrow, write_csv, write_json
    from ..tokens.segment import TOKEN_COLUMNS, documents_tokens, tokens_of_files

    # straight from the files: the tokens need none of the other tables
    sources = list(iter_sources(args.paths))
    files = dict(workers=n_workers(args), max_bytes=byte_limit(args), engine=args.engine)
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
    return report_errors(errors, warnings)


def cmd_audit(args: argparse.Namespace) -> int:
    from ..tokens.segment import Segmenter, audit, tokens_frame

    corpus = load_paths(args)
    seg = Segmenter(engine=args.engine)
    tokens = tokens_frame(corpus.documents, corpus.sentences, segmenter=seg)
    df = audit(tokens, corpus.sentences, [e.word for e in seg.entries])
    write_table(df, args.format)
    print(f"tifa: {len(df)} lexicon term occurrence(s) split by the segmenter", file=sys.stderr)
    return report_errors(corpus.errors, corpus.warnings)

