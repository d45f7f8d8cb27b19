"""Outline parsing: markers, traps, nesting, announced counts, on real excerpts."""
from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tifa.structure.outline import announced_count, assign_sections, outline_frames, parse


def items(text):
    return [(it.marker.text, it.marker.ordinal, it.depth, it.parent.marker.text if it.parent else None) for it in parse(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        # headings on their own line, nested styles (seed 000)
        (
            "二、办公室的地位和作用\n在各级组织中，主要有以下三点。\n（一）中心的地位和作用\n正文。\n（二）枢纽的地位和作用\n正文。",
            [("二、", 2, 1, None), ("（一）", 1, 2, "二、"), ("（二）", 2, 2, "二、")],
        ),
        # heading run together with its body (seed 001)
        (
            "一、突出调查研究，提高服务决策的质量没有调查研究就没有发言权。\n一是增强服务决策的意识。正文。\n二是突出服务决策的重点。正文。",
            [("一、", 1, 1, None), ("一是", 1, 2, "一、"), ("二是", 2, 2, "一、")],
        ),
        # inline 一要…二要 mid-paragraph under a heading (seed 000)
        (
            "一、勤学增才\n习总书记强调，要勤于学。一要有“抢学问”的紧迫感。正文。二要提升学习针对性。正文。三要善于思考有主见。",
            [("一、", 1, 1, None), ("一要", 1, 2, "一、"), ("二要", 2, 2, "一、"), ("三要", 3, 2, "一、")],
        ),
        # inline after a colon and semicolons (seed 004)
        (
            "当好参谋应做到四个方面：一要贴近领导，想领导之所想；二要超前运作，不做事后诸葛；三要敢于进言；四要出于公心。",
            [("一要", 1, 1, None), ("二要", 2, 1, None), ("三要", 3, 1, None), ("四要", 4, 1, None)],
        ),
        # mixed sequence 首先是…其次是…第三是…第四是 (seed 000)
        (
            "1. 综合性。由以下四个方面组合形成：\n首先是多方面基础工作的组合。\n其次是多方面信息的组合。\n第三是多知识结构人员的组合。\n第四是多学科组成的综合体。\n2. 服务性。正文。",
            [("1.", 1, 1, None), ("首先是", 1, 2, "1."), ("其次是", 2, 2, "1."), ("第三是", 3, 2, "1."), ("第四是", 4, 2, "1."), ("2.", 2, 1, None)],
        ),
        # a numbered list that restarts at 1 under the same parent (seed 000)
        (
            "（二）参谋职责\n原因有三点：\n1.甲。\n2.乙。\n3.丙。\n还应当注意如下两点：\n1.丁。\n2.戊。",
            [("（二）", 2, 1, None), ("1.", 1, 2, "（二）"), ("2.", 2, 2, "（二）"), ("3.", 3, 2, "（二）"), ("1.", 1, 2, "（二）"), ("2.", 2, 2, "（二）")],
        ),
        # 第一，… 第一个 … 一方面/另一方面 (seed 003)
        (
            "他说了两点：做好办公室工作第一个就是两手抓，第二个就是要学会“尾巴”主义。",
            [("第一个", 1, 1, None), ("第二个", 2, 1, None)],
        ),
        ("一方面，要认真搞好培训工作。正文。\n另一方面，希望各单位加强领导。", [("一方面", 1, 1, None), ("另一方面", 2, 1, None)]),
        # (1) and ① styles
        ("要做到：(1)勤学；(2)勤思；(3)勤练。", [("(1)", 1, 1, None), ("(2)", 2, 1, None), ("(3)", 3, 1, None)]),
        ("要做到：①勤学；②勤思。", [("①", 1, 1, None), ("②", 2, 1, None)]),
    ],
)
def test_markers_and_nesting(text, expected):
    assert items(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "真正做到一就是一，二就是二，说到做到。",  # idiom
        "各部门要统一要求，统一口径，一要素也不能少。",  # numerals inside words
        "这是第一次会议，我们的工作全国第一，要再接再厉。",  # ordinal words
        "全年增长3.5万人，占比2.5%。",  # decimals and amounts
        "2023.10.23在会上讲话，要落实“十四五”规划。",  # dates, plan names
        "我认为一是要学习，这很重要。后面没有别的了。",  # a lone 一是
        "办公室的重要职责之一是当好参谋，这是唯一是非标准。",  # 之一是
    ],
)
def test_traps_are_not_list_items(text):
    assert items(text) == []


def test_doubled_markers_counted_once_after_cleaning():
    from tifa.text.clean import clean

    text = clean("在这方面我认为一是 一是 对领导要做到“眼明腿快”。二是 二是对机关要做到“留心细致”。二是 由于职能特点。三是对基层要“热忱周到”。").text
    assert [m for m, *_ in items(text)] == ["一是", "二是", "三是"]


def test_unnumbered_headings_in_a_speech_that_lost_its_numbering():
    text = (
        "同志们：\n下面，我就办好这次培训班讲两点意见和要求。\n要充分认识这次办班的重要性和必要性\n"
        "办公室是各级、各类机关的综合工作部门。\n第一，办好这次培训班，是服务大局的需要。\n第二，办好这次培训班，是提高水平的需要。\n"
        "要加强管理，真正做到学有所获\n为了办好这期培训班，三家主办单位事前进行了精心准备。"
    )
    got = items(text)
    assert got[0][:3] == ("", 1, 1) and got[3][:3] == ("", 2, 1)
    assert got[1] == ("第一，", 1, 2, "") and got[2] == ("第二，", 2, 2, "")
    _, enums = outline_frames("d", text)
    top = enums[enums["parent_id"].isna()].iloc[0]
    assert top["style"] == "heading" and top["n_items"] == 2 and top["announced"] == 2


def test_closing_zuihou_is_not_an_item():
    text = "第一，通天气。\n第二，接地气。\n最后，我用两句诗作结。借此共勉，谢谢！"
    assert [m for m, *_ in items(text)] == ["第一，", "第二，"]


@pytest.mark.parametrize(
    "intro, n, phrase",
    [
        ("下面，我就办好这次培训班讲两点意见和要求。", 2, "两点意见"),
        ("我想从以下三个方面谈谈体会：", 3, "以下三个方面"),
        ("在各级组织中，其地位和作用主要有以下三点。", 3, "以下三点"),
        ("必须要强化六种意识（大局意识、发展意识、服务意识、参谋意识、创新意识、奉献意识）。", 6, "六种意识"),
        ("在实际工作中应注意把握好三点：", 3, "三点"),
        ("我觉得要做到这几点：", None, "这几点"),
    ],
)
def test_announced_counts(intro, n, phrase):
    text = intro + "\n一是甲。二是乙。"
    assert announced_count(text, len(intro) + 1) == (n, phrase)


# --------------------------------------------------------------------------- seeds


def test_announced_versus_delivered_on_the_seeds(corpus):
    e = corpus.enumerations
    five_for_four = e[(e["announced"] == 4) & (e["n_items"] == 5)]
    assert list(five_for_four["announced_text"]) == ["以下四个方面"]
    six_for_four = e[(e["doc_id"] == "004_cd130c0f635db98b-01") & e["parent_id"].isna()].iloc[0]
    assert (six_for_four["announced"], six_for_four["n_items"], six_for_four["style"]) == (6, 4, "cn_dun")


SEED_OUTLINES = {
    "000_a1f40fa14f07572a-01": ["一、勤学增才", "一要", "二要", "三要", "二、勤修厚德", "一要", "二要", "三要", "三、勤思明向", "一要", "二要",
                                "三要", "四、勤练砺志", "一要", "二要", "三要", "五、勤省正身", "一要", "二要", "三要"],
    "001_30538a9527e96dc1-04": ["一、时刻具有服务的意识", "一是", "二是", "三是", "二、要有细致严谨的工作态度", "三、要注重锻炼提高文字能力",
                                "一是", "二是", "三是"],
    "003_589669c2a269e602-01": ["一、", "第一，", "第二，", "第三，", "第四，", "二、", "一要", "二要", "第一，", "一是", "二是", "三是", "四是",
                                "第二，", "一是", "二是", "三是", "第三，", "第四，", "第一个", "第二个", "第五，", "三、", "一方面", "另一方面"],
}


@pytest.mark.parametrize("doc_id", list(SEED_OUTLINES))
def test_seed_outlines(corpus, doc_id, request):
    o = corpus.outline[corpus.outline["doc_id"] == doc_id]
    got = []
    for m, t, depth in zip(o["marker"], o["title"], o["depth"]):
        got.append(m + t if depth == 1 and doc_id.startswith(("000", "001")) else m)
    assert got == SEED_OUTLINES[doc_id]


def test_every_sentence_knows_its_section(corpus):
    s = corpus.sentences
    o = corpus.outline.set_index(["doc_id", "item_id"])
    inside = s[s["item_id"].notna()]
    assert len(inside) > 0.8 * len(s)
    for r in inside.sample(200, random_state=1).itertuples():
        it = o.loc[(r.doc_id, r.item_id)]
        assert it["start"] <= r.start < it["end"]


def test_assign_sections_takes_the_deepest(corpus):
    import pandas as pd

    out = assign_sections(
        pd.DataFrame({"doc_id": ["d", "d"], "sent_id": [0, 1], "start": [5, 50], "end": [9, 60], "text": ["a", "b"], "item_id": [None, None]}),
        pd.DataFrame({"doc_id": ["d", "d"], "item_id": [1, 2], "depth": [1, 2], "start": [0, 40], "end": [100, 70]}),
    )
    assert list(out["item_id"]) == [1, 2]


def _check_nesting(outline):
    for _, g in outline.groupby("doc_id"):
        rows = {r.item_id: r for r in g.itertuples()}
        for r in rows.values():
            assert r.start <= r.end
            if r.parent_id is not None:
                p = rows[int(r.parent_id)]
                assert p.start <= r.start and r.end <= p.end and r.depth == p.depth + 1
        by_parent = {}
        for r in rows.values():
            by_parent.setdefault(None if r.parent_id is None else int(r.parent_id), []).append(r)
        for sibs in by_parent.values():
            sibs.sort(key=lambda r: r.start)
            for a, b in zip(sibs, sibs[1:]):
                assert a.end <= b.start


def test_items_nest_and_siblings_never_overlap_on_the_seeds(corpus):
    _check_nesting(corpus.outline.astype(object).where(corpus.outline.notna(), None))


_PIECES = ["一、总体要求", "（一）", "（二）", "1.", "2.", "一是", "二是", "三是", "一要", "二要", "第一，", "第二，", "首先，", "其次，",
           "一方面", "另一方面", "①", "②", "办公室工作要讲政治。", "统一要求", "第一次", "3.5万", "。", "\n", "谢谢大家！", "最后，"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=40))
@example(["①", "②", "一是", "\n", "二是"])  # 二是 once continued a list inside ② after ② had closed
def test_property_items_lie_inside_parents_and_siblings_do_not_overlap(pieces):
    text = "".join(pieces)
    outline, _ = outline_frames("d", text)
    _check_nesting(outline.astype(object).where(outline.notna(), None))


def test_ordinal_headings_of_this_genre():
    """第一个关键词是…, 第一方面…; a dash before 第一，; an inline 最后 inside a paragraph closes no run."""
    got = items("今天讲三个关键词。\n第一个关键词是“及时”。信息讲时效。\n第二个关键词是“准确”。数字要核实。\n第三个关键词是“深入”。要多调研。")
    assert [(m, n, d) for m, n, d, _ in got] == [("第一个", 1, 1), ("第二个", 2, 1), ("第三个", 3, 1)]
    got = items("讲三点体会。\n——第一，过好思想关。到办公室来，首先要想清楚为什么来。\n——第二，过好业务关。要多学。\n——第三，过好纪律关。要守规矩。")
    assert [(m, n) for m, n, _, _ in got] == [("第一，", 1), ("第二，", 2), ("第三，", 3)]
    got = items("首先，作风就是形象。有一次群众来办事，找了三个科室，最后坐在走廊里生气。\n其次，作风就是效率。要快办。\n再次，作风就是战斗力。要实干。")
    assert [(m, n) for m, n, _, _ in got] == [("首先", 1), ("其次", 2), ("再次", 3)]


def test_financial_numerals_number_the_top_parts_of_a_taiwanese_speech():
    got = items("壹、過去一年的工作成果\n一、公文流程全面數位化。\n二、會議管理更有效率。\n貳、今年的工作重點\n一、強化跨局處協調。\n参、对各位的期许\n请大家共同努力。")
    assert [(m, n, d) for m, n, d, _ in got] == [("壹、", 1, 1), ("一、", 1, 2), ("二、", 2, 2), ("貳、", 2, 1), ("一、", 1, 2), ("参、", 3, 1)]


def test_run_on_bracketed_items_continue_their_paragraph():
    """A page that lost its line breaks: （一）…。（二）…。（三）… in one paragraph are three items."""
    text = (
        "二、突出重点，抓好新学期“三项工作”\n"
        "（一）抓好文件管理。上级来文要当天登记、当天呈批。（二）抓好会议服务。全校性会议由办公室统一安排。"
        "（三）抓好后勤保障。食堂要严把食材采购关，每日留样（4）份。\n"
    )
    items = parse(text)
    assert [(it.marker.text, it.depth) for it in items] == [("二、", 1), ("（一）", 2), ("（二）", 2), ("（三）", 2)]
    assert [it.title for it in items[1:]] == ["抓好文件管理", "抓好会议服务", "抓好后勤保障"]
