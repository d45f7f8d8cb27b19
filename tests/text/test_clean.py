"""Cleaning: each step on real excerpts of the seed texts, and the audit log."""
from __future__ import annotations

import re
import unicodedata

import pytest

from tifa.text import chrome, debris, furniture, lines, normalize
from tifa.text.clean import clean
from tifa.text.edits import apply_edits

from ..conftest import assert_log_accounts_for_every_removed_character, SEEDS, seed


def run(step, text):
    return apply_edits(text, step(text))


@pytest.mark.parametrize(
    "raw, expected",
    [
        # breadcrumb and publish/view-count line (seed 000)
        ("当前位置:首页 > 心得体会 >\n\n新入职办公室干部交流会上讲话", "\n新入职办公室干部交流会上讲话"),
        ("标题\n\n发布时间: 2021-10-16 14:56:36 浏览:\n\n 同志们:", "标题\n\n\n 同志们:"),
        # page template line with time and a contribution link (seed 002)
        ("讲话\n时间:2023-10-23 09:54:13 办公/印刷/造纸 我要投稿\n同志们:", "讲话\n同志们:"),
        # html residue with a timestamp (seed 001)
        ("发言稿\n“>办公室工作经验交流发言稿2007-03-01 23:48:09\n国之废兴,在于政事;", "发言稿\n国之废兴,在于政事;"),
        # copyright, ICP and Powered-by footers (seed 000)
        (
            "谢谢。\n版权所有:无忧范文网 2010-2024 未经授权禁止复制或建立镜像\nPowered by 无忧范文网 © All Rights Reserved.。冀ICP备19022856号",
            "谢谢。\n",
        ),
        # related-article list with dated entries (seed 002)
        (
            "谢谢大家!\n\n【在办公室主任会议上的讲话】相关文章:\n\n关于办公室主任会议上的讲话07-02\n\n爱国卫生会议上的讲话08-28",
            "谢谢大家!\n\n",
        ),
        # "you may be interested" + reading ranking + recommended lists with bullets (seed 004)
        (
            "影响领导形象。\n您可能感兴趣的文稿\n- 10-122024年廉政谈话记录\n阅读排行\n推荐文稿\n- 02-06乡镇典型事迹材料",
            "影响领导形象。\n",
        ),
        # hot-keyword line (seed 000)
        ("工作顺利。\n\n相关热词搜索: 讲稿 会上 业务培训\n", "工作顺利。\n\n"),
    ],
)
def test_chrome_lines_are_removed(raw, expected):
    squeeze = lambda s: re.sub(r"\n+", "\n", s)  # noqa: E731 - blank lines are tidied later
    assert squeeze(run(chrome.chrome, raw)) == squeeze(expected)


def test_membership_ad_block_atop_a_file_is_removed():
    raw = seed("003").read_text(encoding="utf-8")
    out = run(chrome.chrome, raw)
    assert out.lstrip().startswith("在市X系统办公室主任暨业务培训会上的讲话")
    for ad in ("仅供学习", "酷乐文行", "订阅", "会员", "QQ群"):
        assert ad not in out


def test_chrome_never_removes_content_lines():
    # Long paragraphs that happen to contain chrome words stay.
    para = "办公室负责接收处理上级和兄弟单位的来文来函，接待上级领导的视察、检查和兄弟单位的参观学习，" * 3
    assert run(chrome.chrome, para + "\n版权所有") == para + "\n"


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("认\n1\n真做好记录", "认\n真做好记录"),
        ("一是\n2\n局意识", "一是\n局意识"),
        ("第 3 页 / 共 9 页\n正文", "正文"),
        ("- 12 -\n正文", "正文"),
        ("2010 年 10 月 14 日\n3", "2010 年 10 月 14 日\n"),
    ],
)
def test_page_numbers(raw, expected):
    assert run(lines.page_numbers, raw) == expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        # a word broken across a page break (seed 000)
        (
            "前文。\n切实提高胜任本职岗位、完成各项工\n\n 作任务的能力。三要善于思考有主见。",
            "前文。\n切实提高胜任本职岗位、完成各项工作任务的能力。三要善于思考有主见。",
        ),
        # a sentence broken across short PDF lines (seed 001)
        ("“请示”应一文一事;“报告”可多事一报,但不得夹\n带请示的事项。", "“请示”应一文一事;“报告”可多事一报,但不得夹带请示的事项。"),
        # a heading run together with its body, then cut (seed 001)
        (
            "一、突出调查研究,提高服务决策的质量没有调查研究就没有发言权,没有调查研究就没有决策权。调查研究工\n作是成事之基",
            "一、突出调查研究,提高服务决策的质量没有调查研究就没有发言权,没有调查研究就没有决策权。调查研究工作是成事之基",
        ),
        # a title is never joined to the first paragraph (seed 004)
        (
            "办公室工作经验交流:做好新时代办公室工作,必须要强化六种意识\n办公室是党委、政府的服务部,服务是工作主旋律。",
            "办公室工作经验交流:做好新时代办公室工作,必须要强化六种意识\n办公室是党委、政府的服务部,服务是工作主旋律。",
        ),
        # nor a numbered heading to its body (seed 004)
        (
            "前文。\n一、做好新时代办公室工作,必须要有大局意识\n办公室的工作是政治性、政策性、全局性很强的工作。",
            "前文。\n一、做好新时代办公室工作,必须要有大局意识\n办公室的工作是政治性、政策性、全局性很强的工作。",
        ),
        # nor an unnumbered heading line (seed 002)
        ("前文。\n要充分认识这次办班的重要性和必要性\n办公室是各级机关的综合工作部门。", "前文。\n要充分认识这次办班的重要性和必要性\n办公室是各级机关的综合工作部门。"),
        # a line ending with a colon announces a list: no join (seed 000)
        ("具有明显的综合性和服务性:\n1. 综合性。", "具有明显的综合性和服务性:\n1. 综合性。"),
    ],
)
def test_join_broken_lines(raw, expected):
    assert run(lines.join_broken_lines, raw) == expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("一、勤学增才 习总书记强调,中国共产党人依靠学习走到今天", "一、勤学增才\n习总书记强调,中国共产党人依靠学习走到今天"),
        ("(一)职业生涯史极为漫长 文史专业出身的同志都知道", "(一)职业生涯史极为漫长\n文史专业出身的同志都知道"),
        # a space inside a heading is not a heading break (seed 000)
        ("4. 内容杂,服务面 宽。办公室是具体办事机构", "4. 内容杂,服务面 宽。办公室是具体办事机构"),
        ("1. 综合性。办公室的综合性", "1. 综合性。办公室的综合性"),
    ],
)
def test_split_runin_headings(raw, expected):
    # applied twice, as nested headings need (一、… (一)… body)
    out = run(lines.split_runin_headings, raw)
    assert run(lines.split_runin_headings, out) == expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("我认为一是 一是 对领导要做到“眼明腿快”。", "我认为一是 对领导要做到“眼明腿快”。"),
        (
            "二是 二是对机关要做到“留心细致”。二是 由于办公室综合协调服务的职能特点",
            "二是对机关要做到“留心细致”。由于办公室综合协调服务的职能特点",
        ),
        ("三是对基层要“热忱周到”。办公室秘书要有很强的群众观念,三是 注重与基层的沟通联系", "三是对基层要“热忱周到”。办公室秘书要有很强的群众观念,注重与基层的沟通联系"),
        ("三是 三是要有吃苦奉献精神。文秘工作是坐冷板凳的工作,有 三是 时工作需要", "三是要有吃苦奉献精神。文秘工作是坐冷板凳的工作,有 时工作需要"),
        # ordinary lists are untouched
        ("一是动之以情。二是晓之以理。三是孚之以威。", "一是动之以情。二是晓之以理。三是孚之以威。"),
        ("一是要广泛听取意见。二是要妥善处理好民主与集中的关系。一是 统一思想", "一是要广泛听取意见。二是要妥善处理好民主与集中的关系。一是 统一思想"),
    ],
)
def test_doubled_markers(raw, expected):
    assert run(lines.doubled_markers, raw) == expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("在正式入职的第一天,领导就向我强调了办 公室的定位", "在正式入职的第一天,领导就向我强调了办公室的定位"),
        ("我是今年 4 月份进入办公室,时间较短 资历尚浅。", "我是今年4月份进入办公室,时间较短资历尚浅。"),
        ("18 世纪以前,知识更新速度为 90年左右翻一番", "18世纪以前,知识更新速度为90年左右翻一番"),
        # Latin stays apart; slogans in a short title line keep their spaces
        ("例如,物联网、大数据、AI 智能等。XX 主任", "例如,物联网、大数据、AI 智能等。XX 主任"),
        ("参与政务 管理事务 协调关系 搞好服务 ——新入职办公室人员业务培训辅导讲稿", "参与政务 管理事务 协调关系 搞好服务 ——新入职办公室人员业务培训辅导讲稿"),
    ],
)
def test_cjk_spaces(raw, expected):
    assert run(normalize.cjk_spaces, raw) == expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("同志们:", "同志们："),
        ("地位作用十分重要。作为一名新入职机关干部,如何适应环境", "地位作用十分重要。作为一名新入职机关干部，如何适应环境"),
        ("(一)中心的地位和作用", "（一）中心的地位和作用"),
        ("强化六种意识(大局意识、发展意识)。", "强化六种意识（大局意识、发展意识）。"),
        ('弄清楚"怎么看"的问题', "弄清楚“怎么看”的问题"),
        ("发言稿----风雨并济的感悟", "发言稿——风雨并济的感悟"),
        ("是衡量工作的标准?不是!", "是衡量工作的标准？不是！"),
        # digits and Latin left alone
        ("1. 综合性。", "1. 综合性。"),
        ("时间 10:30, price 3.5, (a) ok", "时间 10:30, price 3.5, (a) ok"),
        ("20xx年", "20xx年"),
    ],
)
def test_punctuation(raw, expected):
    assert run(normalize.punctuation, raw) == expected


# --------------------------------------------------------------------------- whole files

CHROME_LEFTOVERS = ["当前位置", "发布时间", "浏览", "相关文章", "相关推荐", "您可能感兴趣", "阅读排行", "推荐文稿", "版权所有",
                    "Powered by", "ICP备", "相关热词", "我要投稿", "订阅", "QQ群", "会员", "23:48:09"]


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_no_chrome_remains(path):
    text = clean(path.read_text(encoding="utf-8")).text
    for junk in CHROME_LEFTOVERS:
        assert junk not in text, junk
    assert not re.search(r"^\s*\d{1,3}\s*$", text, re.M), "page number left"
    assert not re.search(r"[一二三四五六七八九]是 [一二三四五六七八九]是", text)
    assert not re.search(r"[\u4e00-\u9fff] +[\u4e00-\u9fff]", "\n".join(l for l in text.split("\n") if len(l) > 60))
    assert not re.search(r"[\u4e00-\u9fff][,;:?!]|[,;:?!][\u4e00-\u9fff]", text), "half-width punctuation in Chinese"




@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_cleaning_log_accounts_for_every_removed_character(path):
    """Raw minus the logged spans is the cleaned text, up to spaces and punctuation width."""
    raw = path.read_text(encoding="utf-8")
    result = clean(raw)
    assert_log_accounts_for_every_removed_character(raw, result)
    for r in result.log:
        assert r.reason and r.line >= 1
        assert raw.split("\n")[r.line - 1].strip()  # the line it names is not blank


def test_every_content_sentence_is_kept_including_page_broken_ones():
    raw = seed("001").read_text(encoding="utf-8")
    text = clean(raw).text
    for sentence in [
        "办公室秘书要有很强的群众观念，注重与基层的沟通联系",
        "本着按规矩办事原则，做到热情接待，耐心倾听，认真做好记录，如实向领导反映情况，促进问题解决。",
        "一是要有全局意识，熟悉全面工作。",
        "二是要有综合归纳能力，高度凝炼萃取重心。秘书写一份报告需要做许多前期准备",
        "“请示”应一文一事；“报告”可多事一报，但不得夹带请示的事项。",
        "调查研究工作是成事之基，谋事之道",
        "2010年10月14日",
    ]:
        assert sentence in text, sentence
    text0 = clean(seed("000").read_text(encoding="utf-8")).text
    assert "完成各项工作任务的能力。三要善于思考有主见。" in text0
    assert "从对领导决策发挥作用的方向上看，办公室的参谋职能可以分为三种类型：" in text0


def test_cleaning_is_deterministic_and_idempotent_on_its_output():
    raw = seed("000").read_text(encoding="utf-8")
    once = clean(raw)
    assert clean(raw) == once
    assert clean(once.text).text == once.text


# --------------------------------------------------------------------------- page furniture of other sites (eval/web)

@pytest.mark.parametrize(
    "raw, kept, gone",
    [
        # converter glosses go first, in titles too
        ("在全市辦公室會(huì)議(yì)上的講話\n同志們：\n今天召開(kāi)會(huì)議。", "會議", "(huì)"),
        # anti-copy garbage at a line end, glued before a heading marker, and on a line of its own
        ("这次会议很重要。x7 Q- p% k3 R! 2b\n5 S% a3 j$ C0——第一，开宗明义\nz* z/ _4 ^9 v9 W9 Y+ U; P\n", "\n——第一，开宗明义", "p%"),
        # a viewer: file header, page thumbnails, preview limit, resource blurb
        ("讲话.docx\n上传人：z****8 文档编号：447 上传时间：2022-11-03 格式：DOCX 页数：6 大小：27.46KB\n讲话.docx_第1页\n"
         "第1页 / 共6页\n亲，该文档总共6页，到这儿已超出免费预览范围，如果喜欢就下载吧！\n同志们：\n今天开会。", "同志们：", "预览"),
        # a 范文 site's blurb and sign-off, its page title and category line
        ("当前位置：首页 > 范文 > 发言稿 >\n发言稿\n在交流会上的发言（精选）\n下面是小编为大家整理的在交流会上的发言，供大家参考。\n"
         "在交流会上的发言\n各位领导：\n我讲三点。\n以上就是小编为大家整理的发言，更多精彩内容请关注本站。", "在交流会上的发言\n各位领导", "小编"),
        # a paywall and its login notice
        ("二是要甘于奉献。\n全文约6382字，请下载后阅读、编辑。\n阅读全文\n（阅读全部图文内容，您需要先登录！）", "甘于奉献。", "登录"),
        # a WeChat post's furniture
        ("点击蓝字 关注我们\n在会上的发言\n各位领导、同志们：\n我们做了三件事。\nEND\n往期推荐\n● 县委办开展培训\n阅读原文", "我们做了三件事。", "往期"),
    ],
)
def test_furniture_by_what_it_is(raw, kept, gone):
    from tifa.read.decode import to_simplified

    text = clean(to_simplified(raw)).text
    assert to_simplified(kept).replace("——", "——") in text
    assert gone not in text


def test_glued_page_numbers_and_page_chunks_of_a_viewer():
    body = "机关作风建设" * 30
    raw = f"12023年机关作风建设动员讲话 同志们：今天开会。{body}有的科室门好进，但事2情就是办不成。{body}对顶风违纪的3问题一律查处。"
    text = clean(raw).text
    assert text.startswith("2023年机关作风建设动员讲话\n同志们：")
    assert "事情就是办不成" in text and "违纪的问题" in text
    # a count is no page number: 培育1至2个, 近3年
    assert "培育1至2个" in clean("每个县培育1至2个特色产业，" + body + "近3年来增长2倍。").text
    chunks = "1、在县委办公室全体干部会议上的讲话 同志们： 今天召开会议。" + "工作要扎实推进，" * 20 + "经得起推\n\n2、敲。" + "大家要振奋精神。" * 20
    text = clean(chunks).text
    assert "推敲" in text and "2、" not in text and text.startswith("在县委办公室全体干部会议上的讲话\n同志们：")


def test_speech_lines_are_never_furniture():
    # headings, slogans and fragments that share words with page furniture stay
    for line in ["（六）加强生态建设和环境保护，努力构筑西南生态安全屏障", "一是“勤”。", "参与政务 管理事务 协调关系 搞好服务",
                 "VS", "2.5", "通告", "关注民生热点"]:
        assert furniture.furniture_reason(line) is None, line
    assert not debris.is_garbage("A B C D E F") and not debris.is_garbage("1. 2. 3. 4.")
