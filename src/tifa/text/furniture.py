"""Page furniture by its shape: is this short line a page's tools, data or menu, not the speech's?

Owns :func:`furniture_reason` and :func:`site_voice_hits` (the site's own voice in a paragraph:
blurbs, paywalls, viewer notices, with :data:`SITE_VOICE_RES`) (jusText-style: furniture words that stand as words — by the
dictionary's word table, so ``全屏`` in ``安全屏障`` is none — counters, sizes, ``label：value``
fields, menu separators, file names, lines without Chinese), the word lists and patterns it
weighs (:data:`UI_STRONG`, :data:`UI_WEAK`, :data:`COUNTER_RE` …), :func:`ui_hits`,
:func:`speech_line` (what a line of the speech opens with) and :data:`CHROME_MAX`, the longest
line that can be chrome.

It must not touch the text: it answers for one line at a time and proposes no edit; deleting the
line, and looking at its neighbours, is :func:`tifa.text.chrome.chrome`'s.
"""
from __future__ import annotations

import re

from ..lexicon.lexicons import word_table
from .edits import is_han
from .patterns import HAN, HAN_RE, INLINE_SHI_RE, LINE_MARKER_RE

#: Only lines at most this long can be chrome (content paragraphs are longer).
CHROME_MAX = 120

# --------------------------------------------------------------------------- 2b. furniture by what it is

#: Words of a page's tools, accounts, viewers and forums — never a speech's in a short line
#: without sentence punctuation.
UI_STRONG = (
    "下载", "收藏", "举报", "登录", "登陆", "注册", "会员", "VIP", "vip", "首页", "上一篇", "下一篇", "上一主题", "下一主题",
    "阅读全文", "全文阅读", "阅读原文", "扫码", "二维码", "客服", "侵权", "投诉", "预览", "试读", "充值", "上传", "页数",
    "字数", "友情链接", "联系我们", "发表于", "楼层", "帖子", "签名", "道具", "阅读模式", "关灯", "小编", "本站", "网友",
    "手机版", "移动端", "往期", "点赞", "在看", "打赏", "海报", "责任编辑", "版权", "浏览", "点击量", "阅读量", "蓝字",
    "复制链接", "一键复制", "全屏", "打印", "资源描述", "文档", "屏蔽", "回帖", "楼主", "原创", "范文", "转载",
    "APP", "App", "采纳", "作者简介", "上一版", "下一版", "本版目录", "一键降重", "AI改写", "AI续写", "AI扩写", "AI写作",
    "护眼模式", "护眼", "夜间模式", "跳至主要内容", "跳至主要內容", "跳到主要内容", "跳到主要內容", "简体版", "簡體版", "繁体版", "繁體版", "电邮给朋友", "電郵給朋友",
)
#: Words of page furniture that speeches use too: they count only with other signs.
UI_WEAK = (
    "分享", "复制", "推荐", "热门", "热点", "相关", "精选", "栏目", "频道", "搜索", "目录", "作者", "来源", "编辑", "审核",
    "发布", "更新", "时间", "微信", "微博", "关注", "回复", "评论", "链接", "导航", "网站", "文章", "本文", "全文", "更多",
    "免费", "支付", "合集", "汇编", "大全", "喜欢", "阅读", "正文", "END", "开启", "左侧", "右侧", "侧栏", "收起", "展开",
    "内容", "图文", "地址", "标签",
)
UI_STRONG_RE = _UI_STRONG_RE = re.compile("|".join(UI_STRONG))
_UI_WEAK_RE = re.compile("|".join(UI_WEAK))
#: Counters, sizes, numeric dates and times: the data of a page's header, not of a speech.
COUNTER_RE = re.compile(
    r"\d+(?:\.\d+)?\s*[KkMmGg][Bb]\b|\d+\s*\+|\d+\s*(?:次|页|字|人阅读|人浏览|阅读|浏览|下载|评论|赞)(?![\u4e00-\u9fff]{2})"
    r"|\d+\s*(?:人评价|人赞同|人点赞|人收藏|人关注|人觉得有用|条评论|条回复|个回答|条回答|积分|金币|下载券)|(?:评论|点赞|回复)\s*\d+(?!\d)"
    r"|见\s*\d+\s*楼|\d+\s*楼(?=\s|$)"
    r"|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}:\d{2}|\d{1,2}-\d{1,2}(?![\d-])"
)
#: A file name with its extension (viewers title their pages with it).
FILE_NAME_RE = re.compile(r"\S\.(?:docx?|pdf|pptx?|xlsx?|wps|txt)(?:\b|_)", re.I)
#: Menu separators: a line of items between them is a menu or a breadcrumb.
SEPARATOR_RE = re.compile(r"\s*(?:[|｜>＞›»•●→]|&gt;|>>)\s*")
#: ``label：value`` fields (``编辑：李想``, ``来源：…``): two or more on a short line are page data.
FIELD_RE = re.compile(rf"(?:^|\s|[|｜】])[{HAN}]{{2,4}}\s*[:：]\s*\S")
#: What a speech line opens with: a list marker, a salutation, a quotation or a subtitle dash.
_SPEECH_OPEN_RE = re.compile(r"^\s*(?:——|—|[“‘《（(]|同志们|各位|尊敬的)")
#: Function words of running Chinese text (a speech's sentences have them; page furniture has few).
FUNCTION_CHARS = set("的了是在和与及要把对为就也都不这那有以从而被让将并还又之其我们你他所等")
#: The shape of a speech's own title (``在…上的讲话``).
SPEECH_TITLE_RE = re.compile(r"\S{4,}(?:讲话|发言|致辞|讲稿|演讲|报告|党课|辅导|发言稿|讲话稿|主持词|动员令)(?:[（(][^）)]{0,20}[)）])?[》】」]?$")


#: A bracket holding a counter only, a rating in stars, a credit line, a quoted floor's header.
_BRACKETED_COUNTER_RE = re.compile(r"\s*[（(][\s,，]*(?:下载次数|下载|浏览|阅读|点击)\s*[:：]?\s*\d+\s*(?:次)?[)）]\s*")
_PAGER_RE = re.compile(r"\s*(?:上一[页頁]|首[页頁])\s*(?:\d{1,3}\s*){1,12}(?:下一[页頁]|尾[页頁]|末[页頁])?\s*|\s*(?:\d{1,3}\s+){1,12}(?:下一[页頁]|尾[页頁])\s*")
_STARS_RE = re.compile(r"^\s*\S{0,6}[:：]?\s*[★☆]{3,}\s*$")
_CREDIT_RE = re.compile(r"^\s*(?:作者|编辑|审核|审校|校对|责编|责任编辑|排版|美编|监制|出品|图片|摄影|文字|视频)\s*[|｜丨]\s*\S.{0,24}$")
QUOTED_FLOOR_RE = re.compile(r"^\s*原帖由\s*\S{1,20}\s*于\s*\d{4}-\d{1,2}-\d{1,2}")
#: A line of bracketed tags only, two or more (``（只有中文）（附圖）``, ``【图】【视频】``).
_TAGS_LINE_RE = re.compile(r"\s*(?:[（(【\[][\u4e00-\u9fffA-Za-z]{1,6}[)）】\]]\s*){2,}")
#: A site's name and its tagline (``公文苑 - 范文学习文库``, ``某某文秘网｜公文写作第一站``).
_SITE_NAME_RE = re.compile(r"^\s*[\u4e00-\u9fffA-Za-z0-9]{2,10}\s*[-|｜·—–]\s*[\u4e00-\u9fff]{0,10}(?:文库|范文|网|站|文秘|写作|资料库|门户|平台|频道)[\u4e00-\u9fff]{0,4}\s*$")
#: An article's keyword or tag line.
_KEYWORDS_RE = re.compile(r"^\s*(?:[【\[](?:关键词|关键字|主题词|标签)[】\]]\s*[:：]?|(?:关键词|关键字|主题词|标签|Tags?|Keywords?)\s*[:：]|(?:分类|类别|栏目)\s*[:：]\s*\S{1,8}$)\s*\S?", re.I)
#: A journal's name and issue alone on a line (``机关文苑 2023年9期``, ``秘书工作2023年第5期``).
_ISSUE_RE = re.compile(r"^\s*[\u4e00-\u9fff《》]{0,12}\s*\d{4}\s*年\s*第?\s*\d{1,2}\s*期\s*$")


def ui_hits(s: str, rx: re.Pattern) -> int:
    """Furniture words in ``s`` that stand as words: not the half of a longer word across
    their edge (``全屏`` in ``安全屏障``, ``文档`` in ``公文档案``), by the dictionary."""
    words = word_table()
    n = 0
    for m in rx.finditer(s):
        a, b = m.start(), m.end()
        # the character before pairs with the word's first (安|全屏) and is no word with its own predecessor
        if a > 0 and is_han(s[a - 1]) and s[a - 1 : a + 1] in words and (a < 2 or s[a - 2 : a] not in words):
            continue
        if b < len(s) and is_han(s[b]) and s[b - 1 : b + 1] in words and s[b : b + 2] not in words:
            continue
        n += 1
    return n


def speech_line(s: str) -> bool:
    """A heading, salutation or title of the speech itself (furniture never opens like this)."""
    return bool(LINE_MARKER_RE.match(s) or _SPEECH_OPEN_RE.match(s) or INLINE_SHI_RE.match(s))


#: A reader's request or question about writing a speech (``请写一篇…的讲话``, ``帮我写一份…``, ``…怎么写？``).
_REQUEST_RE = re.compile(r"^\s*(?:(?:请|请帮我|帮我|麻烦|求)(?:写|撰写|起草|拟)一?(?:篇|份|个)|.{4,50}(?:怎么写|如何写|怎样写)[？?]?\s*$)")
#: A page's question whether the piece helped, with its buttons' counts.
_FEEDBACK_RE = re.compile(r"(?:本篇|本文|这篇|文章|内容)?对(?:你|您)有(?:帮助|用)吗[？?]?\s*(?:有帮助|有用|是)\s*[（(]?\d*[)）]?")
#: A newspaper's page number alone, with its section in brackets.
_NEWS_PAGE_RE = re.compile(r"\s*第\s*[\d一二三四五六七八九十]{1,3}\s*版\s*(?:[（(][^）)]{0,12}[)）])?\s*")


#: What a chat export writes for what it cannot show (``[图片]``, ``[表情]``, ``[语音]``) and its system
#: messages (``“某某”撤回了一条消息``, ``…加入了本群``).
_CHAT_PLACEHOLDER_RE = re.compile(r"\[(?:图片|表情|动画表情|语音|视频|文件|链接|位置|红包|转账|名片|小程序)\]|撤回了一条(?:成员)?消息$|(?:加入|退出)了(?:本群|群聊)$|邀请\S{1,30}加入了群聊$")
#: A weather widget: a day's range of temperatures, an air-quality label.
_WEATHER_RE = re.compile(r"-?\d{1,2}\s*℃?\s*[~～\-—/]\s*-?\d{1,2}\s*℃|空气质量\s*[:：]|AQI\s*[:：]?\s*\d")
#: A reader's buttons for the size of the text (``A-`` ``A+``, ``A－　Ａ＋``).
_FONT_SIZE_RE = re.compile(r"(?:^|[\s\u3000])[AaＡ][-+－＋](?=[\s\u3000]|$)")


def furniture_reason(s: str) -> str | None:
    """Why a short line is page furniture, or None (jusText-style: the line's shape, not a site's words).

    Only lines of at most :data:`CHROME_MAX` characters without sentence punctuation are looked
    at, and never one opening like a line of the speech (list marker, salutation, quotation)."""
    han = HAN_RE.findall(s)
    if not han:
        return _latin_furniture(s)
    if QUOTED_FLOOR_RE.match(s):
        return "page_tools"  # a forum reply quoting an earlier floor (``原帖由 某某 于 2022-9-14 21:37 发表 …``), whatever its length
    if len(s) <= 30 and re.search(r"[。！？!?；;]", s) and ui_hits(s, _UI_STRONG_RE) >= 2 and not speech_line(s):
        return "page_tools"  # a reader's comment in the forum's words (坐等楼主下半部分，先收藏了。)
    if len(s) <= 60 and (_KEYWORDS_RE.match(s) and not re.search(r"[。！？!?]", s) or _ISSUE_RE.match(s)):
        return "page_meta"  # an article's keywords (``关键词：督查工作；抓落实``), a journal's issue (``机关文苑 2023年9期``)
    if len(s) <= 60 and _CHAT_PLACEHOLDER_RE.search(s):
        return "page_tools"  # a chat message with what the export could not show (``[图片]``, ``收藏了，谢谢！[表情]``)
    if len(s) <= 80 and _WEATHER_RE.search(s) and not re.search(r"[。！？!?]", s):
        return "page_meta"  # a portal's weather widget by its date (``多云 16℃～24℃　空气质量：良``)
    if _FONT_SIZE_RE.search(s) and len(s) <= 30:
        return "page_tools"  # a reader's text controls (``A-　A+　夜间　护眼``)
    if len(s) <= 60 and _FEEDBACK_RE.search(s):
        return "page_tools"  # a helpfulness widget (本篇对你有帮助吗？ 有帮助（36） 没帮助（2）)
    if len(s) > CHROME_MAX or re.search(r"[。！？!?；;]", s):
        return None
    outside = re.sub(r"《[^》]{1,30}》", "", s)
    if len(re.findall(r"《[^》]{1,30}》", s)) >= 3 and len(s) - len(outside) > len(outside) and len(re.findall(r"作者|著|主编", outside)) >= 2 and not re.search(r"[，,。]", outside):
        return "related_list"  # a sidebar of books and their authors
    if len(s) <= 60 and _REQUEST_RE.match(s):
        return "page_tools"  # a reader's request on an answers page (请写一篇…的讲话; …讲话稿怎么写)
    if _NEWS_PAGE_RE.fullmatch(s):
        return "page_meta"  # a newspaper's page (``第6版（）``, ``第3版（要闻）``)
    if _TAGS_LINE_RE.fullmatch(s):
        return "page_meta"  # a press release's tags (``（只有中文）（附圖）``)
    if _BRACKETED_COUNTER_RE.fullmatch(s) or _STARS_RE.search(s) or _CREDIT_RE.match(s) or _PAGER_RE.fullmatch(s):
        return "page_meta"  # an attachment's counter (``(, 下载次数: 118)``), a rating (``推荐度：★★★★★``), credits (``编辑 | …``)
    if speech_line(s):
        return None
    if len(s) <= 40 and len(re.findall(r"[A-Za-z]{2,}", s)) >= 2 and re.search(r"\s[·•|｜-]\s", s) and len(han) <= 8:
        return "page_tools"  # a site's name with its English one (``公文札记 · Gongwen Notes``)
    if _SITE_NAME_RE.match(s):
        return "page_tools"  # a site's name and what it is (``公文苑 - 范文学习文库``)
    seps = len(SEPARATOR_RE.findall(s))
    strong = ui_hits(s, _UI_STRONG_RE)
    weak = ui_hits(s, _UI_WEAK_RE)
    toks = s.split()
    if len(toks) >= 4 and all(2 <= len(t) <= 4 for t in toks) and (len(toks) >= 5 or strong or weak) and not re.search(r"[，、,]", s):
        return "navigation"  # a menu of short words (看贴 图片 精品 视频 群聊; 推荐 要闻 思想 地方 发布)
    counters = len(COUNTER_RE.findall(s))
    fields = len(FIELD_RE.findall(s))
    if strong and (len(s) <= 40 or counters or seps or fields):
        return "page_tools" if not counters else "page_meta"
    if counters and (fields or weak or len(han) <= 12):
        return "page_meta"
    if fields >= 2 and len(han) <= 30:
        return "page_meta"
    if seps >= 2 and not re.search(r"[，、]", s):
        return "navigation"
    if FILE_NAME_RE.search(s) and len(s) <= 60:
        return "page_tools"  # a viewer's file name, page thumbnails (``….docx_第1页``)
    if seps and len(s) <= 20 and re.search(r"[|｜]\s*$", s):
        return "navigation"  # a post's last line of credits (``…》 作者 |``)
    if weak >= 3 and not re.search(r"[，、]", s):
        return "page_tools"  # a sidebar (``《书》作者某《书》作者某``)
    if weak >= 2 and fields and not re.search(r"[，、]", s):
        return "page_tools"  # ``热门搜索：…``
    if weak and len(s) <= 12 and not SPEECH_TITLE_RE.search(s):
        # a tool or section name alone (分享到, 推荐阅读, 目录): all of it is furniture words
        rest = _UI_WEAK_RE.sub("", _UI_STRONG_RE.sub("", s))
        if len(re.sub(r"[\s:：()（）【】\[\]<>《》·•|｜/]", "", rest)) <= 1:
            return "page_tools"
    return None


#: Icons alone on a line: emoji, pictographs, geometric shapes and dingbats with their variation selectors (``🗓️``, ``🏷️``, ``✪``, a divider ``◆　◆　◆``).
_ICONS_RE = re.compile(r"[\U0001F000-\U0001FAFF\u25A0-\u25FF\u2600-\u27BF\u2B00-\u2BFF\uFE0F\u200D\s\u3000]+")
#: Symbols a page shows for lost icons and menus (``?``, ``|``); quotes and brackets alone are the text's.
_UI_SYMBOLS = set("?？|｜•·»›> ")
#: An address alone on a line, with the page of a printout after it.
_URL_LINE_RE = re.compile(r"(?:https?://|www\.)[^\s\u4e00-\u9fff]+(?:[\s\u3000]+\d{1,3}\s*/\s*\d{1,3})?")
_LATIN_UI_RE = re.compile(r"^(?:END|TOP|Top|Loading[.…]*|loading[.…]*|Powered\s+by\b.*|Copyright\b.*|Print\b.*|.*\b(?:PDF|Email|APP|QQ)\b.*|[jk]\s+(?:previous|next)\b.*)$")


def _latin_furniture(s: str) -> str | None:
    """A line without Chinese that is furniture: symbols only (``?``, ``|``, ``……``), a counter,
    size or date (``999+``, ``21.3KB``), an id of letters and digits, a UI word (``END``).
    Numbers (``2.5``) and words (``VS``) may be the speech's."""
    t = s.strip()
    if len(t) > 80:
        return None
    if set(t) <= _UI_SYMBOLS or re.fullmatch(r"[…\.]{6,}", t) or re.fullmatch(r"[\u2500-\u257f\s]+", t) or _ICONS_RE.fullmatch(t):
        return "no_text"  # a lost icon, a menu bar, a preview's cut-off bar (``………………``)
    if COUNTER_RE.search(t) and not re.fullmatch(r"[\d.]+", t):
        return "page_meta"
    if _URL_LINE_RE.fullmatch(t):
        return "page_meta"  # a printed page's footer: its address and page (``https://…/38211.html　2/3``)
    if re.fullmatch(r"[A-Za-z0-9_\-]{8,}", t) and len(re.findall(r"\d", t)) >= 4 and re.search(r"[A-Za-z]", t):
        return "no_text"
    if _LATIN_UI_RE.match(t) or _LATIN_UI_RE.match(t.strip("—–-·• ")):  # —END—
        return "page_tools"
    # a page's English interface in a Chinese speech's file: two words or more (``Skip to content``,
    # ``Accept all Reject``), a label (``Search for:``), a capitalised word alone (``Menu``); an
    # acronym alone (``WTO``, ``VS``) may be the speech's
    words = re.findall(r"[A-Za-z]{2,}", t)
    prose = sum(c.isalpha() or c.isspace() for c in t) >= 0.75 * len(t)  # words, not code or signs
    if prose and (len(words) >= 2 or (words and t.rstrip().endswith(":")) or re.fullmatch(r"[A-Z][a-z]{3,}", t)):
        return "page_tools"
    return None


#: The site's own voice: introductions and sign-offs of 范文 sites, viewers' and paywalls' notices,
#: each kind with its weight (2: never a speaker's words; 1: with another kind).
SITE_VOICE_RES = (
    (re.compile(r"^(?:编者按|编者的话|编辑导语|编辑推荐|导读|导语)\s*[:：]|^[【\[][^】\]]{0,6}(?:点评|评析|按语|导读|提示)[】\]]|本文系|小编|本站|网友|投稿人|[网站库](?:为您|为你)?(?:提供|专注于|致力于|汇集)(?:各类|海量|优质|免费)"), 2),
    (re.compile(r"剩余\s*(?:约)?\s*\d+\s*(?:页|字)|还剩\s*\d*\s*页未读|继续(?:免费)?阅读|全文(?:约|共)?\s*\d+\s*字|请?(?:下载|登录|登陆)后(?:阅读|查看|编辑)|(?:需要|请)先?(?:登录|登陆|注册)|超出(?:免费)?预览|不代表本站|如有侵权|侵犯您的"), 2),
    (re.compile(r"(?:为|给)(?:大家|您|你)(?:精心)?(?:整理|收集|搜集|分享|推荐|带来|精选)"), 1),
    (re.compile(r"供(?:大家|您|你|读者)?(?:阅读)?(?:参考|借鉴|学习|选择)"), 1),
    (re.compile(r"希望(?:能够?)?(?:对(?:大家|您|你)有所帮助|帮助到(?:大家|您|你))|欢迎(?:大家)?(?:阅读|参考|借鉴|分享|收藏)"), 1),
    (re.compile(r"(?:来源于|来自|转自)(?:网友|网络|互联网)|请联系(?:客服|我们)|联系删除"), 1),
    (re.compile(r"[望求请]采纳|仅供参考|未完[，,]?\s*(?:待续|见)|接上楼|见\s*\d+\s*楼"), 2),
    (re.compile(r"^以下文章来源于|^[【\[]\s*(?:以下文字转载自|原文由)|转载请联系"), 2),
    (re.compile(r"^以下[是为](?:\S{2,60}?)(?:致辞|致辭|讲话|講話|发言|發言|演辞|演辭)(?:全文|原文)\s*[:：。]?$"), 2),  # a press release's lead-in
    (re.compile(r"(?:免费)?预览|在线阅读|珍藏版|文库|\.docx?\b|\.pdf\b|下载|登录|登陆", re.I), 1),
    (re.compile(r"文档|会员|客服|原创文章|范文|范例|精彩内容|更多相关|以下是|下面是|以上就是|以上是"), 1),
    (re.compile(r"您"), 1),
    # an editor's lead in the news voice introducing the speech (…召开，…出席会议并讲话。现将讲话全文刊发如下)
    (re.compile(r"出席(?:会议|活动|仪式)?并(?:作重要|发表重要|发表)?讲话"), 1),
    (re.compile(r"(?:讲话|发言)(?:全文|摘要|实录)(?:刊发|刊登|发布)?如下|(?:以下|下面)[是为](?:讲话|发言)(?:全文|摘要|实录)"), 1),
)


def site_voice_hits(s: str) -> int:
    """How many kinds of the site's own voice a paragraph shows."""
    return sum(w for rx, w in SITE_VOICE_RES if rx.search(s))
