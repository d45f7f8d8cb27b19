"""Page furniture of round 7 (web batch 24), in pages written for the test in the manner of real
ones: a live blog's clock times, a novel reader's chapter and page headers, a webmail view, a group
chat's export, a cloud document's margin comments, a collection's 篇一/篇二, stacked toneless
glosses, an article's footnotes, corner-bracket quotes, a title cut after 要在, and a postscript
after the closing."""
from __future__ import annotations

from tifa.rhetoric.formulations import find_formulas
from tifa.structure.outline import parse as parse_outline
from tifa.text.clean import clean
from tifa.text.debris import converter_glosses, footnotes, live_stamps
from tifa.text.documents import split_pieces

TITLE = "在全县信息督查工作会议上的讲话"
BODY = (
    "同志们：\n今天召开全县信息督查工作会议，主要任务是总结去年工作，安排今年任务。下面，我讲两点意见。\n"
    "一、提高站位，增强做好督查工作的责任感\n督查工作是推动决策落实的重要手段，各单位要高度重视，认真抓好落实。\n"
    "二、突出重点，提升督查工作的质量和水平\n要围绕中心工作选准督查事项，做到有部署就有督查，有督查就有结果。\n"
    "同志们，督查工作责任重大。希望大家扎实工作，为全县发展作出新的贡献！\n"
)


def _pieces(raw: str):
    return split_pieces(clean(raw), source="x.txt")


def _apply(text: str, edits) -> str:
    for e in sorted(edits, key=lambda e: -e.start):
        text = text[: e.start] + e.repl + text[e.end :]
    return text


def _heads(text: str) -> list[str]:
    return [it.marker.text for it in parse_outline(text) if it.depth == 1]


def test_a_live_blogs_clock_times_and_its_reporter_lines_go():
    lines = ["09:00 【预告】全县信息督查工作会议今天上午召开，本网全程图文直播。", "09:05 县委副书记主持会议。", f"09:08 {TITLE}"]
    lines += [f"09:{10 + k:02d} {line}" for k, line in enumerate(BODY.strip().split("\n"))]
    lines += ["09:40 王明讲话结束。会议还表彰了先进单位。", "09:45 会议结束。本场直播到此结束，感谢关注！"]
    header = "临江新闻网　2024年5月8日 星期三　多云 16℃～24℃　空气质量：良\n图文直播丨全县信息督查工作会议召开\n"
    (piece,) = _pieces(header + "\n".join(lines) + "\n")
    assert piece.title == TITLE
    assert "09:" not in piece.text and "直播" not in piece.text and "讲话结束" not in piece.text
    assert _heads(piece.text) == ["一、", "二、"]
    # an agenda of a few times in a speech is no live blog
    agenda = "会议安排如下：\n8:30 报到\n9:00 开幕\n" + BODY * 3
    assert live_stamps(agenda) == []


def test_a_novel_readers_chapter_number_controls_and_page_headers():
    half = BODY.index("二、")
    raw = (
        f"墨香阅读　书架　分类　排行\n笔杆子的修炼\n第36章 {TITLE}\nA-　A+　夜间　护眼\n{BODY[:half]}"
        f"本章尚未完结，请点击下一页继续阅读\n第36章 {TITLE}（第2/2页）\n{BODY[half:]}"
    )
    (piece,) = _pieces(raw)
    assert piece.title == TITLE
    assert "第36章" not in piece.text and "A+" not in piece.text and "护眼" not in piece.text


def test_a_webmail_view_names_the_speech_in_its_subject():
    raw = (
        "青鸟邮箱　｜　收件箱(3)　写信　通讯录　｜　设置　退出\n"
        f"主题：转：关于报送《{TITLE}》（代拟稿）的函\n发件人：县委办<a@b.example.cn>\n收件人：王明<c@d.example.cn>\n"
        "李主任：\n您好！附件是周五会议上书记讲话的代拟稿，请审阅。\n" + BODY
    )
    (piece,) = _pieces(raw)
    assert piece.title == TITLE
    assert "代拟稿" not in piece.text and "李主任" not in piece.text
    assert piece.text.startswith("同志们：")


def test_a_group_chats_export_around_a_shared_speech():
    raw = (
        "2023-05-06 21:14:03 老李(283746150)\n分享一篇我们县的，供参考：" + TITLE + "\n\n"
        "2023-05-06 21:14:20 老李(283746150)\n" + BODY + "\n2023-05-06 21:15:02 青衫(3058817243)\n[图片]\n"
        "2023-05-06 21:15:40 小周(2847561930)\n收藏了，谢谢李哥！[表情]\n“小周”撤回了一条消息\n"
    )
    (piece,) = _pieces(raw)
    assert piece.title == TITLE
    assert "[图片]" not in piece.text and "撤回" not in piece.text and "收藏了" not in piece.text


def test_a_cloud_documents_margin_comments():
    first = BODY.index("二、")
    raw = f"{TITLE}\n{BODY[:first]}批注\n周婷　4月15日 16:20\n这里的数字请再核实一下。\n回复 · 解决\n{BODY[first:]}"
    (piece,) = _pieces(raw)
    assert "批注" not in piece.text and "核实" not in piece.text and "回复" not in piece.text
    assert "要围绕中心工作选准督查事项" in piece.text


def test_a_collections_pieces_under_the_name_numbered_pian_yi():
    other = "在全县信息员培训班上的讲话"
    raw = f"信息工作讲话稿2篇\n信息工作讲话稿篇一\n{TITLE}\n{BODY}信息工作讲话稿篇二\n{other}\n{BODY}"
    pieces = _pieces(raw)
    assert [p.title for p in pieces] == [TITLE, other]
    assert all("篇二" not in p.text for p in pieces)


def test_stacked_toneless_glosses_go_in_a_text_glossed_throughout():
    text = "我(wo)(wo)们(men)召(zhao)开(kai)全(quan)(quan)市(shi)(shi)(shi)政(zheng)府(fu)系(xi)统(tong)信(xin)(xin)息(xi)工(gong)作(zuo)会(hui)议(yi)"
    assert _apply(text, converter_glosses(text)) == "我们召开全市政府系统信息工作会议"
    few = "采用A(a)方案，和B(b)方案"  # a few letters in brackets, no syllables glossed throughout
    assert converter_glosses(few) == []


def test_an_articles_footnotes_and_the_marks_that_point_to_them():
    raw = (
        f"{TITLE}\n同志们：\n要坚持“三个凡是”②，即凡是部署的工作都要有督查、凡是批示的事项都要有回音、凡是督查的问题都要有结果。"
        "要落实“三服务”①的要求。\n各单位要认真抓好落实。\n【注释】\n① “三服务”：指为领导服务、为机关服务、为基层服务。\n② “三个凡是”：见该办2016年的督查规定。\n"
    )
    out = _apply(raw, footnotes(raw))
    assert "【注释】" not in out and "①" not in out and "②" not in out and "见该办" not in out
    assert "“三个凡是”，即" in out
    f = find_formulas("x", clean(raw).text)
    members = f[f["formula"] == "三个凡是"]["members"].iloc[0]
    assert members.split("|")[0] == "凡是部署的工作都要有督查"
    # circled numbers of a list, with no notes under a label, stay
    assert footnotes("一要①学习；②调研；③落实。\n谢谢大家！\n") == []


def test_corner_bracket_quotes_read_as_quotes():
    text = clean("办公室的工作，无非是「谋、办、督、服」四个字。做好这四个字，就能把工作做好。").text
    assert "“谋、办、督、服”" in text
    f = find_formulas("x", text)
    assert f.iloc[0]["kind"] == "formulation" and f.iloc[0]["members"] == "谋|办|督|服"


def test_a_title_cut_after_yaozai_and_a_speaker_with_a_spaced_name():
    raw = "政经文献库　｜　首页　分类浏览\n办公室工作要在\n“谋、办、督、服”四个字上下功夫\n——在全省党委办公厅主任会议上的讲话\n省委秘书长　何　明\n" + BODY
    (piece,) = _pieces(raw)
    assert piece.title == "办公室工作要在“谋、办、督、服”四个字上下功夫"
    raw = "市政府办公厅\n首页 | 政务公开 | 领导讲话\n" + TITLE + "\n市政府秘书长　刘　明\n（2016年4月26日）\n" + BODY
    (piece,) = _pieces(raw)
    assert piece.title == TITLE


def test_a_postscript_after_the_closing_is_no_item():
    body = (
        f"{TITLE}\n同志们：\n下面，我讲三点要求。\n第一，要把问题查摆得再深一些。查摆问题是整改的前提。\n"
        "第二，要把整改措施定得再实一些。要逐项制定措施。\n第三，要把长效机制建得再牢一些。作风问题具有反复性。\n"
        "同志们，作风整顿时间紧、任务重，希望大家以实际行动交出合格答卷！\n最后强调一点，整顿期间各项日常工作不能放松。\n"
    )
    (piece,) = _pieces(body)
    assert _heads(piece.text) == ["第一，", "第二，", "第三，"]
