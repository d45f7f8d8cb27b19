"""Page furniture of round 6 (web batch 25), in pages written for the test in the manner of real
ones: an app bar around the title, a title broken under a reader-mode bar, zhuyin glosses, a wiki's
table of contents, a helpfulness widget, a printout's footers, a speech appended with 附：."""
from __future__ import annotations

from tifa.structure.outline import parse as parse_outline
from tifa.text.clean import clean
from tifa.text.debris import converter_glosses
from tifa.text.documents import split_pieces

BODY = (
    "同志们：\n今天召开全县信息督查工作会议，主要任务是总结去年工作，安排今年任务。\n"
    "一、提高站位，增强做好督查工作的责任感\n督查工作是推动决策落实的重要手段，各单位要高度重视，认真抓好落实。\n"
    "二、突出重点，提升督查工作的质量和水平\n要围绕中心工作选准督查事项，做到有部署就有督查，有督查就有结果。\n"
    "同志们，督查工作责任重大。希望大家扎实工作，为全县发展作出新的贡献！\n"
)


def _pieces(raw: str):
    return split_pieces(clean(raw), source="x.txt")


def test_an_app_bars_buttons_around_the_title():
    raw = "‹ 在全县信息督查工作会议上的讲话 ⋯\n返回\n收藏\nAI改写　AI续写　一键降重\nLoading...\n" + BODY
    (piece,) = _pieces(raw)
    assert piece.title == "在全县信息督查工作会议上的讲话"
    assert "AI改写" not in piece.text and "Loading" not in piece.text


def test_a_title_broken_over_two_lines_under_a_reader_bar():
    raw = "电脑版 | 首页 | 搜索 | 繁体\n在全县信息督查工作\n会议上的讲话\n文秘库 2023-11-20\n第1/3页\n" + BODY
    (piece,) = _pieces(raw)
    assert piece.title == "在全县信息督查工作会议上的讲话"


def test_zhuyin_glosses_go_like_pinyin_ones():
    text = "在全縣機(ㄐㄧ)關作風建設大會(ㄏㄨㄟˋ)上的講(ㄐㄧㄤˇ)話"
    edits = converter_glosses(text)
    out = text
    for e in sorted(edits, key=lambda e: -e.start):
        out = out[: e.start] + out[e.end :]
    assert out == "在全縣機關作風建設大會上的講話"
    assert converter_glosses("采用A(1)方案") == []  # brackets of the text stay


def test_a_wikis_table_of_contents_and_a_helpfulness_widget():
    raw = (
        "信息工作讲话稿2篇\n文章目录 [隐藏]\n1 在全县信息督查工作会议上的讲话\n1.1 一、提高站位，增强做好督查工作的责任感\n"
        "1.2 二、突出重点，提升督查工作的质量和水平\n2 在全县信息员培训班上的讲话\n"
        "在全县信息督查工作会议上的讲话\n" + BODY + "本篇对你有帮助吗？　有帮助（36）　没帮助（2）\n"
        "在全县信息员培训班上的讲话\n同志们：\n今天，全县信息员培训班开班了。参加培训的有八十多名信息员。\n"
        "首先，要珍惜机会，端正学习态度。培训机会难得，大家要静下心来认真学习。\n"
        "其次，要勤学苦练，练就过硬本领。要多写多练，在实践中提高。\n"
        "最后，要严守纪律，强化保密意识。学员要遵守培训纪律，不得迟到早退。\n谢谢大家！\n"
    )
    pieces = _pieces(raw)
    assert [p.title for p in pieces] == ["在全县信息督查工作会议上的讲话", "在全县信息员培训班上的讲话"]
    assert "有帮助" not in pieces[0].text and "1.1" not in pieces[0].text
    # 最后 opens its paragraph like the items before it: the third item, though the thanks follow
    items = [(it.marker.text, it.title) for it in parse_outline(pieces[1].text)]
    assert [m for m, _ in items] == ["首先", "其次", "最后"]


def test_a_printouts_footer_inside_a_sentence():
    raw = ("2024/6/3 10:25　在全县信息督查工作会议上的讲话_文秘网\n" + BODY.replace("有督查就有结果。", "有督查就有结果，督查结果要及时向县委、县政府主要领导报告，并在全县范围内通报，对工作不力的单位\nhttps://www.example.cn/jianghua/38211.html　1/2\n要严肃问责。"))
    (piece,) = _pieces(raw)
    assert "对工作不力的单位要严肃问责" in piece.text and "example" not in piece.text


def test_a_speech_appended_with_its_label():
    raw = ("在全县信息督查工作会议上的讲话\n" + BODY + "◆　◆　◆\n附：在全县信息督查工作会议结束时的讲话\n"
           "同志们：\n会议就要结束了。下面，我再强调三点。\n第一，迅速传达贯彻。各单位要在一周内传达会议精神。\n"
           "第二，细化工作任务。要把任务分解到科室、落实到人。\n第三，强化督促检查。县政府办公室要跟踪问效。\n")
    pieces = _pieces(raw)
    assert [p.title for p in pieces] == ["在全县信息督查工作会议上的讲话", "在全县信息督查工作会议结束时的讲话"]
    assert "◆" not in pieces[0].text
