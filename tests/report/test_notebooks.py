"""Every notebook executes headless on the seed corpus; the report links them all."""
from __future__ import annotations


from tifa.config import NOTEBOOKS
from tifa.report.execute import make_report, notebook_paths


def test_report_executes_every_notebook(project):
    raw, processed, reports = project / "data" / "raw", project / "data" / "processed", project / "reports"
    written = make_report(
        raw=raw, processed=processed, reports=reports, notebooks=NOTEBOOKS, timeout=300,
        examples_processed=processed / "examples" / "work-reports",
    )
    names = sorted(p.name for p in written)
    expected = sorted([p.stem + ".html" for p in notebook_paths(NOTEBOOKS)] + ["index.html"])
    assert names == expected
    index = (reports / "index.html").read_text(encoding="utf-8")
    for p in notebook_paths(NOTEBOOKS):
        assert f'href="{p.stem}.html"' in index
    html = (reports / "01_corpus.html").read_text(encoding="utf-8")
    assert "在新入职办公室干部交流会上的讲话" in html
    for p in notebook_paths(NOTEBOOKS):
        body = (reports / f"{p.stem}.html").read_text(encoding="utf-8")
        assert "Traceback (most recent call last)" not in body, p.stem
    _check_pages_read_as_a_reader_sees_them(reports)
    assert (reports / "02_themes.html").read_text(encoding="utf-8").count("data:image/png") >= 4
    assert (reports / "04_structure.html").read_text(encoding="utf-8").count("data:image/png") >= 3


def test_plots_font_has_glyphs_for_the_corpus(corpus):
    from tifa.report.plots import cjk_font_path, font_has_glyphs, setup_cjk_font

    name = setup_cjk_font()
    assert "CJK" in name or "Han" in name
    assert cjk_font_path().exists()
    titles = "".join(corpus.documents["title"])
    assert font_has_glyphs(titles)


def test_notebook_figures_render_chinese_without_missing_glyphs(corpus):
    """Draw every kind of plot with the corpus' Chinese and check no glyph is missing."""
    import warnings

    import matplotlib

    matplotlib.use("Agg")
    from tifa.report import plots
    from tifa.analysis import themes

    docs = corpus.documents
    titles = list(docs["title"].fillna(""))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ax = plots.bar(docs.set_index("title")["n_chars"], title="文档长度")
        ax.figure.canvas.draw()
        scores = themes.theme_scores(docs)
        scores.index = [t[:10] or "?" for t in titles]
        ax = plots.heatmap(scores, title="主题强度")
        ax.figure.canvas.draw()
        ax = plots.wordcloud({"四个意识": 5, "参谋助手": 3, "服务领导": 2}, title="词云")
        ax.figure.canvas.draw()
        ax = plots.structure_map(corpus.outline, docs)
        ax.figure.canvas.draw()
    missing = [str(w.message) for w in caught if "missing from" in str(w.message) or "Glyph" in str(w.message)]
    assert not missing, missing
    # the font matplotlib resolves for Chinese text is the bundled CJK font
    from matplotlib import font_manager

    resolved = font_manager.findfont(font_manager.FontProperties(family=matplotlib.rcParams["font.sans-serif"][0]))
    assert resolved == str(plots.cjk_font_path())
    assert plots.font_has_glyphs("".join(titles) + "".join(scores.columns))


def _check_pages_read_as_a_reader_sees_them(reports):
    """Every page: Chinese covered by its embedded font, no code, a table of contents,
    findings in words, interactive tables, its closing table as a linked CSV beside it."""
    import re

    from tifa.report.webpage import embedded_font, font_coverage_gaps, is_cjk, page_characters

    for page in sorted(reports.glob("*.html")):
        body = page.read_text(encoding="utf-8")
        assert embedded_font(body), page.name
        assert any(is_cjk(c) for c in page_characters(body)), page.name
        assert not font_coverage_gaps(body), (page.name, sorted(font_coverage_gaps(body))[:20])
        assert 'class="tifa-toc"' in body, page.name
        if page.name == "index.html":
            assert "documents from" in body
            continue
        assert "from tifa" not in body and "import pandas" not in body, page.name  # no code shown
        assert 'class="jp-CodeMirrorEditor' not in body and '<div class="highlight' not in body, page.name
        assert "itables_" in body, page.name  # interactive (searchable, sortable) tables
        csvs = re.findall(r'href="([0-9]{2}_[a-z_]+\.csv)"', body)
        assert csvs and all((reports / c).exists() for c in csvs), page.name
        assert "<strong>" in body, page.name  # a finding in words, with its key figures in bold
