"""Every supported format yields the same analysis; bad inputs fail clearly, one line each."""
from __future__ import annotations

import html
import io
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from tifa.corpus.tables import load
from tifa.errors import InputError
from tifa.read.files import read_text

from ..conftest import seed

SPEECH = seed("003").read_text(encoding="utf-8")


def make_docx(path: Path, text: str) -> Path:
    import docx

    d = docx.Document()
    for line in text.split("\n"):
        d.add_paragraph(line)
    d.save(str(path))
    return path


def make_html(path: Path, text: str, *, charset: str = "utf-8") -> Path:
    body = "\n".join(f"<p>{html.escape(line)}</p>" for line in text.split("\n") if line.strip())
    page = f"""<!doctype html><html><head><meta charset="{charset}"><title>讲话 - 某某范文网</title>
<style>p {{ color: red }}</style><script>document.write("广告：立即订阅会员！")</script></head>
<body><header><a href="/">首页</a> &gt; <a href="/jh">讲话稿</a></header>
<nav><ul><li><a href="/a">热门文章：学习心得体会范文大全</a></li><li><a href="/b">推荐阅读：述职报告</a></li></ul></nav>
<div id="content" class="article-content">{body}</div>
<aside>相关推荐：<a href="/c">在办公室主任会议上的讲话</a></aside>
<footer>版权所有 © 2024 某某范文网 京ICP备12345678号</footer>
<script>alert("never run")</script></body></html>"""
    path.write_bytes(page.encode("gb18030" if charset.lower().startswith("gb") else charset))
    return path


def _tables(path: Path):
    corpus = load([path])
    assert not corpus.errors, corpus.errors
    docs = corpus.documents[["title", "text", "n_chars"]].reset_index(drop=True)
    outline = corpus.outline[["item_id", "parent_id", "depth", "marker", "ordinal", "title", "start", "end"]].reset_index(drop=True)
    formulas = corpus.formulas[["formula", "kind", "members", "start"]].reset_index(drop=True)
    parallels = corpus.parallels[["members", "frame", "start"]].reset_index(drop=True)
    return docs, outline, formulas, parallels


def test_same_speech_in_four_formats_gives_the_same_tables(tmp_path):
    paths = {
        "utf8": tmp_path / "speech.txt",
        "gb18030": tmp_path / "speech_gbk.txt",
        "docx": make_docx(tmp_path / "speech.docx", SPEECH),
        "html": make_html(tmp_path / "speech.html", SPEECH),
    }
    paths["utf8"].write_text(SPEECH, encoding="utf-8")
    paths["gb18030"].write_bytes(SPEECH.encode("gb18030"))
    reference = _tables(paths["utf8"])
    assert reference[0].loc[0, "title"] == "在市X系统办公室主任暨业务培训会上的讲话"
    assert len(reference[1]) > 15 and len(reference[2]) > 3
    for name, p in paths.items():
        got = _tables(p)
        for a, b in zip(reference, got):
            pd.testing.assert_frame_equal(a, b, check_dtype=False, obj=name)


def test_html_main_text_only_scripts_never_kept(tmp_path):
    p = make_html(tmp_path / "page.html", SPEECH)
    text = read_text(p).text
    for junk in ("never run", "document.write", "首页", "热门文章", "相关推荐", "版权所有", "color: red"):
        assert junk not in text, junk
    assert "经局党组研究决定" in text


def test_html_charset_from_the_page(tmp_path):
    p = make_html(tmp_path / "gbk.html", SPEECH, charset="gb2312")
    assert "经局党组研究决定" in read_text(p).text


def test_pdf_with_a_text_layer(tmp_path):
    from fpdf import FPDF

    from tifa.report.plots import cjk_font_path

    font = cjk_font_path().parent / "SimHei.ttf"
    pdf = FPDF()
    pdf.add_font("cjk", fname=str(font))
    pdf.set_font("cjk", size=11)
    pdf.add_page()
    text = seed("004").read_text(encoding="utf-8").split("您可能感兴趣")[0]
    for line in text.split("\n"):
        if line.strip():
            pdf.multi_cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
    p = tmp_path / "speech.pdf"
    pdf.output(str(p))
    corpus = load([p])
    assert not corpus.errors
    doc = corpus.documents.iloc[0]
    assert doc["format"] == "pdf"
    assert "必须要强化六种意识" in doc["text"] or "必须要强化六种意识" in doc["title"]
    assert list(corpus.outline[corpus.outline["depth"] == 1]["marker"]) == ["一、", "二、", "三、", "四、"]


def test_scanned_pdf_without_text_layer_is_refused(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(10, 10, 100, 100, style="F")  # an image-only page
    p = tmp_path / "scan.pdf"
    pdf.output(str(p))
    with pytest.raises(InputError, match="no text layer"):
        read_text(p)


def test_traditional_chinese_is_analysed_simplified_and_kept(tmp_path):
    import opencc

    trad = opencc.OpenCC("s2t").convert(SPEECH)
    p = tmp_path / "trad.txt"
    p.write_text(trad, encoding="utf-8")
    big5 = tmp_path / "big5.txt"
    big5.write_bytes(trad.encode("big5", errors="ignore"))
    d = read_text(p)
    assert d.original == trad and "经局党组研究决定" in d.text
    assert any("traditional" in w for w in d.warnings)
    assert read_text(big5).encoding == "big5"
    corpus = load([p])
    assert corpus.documents.iloc[0]["script"] == "traditional"
    assert corpus.originals.iloc[0]["text"] == trad


def _zip(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(name, data)
    return buf.getvalue()


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("empty.txt", b"", "empty file"),
        ("binary.txt", bytes(range(256)) * 16, "binary file"),
        ("corrupt.docx", b"PK\x03\x04" + b"\x00garbage" * 50, "corrupt .docx"),
        ("notword.docx", _zip({"hello.txt": b"hi"}), "no word/document.xml"),
        ("bomb.docx", _zip({"word/document.xml": b"\x00" * (20 * 1024 * 1024), "[Content_Types].xml": b"<x/>"}), "zip bomb"),
        ("broken.pdf", b"%PDF-1.4\n%garbage\n", "PDF"),
    ],
)
def test_bad_inputs_fail_with_one_line_naming_the_file(tmp_path, name, data, message):
    p = tmp_path / name
    p.write_bytes(data)
    with pytest.raises(InputError) as exc:
        read_text(p)
    assert str(p) in str(exc.value) and message in str(exc.value) and "\n" not in str(exc.value)


def test_huge_file_limit_and_flag(tmp_path):
    p = tmp_path / "big.txt"
    p.write_text(SPEECH * 3, encoding="utf-8")
    corpus = load([p], max_bytes=1000)
    assert "too large" in str(corpus.errors[0])
    assert not load([p], max_bytes=None).errors


def test_text_without_chinese_warns_but_is_processed(tmp_path):
    p = tmp_path / "english.txt"
    p.write_text("Comrades, today we discuss the work of the office. " * 20, encoding="utf-8")
    corpus = load([p])
    assert not corpus.errors and len(corpus.documents) == 1
    assert any("no Chinese text" in w for w in corpus.warnings)


def test_mixed_encodings_are_decoded_line_by_line_with_a_warning(tmp_path):
    lines = SPEECH.split("\n")
    data = b"\n".join(l.encode("gb18030") if i % 5 == 0 else l.encode("utf-8") for i, l in enumerate(lines))
    p = tmp_path / "mixed.txt"
    p.write_bytes(data)
    d = read_text(p)
    assert d.encoding == "mixed" and any("mixed encodings" in w for w in d.warnings)
    assert d.text == SPEECH


def test_cli_reports_each_bad_file_and_processes_the_rest(tmp_path):
    import subprocess
    import sys

    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bomb.docx").write_bytes(_zip({"word/document.xml": b"\x00" * (20 * 1024 * 1024)}))
    make_html(tmp_path / "ok.html", SPEECH)
    r = subprocess.run([sys.executable, "-m", "tifa.cli", "docs", str(tmp_path), "-f", "csv"], capture_output=True, text=True)
    assert r.returncode == 1
    assert len(r.stderr.strip().splitlines()) == 2
    assert "在市X系统办公室主任暨业务培训会上的讲话" in r.stdout


def _html_text(tmp_path, html: str) -> str:
    """The text tifa's reader takes from an .html page written to ``tmp_path``."""
    from tifa.read.formats import read_html

    path = tmp_path / "a.html"
    path.write_text(html, encoding="utf-8")
    return read_html(path, path.read_bytes())[0]


def test_an_html_article_inside_a_form_with_its_heading_as_h2_and_a_byline(tmp_path):
    """A CMS that wraps the article in a form (VSB's _newscontent_fromname) and gives its heading as
    an h2 with the speaker's line under it: the whole article, title first."""
    html = ("<html><body><div class='nav'><a href='/'>首页</a><a href='/a'>党群工作</a></div><div class='right'>"
            "<form name='_newscontent_fromname'><h2>在学院机关作风建设推进会上的讲话</h2><p class='author'>常务副院长　王某某</p>"
            "<div class='v_news_content'><p>同志们：</p><p>今天召开学院机关作风建设推进会，主要是回顾前一阶段作风建设情况，查找存在的问题，"
            "对下一步工作提出要求。机关作风好不好，直接关系到教学科研的质量，也关系到师生对机关的评价。下面，我讲三点意见。</p>"
            "<p>壹、正视问题</p><p>一、服务意识还不够强。</p></div></form></div></body></html>")
    text = _html_text(tmp_path, html)
    assert text.startswith("在学院机关作风建设推进会上的讲话\n常务副院长 王某某\n同志们：")
    assert "今天召开学院机关作风建设推进会" in text and "党群工作" not in text


def test_an_html_articles_own_heading_inside_its_header(tmp_path):
    """A blog (WordPress) puts the article's h1 in the article's <header>, which the reader drops with
    the page's headers: the heading is still the title."""
    html = ("<html><body><header id='site-header'><div class='site-title'><a href='/'>公文小筑</a></div></header>"
            "<main><article><header class='entry-header'><h1 class='entry-title'>县委办公室副主任2024年度述职述廉报告</h1>"
            "<div class='post-meta'>发布于 2025年1月14日</div></header><div class='entry-content'><p>各位领导、同志们：</p>"
            "<p>2024年，我在县委和县委办公室主任的领导下，分管文稿起草、信息和督查工作。现将履职和廉洁自律情况报告如下，请予评议。</p>"
            "</div></article></main></body></html>")
    text = _html_text(tmp_path, html)
    assert text.startswith("县委办公室副主任2024年度述职述廉报告\n各位领导、同志们：")
    assert "公文小筑" not in text
