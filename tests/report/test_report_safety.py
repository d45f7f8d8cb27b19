"""Speech text reaches the report's pages only as text: a corpus whose titles, bodies, headings,
speakers, occasions and file names carry script payloads is built and every notebook executed;
the pages hold the payloads escaped (fast check) and, loaded in headless Chromium, run none of them
(no handler changes the page's title, no payload element is live in the DOM)."""
from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from tifa.config import NOTEBOOKS
from tifa.report.notebook import finding_html, fragment, joined

SEEDS = Path(__file__).resolve().parents[2] / "data" / "raw"

#: Each payload, if it ever ran, would set the page's title to a PWNED marker.
SCRIPT = "<script>document.title='PWNED-script'</script>"
IMG = "<img src=\"x\" onerror=\"document.title='PWNED-img'\">"
SVG = "\"><svg onload=\"document.title='PWNED-svg'\">"
TABLE = "</table></script><img src=\"y\" onerror=\"document.title='PWNED-table'\">"
MD_LINK = "[点这里](javascript:document.title='PWNED-mdlink')"
MD_IMG = "![图](x\" onerror=\"document.title='PWNED-mdimg')"
TEMPLATE = "{{7*7}} ${alert(1)} {0} {title} $x^2$ ** *"
PAYLOADS = (SCRIPT, IMG, SVG, TABLE, MD_LINK, MD_IMG, TEMPLATE)
#: Raw HTML that must never appear as it is in a page (only escaped).
RAW_MARKUP = (SCRIPT, IMG, "<svg onload=", TABLE, '<img src="y" onerror')
#: A paragraph of its own for each hostile speech (else they would be near-duplicates of each other,
#: which the pages leave out).
OWN = (
    "今年以来，全市办公室系统围绕中心、服务大局，在督促检查、信息报送、机要保密等方面做了大量工作，"
    "文稿起草质量明显提高，会议组织更加规范，应急值守坚持二十四小时不间断，得到了市委市政府的充分肯定。",
    "作风建设永远在路上。有的同志习惯于坐在办公室里听汇报、看材料，深入基层调查研究不够；有的同志"
    "工作标准不高，满足于过得去、差不多；还有的同志纪律观念淡薄，迟到早退、上班时间做与工作无关的事情。",
    "回顾一年来的工作，我们深刻体会到：必须坚持党的领导，始终把政治建设摆在首位；必须坚持以人民为中心，"
    "把群众满意作为最高标准；必须坚持改革创新，用新办法解决新问题；必须坚持从严治党，锻造过硬队伍。",
)


def _speech(title: str, body: str, heading: str, own: str) -> str:
    return (
        f"{title}\n同志们：\n今天召开办公室工作会议，我讲三点意见。{body}我们要牢固树立“四个意识”。\n{own}\n"
        f"一、{heading}要提高政治站位\n办公室要服务领导、服务机关、服务基层。我们要有大局意识，要有责任意识。\n"
        f"二、要改进工作作风{IMG}\n我们要强基础、转作风、树形象。{MD_LINK}要做到“五勤”：脑勤、眼勤、耳勤、嘴勤、手勤。\n"
        f"三、要加强自身建设\n加大学习力度，加大培训力度，加大考核力度。{TABLE}在新的基础上再接再厉。\n谢谢大家！\n"
    )


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """The report of the seeds plus three hostile speeches, executed into HTML (the timeline page
    reads this same corpus, its speakers being payloads)."""
    from tifa.corpus.ingest import add_files
    from tifa.report.execute import make_report

    root = tmp_path_factory.mktemp("hostile")
    raw, processed, reports = root / "data" / "raw", root / "data" / "processed", root / "reports"
    raw.mkdir(parents=True)
    for p in sorted(SEEDS.glob("*.txt")):
        shutil.copyfile(p, raw / p.name)
    incoming = root / "incoming"
    incoming.mkdir()
    speeches = [
        ("speech_a.txt", f"在全市办公室工作会议上的讲话{SCRIPT}", SVG, MD_IMG, "2014-03-05", IMG, SCRIPT),
        ("speech_b.txt", f"在机关作风建设大会上的讲话{MD_LINK}", SCRIPT, TEMPLATE, "2016-07-01", MD_LINK, TABLE),
        (f"evil{IMG}.txt", f"在年度总结会上的讲话{TEMPLATE}", TEMPLATE, SVG, "2019-12-20", TEMPLATE + SVG, MD_IMG),
    ]
    for (name, title, body, heading, date, speaker, occasion), own in zip(speeches, OWN):
        f = incoming / name
        f.write_text(_speech(title, body, heading, own), encoding="utf-8")
        add_files([f], raw, title=title, date=date, speaker=speaker, occasion=occasion)
    saved = dict(os.environ)
    try:
        os.environ["TIFA_HOME"] = str(root)  # the kernels read this corpus
        os.environ["TIFA_TIMELINE"] = str(processed)
        os.environ["TIFA_DIFFUSION"] = str(SEEDS.parent / "examples" / "diffusion")  # its shipped views
        make_report(raw=raw, processed=processed, reports=reports, notebooks=NOTEBOOKS, timeout=300,
                    examples=None, timeline=processed)
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return processed, reports


# --------------------------------------------------------------------------- fast


def test_a_finding_escapes_every_value_and_renders_no_markdown():
    html = finding_html("**{n} documents**, most often *{reason}*; {pct:.1%} {{literal}}", n=3, reason=IMG, pct=0.25)
    assert html.count("<strong>3 documents</strong>") == 1 and "<em>&lt;img src=&quot;x&quot; onerror=" in html
    assert "<img" not in html and "{literal}" in html and "25.0%" in html
    for p in PAYLOADS:
        out = finding_html("speaker {s} said", s=p)
        assert "<script" not in out and "<img" not in out and "<svg" not in out and "</table" not in out
        assert "href" not in out and "<strong>" not in out and "<em>" not in out  # data makes no markup
        assert "{title}" in out if p == TEMPLATE else True  # a value is never read as a field
    # a list of items, each with its own bold, every item's data escaped
    items = joined("; ", [fragment("**{f}** ({y})", f=SCRIPT, y=2014), "a<b"], empty="none")
    out = finding_html("The newest: {items}.", items=items)
    assert out.count("<strong>") == 1 and "&lt;script&gt;" in out and "a&lt;b" in out and "<script" not in out
    assert "none" in finding_html("{x}", x=joined("、", [], empty="none"))


def _string_template(node: ast.AST) -> bool:
    """A template the author wrote: string constants, joined by ``+`` or chosen by ``… if … else …``."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _string_template(node.left) and _string_template(node.right)
    if isinstance(node, ast.IfExp):
        return _string_template(node.body) and _string_template(node.orelse)
    return False


def test_every_finding_in_the_notebooks_takes_its_data_as_values():
    """No notebook puts data into a finding's template (an f-string, a join, a variable): data goes
    in as keyword values, which are escaped; no Markdown is displayed, and HTML only as a tifa
    function returns it (the scatter of notebook 05), whose escaping the browser test checks."""
    calls = 0
    for path in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            if name in ("say", "fragment", "finding_html"):
                calls += 1
                assert node.args and _string_template(node.args[0]) and len(node.args) == 1, (
                    f"{path.name}:{node.lineno}: {name}() takes a constant template and keyword values"
                )
            assert name not in ("Markdown", "display_html", "display_markdown"), f"{path.name}:{node.lineno}: {name}()"
            if name == "HTML":  # HTML only as a tifa function made it (escaping inside), never built here
                assert len(node.args) == 1 and isinstance(node.args[0], ast.Call) and not node.keywords, (
                    f"{path.name}:{node.lineno}: HTML() of something built in the notebook")
    assert calls >= 12


def test_pages_hold_every_payload_only_escaped(report):
    from tifa.corpus.tables import read_table

    processed, reports = report
    docs = read_table("documents", processed)
    shown = "".join(docs["title"].fillna("")) + "".join(docs["speaker"].fillna("")) + "".join(docs["text"])
    assert IMG in shown and SCRIPT in shown and "javascript:" in shown  # the payloads reached the corpus
    hostile = docs[docs["speaker"].fillna("") != ""]
    assert len(hostile) == 3 and hostile["duplicate_of"].isna().all()  # each one shown on every page
    pages = sorted(reports.glob("*.html"))
    assert len(pages) == len(list(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))) + 1
    seen_escaped = False
    for page in pages:
        body = page.read_text(encoding="utf-8")
        for raw in RAW_MARKUP:
            assert raw not in body, (page.name, raw)
        assert not re.search(r"""href\s*=\s*["']?\s*javascript:""", body, re.I), page.name
        assert not re.search(r"<(?:img|svg)[^>]*\bon(?:error|load)\s*=\s*[\"']?document\.title", body, re.I), page.name
        assert "<strong>" + SCRIPT not in body and "<em>" + SCRIPT not in body, page.name
        seen_escaped |= "&lt;img src=" in body
    assert seen_escaped


# --------------------------------------------------------------------------- in a browser


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        if path := shutil.which(name):
            return path
    return None


def _dom(browser: str, page: Path) -> str:
    """The page's DOM after its scripts ran (the interactive tables drawn), as headless Chromium
    dumps it."""
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
             f"--user-data-dir={profile}", "--virtual-time-budget=8000", "--dump-dom", page.as_uri()],
            capture_output=True, text=True, timeout=180,
        )
    assert done.returncode == 0 and "<html" in done.stdout, (page.name, done.stderr[-2000:])
    return done.stdout


def test_no_payload_runs_in_a_browser(report):
    from bs4 import BeautifulSoup

    browser = _chromium()
    if browser is None:
        pytest.skip("no chromium on PATH (Debian: apt-get install chromium; `make test` installs it as root)")
    _, reports = report
    for page in sorted(reports.glob("*.html")):
        dom = _dom(browser, page)
        soup = BeautifulSoup(dom, "html.parser")
        title = soup.title.get_text() if soup.title else ""
        assert "PWNED" not in title, (page.name, title)  # no handler ran
        for el in soup.find_all(True):
            for attr, value in el.attrs.items():
                value = " ".join(value) if isinstance(value, list) else str(value)
                assert not (attr.lower().startswith("on") and "PWNED" in value), (page.name, str(el)[:200])
                assert not (attr.lower() in ("href", "src", "action") and value.strip().lower().startswith("javascript:")), (
                    page.name, str(el)[:200])
            if el.name == "script":
                assert (el.string or "").strip() != "document.title='PWNED-script'", page.name
        assert not soup.find("svg", attrs={"onload": True}), page.name
        if page.name != "index.html":
            assert soup.find("table"), page.name  # the interactive tables were drawn
