"""The page around a speech, judged from the speech's own frame: what stands above its title block
once page furniture shows there, and what follows its last sentence once furniture has begun."""
from __future__ import annotations

from tifa.text.clean import clean

WECHAT = """点击上方“笔耕小站”关注我们，每天一篇实用材料
干货！老主任的三点忠告，句句说到心坎上（附讲话全文）
原创 老笔头 笔耕小站 2024-03-02 07:30 发表于湖北
收录于合集 #讲话稿 31个
在市直机关青年干部座谈会上的讲话
市委秘书长 李某某
（2024年2月28日）
同志们：
今天和大家座谈，主要是听听大家的想法。年轻干部是机关的未来，希望大家在实践中经风雨、壮筋骨、长才干。
一、要学会吃苦。机关工作没有八小时内外之分，材料一改再改是常事，要把吃苦当作一种历练。
二、要学会思考。遇到问题多问几个为什么，把上级精神和本地实际结合起来，拿出管用的办法。
同志们，路虽远行则将至，事虽难做则必成。希望大家不负韶华，在各自岗位上干出一番成绩。
— 完 —
来源丨根据会议录音整理
长按识别二维码关注
阅读 1.6万
写留言
"""

PREVIEW = """在全县文稿工作会议上的讲话
本文共4页 价格：3元
立即下载 收藏
同志们：
今天召开这个会，主要是研究如何提高全县文稿质量。文稿是机关工作的重要载体，质量高低直接影响决策落实。
一、提高站位写文稿
写文稿首先要吃透上情、摸清下情，把上级精神和本地实际结合好，做到观点鲜明、措施具体。
二、深入基层找素材
剩余1890字未读，开通VIP会员即可阅读全文
开通VIP
"""

REPORT = """1956年国务院政府工作报告
关于1955年国家决算和1956年国家预算的报告
——1956年6月15日在第一届全国人民代表大会第三次会议上
国务院副总理兼财政部长　李先念
各位代表：
现在我代表国务院向大会提出关于1955年国家决算和1956年国家预算的报告，请予审查。
"""


def _removed(raw: str) -> dict[str, str]:
    c = clean(raw)
    return {raw[r.raw_start : r.raw_end].strip(): r.reason for r in c.log}


def test_the_header_above_a_title_block_goes_and_the_block_stays():
    gone = _removed(WECHAT)
    text = clean(WECHAT).text
    for line in ("干货！老主任的三点忠告，句句说到心坎上（附讲话全文）", "点击上方“笔耕小站”关注我们，每天一篇实用材料"):
        assert line in gone and line not in text, line
    for line in ("在市直机关青年干部座谈会上的讲话", "市委秘书长 李某某", "（2024年2月28日）", "同志们："):
        assert line in text, line  # title, speaker, dateline, salutation


def test_the_footer_after_the_last_sentence_goes():
    text = clean(WECHAT).text
    assert text.rstrip().endswith("干出一番成绩。"), text[-60:]
    for line in ("— 完 —", "来源丨根据会议录音整理", "阅读 1.6万", "写留言"):
        assert line not in text, line


def test_a_heading_the_preview_ends_on_stays():
    text = clean(PREVIEW).text
    assert text.rstrip().endswith("二、深入基层找素材"), text[-40:]
    assert "开通VIP" not in text


def test_a_report_without_furniture_keeps_every_title_line():
    assert not _removed(REPORT)


VIEWER = """在全县信息工作会议上的讲话.doc
共3页 | 18.2KB | 下载 96
1、在全县信息工作会议上的讲话
同志们：
今天召开全县信息工作会议，主要任务是总结去年工作，部署今年任务。去年以来，全县信息工作围绕中心、服务大局，报送质量明显提高。
一是抓时效。信息工作讲究一个快字，突发事件要第一时间报告，不能等、不能拖，更不能瞒报
2、漏报。二是抓质量。信息要准确，一个数字都不能错，报送前要层层核实，把好质量关，督查室自身的作4风也要过硬。
三是抓队伍。要选好配强信息员，定期开展培训，让信息员懂政策、会写作、善分析。
"""


def test_a_viewers_page_chunks_and_a_lone_page_number_glued_in_a_word_go():
    c = clean(VIEWER)
    gone = [(VIEWER[r.raw_start : r.raw_end], r.reason) for r in c.log]
    assert ("1、", "page_chunk") in gone and ("2、", "page_chunk") in gone, gone
    assert ("4", "page_number") in gone, gone
    assert "作风也要过硬" in c.text and "不能瞒报漏报" in c.text.replace("\n", "")


COLLECTION = """好文网 · 写作更简单
首页 > 讲话稿 > 办公室讲话
办公室讲话稿范文2篇
范文一
在办公室主任例会上的讲话
同志们：
今年以来，办公室各科室工作总体有序，但也存在标准不高、节奏不快的问题。下面讲三点要求，请大家抓好落实，确保各项工作再上新台阶。
范文二
在县政府办公室全体干部会议上的讲话
同志们：
办公室的工作，说到底都是由一件件小事组成的。今天我想跟大家讲三句话，希望大家记在心里、落在行动上，把每一件小事都做细做实。
"""


def _docs(tmp_path, name: str, text: str):
    from tifa.corpus.tables import load

    (tmp_path / name).write_text(text, encoding="utf-8")
    return load([tmp_path / name], root=tmp_path, findings=False).documents


def test_piece_markers_alone_on_their_lines_split_a_collection(tmp_path):
    docs = _docs(tmp_path, "c.txt", COLLECTION)
    assert list(docs["title"]) == ["在办公室主任例会上的讲话", "在县政府办公室全体干部会议上的讲话"]
    assert not docs["text"].str.contains("范文一|范文二").any()


def test_a_pages_english_interface_and_a_bracketed_title(tmp_path):
    page = ("Skip to content\nWe use cookies to give you the best experience.\nAccept all　Reject\n公文札记 · Gongwen Notes\nMenu\n"
            "《在全市政务公开工作推进会上的讲话》\n4.7分（96人评价）\n同志们：\n今天召开全市政务公开工作推进会，主要任务是总结前一阶段工作，部署下一阶段任务。"
            "公开是常态，不公开是例外，各级各部门要把政务公开摆上重要位置。\n")
    doc = _docs(tmp_path, "p.txt", page).iloc[0]
    assert doc["title"] == "在全市政务公开工作推进会上的讲话"
    for junk in ("Skip", "cookies", "Accept", "Gongwen", "Menu", "评价"):
        assert junk not in doc["text"], junk
    assert "WTO" in clean("我国加入WTO以后，开放水平不断提高，外贸规模持续扩大，这是改革开放取得的重大成就。\nWTO\n").text  # an acronym alone stays


BULLETIN = """清河县人民政府办公室　　　　2024年第3期
政　务　通　讯
【领导讲话】
在全县督查工作会议上的讲话
同志们：
今天召开全县督查工作会议，主要任务是总结去年督查工作，部署今年重点任务。去年以来，全县督查系统围绕中心、服务大局，做了大量工作。
— 1 —
清河县人民政府办公室　　　　2024年第3期
一、找准督查工作的着力点。督查工作做得好不好，关键看能不能抓住要害，要紧盯重大决策部署，紧盯群众反映强烈的问题。
— 2 —
清河县人民政府办公室　　　　2024年第3期
二、提高督查工作的实效性。要坚持问题导向，督促一件、办结一件，做到件件有着落、事事有回音。
"""


def test_a_running_header_on_every_page_goes_and_so_does_the_masthead_under_it():
    text = clean(BULLETIN).text
    assert "清河县人民政府办公室" not in text and "政　务　通　讯" not in text and "【领导讲话】" not in text
    assert text.startswith("在全县督查工作会议上的讲话\n同志们：")


def test_a_sentence_broken_over_lines_is_no_running_header():
    raw = "".join(f"第{n}段，为编制《\n纲要（草案）\n》提供了基础，各方面做了大量工作，取得了明显成效。\n" for n in range(1, 5))
    assert "纲要（草案）" in clean(raw).text


def test_a_table_of_contents_with_leaders_a_caption_and_a_stamp_go():
    raw = ("目　　录\n一、深化认识，筑牢思想防线……………………1\n二、突出重点，守住关键环节……………………3\n【内部资料　注意保管】\n"
           "在全市机关保密工作会议上的讲话\n同志们：\n今天召开全市机关保密工作会议，主要任务是分析形势、部署工作。保密工作事关全局，任何时候都不能放松。\n"
           "图为会议现场。（融媒记者 李娜 摄）\n一、深化认识，筑牢思想防线\n保密就是保安全，保密就是保发展。\n")
    text = clean(raw).text
    assert text.startswith("在全市机关保密工作会议上的讲话\n同志们："), text[:60]
    assert "……" not in text and "注意保管" not in text and "李娜 摄" not in text
    assert "一、深化认识，筑牢思想防线\n保密就是保安全" in text


def test_a_page_title_keeps_the_speech_title_and_loses_the_sites_suffix(tmp_path):
    page = ("某某文秘手机网\n导航\n首页 > 讲话 > 详细内容\n在全镇安全生产工作会议上的讲话 - 讲话范文\n同志们：\n"
            "今天召开全镇安全生产工作会议，主要任务是分析当前形势，部署下一阶段的安全生产工作，确保全镇大局稳定。\n"
            "一、要压实责任\n各村、各企业要把安全责任落实到每一个岗位、每一个人，不留死角。\n")
    doc = _docs(tmp_path, "w.txt", page).iloc[0]
    assert doc["title"] == "在全镇安全生产工作会议上的讲话"
    assert "讲话范文" not in doc["text"] and "一、要压实责任" in doc["text"]
    assert _removed(page)["- 讲话范文"] == "page_title"


def test_line_breaks_written_out_as_escapes_are_line_breaks(tmp_path):
    page = ("在全镇信访工作会议上的讲话 x0dx0ax0dx0a同志们： x0dx0a今天召开会议，主要是部署下一阶段的信访工作，请大家认真抓好落实。"
            " x0dx0ax0dx0a一、要畅通渠道 x0dx0a要让群众有地方说理、有人管事。 x0dx0ax0dx0a二、要化解积案 x0dx0a要一件一件抓，一户一户访。\n")
    doc = _docs(tmp_path, "q.txt", page).iloc[0]
    assert doc["title"] == "在全镇信访工作会议上的讲话"
    assert "x0d" not in doc["text"] and "x0a" not in doc["text"]
    assert "\n一、要畅通渠道\n" in doc["text"] and "\n二、要化解积案\n" in doc["text"]


def test_a_preview_run_into_one_line_under_an_accounts_header(tmp_path):
    body = ("在全县统计工作会议上的讲话 同志们：今天召开全县统计工作会议，主要任务是总结去年统计工作，部署今年重点任务。统计数据是决策的依据，"
            "质量是统计工作的生命。过去一年，全县统计系统克服人手少、任务重等困难，圆满完成了经济普查等各项任务。借这个机会，我讲两点意见。 一、要确保数据真实 第一个要求是准。要坚持依法统计，做到应统尽统。 第二个要求是快。"
            "要按时报送，不拖不等。 二、要提升服务水平 统计部门要多出分析报告，为县委县政府决策提供参考。")
    page = "文章汇 · 公众号精选　首页　热门　登录\n首页 > 职场 > 统计之窗\n统计之窗\n微信号：tongji_zc　关注\n文章预览\n" + body + "\n点击查看原文 >>\n"
    doc = _docs(tmp_path, "v.txt", page).iloc[0]
    assert doc["title"] == "在全县统计工作会议上的讲话"
    assert not any(s in doc["text"] for s in ("统计之窗", "微信号", "文章预览"))
    from tifa.structure.outline import parse

    assert [(it.marker.text, it.depth) for it in parse(doc["text"])] == [("一、", 1), ("第一个", 2), ("第二个", 2), ("二、", 1)]


def test_an_articles_keywords_its_journal_issue_and_other_articles_go_its_author_note_stays(tmp_path):
    page = ("期刊在线　首页 | 分类 | 登录\n当前位置：首页 > 机关 > 秘书之友 > 2022年7期\n抓好“三个环节”做实信息工作\n"
            "秘书之友 2022年7期\n关键词：信息工作；县委办公室\n"
            "近年来，我们坚持把信息工作作为服务决策的重要抓手，围绕“三个环节”下功夫，信息采用率连续两年位居全市前列。现将主要做法介绍如下。\n"
            "一、抓好收集环节\n我们建立了覆盖全县各部门的信息员队伍，做到重要情况第一时间报送，确保信息来源稳定。\n"
            "二、抓好编辑环节\n对报送的信息逐条把关，去粗取精，力求每一条都有分量、有价值，能够为领导决策所用。\n"
            "（作者系某某县委办公室信息科科长）\n秘书之友2022年7期\n秘书之友的其它文章\n做好会务工作的几点体会\n浅谈机关公文的规范化\n")
    doc = _docs(tmp_path, "j.txt", page).iloc[0]
    for junk in ("2022年7期", "关键词", "其它文章", "做好会务工作的几点体会", "浅谈机关公文的规范化"):
        assert junk not in doc["text"], junk
    assert "（作者系某某县委办公室信息科科长）" in doc["text"]


def test_a_collections_numbered_pieces_with_the_sites_label_of_each(tmp_path):
    speech = "同志们：\n今天召开会议，主要任务是总结工作、部署任务。大家要认清形势，切实增强做好工作的责任感和紧迫感，把各项任务落到实处，不辜负组织的信任。\n"
    page = ("某某期刊网 精选范文\n机关效能建设讲话精选(二篇)\n机关效能建设讲话\n第1篇:机关效能建设讲话范文\n在全县机关效能建设大会上的讲话\n" + speech
            + "第2篇:机关效能建设讲话范文\n在机关效能建设大会上的表态发言\n" + speech)
    docs = _docs(tmp_path, "k.txt", page)
    assert list(docs["title"]) == ["在全县机关效能建设大会上的讲话", "在机关效能建设大会上的表态发言"]
    assert not docs["text"].str.contains("范文|精选").any()


def test_on_a_jammed_page_a_run_of_letters_with_one_odd_token_goes_too():
    page = ("在全市督查工作会议上的讲话\nZ6 Mx o q8 1y YJ V'\n同志们：\nc^ w m* ZD vq 5今天召开全市督查工作会议，主要是部署今年的督查任务。\n"
            "一、要督在关键处\nxz N kp F* WR zg督查是推动落实的利器，要盯住重点任务，一项一项抓到底。\n")
    text = clean(page).text
    assert "xz" not in text and "WR" not in text and "督查是推动落实的利器" in text


def test_a_preview_with_no_salutation_has_its_title_and_headings_on_lines_of_their_own(tmp_path):
    line = ("在全县档案工作会议上的讲话 近年来，全县档案工作有了明显进步，档案馆建设走在全市前列，为全县工作提供了有力支撑。"
            " 今天我主要讲两个问题，请大家结合实际抓好落实，把档案工作的基础打得更牢，为全县高质量发展留下真实可信的历史记录。 一、档案工作要守住安全底线 第一个要求是实体安全。"
            " 库房要定期检查，防火、防潮、防虫措施一项都不能少。 第二个要求是信息安全。 电子档案要做好备份，严防泄密。"
            " 二、档案工作要服务发展大局 要围绕县委中心工作，主动提供档案资料。")
    doc = _docs(tmp_path, "p.txt", "某某看点 首页 公众号 登录\n文章预览\n" + line + "\n点击查看原文 >>\n").iloc[0]
    assert doc["title"] == "在全县档案工作会议上的讲话"
    from tifa.structure.outline import parse

    assert [it.marker.text for it in parse(doc["text"])] == ["一、", "第一个", "第二个", "二、"]


def test_kangxi_radicals_boxes_for_breaks_and_double_prime_quotes_of_a_pdf(tmp_path):
    page = ("在全县⽂稿⼯作会议上的讲话□同志们：□今天召开会议，主要是研究提⾼⽂稿质量。要做到“三个到位〞：认识到位、责任到位、措施到位。\n"
            "⼀、要吃透上情\n(分类:党政培训)二、要摸清下情\n")
    text = clean(page).text
    assert text.startswith("在全县文稿工作会议上的讲话\n同志们：\n今天")
    assert "“三个到位”" in text and "分类" not in text
    assert "\n一、要吃透上情\n二、要摸清下情" in text


def test_a_watermark_a_sites_name_line_and_its_category_before_the_title_go(tmp_path):
    page = ("某某文苑 - 范文学习文库\n首页 | 公务范文 | 党课讲稿 | 讲话致辞\n当前位置: 首页 > 公务范文 > 党课讲稿\n党课讲稿：守初心 担使命\n"
            "同志们： 某某文苑 www.moumou.example\n今天这堂党课，我想和大家谈谈初心和使命，谈谈我们办公室干部应当怎样担当作为。\n"
            "一、守住初心 某某文苑 www.moumou.example\n初心就是为人民服务，这是我们一切工作的出发点和落脚点，任何时候都不能忘记。\n")
    doc = _docs(tmp_path, "d.txt", page).iloc[0]
    assert doc["title"].replace(" ", "") == "守初心担使命"
    assert not any(s in doc["text"] for s in ("www.", "范文学习文库", "党课讲稿"))
    assert "\n一、守住初心\n" in doc["text"]


def test_a_collection_whose_pieces_open_with_their_titles_and_dashed_page_numbers(tmp_path):
    one = "在办公室全体人员会议上的讲话\n同志们：\n今天开个短会，把下半年的工作安排一下。第一，要把文电办理抓紧。第二，要把值班值守抓牢，遇到突发情况要在-1-\n第一时间报告。\n大家都是老办公室了，我相信大家能把这些工作做好。\n"
    two = "在机关秘书工作座谈会上的发言\n各位领导，同志们：\n我做秘书工作已经八年了，借这个机会谈几点体会。一、秘书要甘当配角。二、秘书要勤于积累。-2-\n以上是我的几点体会，请大家批评指正。\n"
    docs = _docs(tmp_path, "c.txt", "某某驿站　首页　范文　讲话\n办公室会议讲话稿(精选2篇)\n" + one + two)
    assert list(docs["title"]) == ["在办公室全体人员会议上的讲话", "在机关秘书工作座谈会上的发言"]
    assert "在第一时间报告" in docs["text"].iloc[0] and not docs["text"].str.contains("-1-|-2-").any()


def test_a_reference_books_entry_around_a_sample_speech_and_an_english_version_go(tmp_path):
    english = "Comrades: today we hold this meeting to sum up last year's work and to arrange the tasks for this year, thank you all."
    page = ("某某百科　首页 | 书库\n经验交流发言\n【简介】：\n经验交流发言，是在工作会议上由先进单位介绍经验的讲话稿。\n（一）标题　常用正副标题。\n（二）正文　先概述，再分条介绍。\n"
            "【范例】：\n抓好“三个环节” 做实信息工作\n各位领导，同志们：\n近年来，我们围绕“三个环节”下功夫，信息采用率连续两年位居全市前列。现将主要做法介绍如下。\n"
            "一、抓好收集环节\n我们建立了覆盖全县的信息员队伍，重要情况第一时间报送，确保信息来源稳定可靠，为领导决策提供有力参考。\n"
            + english + "\n上一条：表态发言\n下一条：述职报告\n")
    doc = _docs(tmp_path, "r.txt", page).iloc[0]
    assert doc["title"] == "抓好“三个环节” 做实信息工作"
    for junk in ("简介", "范例", "（一）标题", "上一条", "Comrades"):
        assert junk not in doc["text"], junk


def test_a_documents_label_before_its_title_a_fields_name_and_a_press_releases_tags_go(tmp_path):
    one = _docs(tmp_path, "a.txt", "某某范文网 首页 讲话\n表彰大会讲话稿：在全县档案工作表彰大会上的讲话\n同志们：\n今天召开表彰大会，表彰一年来涌现出的先进集体和先进个人，希望大家珍惜荣誉、再创佳绩。\n")
    assert one.iloc[0]["title"] == "在全县档案工作表彰大会上的讲话"
    two = _docs(tmp_path, "b.txt", "跳至主要內容\n簡體版 English 電郵給朋友 特區新聞公報\n政務司司長出席培訓課程開班禮致辭（只有中文）（附圖）\n"
                "以下是政務司司長今日出席培訓課程開班禮的致辭全文：\n各位嘉賓、各位學員：\n今日很高興出席培訓課程的開班禮，希望各位學員學以致用。最後，我祝願課程圓滿成功。多謝大家。\n")
    assert two.iloc[0]["title"] == "政务司司长出席培训课程开班礼致辞"  # titles are given in simplified script
    assert not any(s in two.iloc[0]["text"] for s in ("跳至", "English", "只有中文", "以下是"))


def test_a_collections_table_of_contents_and_each_pieces_field_of_its_title(tmp_path):
    speech = "同志们：\n今天召开会议，主要任务是总结工作、部署任务。大家要认清形势，切实增强做好工作的责任感和紧迫感，把各项任务落到实处，不辜负组织的信任。\n"
    page = ("某某范文之家 > 领导讲话\n办公室工作会议讲话（精选2篇）\n本文目录\n第一篇：在全县办公室主任会议上的讲话\n第二篇：在县政府办公室干部会议上的讲话\n"
            "第一篇：在全县办公室主任会议上的讲话\n文章标题：在全县办公室主任会议上的讲话\n围绕中心 服务大局\n——在全县办公室主任会议上的讲话\n" + speech
            + "第二篇：在县政府办公室干部会议上的讲话\n文章标题：在县政府办公室干部会议上的讲话\n在县政府办公室干部会议上的讲话\n" + speech)
    docs = _docs(tmp_path, "t.txt", page)
    assert [t.replace(" ", "") for t in docs["title"]] == ["围绕中心服务大局", "在县政府办公室干部会议上的讲话"]
    assert not docs["text"].str.contains("文章标题|本文目录").any()


def test_a_blogs_own_words_above_a_speech_whose_salutation_names_new_colleagues(tmp_path):
    page = ("qingshan.example\n山间的风，和听风的人。\n去年那篇发言稿\n🗓️\n🏷️\n翻电脑文件夹的时候，翻到去年写的一篇发言稿，那时候刚到单位一年，处里让我在座谈会上发个言。\n"
            "在新入职干部座谈会上的发言\n各位领导，各位新同事：\n大家好！很荣幸作为去年入职的代表在这里发言，和大家分享这一年来的几点体会。\n首先，要有学习意识。\n其次，要有规矩意识。\n以上是我的一点体会，谢谢大家！\n")
    doc = _docs(tmp_path, "b.txt", page).iloc[0]
    assert doc["title"] == "在新入职干部座谈会上的发言"
    assert "🗓" not in doc["text"] and "各位领导，各位新同事：" in doc["text"]


def test_a_paragraph_tag_breaks_the_line_and_a_title_decorated_as_a_sites_offer_keeps_the_title(tmp_path):
    page = ("在全县信访工作会议上的讲话 在全县信访工作会议上的讲话在全县信访工作会议上的讲话同志们:今天召开全县信访工作会议，主要任务是总结去年工作、部署今年任务，"
            "请大家认真抓好落实。</p>在全县信访工作会议上的讲话\n\n下面，我讲几点意见。\n\n一、畅通信访渠道\n要让群众有地方说理、有人管事。\n")
    doc = _docs(tmp_path, "p.txt", page).iloc[0]
    assert doc["title"] == "在全县信访工作会议上的讲话" and "讲话" not in doc["text"].split("下面")[0]
    offer = _docs(tmp_path, "o.txt", "2022年在全县信访工作会上的讲话范文\nVIP专免\n2024-06-03\n19.9KB\n同志们:\n今天召开会议，主要是部署今年的信访工作，请大家认真抓好落实，确保各项任务按时完成。\n").iloc[0]
    assert offer["title"] == "2022年在全县信访工作会上的讲话"


def test_credits_ratings_an_attachments_counter_and_a_titles_page_count_go(tmp_path):
    page = ("某某文库\n2023年在全县保密工作会议上的讲话（6页）\n推荐度：★★★★★\n在全县保密工作会议上的讲话\n同志们：\n今天召开全县保密工作会议，主要任务是分析形势、部署工作，保密工作事关全局，任何时候都不能放松。\n"
            "(, 下载次数: 118)\n作者 | 县委保密办\n编辑 | 某某某\n")
    doc = _docs(tmp_path, "c.txt", page).iloc[0]
    assert doc["title"] == "在全县保密工作会议上的讲话"
    assert not any(s in doc["text"] for s in ("★", "下载次数", "作者 |", "编辑 |", "6页"))


def test_paragraphs_run_into_one_line_two_spaces_apart(tmp_path):
    line = ("在全县秘书工作交流会上的发言——把小事当成大事来办    按照会议安排，我谈几点体会，不妥之处请批评指正。  一、在“准”字上下功夫  准，是秘书工作的生命线。"
            "  一是信息要准。报给领导的每一条信息都要核实时间、地点和数据，拿不准的宁可晚报一会儿。  二是意图要准。领导交办事项要当场问清楚要求、时限和标准。"
            "  二、在“快”字上求突破  秘书工作讲究时效，慢了就可能误事，急事要随叫随到，一般文件当天办结。")
    doc = _docs(tmp_path, "g.txt", "某某公文之家\n" + line + "\n").iloc[0]
    from tifa.structure.outline import parse

    assert [it.marker.text for it in parse(doc["text"])] == ["一、", "一是", "二是", "二、"]


def test_a_collections_contents_numbered_like_headings_go(tmp_path):
    speech = "今天召开会议，主要任务是总结工作、部署任务。大家要认清形势，切实增强做好工作的责任感和紧迫感，把各项任务落到实处。\n一要加强学习。\n二要改进作风。\n希望大家不负组织期望。\n"
    page = ("某某文书 > 讲话致辞\n座谈会讲话范文(精选2篇)\n目录\n一、在全市青年干部座谈会上的讲话\n二、在全县办公室系统座谈会上的讲话\n"
            "在全市青年干部座谈会上的讲话\n同志们：\n" + speech + "在全县办公室系统座谈会上的讲话\n同志们：\n" + speech)
    docs = _docs(tmp_path, "m.txt", page)
    assert list(docs["title"]) == ["在全市青年干部座谈会上的讲话", "在全县办公室系统座谈会上的讲话"]
    from tifa.structure.outline import parse

    assert [(it.marker.text, it.depth) for it in parse(docs["text"].iloc[0])] == [("一要", 1), ("二要", 1)]


def test_the_main_title_right_above_its_subtitle_under_a_headline(tmp_path):
    page = ("经验交流｜县政府办：用好“三个一线”工作法\n原创 某某 某某研习社 2024年06月13日 07:30\n作者丨某某\n责编丨小林\n"
            "坚持“三个一线”工作法 推动办公室工作提质增效\n——县政府办公室经验交流材料\n"
            "近年来，县政府办公室认真落实上级关于改进机关作风的部署，坚持情况在一线掌握、问题在一线解决、作风在一线锤炼。\n一、情况在一线掌握\n")
    doc = _docs(tmp_path, "s.txt", page).iloc[0]
    assert doc["title"].replace(" ", "") == "坚持“三个一线”工作法推动办公室工作提质增效"


def test_a_portals_bullet_fields_a_blogs_posting_time_and_pager_and_a_garbled_tag_go(tmp_path):
    page = ("某某州人民政府\n• 索引号：\n11522700MB1234567X/2024-00218\n• 发布机构：\n州政府办公室\n"
            "在全州办公室工作会议上的讲话 (2023-10-12 16:40:21)\n分类： 讲话稿\n同志们：\n"
            "今天召开全州办公室工作会议，主要任务是总结工作、部署任务，请大家认真抓好落实。?/p>\n一、提高站位\n要把讲政治摆在首位。\n上一页 1 2 3 下一页\n")
    doc = _docs(tmp_path, "f.txt", page).iloc[0]
    assert doc["title"] == "在全州办公室工作会议上的讲话"
    assert not any(s in doc["text"] for s in ("索引号", "MB1234567X", "2023-10-12", "分类", "?/p>", "下一页"))


def test_a_collection_whose_markers_are_fanwen_n_before_a_label_and_titles_with_a_kind_of_speech(tmp_path):
    one = "在县直机关作风整顿大会上的表态发言\n尊敬的各位领导，同志们：\n刚才，县委主要领导作了动员讲话，我们坚决拥护。一、在思想上再提高。二、在服务上再提速。我们将以实际行动交上满意答卷。\n"
    two = "在全区机关效能提升动员会上的表态发言\n各位领导、同志们：\n按照会议安排，我代表区政府办公室作表态发言。一、提高站位抓落实。二、聚焦重点抓落实。请大家监督。\n"
    page = "某某范文网\n机关表态发言范文(精选2篇)\n【范文一】机关表态发言\n" + one + "【范文二】机关表态发言\n" + two
    docs = _docs(tmp_path, "r.txt", page)
    assert list(docs["title"]) == ["在县直机关作风整顿大会上的表态发言", "在全区机关效能提升动员会上的表态发言"]
