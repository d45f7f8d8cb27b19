"""The outline on real reports of the genre, beyond the seeds (excerpts of the shared corpus,
and the whole corpus when it sits beside the checkout)."""
from __future__ import annotations

from pathlib import Path

import pytest

from tifa.text.documents import filename_date
from tifa.structure.outline import appendix_start, outline_frames

SHARED = Path(__file__).resolve().parents[3] / "shared" / "corpus"


def _tree(text: str) -> list[tuple[int, str, str]]:
    o, _ = outline_frames("d", text)
    return [(int(r.depth), r.marker, r.title) for r in o.itertuples()]


# 2026 Zhejiang report, shortened: headings open with a digit and a quotation mark.
ZHEJIANG = """各位代表：
一、2025年主要工作和“十四五”发展成就
（一）强化创新驱动发展，创新浙江建设成效明显。提升科技创新质效。
（二）巩固实体经济根基，现代化产业体系建设步伐加快。发挥工业经济作用。
二、“十五五”时期的主要目标任务
（一）聚焦加快建设创新浙江，因地制宜发展新质生产力。深入实施科技创新体系建设。
（二）聚焦服务融入新发展格局，有效畅通经济循环。坚持扩大内需战略基点。
三、2026年重点工作
（一）着力提振市场信心增强社会预期
稳定和扩大就业。实施就业优先政策。
（二）着力提升创新体系整体效能
各位代表！新征程充满光荣和梦想，让我们团结奋斗！"""


def test_headings_opening_with_digits_and_quotes_hold_their_items():
    tree = _tree(ZHEJIANG)
    tops = [t for d, m, t in tree if d == 1]
    assert [t[:4] for t in tops] == ["2025", "“十五五", "2026"]
    assert all(d == 2 for d, m, t in tree if m.startswith("（"))


# 1984 central report: unnumbered part headings over lists that restart at 一、.
REPORT_1984 = """各位代表：
关于国内建设
根据决议，各级政府做了大量工作。
一、认真地有步骤地改革城市经济体制
城市改革要抓住重点。
二、改革建筑业和基本建设的管理体制
建筑业要改革。
关于外交工作
中国的外交政策是一贯的。
一、维护世界和平是我国对外政策的根本目标
和平是可以维护的。
二、我们坚持在和平共处五项原则的基础上同各国发展关系
结束语
各位代表：让我们团结起来，为实现宏伟目标而奋斗！"""


def test_unnumbered_part_headings_above_restarting_lists():
    tree = _tree(REPORT_1984)
    assert [(d, t) for d, m, t in tree if d == 1] == [(1, "关于国内建设"), (1, "关于外交工作"), (1, "结束语")]
    assert [d for d, m, t in tree if m == "一、"] == [2, 2]


# 1955 report: 一、 lists restarting inside a （一） item, the top list continuing after them.
REPORT_1955 = """一、国家在过渡时期的总任务
总任务是明确的。
三、第一个五年计划的若干问题
（一）关于工业和运输业的基本建设问题
有四个问题：
一、
限额以上的建设单位。
二、
限额以下的建设单位。
（二）关于工业的生产问题
生产要增长。
四、为完成和超额完成第一个五年计划而奋斗
全国人民要努力。"""


def test_a_list_restarting_inside_an_item_nests_under_it():
    o, _ = outline_frames("d", REPORT_1955)
    rows = {(r.marker, r.title[:4]): r for r in o.itertuples()}
    inner = rows[("一、", "限额以上")]
    assert inner.depth == 3  # 一、 under （一） under 三、, the heading taken from the next line
    assert rows[("四、", "为完成和")].depth == 1


SICHUAN_END = """三、2026年工作安排
（一）突出扩大内需战略基点，全力稳增长。积极扩大有效投资。
（二）突出政府履职效能，切实加强自身建设。加强政治建设。
各位代表！骐骥迎春至，万象启新程。让我们团结奋斗，为谱写新篇章而努力奋斗！
名词解释
1.“两重”：是指国家重大战略实施和重点领域安全能力建设。
2.“两新”：是指大规模设备更新和消费品以旧换新。"""


def test_appended_glossary_is_kept_but_never_nested_in_the_speech():
    cut = appendix_start(SICHUAN_END)
    assert SICHUAN_END[cut:].startswith("名词解释")
    o, _ = outline_frames("d", SICHUAN_END)
    glossary = o[o["marker"].isin(["1.", "2."])]
    assert set(glossary["matter"]) == {"appendix"} and set(glossary["depth"]) == {1}
    assert set(o[o["marker"].str.startswith("（")]["matter"]) == {"body"}


def test_a_ranking_is_never_an_item():
    text = "一、经济发展\n全省经济总量居全国第一，增速居全国第二，进出口居全国第三。\n二、民生改善\n收入增长。"
    assert [m for d, m, t in _tree(text)] == ["一、", "二、"]


@pytest.mark.parametrize("name, date", [
    ("gwr-1984.txt", "1984"), ("2019年政府工作报告.docx", "2019"), ("speech-2021-03-05.txt", "2021-03-05"),
    ("cpc12.txt", None), ("讲话稿.txt", None),
])
def test_dates_from_file_names(name, date):
    assert filename_date(name) == date


@pytest.mark.skipif(not SHARED.is_dir(), reason="shared/corpus not beside the checkout")
def test_every_central_report_gets_its_year_and_a_title():
    from tifa.corpus.tables import load

    folder = SHARED / "central-work-reports"
    docs = load([folder]).documents
    assert len(docs) == 52
    for source, title, date in zip(docs["source"], docs["title"], docs["date"]):
        assert str(date)[:4] == Path(source).stem[-4:], source
        assert title and title not in ("首页", "下载", "打印"), source


# 2008 central report, shortened: after the review's sub-sections, the lessons of the whole
# five years; in the tasks part, a list that belongs to its sub-section.
REPORT_2008 = """各位代表：
一、过去五年工作回顾
五年来，我们主要做了以下工作：
（一）加强和改善宏观调控，促进经济平稳快速发展
我们坚持把加强和改善宏观调控作为驾驭经济全局的重要手段。
（二）全面加强社会建设，切实保障和改善民生
在教育方面。全国财政用于教育支出五年累计2.43万亿元。
五年来，我们始终重视政府自身改革和建设。
过去五年，我们在丰富实践中积累了许多宝贵经验，主要体会是：
第一，必须坚持解放思想。解放思想、实事求是是我们党的思想路线。
第二，必须坚持改革开放。改革开放是决定当代中国命运的关键抉择。
我们也清醒地认识到，经济社会发展中还存在不少困难和问题。
二、2008年主要任务
（一）加快行政管理体制改革，加强政府自身建设
今年要着力抓好以下几个方面：
第一，加快转变政府职能。这是深化行政管理体制改革的核心。
第二，深化政府机构改革。国务院机构改革方案将提交本次大会审议。
各位代表！让我们紧密团结，为夺取全面建设小康社会新胜利而奋斗！"""


def test_a_list_that_sums_up_the_part_closes_its_sub_sections():
    o, _ = outline_frames("d", REPORT_2008)
    markers = dict(zip(o["item_id"], o["marker"]))
    parent = {m + t[:4]: markers.get(p) for m, t, p in zip(o["marker"], o["title"], o["parent_id"].astype(object))}
    assert parent["第一，必须坚持"] == "一、" and parent["第二，必须坚持"] == "一、"  # the part's lessons
    assert parent["第一，加快转变"] == "（一）"  # a sub-section's own list stays in it
    sub2 = o[o["title"].str.startswith("全面加强社会建设")].iloc[0]
    lesson = o[o["title"].str.startswith("必须坚持解放思想")].iloc[0]
    assert sub2["end"] <= lesson["start"]


@pytest.mark.skipif(not SHARED.is_dir(), reason="shared corpus not beside the checkout")
@pytest.mark.parametrize("year, marker, title", [(2008, "第一，", "必须坚持解放思想"), (2011, "一是", "必须坚持科学发展"), (2005, "一是", "经济运行中的突出矛盾")])
def test_lessons_and_problems_of_a_review_belong_to_the_part(year, marker, title):
    text = (SHARED / "central-work-reports" / f"gwr-{year}.txt").read_text(encoding="utf-8")
    o, _ = outline_frames("d", text)
    item = o[(o["marker"] == marker) & o["title"].str.startswith(title)].iloc[0]
    parent = o.set_index("item_id").loc[item["parent_id"]]
    assert parent["depth"] == 1 and parent["marker"] == "一、"
