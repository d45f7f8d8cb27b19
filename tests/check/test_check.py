"""tifa check: each check on drafts with planted errors (eval/check/drafts, written by hand),
clean controls, official reports left alone, the exit status, and the HTML and Word outputs."""
from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from tifa.check import FINDING_COLUMNS, check_file, check_text
from tifa.check.formulations import written_members
from tifa.check.knowledge import load_versions
from tifa.check.numbering import marker_text

ROOT = Path(__file__).resolve().parents[2]
DRAFTS = ROOT / "eval" / "check" / "drafts"
EXAMPLES = ROOT / "data" / "examples"
TIFA = [sys.executable, "-m", "tifa.cli"]


def _gold(name: str) -> dict:
    return yaml.safe_load((DRAFTS / f"{name}.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(p.stem for p in DRAFTS.glob("*.yml")))
def test_every_planted_error_is_found_and_nothing_else(name):
    gold = _gold(name)
    got = check_file(DRAFTS / f"{name}.txt", date=str(gold["date"])).findings
    for exp in gold["expected"]:
        rows = got[(got["check"] == exp["check"]) & got["text"].map(lambda t: exp["text"] in t or t in exp["text"])]
        assert len(rows), f"{name}: {exp} not found"
    wanted = {e["check"] for e in gold["expected"]}
    extra = got[(got["severity"] != "info") & ~got["check"].isin(wanted)]
    assert extra.empty, extra[["check", "text", "message"]].to_string()


def test_columns_offsets_and_lines_point_at_the_flagged_words():
    checked = check_file(DRAFTS / "a-office.txt", date="2026-03-12")
    df = checked.findings
    assert list(df.columns[1:9]) == FINDING_COLUMNS
    raw_lines = checked.raw.split("\n")
    for r in df.itertuples():
        text = checked.texts[r.doc_id]
        assert text[r.start : r.end] == r.text
        assert r.text.replace("“", "")[:3] in raw_lines[r.line - 1].replace("\"", "“")


@pytest.mark.parametrize(
    "draft, check",
    [
        ("一、总体要求\n二、主要任务\n二、保障措施\n", "numbering_repeat"),
        ("（二）总体要求\n（三）主要任务\n", "numbering_start"),
        ("今年要做好三件事：一是稳就业，二是保民生，四是防风险。", "numbering_gap"),
        ("要坚决做到“两个维护”，即坚决维护党中央权威和集中统一领导、坚决维护习近平总书记党中央的核心、全党的核心地位。", "formulation_order"),
    ],
)
def test_single_checks(draft, check):
    assert check in {f.check for f in check_text(draft, date="2026-01-01")}


def test_a_word_is_not_a_doubled_character():
    text = "我们的的确确做到了。问题是是否落实到位。这是我们的目的的一部分。"
    assert not [f for f in check_text(text, date="2026-01-01") if f.check == "repeat_word"]
    assert [f.text for f in check_text("这是我们的的工作。", date="2026-01-01") if f.check == "repeat_word"] == ["的的"]


def test_the_wording_in_force_follows_the_date():
    text = "协调推进“四个全面”战略布局，即全面建成小康社会、全面深化改革、全面依法治国、全面从严治党。"
    assert {f.check for f in check_text(text, date="2018-03-05")} == set()
    assert {f.check for f in check_text(text, date="2021-03-05")} == {"formulation_outdated"}
    assert "四个全面" in load_versions()


def test_members_as_written_stop_where_the_sentence_goes_on():
    text = "实行“五定”，即定建设规模，定投资总额，定建设工期，定投资效果，定外部协作条件，并且实行严格的责任制度。"
    w = written_members(text, text.index("”"), 5)
    assert w.members == ("定建设规模", "定投资总额", "定建设工期", "定投资效果", "定外部协作条件")
    assert marker_text("cn_paren", 3, "（二）") == "（三）" and marker_text("cn_shi", 12, "四是") == "十二是"


def test_official_reports_raise_no_formulation_or_quotation_finding():
    """The shipped central work reports of the last decade and the 19th and 20th congress reports."""
    files = [EXAMPLES / "work-reports" / f"gwr-{y}.txt" for y in (2016, 2018, 2019, 2022, 2024, 2025)]
    files += [EXAMPLES / "congress-reports" / f"cpc{n}.txt" for n in (19, 20)]
    for f in files:
        df = check_file(f).findings
        strict = df[(df["severity"] != "info") & df["check"].str.match("numbering|announced|formulation|quotation")]
        assert strict.empty, f"{f.name}: {strict[['check', 'line', 'text', 'message']].to_string()}"


def test_cli_exit_status_formats_and_outputs(tmp_path):
    clean, dirty = DRAFTS / "c-clean.txt", DRAFTS / "a-office.txt"
    assert subprocess.run([*TIFA, "check", str(clean)], capture_output=True).returncode == 0
    r = subprocess.run([*TIFA, "check", str(dirty), "--format", "csv", "--html", str(tmp_path / "a.html"),
                        "--docx", str(tmp_path / "a.docx")], capture_output=True, text=True)
    assert r.returncode == 1, r.stderr
    assert r.stdout.splitlines()[0] == ",".join(FINDING_COLUMNS)
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02" * 100)
    r = subprocess.run([*TIFA, "check", str(bad), str(tmp_path / "missing.txt")], capture_output=True, text=True)
    assert r.returncode == 2 and "Traceback" not in r.stderr and str(bad) in r.stderr
    page = (tmp_path / "a.html").read_text(encoding="utf-8")
    assert page.count("<mark ") >= 8 and "font/woff2" in page and "（三） is missing" in page
    with zipfile.ZipFile(tmp_path / "a.docx") as z:
        comments = z.read("word/comments.xml").decode("utf-8")
    assert "numbering_gap" in comments and "formulation_count" in comments


def test_html_escapes_the_draft(tmp_path):
    line = "要把x<script>alert(1)</script>y这项工作抓紧抓实抓好，确保取得实效。"
    draft = tmp_path / "x.txt"
    draft.write_text(f"关于工作的讲话\n\n一、总体要求\n\n{line}\n\n{line}\n\n三、主要任务\n", encoding="utf-8")
    from tifa.check.render import page

    checked = check_file(draft, date="2026-01-01")
    assert "repeat_sentence" in set(checked.findings["check"])  # the payload is in a finding's text
    html = page(checked)
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)" in html


def test_docx_comments_are_anchored_in_the_writers_own_document(tmp_path):
    import docx

    src = tmp_path / "draft.docx"
    d = docx.Document()
    d.add_paragraph("在全县办公室工作会议上的讲话")
    p = d.add_paragraph()
    p.add_run("一、").bold = True
    p.add_run("提高认识")
    d.add_paragraph("要增强“四个意识”，即政治意识、大局意识、看齐意识。")
    d.add_paragraph("三、狠抓落实")
    d.save(str(src))
    from tifa.check.docx import write_docx

    checked = check_file(src, date="2026-01-01")
    assert {"formulation_count", "numbering_gap"} <= set(checked.findings["check"])
    out = write_docx(checked, tmp_path / "out.docx")
    again = docx.Document(str(out))
    assert [x.text for x in again.paragraphs] == [x.text for x in docx.Document(str(src)).paragraphs]
    assert again.paragraphs[1].runs[0].bold  # the writer's formatting kept
    assert len(list(again.comments)) == len(checked.findings)
