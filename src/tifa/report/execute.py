"""The main job: build the corpus if needed and execute the notebooks into HTML.

Every ``notebooks/NN_name.ipynb`` (paired with ``NN_name.py`` by jupytext) is
executed headless with nbclient in the notebooks folder, converted to HTML
with nbconvert and written atomically to ``reports/NN_name.html``;
``reports/index.html`` links them.  Speech text reaches the HTML only through
pandas/nbconvert, which escape it.
"""
from __future__ import annotations

import html
import sys
import time
from pathlib import Path

from ..atomic import write_text_atomic
from ..config import EXAMPLES, EXAMPLES_PROCESSED, NOTEBOOKS, PROCESSED, RAW, REPORTS


def notebook_paths(folder: Path = NOTEBOOKS) -> list[Path]:
    """The report's notebooks, in order."""
    return sorted(p for p in folder.glob("[0-9][0-9]_*.ipynb"))


def _read_notebook(path: Path):
    import jupytext
    import nbformat

    paired = path.with_suffix(".py")
    if paired.exists():  # the .py is the reviewed source of truth
        return jupytext.read(paired)
    return nbformat.read(path, as_version=4)


def execute_notebook(path: Path, *, timeout: int = 600):
    """Execute one notebook headless in its folder; return the executed notebook."""
    from nbclient import NotebookClient

    nb = _read_notebook(path)
    nb.metadata.setdefault("kernelspec", {"name": "python3", "display_name": "Python 3", "language": "python"})
    client = NotebookClient(
        nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    )
    client.execute()
    return nb


def to_html(nb) -> str:
    """The page a reader sees: outputs only (no code, no prompts), a table of contents,
    and the CJK font subset embedded (see :mod:`tifa.report.webpage`)."""
    from nbconvert import HTMLExporter

    from .webpage import readable_page

    exporter = HTMLExporter(exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(nb)
    return readable_page(body)


def corpus_summary(processed: Path) -> str:
    """One paragraph on the built corpus, computed from its tables (HTML-escaped)."""
    from ..corpus.tables import read_table

    try:
        docs = read_table("documents", processed)
    except FileNotFoundError:
        return "The corpus has not been built yet."
    years = docs["date"].dropna().astype(str).str[:4]
    span = f", dated {years.min()}–{years.max()}" if len(years) else ""
    n_dup = int(docs["duplicate_of"].notna().sum())
    parts = [f"{len(docs)} documents from {docs['source'].nunique()} files, {int(docs['n_chars'].sum()):,} characters{span}"]
    if n_dup:
        parts.append(f"{n_dup} marked as near-duplicates (kept, not dropped)")
    try:
        f = read_table("formulas", processed)
        f = f[f["kind"] == "formulation"]
        recurring = f.groupby("formula")["doc_id"].nunique()
        parts.append(f"{f['formula'].nunique()} distinct formulations, {int((recurring >= 2).sum())} of them in two or more documents")
    except (FileNotFoundError, KeyError):
        pass
    return html.escape("; ".join(parts) + ".")


def _index_html(entries: list[tuple[str, str, float]], summary: str = "") -> str:
    from .webpage import readable_page

    items = "\n".join(
        f'<li><a href="{html.escape(href)}">{html.escape(title)}</a> <small>({secs:.1f} s)</small></li>'
        for href, title, secs in entries
    )
    page = (
        "<!doctype html>\n<html lang=\"zh\"><head><meta charset=\"utf-8\"><title>tifa report</title></head>\n"
        "<body style=\"max-width:60em;margin:2em auto;line-height:1.6\"><h1>tifa — analysis of Chinese official speeches</h1>\n"
        f"<p>{summary}</p>\n<h2 id=\"pages\">Pages</h2>\n<ul>\n{items}\n</ul>\n"
        "<p><small>Every table can be searched, sorted and paged; each page's closing table is also a CSV beside it. "
        "Chinese is drawn with an embedded subset of Noto Sans CJK, so no font needs installing.</small></p>\n"
        "</body></html>\n"
    )
    return readable_page(page, home=None)


def make_report(
    *,
    raw: Path = RAW,
    processed: Path = PROCESSED,
    reports: Path = REPORTS,
    notebooks: Path = NOTEBOOKS,
    rebuild: bool = True,
    timeout: int = 600,
    sample: int | None = None,
    examples: Path | None = EXAMPLES,
    examples_processed: Path = EXAMPLES_PROCESSED,
    timeline: Path | None = None,
) -> list[Path]:
    """Build (unless ``rebuild`` is False) and execute every notebook into HTML.

    ``sample`` caps the speeches the notebooks show (default ``$TIFA_SAMPLE``
    or 300); the kernels inherit it through the environment.
    """
    import os

    from ..corpus.build import build_corpus as build

    if sample is not None:
        os.environ["TIFA_SAMPLE"] = str(sample)
    os.environ["TIFA_REPORTS"] = str(reports)  # where the kernels write each page's CSV

    if rebuild or not (processed / "documents.parquet").exists():
        corpus = build(raw, processed, progress=True)
        for e in corpus.errors:
            print(f"tifa: {e}", file=sys.stderr)
    # the dated example archive for the timeline page, built incrementally into its own folder
    # (``timeline``: a built, dated corpus of the user's own instead)
    if timeline is None and examples is not None and examples.is_dir():
        if rebuild or not (examples_processed / "documents.parquet").exists():
            print(f"tifa: building the example archive {examples}", file=sys.stderr)
            build(examples, examples_processed, progress=True)
        timeline = examples_processed
    if timeline is not None:
        os.environ["TIFA_TIMELINE"] = str(timeline)
    written: list[Path] = []
    entries = []
    for nb_path in notebook_paths(notebooks):
        t0 = time.perf_counter()
        print(f"tifa: executing {nb_path.name}", file=sys.stderr)
        os.environ["TIFA_PAGE"] = nb_path.stem  # the kernel names the CSVs of tables too long to show by it
        nb = execute_notebook(nb_path, timeout=timeout)
        out = reports / f"{nb_path.stem}.html"
        write_text_atomic(out, to_html(nb))
        written.append(out)
        title = next(
            (c.source.lstrip("# ").splitlines()[0] for c in nb.cells if c.cell_type == "markdown" and c.source.strip()),
            nb_path.stem,
        )
        entries.append((out.name, title, time.perf_counter() - t0))
    index = reports / "index.html"
    write_text_atomic(index, _index_html(entries, corpus_summary(processed)))
    written.append(index)
    return written
