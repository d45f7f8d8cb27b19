"""Cleaning steps for web-page chrome judged from the speech's frame, not from a line alone.

Owns what :func:`tifa.text.chrome.chrome` asks once the lines' own shapes have spoken:
:func:`between_furniture` (short lines standing between page furniture, a forum floor's poster
and badge), :func:`cover_note` (a mail's note above the speech it sends), :func:`comments` (a cloud
document's margin comments), :func:`running_lines` (a header or
footer a PDF or viewer repeats on every page),
:func:`above_the_speech` (the page's header above a speech's title block, where furniture shows)
and :func:`after_the_speech` (the page's footer after its last paragraph, once furniture has
begun there).  Each takes the file's lines, the set of lines already removed and the ``drop``
callback of :func:`~tifa.text.chrome.chrome`, and proposes removals only through it.

It must not judge a line by its words alone (:mod:`tifa.text.furniture`), touch what stands
inside a line (:mod:`tifa.text.debris`), or run by itself (:data:`tifa.text.clean.STEPS`).
"""
from __future__ import annotations

import re

from .furniture import CHROME_MAX, SPEECH_TITLE_RE, UI_STRONG_RE, site_voice_hits, speech_line, ui_hits
from .lines import SALUTATION_RE, is_title_like, title_tail
from .patterns import CJK_PUNCT, HAN_RE, INLINE_SHI_RE, LINE_MARKER_RE


def between_furniture(lines, removed: set[int], drop, why: dict[int, str] | None = None) -> None:
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
        # furniture above, furniture below — or the top of the file above a menu (a site's name;
        # a title over the page's meta is the speech's)
        top = k == 0 and j < len(content) and (why or {}).get(content[j]) in ("navigation", "breadcrumb", "page_tools")
        if (top or (k > 0 and content[k - 1] in removed)) and j < len(content) and content[j] in removed:
            for i in content[k:j]:
                drop(i, "page_tools")
        k = max(j, k + 1)


#: The label a reference book or writing guide puts before its sample text (``【范例】：``, ``例文：``).
EXAMPLE_LABEL_RE = re.compile(r"^\s*[【\[]?\s*(?:范例|例文|范文示例|示例文本|参考范文|范文)\s*[】\]]?\s*[:：]?\s*$")
#: The label of an entry's own explanation above it (``【简介】：``, ``【写法】``).
_ENTRY_LABEL_RE = re.compile(r"^\s*[【\[]\s*(?:简介|释义|概述|写法|格式|要点|说明|结构)\s*[】\]]\s*[:：]?")


def example_entry(lines, removed: set[int], drop) -> None:
    """A reference book's or writing guide's entry around a sample speech (``【简介】：…`` explaining the
    genre, then ``【范例】：`` and the speech): the entry above the label goes, the speech stays.  Only
    where the entry labels its own parts too, so a speech that says 范文 is never cut."""
    content = [i for i, (_, _, l) in enumerate(lines) if l.strip() and i not in removed]
    label = next((k for k, i in enumerate(content) if EXAMPLE_LABEL_RE.match(lines[i][2])), None)
    if label is None or not any(_ENTRY_LABEL_RE.match(lines[i][2]) for i in content[:label]):
        return
    if not any(SALUTATION_RE.match(lines[i][2].strip()) for i in content[label + 1 : label + 8]):
        return  # no speech opens under the label
    for i in content[: label + 1]:
        drop(i, "page_header")


#: Characters a line of running text may end on mid-sentence.
_OPEN_END = "，、；：:“（《—"
#: Characters a line continuing the one before may open with.
_CLOSE_START = tuple("》”）」，。、；：！？")
#: The longest run of short lines :func:`between_furniture` takes between two pieces of furniture.
BETWEEN_RUN = 3
#: A short line on this many pages of a file is the document's running header or footer.
RUNNING_MIN = 3


#: A letter's greeting to one person (``王主任：``), above a cover note (``您好！附件是…``).
_GREETING_RE = re.compile(r"^\s*[\u4e00-\u9fff]{1,6}(?:主任|书记|部长|处长|科长|局长|厅长|秘书长|县长|市长|老师|总|领导)\s*[:：]\s*$")
_COVER_RE = re.compile(r"^\s*(?:您好|你好)[！!，,。]")
#: A cover note is at most this long, and the speech's salutation follows within this many lines.
COVER_MAX, COVER_GAP = 300, 3


def cover_note(lines, removed: set[int], drop) -> None:
    """A mail's or message's cover note above the speech it sends (``王主任：`` ⏎ ``您好！附件是…的代拟稿，
    请审阅。``): a greeting to one person, a note that opens ``您好``, and the speech's own salutation
    (``同志们：``) a few lines below."""
    content = [i for i, (_, _, l) in enumerate(lines) if l.strip() and i not in removed]
    for k, i in enumerate(content[:-1]):
        j = content[k + 1]
        if not (_GREETING_RE.match(lines[i][2]) and _COVER_RE.match(lines[j][2]) and len(lines[j][2].strip()) <= COVER_MAX):
            continue
        if any(SALUTATION_RE.match(lines[x][2].strip()) for x in content[k + 2 : k + 2 + COVER_GAP]):
            drop(i, "cover_note")
            drop(j, "cover_note")


#: A cloud document's comment in its margin: the label, and the buttons under it (``回复 · 解决``).
_COMMENT_LABEL_RE = re.compile(r"^\s*(?:批注|评论|批注\s*\d{1,3}|评论\s*\d{1,3}|修订|Comment)\s*$")
_COMMENT_TOOLS_RE = re.compile(r"^\s*(?:回复|解决|删除|编辑|重新打开)(?:\s*[·•|｜]\s*(?:回复|解决|删除|编辑|重新打开|点赞))+\s*$")
#: A comment's lines between its label and its buttons: at most this many.
COMMENT_LINES = 4


def comments(lines, removed: set[int], drop) -> None:
    """A cloud document's margin comments copied with the text: from the label (``批注``) to its
    buttons (``回复 · 解决``), with the commenter, the time and the comment between them."""
    content = [i for i, (_, _, l) in enumerate(lines) if l.strip()]
    for k, i in enumerate(content):
        if not _COMMENT_LABEL_RE.match(lines[i][2]):
            continue
        end = next((k + d for d in range(1, COMMENT_LINES + 2) if k + d < len(content) and _COMMENT_TOOLS_RE.match(lines[content[k + d]][2])), None)
        if end is not None:
            for x in content[k : end + 1]:
                drop(x, "comment")


def running_lines(lines, removed: set[int], drop) -> None:
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


def above_the_speech(lines, removed: set[int], drop) -> None:
    """The page's header: what stands above the speech's title block, when the speech opens with a
    salutation near the top (``同志们：``) and only short lines stand above it — the thread's title
    with its tag (``[经验交流] …``), a follow prompt, a headline, buttons, a page title with its
    site's name.  The title block is kept: the title (a subtitle's main title too), and between
    it and the salutation its subtitle, dateline, speaker and notes."""
    content = [i for i, (_, _, l) in enumerate(lines) if l.strip() and i not in removed]
    sal = next((k for k, i in enumerate(content[:FRAME_HEAD]) if SALUTATION_RE.match(lines[i][2].strip())), None)
    if sal is None:  # no salutation (an experience talk): a subtitle (——在…上的发言) anchors the title block
        sub = next((k for k, i in enumerate(content[:FRAME_HEAD]) if lines[i][2].strip().startswith(("——", "—"))
                    and SPEECH_TITLE_RE.search(lines[i][2].strip())), None)
        sal = sub + 1 if sub is not None else None
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
    while top > 0 and (_title_above(above_line := lines[content[top - 1]][2].strip()) or title_tail(above_line, lines[content[top]][2].strip())) and not any(
        j in removed for j in range(content[top - 1], content[top])
    ):
        top -= 1  # a title in two lines (1956年国务院政府工作报告 / 关于1955年国家决算…的报告; 在全市…秘书工作 / 会议上的讲话)
    above = content[:top]
    long = [i for i in above if _is_sentence_line(lines[i][2].strip()) and len(lines[i][2].strip()) >= 40]
    if any(len(lines[i][2].strip()) > CHROME_MAX for i in above) or len(long) >= 2:
        return  # paragraphs of text above: perhaps the speech's own opening (a thread's one-line blurb is not)
    # only where the page's furniture shows (a report's title lines have none around them): a line
    # with furniture between it and the title, or below furniture and no title line itself
    first_line = content[top]
    first_removed = min(removed, default=len(lines))
    last_removed = max((j for j in removed if j < first_line), default=-1)  # the furniture nearest the title
    for i in above:
        chrome_below = last_removed > i
        chrome_above = first_removed < i
        s = lines[i][2].strip()
        if _title_above(s):
            continue  # the page's own title: documents keeps it as ``page_title``
        if chrome_below or (chrome_above and not _BLOCK_LINE_RE.match(s)):
            drop(i, "page_header")


#: The speech's last paragraph is at least this long (a closing ``谢谢大家！`` may follow it).
END_PARAGRAPH = 40


#: An article's closing note on its author, part of what the author published.
_AUTHOR_NOTE_RE = re.compile(r"^[（(]\s*(?:作者|笔者)(?:系|为|是|单位|简介)")


#: A reporter's line that the speech or the event is over (``宋立群讲话结束。``, ``本场直播到此结束，感谢关注！``).
_REPORTED_END_RE = re.compile(
    r"^[\u4e00-\u9fff·]{2,8}?(?:同志)?的?讲话(?:结束|完毕)|(?:直播|报道|播报)到此结束|感谢(?:您的)?(?:关注|收看|收听|阅读)[！!。]?$"
)
#: Such a line is a short one (a paragraph that says so is the speech's own).
REPORTED_END_MAX = 80


def _reported_end(lines, content: list[int], removed: set[int], drop) -> None:
    """A reporter's lines after the speech (a live blog's ``X讲话结束。…``, ``会议结束。本场直播到此
    结束，感谢关注！``): in the last third of the text, where all that follows is such lines, short
    lines or furniture."""
    late = content[len(content) * 2 // 3 :]
    ends = [i for i in late if i not in removed and len(s := lines[i][2].strip()) <= REPORTED_END_MAX and _REPORTED_END_RE.search(s)]
    if not ends:
        return
    after = [i for i in late if i > ends[0] and i not in removed and i not in ends]
    if all(len(lines[i][2].strip()) <= CHROME_MAX for i in after):
        for i in ends:
            drop(i, "reported_end")


def after_the_speech(lines, removed: set[int], drop) -> None:
    """The page's footer: short lines after the speech's last sentence, once page furniture has
    begun there (``— THE END —``, ``来源｜…``, ``阅读 3.2万``, a related title, a reply on a forum).
    A signature (a date alone, and the line before it) stays."""
    content = [i for i, (_, _, l) in enumerate(lines) if l.strip()]
    _reported_end(lines, content, removed, drop)
    # the speech ends with its last paragraph of running text (a reader's comment is short)
    last = next((i for i in reversed(content) if i not in removed and _is_sentence_line(lines[i][2].strip())
                 and len(lines[i][2].strip()) >= END_PARAGRAPH), None)
    if last is None:
        return
    tail = [i for i in content if i > last]
    if not any(i in removed for i in tail):
        return  # nothing of the site's after the last sentence: a list or appendix may end the text
    began = False  # has the footer begun (a line of it dropped or already furniture)?
    for t, i in enumerate(tail):
        if i in removed:
            began = True
            continue
        s = lines[i][2].strip()
        nxt = tail[t + 1] if t + 1 < len(tail) else None
        if began and LINE_MARKER_RE.match(s) and nxt is not None and nxt not in removed and _is_sentence_line(lines[nxt][2].strip()):
            began = False  # a heading with its paragraph: the speech goes on after a caption or a box
        if not began and (_DATE_LINE_RE.match(s) or (len(s) <= 20 and nxt is not None and _DATE_LINE_RE.match(lines[nxt][2].strip()))):
            continue  # a signature: the unit, its date
        if not began and _AUTHOR_NOTE_RE.match(s):
            continue  # the article's note on its author (``（作者系县委办公室副主任）``)
        if not began and (LINE_MARKER_RE.match(s) or INLINE_SHI_RE.match(s) or _is_sentence_line(s) or s[-1] in "，、；“（《"):
            continue  # a heading the preview ends on (``二、…`` before ``剩余2186字未读``), a closing (谢谢大家！)
        if len(s) <= CHROME_MAX:
            drop(i, "page_footer")
            began = True
