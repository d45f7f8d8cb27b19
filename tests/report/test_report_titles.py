"""The report on a corpus whose documents share their titles (政府工作报告) and file names
(2005.md in several folders): every notebook runs, and a table too long to show is cut to its
top rows with the whole table written as a CSV beside the page."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from tifa.config import NOTEBOOKS
from tifa.report.execute import make_report, notebook_paths

LAWTEXT = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "lawtext"
#: A dozen real reports (their first lines), from four governments, most of one file name.
PICKS = ["北京市/2005.md", "浙江省/2005.md", "四川省/2005.md", "广东省/2005.md", "北京市/2006.md", "浙江省/2006.md",
         "四川省/2006.md", "广东省/2006.md", "国务院/2005.md", "国务院/2006.md", "北京市/2007.md", "浙江省/2007.md"]


@pytest.mark.skipif(not LAWTEXT.is_dir(), reason="shared lawtext corpus not present")
def test_notebooks_run_on_documents_sharing_titles(tmp_path, monkeypatch):
    raw, processed, reports = tmp_path / "data" / "raw", tmp_path / "data" / "processed", tmp_path / "reports"
    for name in PICKS:
        text = (LAWTEXT / name).read_text(encoding="utf-8")
        body = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S).split("\n")[:90]
        dest = raw / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text("---\ntitle: 政府工作报告\nsource: https://example.org/" + name + "\n---\n" + "\n".join(body) + "\n", encoding="utf-8")
    monkeypatch.setenv("TIFA_HOME", str(tmp_path))
    monkeypatch.setenv("TIFA_MAX_ROWS", "40")  # small, so that the long tables of this small corpus are cut
    expected = sorted([p.stem + ".html" for p in notebook_paths(NOTEBOOKS)] + ["index.html"])
    written = make_report(raw=raw, processed=processed, reports=reports, notebooks=NOTEBOOKS, timeout=300, timeline=processed)
    assert sorted(p.name for p in written) == expected
    capped = 0
    for page in written:
        body = page.read_text(encoding="utf-8")
        assert "Traceback (most recent call last)" not in body, page.name
        assert page.stat().st_size < 5 * 2**20, page.name
        for m in re.finditer(r'class="tifa-capped">The top 40 of ([\d,]+) rows; <a [^>]*href="([^"]+)"', body):
            capped += 1
            csv = (reports / m.group(2)).read_text(encoding="utf-8-sig")
            assert csv.count("\n") >= int(m.group(1).replace(",", ""))  # the whole table, header included
    assert capped >= 1
