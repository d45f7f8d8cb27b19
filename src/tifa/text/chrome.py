"""Cleaning steps for web-page chrome: the lines a site puts around a speech.

Owns :func:`chrome` — breadcrumbs, publish/view-count lines, related-article lists with their
entries, copyright/ICP/"Powered by" footers, membership ads (and the ad block atop a file), page
furniture (asked of :func:`tifa.text.furniture.furniture_reason`), the site's own voice (blurbs,
paywalls, viewer notices, weighed by :func:`tifa.text.furniture.site_voice_hits`), page titles,
summaries and tables of contents, collection counts and markers, leftovers at a file's end, a
preview cut off — with what the speech's frame says (:mod:`tifa.text.frame`: lines between
furniture, running headers, the page's header above the title block and footer after the speech) — and
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
from .frame import above_the_speech, after_the_speech, between_furniture, comments, cover_note, example_entry, running_lines
from .furniture import CHROME_MAX, QUOTED_FLOOR_RE, SPEECH_TITLE_RE, furniture_reason, site_voice_hits, speech_line
from .lines import TITLE_MAX, is_title_like
from .patterns import CN_DIGITS, HAN, HAN_RE, INLINE_SHI_RE, LINE_MARKER_RE, PIECE_RE, cn_to_int

# --------------------------------------------------------------------------- 2. chrome

BREADCRUMB_RE = re.compile(r"^\s*(?:当前位置|您的位置|你的位置|您现在的位置|所在位置|位置)\s*[:：]|^\s*首页\s*(?:>|›|»|＞|/)")
PAGE_META_RE = re.compile(
    r"(?:发布|发表|更新|上传|录入|时间|日期)\s*[:：]\s*\d{4}\s*[-/年.]\s*\d{1,2}"
    r"|(?:浏览|阅读|点击|访问)(?:次数|量|数)?\s*[:：]"
    r"|^\s*原(?:标题|题|文标题)\s*[:：]|^\s*(?:引用本文|本文引用格式|引用格式|引文格式)\s*[:：]|^\s*(?:发件人|收件人|抄送人?|密送|发送时间)\s*[:：]|我要投稿|(?:^|\s)来源\s*[:：]|责任编辑\s*[:：]|字号\s*[:：]|分享到\s*[:：]?|打印本页|关闭窗口"
)
TIMESTAMP_RE = re.compile(
    r"\d{4}-\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2}|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*\d{1,2}\s*[时:：]\s*\d{1,2}"
)
#: A meta label whose value sits on the next line (``来源:`` ⏎ ``四川日报``).
META_LABEL_RE = re.compile(
    r"^\s*[•·●▪\-*]?\s*(?:来源|作者|编辑|责任编辑|发布者|出处|稿源|索引号|主题分类|信息分类|发布机构|发文机关|发布日期|生成日期|成文日期|文号|发文字号)\s*[:：]\s*$"
)
#: Page tool menus: lines made only of these words (and brackets/colons).
PAGE_TOOL_WORDS = (
    "返回顶部|打印本页|关闭窗口|复制链接|QQ空间|扫一扫|分享到|下载|打印|全屏|收藏|加大|还原|减小|放大|缩小|默认"
    "|字体大小|字号|字体|分享|关闭|返回|顶部|微信|微博|正文|大|中|小|TOP|top"
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
    r"^\s*[【\[](?:推荐|热门|精选|相关)[】\]]\s*$|相关(?:文章|推荐|阅读|资料|范文|文稿|热词|链接|新闻|内容|专题|文献)|您可能(?:感兴趣|还喜欢|也喜欢)|猜你喜欢"
    r"|阅读排行|点击排行|推荐(?:文稿|文章|阅读|范文|内容)|热门(?:文章|推荐|文稿|范文)|最新(?:文章|文稿|更新|范文)"
    r"|相关(?:附件|报道|专题)|延伸阅读|精选文章|上一篇\s*[:：]|下一篇\s*[:：]|更多(?:精彩|文章|范文)"
    r"|热点(?:文章|阅读|推荐)|往期(?:推荐|回顾|精选|文章)|还喜欢|相关文档|猜你喜欢|的其[它他]文章$|^\s*(?:本期|同期)(?:其[它他])?文章\s*$"
    r"|^\s*(?:上一条|下一条|相关条目)\s*[:：]"
)
RELATED_ENTRY_RE = re.compile(
    r"^\s*(?:[-•·*●◆▪►▶▷▸→]\s*\S|\d{1,2}-\d{1,2}\S)|\S\s*\d{1,2}-\d{1,2}\s*$|^\s*\d{4}-\d{1,2}-\d{1,2}\s*\S"
)
AD_RE = re.compile(
    r"订阅|会员(?:群|资料|权益|专享|材料|免费|服务)|开通会员|充值|QQ\s*群|微信群|加群|公众号|扫码|二维码|禁止外传"
    r"|仅供(?:学习|参考|交流)|倒卖|盗版|立享|\bVIP\b|免费(?:领取|下载|赠送|获取)|下载(?:全文|本文|文档)",
    re.I,
)
#: A table of contents' entry (its leader dots and page number) or heading (``目　　录``); a photo's
#: caption (``图为会议现场。（记者 李娜 摄）``); a classification stamp (``【内部资料　注意保管】``).
TOC_LINE_RE = re.compile(
    r"(?:…{2,}|\.{4,}|·{4,}|-{4,})\s*\d{1,3}\s*$|^\s*目\s*录\s*[:：]?\s*$"
    r"|^\s*图为\S{2,40}[。.]?\s*[（(][^）)]{0,16}摄[）)]\s*$|[（(][^）)]{0,12}记者\s*\S{2,4}\s*摄[）)]\s*$"
    r"|^\s*[【\[][^】\]]{0,8}(?:内部资料|注意保管|内部参阅|秘密|机密)[^】\]]{0,8}[】\]]\s*$"
)
#: How far into a file the top ad block may reach (in lines).
AD_HEAD_LINES = 30


def chrome(text: str) -> list[Edit]:
    """Remove web-page chrome lines (see module docstring)."""
    lines = list(iter_lines(text))
    edits: list[Edit] = []
    removed: set[int] = set()

    why: dict[int, str] = {}

    def drop(i: int, reason: str) -> None:
        if i not in removed:
            s, e, _ = lines[i]
            edits.append(line_edit(s, e, text, reason))
            removed.add(i)
            why[i] = reason

    # a collection's piece markers alone on their lines (范文一, 【篇2】): documents start a piece after each
    marked = [i for i, (_, _, line) in enumerate(lines) if _MARK_LINE_RE.match(line)]
    if len(marked) >= 2:  # a collection numbers two pieces at least
        for i in marked:
            drop(i, "collection_marker")
    for group in _numbered_names(lines):  # 座谈会发言材料篇1 … 座谈会发言材料篇2: the collection's name, numbered
        for i in group:
            drop(i, "collection_marker")
    in_list = False
    after_hash = False
    chinese = len(HAN_RE.findall(text)) >= FOREIGN_AMID  # a Chinese speech's page: its English paragraphs are another version
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
        if (cm := COLLECTION_MARK_RE.match(stripped)) and cm.end() > 0 and is_title_like(stripped[cm.end() :]) and len(stripped[cm.end() :].strip()) >= 4:
            continue  # 【范文二】机关表态发言: a piece's marker and its title, for _collection_markers
        if not short:
            if chinese and _FOREIGN_PROSE_RE.fullmatch(stripped) and len(stripped.split()) >= FOREIGN_WORDS:
                drop(i, "foreign_text")  # a page's English version of the speech (a translation, an abstract)
            elif QUOTED_FLOOR_RE.match(stripped):
                drop(i, "page_tools")  # a forum reply quoting an earlier floor at length
            elif i < ABSTRACT_HEAD and _ABSTRACT_RE.match(stripped):
                drop(i, "page_meta")  # a journal article's abstract above the text (【摘要】…)
            continue
        if TOC_LINE_RE.search(stripped):
            drop(i, "toc")  # a table of contents with leaders and page numbers (…………1), or its heading
        elif BREADCRUMB_RE.search(stripped):
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
    running_lines(lines, removed, drop)
    comments(lines, removed, drop)
    _site_voice(lines, removed, drop)
    _page_titles(lines, removed, drop)
    example_entry(lines, removed, drop)
    between_furniture(lines, removed, drop, why)
    cover_note(lines, removed, drop)
    above_the_speech(lines, removed, drop)
    after_the_speech(lines, removed, drop)
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

#: A paragraph in the site's voice is at most this long.
SITE_VOICE_MAX = 300
#: …and sits among the first or last this many lines of content (or next to other furniture).
SITE_VOICE_EDGE = 12


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
#: The number of a generated table of contents' entry (``1 ``, ``1.1 ``, ``2.3.1 ``), before the heading it copies.
_WIKI_TOC_NUMBER_RE = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2}){0,3}\s+(?=\S)")
#: How many content lines from the top a page title or table of contents may stand.
HEAD_LINES = 20


def _wiki_contents(lines, head: list[int], content: list[int], keys: dict[int, str]) -> set[int]:
    """The entries of a generated table of contents numbered like a wiki's (``1 在…的讲话``, ``1.1 一、…``),
    two or more, each copying a line further down (the piece's title, a heading)."""
    found = set()
    for i in head:
        m = _WIKI_TOC_NUMBER_RE.match(lines[i][2])
        entry = re.sub(r"\s+", "", lines[i][2][m.end() :]) if m else ""
        if len(entry) >= 6 and any(keys[j] == entry for j in content if j > i):
            found.add(i)
    return found if len(found) >= 2 else set()


def _page_titles(lines, removed: set[int], drop) -> None:
    """The page's title above the speech's: a title line repeated with decorations, a collection's
    title, and a generated table of contents (heading lines the speech repeats further down)."""
    content = [i for i, (_, _, l) in enumerate(lines) if l.strip() and i not in removed]
    head = content[:HEAD_LINES]
    keys = {i: re.sub(r"\s+", "", lines[i][2]) for i in content}
    # the speech starts at its salutation or first full paragraph
    start = next((i for i in content if re.match(r"^\s*(?:尊敬的|各位|亲爱的|同志们)[^。！？]{0,40}[：:]", lines[i][2])
                  or (len(keys[i]) >= 60 and re.search(r"[。！？]", keys[i]))), None)
    wiki_toc = _wiki_contents(lines, head, content, keys)
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
        if any(len(keys[j]) >= 6 and key.endswith(keys[j]) and re.search(r"[：:｜|—-]$|^(?:19|20)\d\d(?:年度?)?$", key[: -len(keys[j])]) for j in later[:6]):
            # a headline naming the speaker before the speech's own title (主任张红：2023年度述职报告); a
            # collection's piece heading over the piece's title (第二篇:…): a piece starts at the title
            drop(i, "collection_marker" if PIECE_RE.match(s) else "page_title")
            continue
        if i in wiki_toc:
            drop(i, "toc")  # 1 在…的讲话 / 1.1 一、…: a generated contents' entries, numbered like a wiki's, each heading later
            continue
        bare = key[lm.end() :] if (lm := LINE_MARKER_RE.match(key)) else ""
        if start is not None and i < start and LINE_MARKER_RE.match(s) and (
            any(keys[j] == key for j in later if j > start) or (len(bare) >= 8 and any(keys[j] == bare for j in later))
        ):
            drop(i, "toc")  # 目录 一、在…的讲话 …: the entries of a collection's contents, each piece's title later (numbered or not)
            continue
        if PIECE_RE.match(s) and any(keys[j] == key for j in later):
            drop(i, "toc")  # 本文目录 第一篇：… 第二篇：…, each piece heading repeated where its piece begins
            continue
        # a collection's list of its pieces (``篇一：标题``), the pieces following under their titles
        mark = COLLECTION_MARK_RE.match(s)
        rest = re.sub(r"\s+", "", s[mark.end() :]) if mark else ""
        if len(rest) >= 6 and any(keys[j].endswith(rest) for j in later):  # the same marked line again is the piece's
            drop(i, "toc")
            continue


#: Collection markers before or after a piece's title (``【篇1】``, ``篇2：``, ``… 篇3``).
COLLECTION_MARK_RE = re.compile(
    rf"^\s*(?:【\s*(?:(?:篇|范文)\s*(?:\d{{1,2}}|[{CN_DIGITS}]{{1,3}})|第\s*(?:\d{{1,2}}|[{CN_DIGITS}]{{1,3}})\s*篇)\s*】|篇\s*(?:\d{{1,2}}|[{CN_DIGITS}]{{1,3}})\s*[:：])\s*"
    rf"|\s*篇\s*\d{{1,2}}\s*$|\s+篇\s*[{CN_DIGITS}]{{1,3}}\s*$"
)


#: A collection's piece marker alone on its line (``范文一``, ``【篇2】``, ``材料三：``): the next line is the piece's title.
_MARK_LINE_RE = re.compile(
    rf"^\s*[▍★☆■□●◆▶]?\s*[【\[]?\s*(?:范文|篇|文章|材料|范例)\s*(?:\d{{1,2}}|[{CN_DIGITS}]{{1,3}})\s*[】\]]?\s*[:：]?\s*$"
    # a piece's number with the site's label of it, the piece's own title on the next line (``第1篇:机关作风建设讲话范文``)
    rf"|^\s*第\s*(?:\d{{1,2}}|[{CN_DIGITS}]{{1,3}})\s*篇\s*[:：]\s*\S{{0,24}}?(?:范文|范例|精选|大全|模板|参考)\s*$"
)


#: A collection's name with a piece's number after it (``座谈会发言材料篇1``, ``秘书长讲话稿2``, ``…范文(一)：``).
_NUMBERED_NAME_RE = re.compile(rf"^\s*(?P<name>\S.{{2,30}}?)\s*(?:篇\s*)?(?P<n>\d{{1,2}}|[（(](?:\d{{1,2}}|[{CN_DIGITS}]{{1,2}})[)）]|(?<=篇)[{CN_DIGITS}]{{1,2}})\s*[:：]?\s*$")


def _numbered_names(lines) -> list[list[int]]:
    """Lines that are one name numbered 1, 2, … in turn, two or more (a collection's pieces under the
    site's name for them), each followed by a line of the piece."""
    groups: dict[str, list[tuple[int, int]]] = {}
    for i, (_, _, line) in enumerate(lines):
        m = _NUMBERED_NAME_RE.match(line)
        if m and is_title_like(line) and not LINE_MARKER_RE.match(line.strip()) and i + 1 < len(lines):
            n = cn_to_int(m.group("n").strip("（()）"))
            if n:
                groups.setdefault(re.sub(r"\s+", "", m.group("name")), []).append((n, i))
    out = []
    for name, found in groups.items():
        if len(name) >= 4 and len(found) >= 2 and [n for n, _ in found] == list(range(1, len(found) + 1)):
            out.append([i for _, i in found])
    return out


def _collection_markers(lines, removed: set[int]) -> list[Edit]:
    """Delete the collection marker of a piece title (the title stays; documents start a piece there)."""
    edits = []
    for i, (s, e, line) in enumerate(lines):
        if i in removed or not line.strip() or len(line) > TITLE_MAX + 10:
            continue
        for m in COLLECTION_MARK_RE.finditer(line):
            if m.end() > m.start() and line[: m.start()].strip() + line[m.end() :].strip():
                edits.append(Edit(s + m.start(), s + m.end(), "", "collection_marker"))
        appended = _APPENDED_RE.match(line)
        if appended and i and SPEECH_TITLE_RE.search(rest := line[appended.end() :].strip()) and is_title_like(rest):
            edits.append(Edit(s + appended.start(), s + appended.end(), "", "collection_marker"))  # 附：在…结束时的讲话: a second speech
    return edits


#: The label of a speech appended to another on the page (``附：``, ``附录：``), before its title.
_APPENDED_RE = re.compile(r"^\s*(?:附|附录|附文)\s*[:：]\s*")


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
    before = re.sub(r"\s+", "", "".join(l for k, (_, _, l) in enumerate(lines) if k < tail[0] and k not in removed))  # the text kept
    for i in tail:
        key = re.sub(r"\s+", "", lines[i][2])
        if len(key) <= 200 and _squeezed_in(key, before):
            drop(i, "repeated_text")


def _squeezed_in(key: str, text: str) -> bool:
    return bool(key) and key in text


# --------------------------------------------------------------------------- licence notices


#: A journal article's abstract, labelled, among the first lines of a file.
_ABSTRACT_RE = re.compile(r"^\s*(?:[【\[](?:内容)?摘\s*要[】\]]|(?:内容)?摘\s*要\s*[:：])")
ABSTRACT_HEAD = 30
#: A paragraph of Latin-script prose, no Chinese in it, and how many words make one.
_FOREIGN_PROSE_RE = re.compile(r"[A-Za-z][A-Za-z0-9 ,.;:'’\"“”()\-!?%&/]+")
FOREIGN_WORDS = 12
#: How many Chinese characters make a file a Chinese text, where such a paragraph is not the speech.
FOREIGN_AMID = 200

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
