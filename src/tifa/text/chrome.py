"""Cleaning steps for web-page chrome: the lines a site puts around a speech.

Owns :func:`chrome` — breadcrumbs, publish/view-count lines, related-article lists with their
entries, copyright/ICP/"Powered by" footers, membership ads (and the ad block atop a file), page
furniture (asked of :func:`tifa.text.furniture.furniture_reason`), the site's own voice (blurbs,
paywalls, viewer notices), page titles, summaries and tables of contents, collection counts and
markers, short lines between furniture, leftovers at a file's end, a preview cut off — and
:func:`license_notices` (a licence notice among the last paragraphs).  Each removal is a logged
edit (:class:`tifa.text.edits.Edit`) with its reason, which :mod:`tifa.text.documents` reads back
(page titles, publish dates, collection markers).

It must not touch what stands inside a line of the speech (viewer debris, glosses:
:mod:`tifa.text.debris`; spacing and punctuation: :mod:`tifa.text.normalize`), nor say on its
own what a short line is (the line's shape is :mod:`tifa.text.furniture`'s, a title's
:mod:`tifa.text.lines`'), and it runs nothing itself (:data:`tifa.text.clean.STEPS`).
"""
from __future__ import annotations

import re

from .edits import Edit, iter_lines, line_edit
from .furniture import CHROME_MAX, SPEECH_TITLE_RE, UI_STRONG_RE, furniture_reason, speech_line, ui_hits
from .lines import SALUTATION_RE, TITLE_MAX, is_title_like
from .patterns import CJK_PUNCT, CN_DIGITS, HAN, HAN_RE, INLINE_SHI_RE, LINE_MARKER_RE

# --------------------------------------------------------------------------- 2. chrome

BREADCRUMB_RE = re.compile(r"^\s*(?:当前位置|您的位置|你的位置|您现在的位置|所在位置|位置)\s*[:：]|^\s*首页\s*(?:>|›|»|＞|/)")
PAGE_META_RE = re.compile(
    r"(?:发布|发表|更新|上传|录入|时间|日期)\s*[:：]\s*\d{4}\s*[-/年.]\s*\d{1,2}"
    r"|(?:浏览|阅读|点击|访问)(?:次数|量|数)?\s*[:：]"
    r"|^\s*原(?:标题|题|文标题)\s*[:：]|我要投稿|(?:^|\s)来源\s*[:：]|责任编辑\s*[:：]|字号\s*[:：]|分享到\s*[:：]?|打印本页|关闭窗口"
)
TIMESTAMP_RE = re.compile(
    r"\d{4}-\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2}|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*\d{1,2}\s*[时:：]\s*\d{1,2}"
)
#: A meta label whose value sits on the next line (``来源:`` ⏎ ``四川日报``).
META_LABEL_RE = re.compile(r"^\s*(?:来源|作者|编辑|责任编辑|发布者|出处|稿源)\s*[:：]\s*$")
#: Page tool menus: lines made only of these words (and brackets/colons).
PAGE_TOOL_WORDS = (
    "返回顶部|打印本页|关闭窗口|复制链接|QQ空间|扫一扫|分享到|下载|打印|全屏|收藏|加大|还原|减小|放大|缩小|默认"
    "|字号|字体|分享|关闭|返回|顶部|微信|微博|大|中|小|TOP|top"
)
PAGE_TOOL_RE = re.compile(
    rf"^[\s【】\[\]|｜:：/、·]*(?:(?:{PAGE_TOOL_WORDS})[\s【】\[\]|｜:：/、·]*)*$|^\s*扫一扫\S{{0,16}}$"
)
#: Licence notices of the site a text was copied from (Wikisource and the like).
LICENSE_RE = re.compile(
    r"^\s*本作品|本作品.{0,120}(?:公有领域|著作权|版权)|属于公有领域|版权失效|维基文库|知识共享|Creative\s+Commons|\bCC[- ]BY\b",
    re.I,
)
#: How many paragraphs from the end a licence notice may start.
LICENSE_TAIL = 12
HASH_LINE_RE = re.compile(r"^\s*[0-9a-fA-F]{16,}\s*[:：]?\s*$")
HTML_RESIDUE_RE = re.compile(r"^\s*[\"“”']?\s*/?>|<[a-zA-Z/][^>]{0,80}>|&(?:nbsp|amp|lt|gt|quot);")
FOOTER_RE = re.compile(
    r"版权所有|版权归|copyright|©|all rights reserved|ICP\s*备|ICP\s*证|公网安备|powered\s+by"
    r"|未经(?:授权|许可|同意).{0,8}(?:禁止|不得)|转载请注明|免责声明|网站地图|增值电信业务",
    re.I,
)
RELATED_HEADER_RE = re.compile(
    r"相关(?:文章|推荐|阅读|资料|范文|文稿|热词|链接|新闻|内容|专题)|您可能(?:感兴趣|还喜欢|也喜欢)|猜你喜欢"
    r"|阅读排行|点击排行|推荐(?:文稿|文章|阅读|范文|内容)|热门(?:文章|推荐|文稿|范文)|最新(?:文章|文稿|更新|范文)"
    r"|相关(?:附件|报道|专题)|延伸阅读|精选文章|上一篇\s*[:：]|下一篇\s*[:：]|更多(?:精彩|文章|范文)"
    r"|热点(?:文章|阅读|推荐)|往期(?:推荐|回顾|精选|文章)|还喜欢|相关文档|猜你喜欢"
)
RELATED_ENTRY_RE = re.compile(
    r"^\s*(?:[-•·*●◆▪►→]\s*\S|\d{1,2}-\d{1,2}\S)|\S\s*\d{1,2}-\d{1,2}\s*$|^\s*\d{4}-\d{1,2}-\d{1,2}\s*\S"
)
AD_RE = re.compile(
    r"订阅|会员(?:群|资料|权益|专享|材料|免费|服务)|开通会员|充值|QQ\s*群|微信群|加群|公众号|扫码|二维码|禁止外传"
    r"|仅供(?:学习|参考|交流)|倒卖|盗版|立享|\bVIP\b|免费(?:领取|下载|赠送|获取)|下载(?:全文|本文|文档)",
    re.I,
)
#: How far into a file the top ad block may reach (in lines).
AD_HEAD_LINES = 30


def chrome(text: str) -> list[Edit]:
    """Remove web-page chrome lines (see module docstring)."""
    lines = list(iter_lines(text))
    edits: list[Edit] = []
    removed: set[int] = set()

    def drop(i: int, reason: str) -> None:
        if i not in removed:
            s, e, _ = lines[i]
            edits.append(line_edit(s, e, text, reason))
            removed.add(i)

    # a collection's piece markers alone on their lines (范文一, 【篇2】): documents start a piece after each
    marked = [i for i, (_, _, line) in enumerate(lines) if _MARK_LINE_RE.match(line)]
    if len(marked) >= 2:  # a collection numbers two pieces at least
        for i in marked:
            drop(i, "collection_marker")
    in_list = False
    after_hash = False
    meta_value_next = False
    for i, (_, _, line) in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        short = len(stripped) <= CHROME_MAX
        if meta_value_next:
            meta_value_next = False
            if len(stripped) <= 20 and not re.search(r"[。！？，]", stripped):
                drop(i, "page_meta")
                continue
        if in_list:
            if short and (
                RELATED_ENTRY_RE.search(stripped)
                or (re.match(r"^\d{1,2}\s*[.．、]\s*\S", stripped) and is_title_like(stripped))
                or (i >= len(lines) - 15 and is_title_like(stripped))
                or RELATED_HEADER_RE.search(stripped)
                or HASH_LINE_RE.match(stripped)
                or (after_hash and is_title_like(stripped))
            ):
                after_hash = bool(HASH_LINE_RE.match(stripped))
                drop(i, "related_list")
                continue
            in_list = after_hash = False
        if not short:
            continue
        if BREADCRUMB_RE.search(stripped):
            drop(i, "breadcrumb")
        elif PAGE_TOOL_RE.match(stripped):
            drop(i, "page_tools")
        elif META_LABEL_RE.match(stripped):
            drop(i, "page_meta")
            meta_value_next = True
        elif FOOTER_RE.search(stripped):
            drop(i, "copyright_footer")
        elif len(stripped) <= 40 and RELATED_HEADER_RE.search(stripped):
            drop(i, "related_list")
            in_list = True
        elif PAGE_META_RE.search(stripped) or (
            len(stripped) <= 60 and "。" not in stripped and (TIMESTAMP_RE.search(stripped) or HTML_RESIDUE_RE.search(stripped))
        ):
            drop(i, "page_meta")
        elif len(stripped) <= 60 and AD_RE.search(stripped):
            drop(i, "advertisement")
        elif reason := furniture_reason(stripped):
            drop(i, reason)

    # The ad block atop a file: everything up to the last ad line among the
    # first lines, as long as no content paragraph comes before it.
    last_ad = -1
    for i, (_, _, line) in enumerate(lines[:AD_HEAD_LINES]):
        stripped = line.strip()
        if len(stripped) > 60 or (stripped and stripped[-1] in "。！？"):
            break
        if stripped and AD_RE.search(stripped):
            last_ad = i
    for i in range(last_ad + 1):
        if lines[i][2].strip() and not SPEECH_TITLE_RE.search(lines[i][2].strip()):  # the speech's title stays
            drop(i, "advertisement")
    _running_lines(lines, removed, drop)
    _site_voice(lines, removed, drop)
    _page_titles(lines, removed, drop)
    _between_chrome(lines, removed, drop)
    _above_the_speech(lines, removed, drop)
    _after_the_speech(lines, removed, drop)
    _tail_chrome(text, lines, removed, drop)
    edits.extend(_collection_markers(lines, removed))
    # a preview cut off mid-sentence at the end of the file (``…用到工作中去...``)
    last = next((l for l in reversed(lines) if l[2].strip()), None)
    if last is not None and len(last[2].strip()) >= 40 and (m := _CUT_OFF_RE.search(last[2])):
        edits.append(Edit(last[0] + m.start(), last[0] + m.end(), "", "truncation"))
    return edits


#: The dots of a preview cut off after a character (an ellipsis of the speech follows a sentence's words too,
#: but never ends a file without its sentence's punctuation).
_CUT_OFF_RE = re.compile(rf"(?<=[{HAN}])(?:\.{{3,}}|…{{1,}})\s*$")

#: The site's own voice: introductions and sign-offs of 范文 sites, viewers' and paywalls' notices,
#: each kind with its weight (2: never a speaker's words; 1: with another kind).
SITE_VOICE_RES = (
    (re.compile(r"^(?:编者按|编者的话|编辑导语|编辑推荐|导读|导语)\s*[:：]|小编|本站|网友|投稿人|[网站库](?:为您|为你)?(?:提供|专注于|致力于|汇集)(?:各类|海量|优质|免费)"), 2),
    (re.compile(r"剩余\s*(?:约)?\s*\d+\s*(?:页|字)|全文(?:约|共)?\s*\d+\s*字|请?(?:下载|登录|登陆)后(?:阅读|查看|编辑)|(?:需要|请)先?(?:登录|登陆|注册)|超出(?:免费)?预览|不代表本站|如有侵权|侵犯您的"), 2),
    (re.compile(r"(?:为|给)(?:大家|您|你)(?:精心)?(?:整理|收集|搜集|分享|推荐|带来|精选)"), 1),
    (re.compile(r"供(?:大家|您|你|读者)?(?:阅读)?(?:参考|借鉴|学习|选择)"), 1),
    (re.compile(r"希望(?:能够?)?(?:对(?:大家|您|你)有所帮助|帮助到(?:大家|您|你))|欢迎(?:大家)?(?:阅读|参考|借鉴|分享|收藏)"), 1),
    (re.compile(r"(?:来源于|来自|转自)(?:网友|网络|互联网)|请联系(?:客服|我们)|联系删除"), 1),
    (re.compile(r"(?:免费)?预览|在线阅读|珍藏版|文库|\.docx?\b|\.pdf\b|下载|登录|登陆", re.I), 1),
    (re.compile(r"文档|会员|客服|原创文章|范文|范例|精彩内容|更多相关|以下是|下面是|以上就是|以上是"), 1),
    (re.compile(r"您"), 1),
)
#: A paragraph in the site's voice is at most this long.
SITE_VOICE_MAX = 300
#: …and sits among the first or last this many lines of content (or next to other furniture).
SITE_VOICE_EDGE = 12


def site_voice_hits(s: str) -> int:
    """How many kinds of the site's own voice a paragraph shows."""
    return sum(w for rx, w in SITE_VOICE_RES if rx.search(s))


def _site_voice(lines, removed: set[int], drop) -> None:
    """Blurbs, sign-offs and viewer notices: paragraphs in the site's voice (two kinds of it or
    more), near the top or the end of the file or next to other furniture."""
    content = [i for i, (_, _, l) in enumerate(lines) if l.strip()]
    if not content:
        return
    edge = set(content[:SITE_VOICE_EDGE]) | set(content[-SITE_VOICE_EDGE:])
    for k, i in enumerate(content):
        if i in removed:
            continue
        s = lines[i][2].strip()
        if len(s) > SITE_VOICE_MAX or LINE_MARKER_RE.match(s) or INLINE_SHI_RE.match(s):
            continue
        hits = site_voice_hits(s)
        if hits < 2:
            continue
        near = (k and content[k - 1] in removed) or (k + 1 < len(content) and content[k + 1] in removed)
        if i in edge or near or re.search(r"小编|本站", s) or len(s) <= 30:  # a short notice anywhere (剩余2页未读)
            drop(i, "site_blurb")


#: A page title decorated around the speech's title (``…讲话范文``, ``…讲话（通用5篇）``, ``… - 某某网``).
_DECORATION_RE = re.compile(
    r"^\s*(?:范文|精选|大全|汇编|合集|全文|[（(【\[][^）)】\]]{0,10}[)）】\]]|\d+\s*篇|(?:\s[-_|｜—]|[_|｜])\s*\S{1,16}|稿)+\s*$"
)
#: A collection's count of pieces in a page title (``（通用5篇）``, ``【汇编10篇】``, ``精选（九篇）``).
COLLECTION_COUNT_RE = re.compile(
    rf"[（(【\[](?![^）)】\]]*第)[^）)】\]]{{0,6}}(?:\d+|[{CN_DIGITS}]+)\s*篇[)）】\]]|\d+篇(?:[（(][^）)]{{0,8}}[)）])?$"
)  # not 【第一篇】, a piece's own marker
#: How many content lines from the top a page title or table of contents may stand.
HEAD_LINES = 20


def _page_titles(lines, removed: set[int], drop) -> None:
    """The page's title above the speech's: a title line repeated with decorations, a collection's
    title, and a generated table of contents (heading lines the speech repeats further down)."""
    content = [i for i, (_, _, l) in enumerate(lines) if l.strip() and i not in removed]
    head = content[:HEAD_LINES]
    keys = {i: re.sub(r"\s+", "", lines[i][2]) for i in content}
    # the speech starts at its salutation or first full paragraph
    start = next((i for i in content if re.match(r"^\s*(?:尊敬的|各位|亲爱的|同志们)[^。！？]{0,40}[：:]", lines[i][2])
                  or (len(keys[i]) >= 60 and re.search(r"[。！？]", keys[i]))), None)
    for i in head:
        s = lines[i][2].strip()
        key = keys[i]
        later = [j for j in content if j > i]
        if len(key) >= 40 and (cut := re.match(r"^(.{20,}?)(?:…+|\.{3,})$", key)) and cut.group(1)[-30:] in "".join(keys[j] for j in later):
            drop(i, "summary")  # a summary: the speech's opening cut off (``…主任的…``), the speech following in full
            continue
        if not is_title_like(s) or len(key) < 4:
            continue
        if COLLECTION_COUNT_RE.search(key) and not speech_line(s):
            drop(i, "page_title")
            continue
        if any(len(keys[j]) >= 6 and keys[j] != key and keys[j] in key and _DECORATION_RE.match(key.replace(keys[j], " ", 1).split(" ", 1)[-1])
               and key.startswith(keys[j]) for j in later):
            drop(i, "page_title")
            continue
        if start is not None and i < start and LINE_MARKER_RE.match(s) and any(keys[j] == key for j in later if j > start):
            drop(i, "toc")
            continue
        # a collection's list of its pieces (``篇一：标题``), the pieces following under their titles
        mark = COLLECTION_MARK_RE.match(s)
        rest = re.sub(r"\s+", "", s[mark.end() :]) if mark else ""
        if len(rest) >= 6 and any(keys[j].endswith(rest) for j in later):  # the same marked line again is the piece's
            drop(i, "toc")
            continue


def _between_chrome(lines, removed: set[int], drop) -> None:
    """Short lines standing between page furniture are furniture too (a category word under a
    breadcrumb, a site name over a menu, a forum floor's poster and badge: ``公文搬砖人`` ``Lv.7 笔耕不辍``)
    — a run of at most :data:`BETWEEN_RUN` such lines, furniture on both sides, none shaped like a
    line of the speech."""
    content = [i for i, (_, _, l) in enumerate(lines) if l.strip()]

    def loose(i: int) -> bool:
        s = lines[i][2].strip()
        return not (len(s) > 12 or len(HAN_RE.findall(s)) < 2 or re.search(rf"[{re.escape(CJK_PUNCT)},;:]", s)
                    or speech_line(s) or SPEECH_TITLE_RE.search(s))

    k = 0
    while k < len(content):
        if content[k] in removed or not loose(content[k]):
            k += 1
            continue
        j = k
        while j < len(content) and content[j] not in removed and loose(content[j]) and j - k < BETWEEN_RUN:
            j += 1
        if 0 < k and content[k - 1] in removed and j < len(content) and content[j] in removed:
            for i in content[k:j]:
                drop(i, "page_tools")
        k = max(j, k + 1)


#: Characters a line of running text may end on mid-sentence.
_OPEN_END = "，、；：:“（《—"
#: Characters a line continuing the one before may open with.
_CLOSE_START = tuple("》”）」，。、；：！？")
#: The longest run of short lines :func:`_between_chrome` takes between two pieces of furniture.
BETWEEN_RUN = 3
#: A short line on this many pages of a file is the document's running header or footer.
RUNNING_MIN = 3


def _running_lines(lines, removed: set[int], drop) -> None:
    """A running header or footer a PDF or viewer repeats on every page (``清河县人民政府办公室
    2023年第5期``): a short line, no sentence in it and no line of the speech, three times or more."""
    seen: dict[str, list[int]] = {}
    content = [i for i, (_, _, l) in enumerate(lines) if l.strip()]
    for k, i in enumerate(content):
        s = lines[i][2].strip()
        nxt = lines[content[k + 1]][2].strip() if k + 1 < len(content) else ""
        prev = lines[content[k - 1]][2].strip() if k else ""
        fragment = s[-1] in _OPEN_END or (nxt[:1] in _CLOSE_START and prev[-1:] in "《“（")
        if fragment or len(s) > 40 or re.search(r"[。！？!?；;]", s) or speech_line(s) or SPEECH_TITLE_RE.search(s):
            continue  # a piece of a sentence broken over lines (毛主席教导我们：“ / …规划⏎纲要（草案）) is the text's
        seen.setdefault(re.sub(r"\s+", "", s), []).append(i)
    for key, at in seen.items():
        if len(at) >= RUNNING_MIN and len(key) >= 4:
            for i in at:
                drop(i, "running_header")


#: How many content lines from the top the salutation may stand for the page's header to be judged.
FRAME_HEAD = 24
#: A line of the speech's title block (between its title and its salutation): a subtitle, a dateline,
#: a bracketed note, a speaker (``浙江省省长 王浩``).
_BLOCK_LINE_RE = re.compile(r"^\s*(?:——|—|[（(]|\d{4}\s*年\s*\d{1,2}\s*月|[〇零一二三四五六七八九]{4}年)")
#: A date alone on a line (a signature's date, after the speech).
_DATE_LINE_RE = re.compile(r"^\s*[（(]?(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十]{1,2}\s*月(?:\s*[\d一二三四五六七八九十]{1,3}\s*日)?[)）]?\s*$")


def _is_sentence_line(s: str) -> bool:
    """A line of running text, not the site's: it ends as a sentence, and no furniture word or
    site voice is in it."""
    return bool(re.search(r"[。！？!?…][”」’]?$", s)) and not ui_hits(s, UI_STRONG_RE) and site_voice_hits(s) < 2


def _title_above(s: str) -> bool:
    """A second title line over the title: shaped like one, no tag (``[经验交流] …``), no furniture word."""
    return bool(SPEECH_TITLE_RE.search(s)) and not re.match(r"^\s*[\[【]", s) and not ui_hits(s, UI_STRONG_RE) and site_voice_hits(s) == 0


def _above_the_speech(lines, removed: set[int], drop) -> None:
    """The page's header: what stands above the speech's title block, when the speech opens with a
    salutation near the top (``同志们：``) and only short lines stand above it — the thread's title
    with its tag (``[经验交流] …``), a follow prompt, a headline, buttons, a page title with its
    site's name.  The title block is kept: the title (a subtitle's main title too), and between
    it and the salutation its subtitle, dateline, speaker and notes."""
    content = [i for i, (_, _, l) in enumerate(lines) if l.strip() and i not in removed]
    sal = next((k for k, i in enumerate(content[:FRAME_HEAD]) if SALUTATION_RE.match(lines[i][2].strip())), None)
    if not sal:
        return
    block = []  # the lines above the salutation, nearest first, while they may be a title block
    for k in range(sal - 1, max(-1, sal - 7), -1):
        t = lines[content[k]][2].strip()
        if not is_title_like(t) and not _BLOCK_LINE_RE.match(t):
            break
        block.append(k)
    if not block:
        return
    speaker = lambda t: len(t) <= 20 and (bool(re.search(r"\s", t)) or len(t) <= 4)  # noqa: E731  (广东省省长 黄华华)
    shaped = [k for k in block if SPEECH_TITLE_RE.search(lines[content[k]][2].strip())]
    plain = [k for k in block if not _BLOCK_LINE_RE.match(lines[content[k]][2].strip()) and not speaker(lines[content[k]][2].strip())]
    title = shaped[0] if shaped else plain[0] if plain else None
    if title is None:
        return
    top = title
    if lines[content[title]][2].strip().startswith(("——", "—")) and title > 0 and is_title_like(lines[content[title - 1]][2]):
        top = title - 1  # a subtitle's main title
    while top > 0 and _title_above(lines[content[top - 1]][2].strip()) and not any(j in removed for j in range(content[top - 1], content[top])):
        top -= 1  # a title in two lines (1956年国务院政府工作报告 / 关于1955年国家决算…的报告)
    above = content[:top]
    long = [i for i in above if _is_sentence_line(lines[i][2].strip()) and len(lines[i][2].strip()) >= 40]
    if any(len(lines[i][2].strip()) > CHROME_MAX for i in above) or len(long) >= 2:
        return  # paragraphs of text above: perhaps the speech's own opening (a thread's one-line blurb is not)
    # only where the page's furniture shows (a report's title lines have none around them): a line
    # with furniture between it and the title, or below furniture and no title line itself
    first_line = content[top]
    for i in above:
        chrome_below = any(j in removed for j in range(i + 1, first_line))
        chrome_above = any(j in removed for j in range(0, i))
        s = lines[i][2].strip()
        if _title_above(s):
            continue  # the page's own title: documents keeps it as ``page_title``
        if chrome_below or (chrome_above and not _BLOCK_LINE_RE.match(s)):
            drop(i, "page_header")


#: The speech's last paragraph is at least this long (a closing ``谢谢大家！`` may follow it).
END_PARAGRAPH = 40


def _after_the_speech(lines, removed: set[int], drop) -> None:
    """The page's footer: short lines after the speech's last sentence, once page furniture has
    begun there (``— THE END —``, ``来源｜…``, ``阅读 3.2万``, a related title, a reply on a forum).
    A signature (a date alone, and the line before it) stays."""
    content = [i for i, (_, _, l) in enumerate(lines) if l.strip()]
    # the speech ends with its last paragraph of running text (a reader's comment is short)
    last = next((i for i in reversed(content) if i not in removed and _is_sentence_line(lines[i][2].strip())
                 and len(lines[i][2].strip()) >= END_PARAGRAPH), None)
    if last is None:
        return
    tail = [i for i in content if i > last]
    if not any(i in removed for i in tail):
        return  # nothing of the site's after the last sentence: a list or appendix may end the text
    began = False  # has the footer begun (a line of it dropped or already furniture)?
    for i in tail:
        if i in removed:
            began = True
            continue
        s = lines[i][2].strip()
        nxt = next((j for j in tail if j > i), None)
        if not began and (_DATE_LINE_RE.match(s) or (len(s) <= 20 and nxt is not None and _DATE_LINE_RE.match(lines[nxt][2].strip()))):
            continue  # a signature: the unit, its date
        if not began and (LINE_MARKER_RE.match(s) or INLINE_SHI_RE.match(s) or _is_sentence_line(s) or s[-1] in "，、；“（《"):
            continue  # a heading the preview ends on (``二、…`` before ``剩余2186字未读``), a closing (谢谢大家！)
        if len(s) <= CHROME_MAX:
            drop(i, "page_footer")
            began = True


#: Collection markers before or after a piece's title (``【篇1】``, ``篇2：``, ``… 篇3``).
COLLECTION_MARK_RE = re.compile(
    rf"^\s*(?:【\s*(?:篇\s*(?:\d{{1,2}}|[{CN_DIGITS}]{{1,3}})|第\s*(?:\d{{1,2}}|[{CN_DIGITS}]{{1,3}})\s*篇)\s*】|篇\s*(?:\d{{1,2}}|[{CN_DIGITS}]{{1,3}})\s*[:：])\s*"
    rf"|\s*篇\s*\d{{1,2}}\s*$|\s+篇\s*[{CN_DIGITS}]{{1,3}}\s*$"
)


#: A collection's piece marker alone on its line (``范文一``, ``【篇2】``, ``材料三：``): the next line is the piece's title.
_MARK_LINE_RE = re.compile(rf"^\s*[【\[]?\s*(?:范文|篇|文章|材料|范例)\s*(?:\d{{1,2}}|[{CN_DIGITS}]{{1,3}})\s*[】\]]?\s*[:：]?\s*$")


def _collection_markers(lines, removed: set[int]) -> list[Edit]:
    """Delete the collection marker of a piece title (the title stays; documents start a piece there)."""
    edits = []
    for i, (s, e, line) in enumerate(lines):
        if i in removed or not line.strip() or len(line) > TITLE_MAX + 10:
            continue
        for m in COLLECTION_MARK_RE.finditer(line):
            if m.end() > m.start() and line[: m.start()].strip() + line[m.end() :].strip():
                edits.append(Edit(s + m.start(), s + m.end(), "", "collection_marker"))
    return edits


def _tail_chrome(text: str, lines, removed: set[int], drop) -> None:
    """Leftovers at the end of a file, after its content.

    * lines with no Chinese at all (``Public domain``, ``false`` — fields of
      the data file a text was exported from);
    * after a chrome block near the end, short lines that only repeat earlier
      text (the page template repeating the title or the first paragraph).
    """
    content = [i for i, (_, _, l) in enumerate(lines) if l.strip() and i not in removed]
    for i in reversed(content):
        s = lines[i][2].strip()
        if HAN_RE.search(s) or len(s) > 40:
            break
        drop(i, "trailing_metadata")
        removed.add(i)
    content = [i for i in content if i not in removed]
    if not content or not removed:
        return
    last_chrome = max(removed)
    tail = [i for i in content if i > last_chrome]
    if not tail or len(tail) > 3 or last_chrome < len(lines) - 12:
        return
    before = re.sub(r"\s+", "", text[: lines[tail[0]][0]])
    for i in tail:
        key = re.sub(r"\s+", "", lines[i][2])
        if len(key) <= 200 and _squeezed_in(key, before):
            drop(i, "repeated_text")


def _squeezed_in(key: str, text: str) -> bool:
    return bool(key) and key in text


# --------------------------------------------------------------------------- licence notices


def license_notices(text: str) -> list[Edit]:
    """Delete a licence notice (and its footnotes) among the last paragraphs of a file.

    The notice starts at the first of the last :data:`LICENSE_TAIL` paragraphs
    that matches :data:`LICENSE_RE`; it runs to the end of the file.
    """
    content = [(s, e, l) for s, e, l in iter_lines(text) if l.strip()]
    tail = content[-LICENSE_TAIL:]
    first = next((k for k, (_, _, l) in enumerate(tail) if len(l) <= 600 and LICENSE_RE.search(l)), None)
    if first is None:
        return []
    return [line_edit(s, e, text, "license_notice") for s, e, _ in tail[first:]]
