"""Page heads of round 5, in pages written in the manner of real ones: a site's numbers before every
paragraph, a speech title broken over two lines under an advert, a page's shorter copy of the title
above the speech's own."""
from __future__ import annotations

import pytest

from tifa.text.clean import clean
from tifa.text.documents import split_pieces

NUMBERED = "\n".join(
    f"{i}、{line}"
    for i, line in enumerate(
        [
            "各位领导、同志们：",
            "按照培训班安排，我结合自己的工作经历，谈几点体会。",
            "第一，想到位，就是要想在领导前面。",
            "每次领导下乡调研前，我都提前把当地的基本情况整理成一页纸。",
            "第二，做到位，就是要把小事做到极致。",
            "文件不过夜、电话不漏记、差错不出门。",
            "第三，跟到位，就是要盯住落实不放松。",
            "谢谢大家！",
        ],
        start=1,
    )
)

HEAD = (
    "公文宝典，一键生成规范公文的写作助手！ 立即体验\n\n"
    "全市机关效能建设动员大会上的讲话\n\n"
    "XXX同志在全市机关效能建设\n\n动员大会上的讲话\n\n"
    "同志们：\n\n今天召开全市机关效能建设动员大会，主要任务是动员全市各级机关迅速行动起来。\n\n"
    "一、统一思想，充分认识开展机关效能建设的重要意义\n\n效率就是竞争力，机关效能上不去，发展就会慢半拍。\n"
)


def test_a_sites_paragraph_numbers_go():
    cleaned = clean("在全县秘书工作培训班上的交流发言\n" + NUMBERED + "\n")
    assert "1、各位领导" not in cleaned.text and cleaned.text.splitlines()[1] == "各位领导、同志们："
    assert "\n第一，想到位" in cleaned.text
    assert sum(r.reason == "paragraph_number" for r in cleaned.log) == 8


def test_an_outline_of_arabic_numbers_stays():
    outline = "\n".join(f"{i}、抓好第{i}项重点工作。要落实责任，按期完成。" for i in range(1, 8))
    assert clean("在全县工作会议上的讲话\n同志们：\n" + outline + "\n").text.count("、抓好") == 7


def test_a_title_broken_under_an_advert_is_the_speechs_own():
    cleaned = clean(HEAD)
    piece = split_pieces(cleaned, source="x.txt")[0]
    assert piece.title == "XXX同志在全市机关效能建设动员大会上的讲话"
    assert piece.text.startswith("同志们：")  # the advert and the page's copy of the title are its head


def test_a_tag_or_column_before_the_title_and_a_newspapers_page():
    for head in ("[办公室主任在信息工作]", "本刊特稿 | "):
        raw = f"{head}在全县政务信息工作会议上的讲话\n同志们：\n今天召开全县政务信息工作会议，主要是总结去年信息工作。\n"
        piece = split_pieces(clean(raw), source="x.txt")[0]
        assert piece.title == "在全县政务信息工作会议上的讲话"
    raw = "第6版（）\n把办公室建设成为服务窗口\n——在全市办公室工作会议上的讲话\n同志们：\n这次会议的主要任务是总结去年的工作。\n"
    assert split_pieces(clean(raw), source="x.txt")[0].title == "把办公室建设成为服务窗口"


def test_a_forum_tag_is_not_cut_off_a_post_title():
    cleaned = clean("[分享]市直机关工委书记在党建推进会上的讲话\n同志们：\n今天召开推进会。\n")
    assert "[分享]" in cleaned.text or any("[分享]" in r.removed for r in cleaned.log)


def test_a_collections_pieces_under_its_numbered_name():
    piece = "\\n".join(["同志们：", "今天召开座谈会，我讲三点意见。", "一、提高认识", "要把思想统一到会议精神上来。"])
    raw = (
        "座谈会发言材料（2篇）\n\n座谈会发言材料篇1\n\n在机关青年干部座谈会上的发言\n" + piece.replace("\\n", "\n")
        + "\n\n座谈会发言材料篇2\n\n在全市党政信息工作座谈会上的发言\n" + piece.replace("\\n", "\n") + "\n"
    )
    titles = [p.title for p in split_pieces(clean(raw), source="x.txt")]
    assert titles == ["在机关青年干部座谈会上的发言", "在全市党政信息工作座谈会上的发言"]


@pytest.mark.parametrize(
    "head",
    [
        "请写一篇县直机关工委书记在机关党建工作推进会上的讲话\n2025-08-21 10:37:15 12次\n在县直机关党建工作推进会上的讲话\n",
        "秘书之家论坛 › 领导讲话 › 查看内容\n来源：江州日报 原题：在县直机关党建工作推进会上的讲话\n",
        "在县直机关党建工作推进会上的讲话(全文1380字)\n\n?在县直机关党建工作推进会上的讲话\n",
    ],
)
def test_the_speechs_title_under_a_request_a_reposts_source_or_a_word_count(head):
    raw = head + "同志们：\n今天召开县直机关党建工作推进会，目的是盘点上半年工作。\n"
    assert split_pieces(clean(raw), source="x.txt")[0].title == "在县直机关党建工作推进会上的讲话"


def test_an_editors_lead_in_the_news_voice_goes():
    raw = (
        "在全县政务服务工作推进会上的讲话\n"
        "3月12日，全县政务服务工作推进会召开，县委常委、常务副县长刘振华出席会议并讲话。现将讲话全文刊发如下。\n"
        "同志们：\n今天召开全县政务服务工作推进会，主要任务是总结去年工作。\n"
    )
    cleaned = clean(raw)
    assert "出席会议并讲话" not in cleaned.text and cleaned.text.startswith("在全县政务服务工作推进会上的讲话\n同志们：")
