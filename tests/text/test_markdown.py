"""Markdown input: front matter and markup out of the text, a true cleaning log, the same
outline as the text without markup, and place / level / year of delivery."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from ..conftest import assert_log_accounts_for_every_removed_character, fold

from tifa.text.clean import clean
from tifa.corpus.tables import load, process_file
from tifa.text.markdown import STEPS, front_matter, markup
from tifa.structure.outline import outline_tables
from tifa.text.places import level_of, place_from_text

LAWTEXT = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "lawtext"
REAL = ["浙江省/2026.md", "四川省/2015.md", "国务院/1954.md", "天津市/2018.md", "浙江省/1985.md", "北京市/2019.md"]
needs_lawtext = pytest.mark.skipif(not LAWTEXT.is_dir(), reason="shared lawtext corpus not present")


_fold = fold


def _plain(raw: str) -> str:
    """The same text without markup, made independently of tifa: what a reader would type."""
    raw = re.sub(r"\A---\n.*?\n---\n", "", raw, flags=re.S)
    raw = re.sub(r"<!--.*?-->", "", raw, flags=re.S)
    raw = re.sub(r"(?m)^#+\s+|^>\s?|^[-*]\s+(?=\S)", "", raw.replace("**", ""))
    return raw


@needs_lawtext
@pytest.mark.parametrize("name", REAL)
def test_log_accounts_for_every_removed_character(name):
    raw = (LAWTEXT / name).read_text(encoding="utf-8")
    result = clean(raw, steps=STEPS)
    assert_log_accounts_for_every_removed_character(raw, result)
    assert "**" not in result.text and "source:" not in result.text and not result.text.startswith("---")
    assert {r.reason for r in result.log} <= {"front_matter", "markup", "page_number", "repeated_title", "page_meta",
                                               "copyright_footer", "related_list", "advertisement", "breadcrumb", "page_tools",
                                               "license_notice", "trailing_metadata", "repeated_text", "doubled_marker"}


@needs_lawtext
@pytest.mark.parametrize("name", REAL)
def test_outline_of_markdown_is_that_of_the_plain_text(name, tmp_path):
    raw = (LAWTEXT / name).read_text(encoding="utf-8")
    plain = tmp_path / Path(name).parent / (Path(name).stem + ".txt")
    plain.parent.mkdir()
    plain.write_text(_plain(raw), encoding="utf-8")

    def top_two(path):
        docs = process_file(path, source=path.name).documents
        o, _ = outline_tables(docs)
        o = o[(o["depth"] <= 2) & (o["matter"] == "body")]
        return [(d, m, t[:8]) for d, m, t in zip(o["depth"], o["marker"], o["title"])]

    md = top_two(LAWTEXT / name)
    assert md == top_two(plain)
    if name in ("浙江省/2026.md", "四川省/2015.md"):
        assert [m for d, m, _ in md if d == 1][:3] == ["一、", "二、", "三、"]
        assert sum(d == 2 for d, _, _ in md) >= 6  # the bold （一） lead-ins are headings


@needs_lawtext
def test_documents_columns_of_a_markdown_report():
    doc = process_file(LAWTEXT / "四川省/2015.md", source="四川省/2015.md").documents.iloc[0]
    assert doc["title"] == "2015年四川省人民政府工作报告"
    assert (doc["date"], doc["date_source"], doc["year"]) == ("2016-01-25", "text", 2016)
    assert "2015" in doc["date_note"]  # titled and named a year before it was delivered
    assert (doc["place"], doc["level"]) == ("四川省", "province")
    assert doc["source_url"].startswith("https://")
    assert '"title"' in doc["front_matter"] and doc["format"] == "markdown"
    assert not doc["text"].startswith(("---", "source", "title"))
    central = process_file(LAWTEXT / "国务院/1954.md", source="国务院/1954.md").documents.iloc[0]
    assert (central["place"], central["level"], central["year"]) == ("国务院", "central", 1954)


@needs_lawtext
def test_doc_ids_stay_apart_across_folders():
    docs = load([LAWTEXT / "浙江省/2015.md", LAWTEXT / "四川省/2015.md"]).documents
    assert docs["doc_id"].is_unique and len(docs) == 2
    assert set(docs["source"]) == {"浙江省/2015.md", "四川省/2015.md"}


def test_markup_rules_on_written_text():
    raw = (
        "---\ntitle: 测试报告\nsource: https://example.org/a\ndate: 2020-03-05\ntags: [甲, 乙]\n---\n\n"
        "# 关于工作的报告\n\n> 引用的一段话。\n\n- 第一项内容\n* 第二项内容\n\n"
        "**（一）加强组织领导。**建立工作机制，见[通知](https://example.org/n)和![图](a.png)。\n"
        "这是*强调*与__加粗__，还有`代码`和脚注[^1]。<!-- 编者按 -->\n\n"
        "| 指标 | 数值 |\n|---|---|\n| 增长 | 5% |\n\n---\n\n2*66万千瓦不是强调。\n"
    )
    fm = front_matter(raw)
    assert fm.meta == {"title": "测试报告", "source": "https://example.org/a", "date": "2020-03-05", "tags": ["甲", "乙"]}
    text = clean(raw, steps=STEPS).text
    lines = text.split("\n")
    assert lines[0] == "关于工作的报告" and "引用的一段话。" in lines
    assert "第一项内容" in lines and "第二项内容" in lines
    assert "（一）加强组织领导。" in lines  # the bold lead-in is a heading line of its own
    assert "建立工作机制，见通知和图。" in lines
    assert "这是强调与加粗，还有代码和脚注。" in lines
    assert "2*66万千瓦不是强调。" in lines and "编者按" not in text and "---" not in text and "|" not in text
    assert any("指标" in l and "数值" in l for l in lines)
    assert all(e.reason in ("front_matter", "markup") for e in markup(raw))


def test_bad_front_matter_is_a_warning_not_a_traceback(tmp_path):
    p = tmp_path / "bad.md"
    p.write_text("---\ntitle: [未闭合\nsource: x: y\n---\n政府工作报告\n各位代表：\n一、工作回顾\n过去一年，我们做了很多工作。\n", encoding="utf-8")
    res = process_file(p)
    assert any("front matter is not valid YAML" in w for w in res.warnings)
    doc = res.documents.iloc[0]
    assert "title:" not in doc["text"] and doc["title"] == "政府工作报告"


def test_place_and_level_rules():
    assert [level_of(p) for p in ("国务院", "浙江省", "重庆市", "广西壮族自治区", "杭州市", "延边朝鲜族自治州", "西湖区", "长兴县", "香港特别行政区", "讲话")] == [
        "central", "province", "province", "province", "city", "city", "county", "county", "province", ""]
    assert place_from_text("二〇二四年一月二十一日在北京市第十六届人民代表大会第二次会议上") == "北京市"
    assert place_from_text("在中国共产党第二十次全国代表大会上的报告") == "中共中央"
    assert place_from_text("杭州市人民政府市长 姚高员") == "杭州市"


def test_metadata_csv_place_wins_and_the_texts_date_stays(tmp_path):
    import pandas as pd

    from tifa.corpus.ingest import join_metadata, read_metadata

    (tmp_path / "metadata.csv").write_text(
        "source,sha256,title,date,speaker,occasion,place\na.txt,,,2019-01-01,,,杭州市\nb.txt,,,2018-03-01,,,\n", encoding="utf-8")
    docs = pd.DataFrame({"doc_id": ["a-01", "b-01"], "source": ["a.txt", "b.txt"], "title": ["t", "u"],
                         "date": ["2020-02-02", "2018"], "date_source": ["text", "filename"],
                         "year": pd.array([2020, 2018], dtype="Int64"), "date_note": ["", ""],
                         "place": ["", "浙江省"], "level": ["", "province"]})
    a, b = join_metadata(docs, read_metadata(tmp_path)).to_dict("records")
    assert (a["date"], a["year"], a["place"], a["level"]) == ("2020-02-02", 2020, "杭州市", "city")
    assert "2019-01-01" in a["date_note"]  # the text's date kept, the disagreement noted
    assert (b["date"], b["date_source"], b["place"]) == ("2018-03-01", "metadata", "浙江省")
