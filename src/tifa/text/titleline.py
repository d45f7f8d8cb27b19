"""Cleaning step for the speech's title line: what a page puts on it around the title.

Owns :func:`title_suffixes` — a field's name (``文章标题：…``), a site's category or label of the
document before the title, a posting time, word count, tags or page count after it, a lost icon
or an app bar's buttons, a column's tag, a novel reader's chapter number (``第36章 在…的发言``),
the site's word for its offer (``…的讲话范文``) and the site's name after a separator — with the
patterns that say so.  Each cut is a logged edit (:class:`tifa.text.edits.Edit`) whose reason
(``page_title``, ``page_meta``, ``page_tools``) :mod:`tifa.text.documents` reads back.

It must not drop whole lines of page chrome (:mod:`tifa.text.chrome`), say what a title is
(:func:`tifa.text.lines.is_title_like`, :data:`tifa.text.furniture.SPEECH_TITLE_RE`), or run by
itself (:data:`tifa.text.clean.STEPS`).  It was the title third of :mod:`tifa.text.chrome` until
round 7.
"""
from __future__ import annotations

import re

from .edits import Edit, iter_lines
from .furniture import SPEECH_TITLE_RE
from .lines import TITLE_MAX, is_title_like
from .patterns import OWN_TITLE_RE

#: A page's title: the speech's title, then the site's name or section after a separator
#: (``在…会议上的讲话 - 讲话范文``, ``…经验交流材料_某某文秘网``, ``…发言稿 | 公文写作``).
_TITLE_SUFFIX_RE = re.compile(r"^(?P<title>\S.*?\S)(?P<suffix>(?:\s+[-–|｜]\s*|\s*[_｜|]\s*|\s*-\s+)[^\s，。；：、“”]{2,16}(?:\s*[-–_|｜]\s*[^\s，。；：、“”]{2,16}){0,2})\s*$")
#: What a title's suffix names: a site, a channel, a kind of document on offer.
_SITE_SUFFIX_RE = re.compile(r"网|站|文库|范文|大全|频道|手机|模板|文秘|写作|文档|资料|下载|之家|百科|论坛|社区|首页|[A-Za-z]{3,}")
#: How many lines from the top a page's title may stand.
TITLE_SUFFIX_HEAD = 12
#: A speech's title with the site's word for it glued on (``…的讲话范文``, ``…发言稿全文``, ``…讲话（精选3篇）`` stays for page_title).
_TITLE_DECORATION_RE = re.compile(r"^\s*(?:(?:19|20)\d\d年度?)?在\S{2,50}?(?:上|中|时|之际)的?(?:讲话|发言|致辞|讲稿|讲话稿|发言稿)(?P<deco>范文大全|范文|全文|精选|模板|范例)\s*$")
#: A posting date and time after a title (``… (2023-10-12 16:40:21)``, ``… 2024-05-16``).
_TITLE_STAMP_RE = re.compile(r"\s*[（(]?\s*(?:19|20)\d\d[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*[)）]?\s*$")
#: A press release's tags after its title (``…致辭（只有中文）（附圖）``): two or more short brackets at the end.
_TITLE_TAGS_RE = re.compile(r"(?:[（(][\u4e00-\u9fff]{1,4}[)）]){2,}\s*$|[（(]\s*\d{1,3}\s*页\s*[)）]\s*$")
#: A site's label of the document before its title: its kind of document (``表彰大会讲话稿：在…的讲话``,
#: ``辦公室工作交流發言稿：…``) or a field name (``文章标题：…``).
_DOC_LABEL_RE = re.compile(r"^\s*(?P<cat>[^：:\s“”]{0,12}(?:讲话稿|講話稿|发言稿|發言稿|演讲稿|演講稿|讲稿|講稿|范文|範文))\s*[：:]\s*(?=\S{4})")
#: A page's field name before the title, anywhere in the page (a collection gives each piece one).
_FIELD_LABEL_RE = re.compile(r"^\s*(?P<cat>文章标题|文章標題|标题|標題|题目|題目)\s*[：:]\s*(?=\S{4})")
#: A site's category of documents before a title (``党课讲稿：…``, ``讲话稿|…``).
_CATEGORY_RE = re.compile(r"^\s*(?P<cat>党课讲稿|讲话稿|发言稿|讲稿|讲话致辞|讲话|致辞|演讲稿|范文|经验交流|心得体会|述职报告)\s*[：:|｜]\s*(?=\S{2})")


#: The original title a repost names after its source (``来源：江州日报 原题：在…的讲话``).
_ORIGINAL_TITLE_RE = re.compile(r"(?:原题|原标题)\s*[:：]\s*(?P<t>\S.*)$")
#: A page's count of the words after a title (``(全文1380字)``, ``（共2千字）``).
_WORD_COUNT_RE = re.compile(r"\s*[（(]\s*(?:全文|共|全文共)?\s*[\d千万.]+\s*字\s*[)）]\s*$")
#: A lost icon or an app bar's back button before the title (``?``, ``‹``, ``<``, ``←``), its menu or share button after it (``⋯``, ``⋮``, ``›``).
_TITLE_ICON_LEAD_RE = re.compile(r"^\s*(?:[?？]|[‹<＜←〈❮](?=\s))\s*(?=\S)")
_TITLE_ICON_TAIL_RE = re.compile(r"(?<=\S)\s+[⋯⋮…›>＞→☰]+\s*$")
#: A site's tag or column glued before a title: a bracketed keyword (``[办公室主任在信息工作]``; not a
#: forum's ``[分享]``, which marks the post, not the speech) or a column's name and a separator (``本刊特稿 | ``).
_TITLE_TAG_RE = re.compile(r"^\s*(?P<cat>\[[^\[\]\n]{4,16}\]|【[^【】\n]{4,16}】|[\u4e00-\u9fff]{2,6}\s*[|｜]\s*)(?=\S)")
#: A mail's subject that names the speech in 《》 (``主题：转：关于报送《在…的讲话》（代拟稿）的函``).
_MAIL_SUBJECT_RE = re.compile(
    r"^\s*(?P<cat>(?:主\s*题|Subject)\s*[:：]\s*(?:(?:转|回复|答复|Fwd?|FWD?|Re|RE)\s*[:：]\s*)*[^《\n]{0,20}《)(?P<t>[^》\n]{6,60})(?P<tail>》.*?)\s*$"
)
#: Someone's words handing the speech on, glued before its title (``分享一篇上周我们区的，供参考：在…的讲话``).
_BLURB_LEAD_RE = re.compile(r"^\s*(?P<cat>[^。！？：:\n]{0,30}(?:供参考|供大家参考|仅供参考|供学习|分享|推荐|转发|转给大家|发给大家)[^。！？：:\n]{0,8}[：:])\s*(?=\S{4})")
#: A novel reader's chapter number before a title (``第36章 在全市…会上的发言``, ``第十二章　…讲话``).
_CHAPTER_RE = re.compile(r"^\s*(?P<cat>第\s*[0-9０-９一二三四五六七八九十百零〇两]{1,5}\s*[章回节集])[\s\u3000]+(?=\S{4})")
#: Bracketed words of a collection's pieces, which other steps read (【范文1】, 【范例】, 【篇一】).
_COLLECTION_WORD_RE = re.compile(r"范文|范例|篇|\d|[一二三四五六七八九十]$")


def title_suffixes(text: str) -> list[Edit]:
    """What a page puts on the speech's title line around the title, cut off so the title stays for
    the speech: a field's name anywhere (``文章标题：…``, the whole line when the title under it
    repeats it); near the top, the site's category (``党课讲稿：…``, when the page's menu or
    breadcrumb names it too), a label of the document's kind (``表彰大会讲话稿：…``), a posting time
    (``… (2023-10-12 16:40:21)``), the site's word for its offer (``…的讲话范文``), tags or a page count
    (``（只有中文）（附圖）``, ``（6页）``), a tag or column before it (``[…]``, ``本刊特稿 | ``), a
    reader's chapter number (``第36章 ``), and the site's name after a separator (``…的讲话 - 讲话范文``:
    only a suffix of short names that say what a site is, after a title shaped like the genre's, and
    not where the speech's own title stands below)."""
    edits: list[Edit] = []
    content = [(s, l) for s, _e, l in iter_lines(text) if l.strip()]
    for k, (start, line) in enumerate(content):
        field = _FIELD_LABEL_RE.match(line)
        if field and is_title_like(line[field.end() :].strip()):
            rest = re.sub(r"\s+", "", line[field.end() :])
            again = any(re.sub(r"^[—―-]+|\s+", "", other) == rest for _, other in content[k + 1 : k + 4])
            # the page's field of the title (文章标题：…): all of it when the title or subtitle under it repeats it
            edits.append(Edit(start + (0 if again else field.start("cat")), start + (len(line) if again else field.end()), "", "page_title"))
    head = content[:TITLE_SUFFIX_HEAD]
    for k, (start, line) in enumerate(head):
        label = _CATEGORY_RE.match(line)
        if label and any(label.group("cat") in other for s, other in head if s != start):
            edits.append(Edit(start + label.start("cat"), start + label.end(), "", "page_title"))
            continue
        label = _DOC_LABEL_RE.match(line)
        if label and is_title_like(line[label.end() :].strip()):
            edits.append(Edit(start + label.start("cat"), start + label.end(), "", "page_title"))
            continue
        stamp = _TITLE_STAMP_RE.search(line)
        if stamp and SPEECH_TITLE_RE.search(line[: stamp.start()].strip()):
            edits.append(Edit(start + stamp.start(), start + stamp.end(), "", "page_meta"))  # 在…的讲话 (2023-10-12 16:40:21): a blog's posting time
            continue
        orig = _ORIGINAL_TITLE_RE.search(line)
        if orig and line[: orig.start()].strip() and SPEECH_TITLE_RE.search(t := orig.group("t").strip()) and is_title_like(t) and not any(
            t in other for s2, other in head if s2 != start
        ):
            edits.append(Edit(start, start + orig.start("t"), "", "page_meta"))  # 来源：江州日报 原题：|在全市…会议上的讲话: the speech's own title
            continue
        count = _WORD_COUNT_RE.search(line)
        if count and SPEECH_TITLE_RE.search(line[: count.start()].strip()):
            edits.append(Edit(start + count.start(), start + count.end(), "", "page_meta"))  # …的讲话(全文1380字)
            continue
        icon = _TITLE_ICON_LEAD_RE.match(line)
        tail = _TITLE_ICON_TAIL_RE.search(line)
        inner = line[icon.end() if icon else 0 : tail.start() if tail else len(line)]
        if (icon or tail) and SPEECH_TITLE_RE.search(inner) and is_title_like(inner.strip()):
            # ?县委组织部长在…的讲话: a lost icon; ‹ 在…的交流发言 ⋯: an app bar's back and menu buttons
            for cut in (icon, tail):
                if cut:
                    edits.append(Edit(start + cut.start(), start + cut.end(), "", "page_tools"))
            continue
        tag = _TITLE_TAG_RE.match(line)
        if tag and not _COLLECTION_WORD_RE.search(tag.group("cat")) and SPEECH_TITLE_RE.search(rest := line[tag.end() :].strip()) and is_title_like(rest):
            edits.append(Edit(start + tag.start("cat"), start + tag.end(), "", "page_title"))  # [办公室主任在信息工作]在…的讲话, 本刊特稿 | 在…的讲话
            continue
        mail = _MAIL_SUBJECT_RE.match(line)
        if mail and SPEECH_TITLE_RE.search(t := mail.group("t").strip()) and is_title_like(t):
            # 主题：转：关于报送《在…的讲话》（代拟稿）的函: the mail's subject around the speech's title
            edits.append(Edit(start + mail.start("cat"), start + mail.end("cat"), "", "page_title"))
            edits.append(Edit(start + mail.start("tail"), start + mail.end("tail"), "", "page_title"))
            continue
        blurb = _BLURB_LEAD_RE.match(line)
        if blurb and SPEECH_TITLE_RE.search(rest := line[blurb.end() :].strip()) and is_title_like(rest):
            edits.append(Edit(start + blurb.start("cat"), start + blurb.end(), "", "page_title"))  # 分享一篇…，供参考：在…的讲话
            continue
        chapter = _CHAPTER_RE.match(line)
        if chapter and OWN_TITLE_RE.search(rest := line[chapter.end() :].strip()) and is_title_like(rest):
            edits.append(Edit(start + chapter.start("cat"), start + chapter.end(), "", "page_title"))  # 第36章 在…的发言: a reader's chapter
            continue
        deco = _TITLE_DECORATION_RE.match(line)
        if deco:  # 2022年在全市办公室工作会上的讲话范文: the site's word for what it offers, after the speech's title
            edits.append(Edit(start + deco.start("deco"), start + deco.end("deco"), "", "page_title"))
            continue
        tags = _TITLE_TAGS_RE.search(line)
        if tags and is_title_like(line[: tags.start()].strip()) and len(line[: tags.start()].strip()) >= 8:
            edits.append(Edit(start + tags.start(), start + tags.end(), "", "page_title"))  # 致辭（只有中文）（附圖）
            continue
        m = _TITLE_SUFFIX_RE.match(line.strip())
        if not m or not SPEECH_TITLE_RE.search(m.group("title")) or not _SITE_SUFFIX_RE.search(m.group("suffix")):
            continue
        if any(SPEECH_TITLE_RE.search(other.strip()) and len(other.strip()) <= TITLE_MAX for _, other in head[k + 1 : k + 7]):
            continue  # the speech's own title stands below: the page's title line goes whole (page_title)
        at = start + len(line) - len(line.lstrip()) + m.start("suffix")
        edits.append(Edit(at, start + len(line.rstrip()), "", "page_title"))
    return edits
