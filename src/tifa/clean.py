"""Cleaning: raw text of one file → cleaned text plus an audit log.

Cleaning is a pipeline of small steps.  Each step looks at the current text and
proposes :class:`Edit`s (delete or replace a span, with a reason); a tracker
applies them while keeping, for every character of the cleaned text, the
offset of the raw character it came from.  That gives the *cleaning log*:
every removed span with its reason, its raw offsets and line number, and the
place in the cleaned text where it was taken out — so a researcher can audit
that no speech content was dropped.

The steps, in order (all general rules, no per-file cases):

1. ``normalize_space``   — newlines, zero-width characters, odd spaces;
2. ``chrome``            — web-page chrome: breadcrumbs, publish/view-count
   lines, related-article lists with their entries, copyright/ICP/"Powered
   by" footers, membership/subscription ads (and the ad block atop a file);
3. ``page_numbers``      — page numbers alone on a line (PDF extraction);
4. ``repeated_titles``   — a title line repeated by the page template;
5. ``join_broken_lines`` — a sentence or word cut by a line or page break;
6. ``split_runin_headings`` — ``一、勤学增才 习总书记强调…``: a numbered
   heading separated from its body by a space goes on its own line;
7. ``doubled_markers``   — ``二是 二是对机关…。二是 由于…`` keeps one ``二是``;
8. ``cjk_spaces``        — spaces inside Chinese text (``办 公室``);
9. ``punctuation``       — half-width punctuation in Chinese context becomes
   full-width (``,`` → ``，``, ``(一)`` → ``（一）``, ``"…"`` → ``“…”``);
   digits and Latin text are left alone;
10. ``tidy``             — strip line ends, drop blank lines.

Substitutions (steps 1, 6, 9) change no content and are not logged; every
deletion of a non-blank character is.
"""
from __future__ import annotations

import bisect
import re
from array import array
import unicodedata
from dataclasses import dataclass
from typing import Callable, Iterator, Sequence

from .lexicons import word_table
from .patterns import (
    CJK_PUNCT,
    CLOSING_RE,
    CN_DIGITS,
    HAN,
    HAN_RE,
    INLINE_SHI_RE,
    LINE_END_OK,
    LINE_MARKER_RE,
    PIECE_RE,
    cn_to_int,
)

# --------------------------------------------------------------------------- engine


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` by ``repl``; deletions of content are logged."""

    start: int
    end: int
    repl: str = ""
    reason: str = ""
    log: bool = True


@dataclass(frozen=True)
class Removal:
    """One entry of the cleaning log."""

    line: int  #: 1-based line of the raw text where the removed span starts
    raw_start: int  #: offset of the span in the raw (decoded) text
    raw_end: int
    pos: int  #: offset in the cleaned text where the span was taken out
    removed: str
    reason: str


@dataclass(frozen=True)
class Cleaned:
    """Result of :func:`clean`."""

    raw: str
    text: str
    log: tuple[Removal, ...]
    srcmap: Sequence[int]  #: raw offset of every cleaned character (an int array: 8 bytes a character)

    def raw_offset(self, pos: int) -> int:
        """Raw offset of cleaned offset ``pos`` (``len(raw)`` at the end)."""
        return self.srcmap[pos] if pos < len(self.srcmap) else len(self.raw)


class _Tracker:
    def __init__(self, raw: str):
        self.raw = raw
        self.text = raw
        # offsets as a machine-int array, not a list of int objects (36 bytes a character, twice
        # over while a step is applied: most of the peak memory of a huge file)
        self.src = array("q", range(len(raw)))
        self.entries: list[tuple[int, int, str, str]] = []

    def apply(self, edits: Sequence[Edit]) -> None:
        if not edits:
            return
        text, src = self.text, self.src
        out: list[str] = []
        out_src = array("q")
        prev = 0
        for e in sorted(edits, key=lambda e: (e.start, e.end)):
            if e.start < prev:  # overlapping proposals: first one wins
                continue
            out.append(text[prev : e.start])
            out_src.extend(src[prev : e.start])
            if e.log and e.end > e.start and text[e.start : e.end].strip():
                self.entries.append((src[e.start], src[e.end - 1] + 1, text[e.start : e.end], e.reason))
            anchor = src[e.start] if e.start < len(src) else len(self.raw)
            out.append(e.repl)
            out_src.extend(array("q", [anchor]) * len(e.repl))
            prev = e.end
        out.append(text[prev:])
        out_src.extend(src[prev:])
        self.text = "".join(out)
        self.src = out_src


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """Apply ``edits`` to ``text`` (the str → str form of a step)."""
    t = _Tracker(text)
    t.apply(edits)
    return t.text


Step = Callable[[str], list[Edit]]


def _lines(text: str) -> Iterator[tuple[int, int, str]]:
    """Yield ``(start, end, content)`` for each line; ``end`` excludes the newline."""
    start = 0
    n = len(text)
    while start <= n:
        nl = text.find("\n", start)
        end = n if nl < 0 else nl
        yield start, end, text[start:end]
        if nl < 0:
            break
        start = nl + 1


def _line_edit(start: int, end: int, text: str, reason: str) -> Edit:
    """Delete a whole line including its newline."""
    stop = end + 1 if end < len(text) and text[end] == "\n" else end
    return Edit(start, stop, "", reason)


def _is_han(ch: str) -> bool:
    return bool(ch) and HAN_RE.match(ch) is not None


# --------------------------------------------------------------------------- 1. spaces

_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_ODD_SPACES = "\u3000\u00a0\u2002\u2003\u2009\u202f\t\x0b\x0c"


def normalize_space(text: str) -> list[Edit]:
    """Unify newlines, drop zero-width characters, turn odd spaces into ' '."""
    edits: list[Edit] = []
    for m in re.finditer(r"\r\n?|[" + _ZERO_WIDTH + "]|[" + _ODD_SPACES + "]", text):
        s = m.group()
        repl = "\n" if s[0] == "\r" else ("" if s in _ZERO_WIDTH else " ")
        edits.append(Edit(m.start(), m.end(), repl, "whitespace", log=False))
    # Full-width ASCII letters and digits (Ａ１) → half-width.
    for m in re.finditer(r"[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+", text):
        edits.append(Edit(m.start(), m.end(), unicodedata.normalize("NFKC", m.group()), "fullwidth", log=False))
    return edits


# --------------------------------------------------------------------------- 2. chrome

BREADCRUMB_RE = re.compile(r"^\s*(?:当前位置|您的位置|你的位置|您现在的位置|所在位置|位置)\s*[:：]|^\s*首页\s*(?:>|›|»|＞|/)")
PAGE_META_RE = re.compile(
    r"(?:发布|发表|更新|上传|录入|时间|日期)\s*[:：]\s*\d{4}\s*[-/年.]\s*\d{1,2}"
    r"|(?:浏览|阅读|点击|访问)(?:次数|量|数)?\s*[:：]"
    r"|我要投稿|(?:^|\s)来源\s*[:：]|责任编辑\s*[:：]|字号\s*[:：]|分享到\s*[:：]?|打印本页|关闭窗口"
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
)
RELATED_ENTRY_RE = re.compile(
    r"^\s*(?:[-•·*●◆▪►→]\s*\S|\d{1,2}-\d{1,2}\S)|\S\s*\d{1,2}-\d{1,2}\s*$|^\s*\d{4}-\d{1,2}-\d{1,2}\s*\S"
)
AD_RE = re.compile(
    r"订阅|会员(?:群|资料|权益|专享|材料|免费|服务)|开通会员|充值|QQ\s*群|微信群|加群|公众号|扫码|二维码|禁止外传"
    r"|仅供(?:学习|参考|交流)|倒卖|盗版|立享|\bVIP\b|免费(?:领取|下载|赠送|获取)|下载(?:全文|本文|文档)",
    re.I,
)
#: Only lines at most this long can be chrome (content paragraphs are longer).
CHROME_MAX = 120
#: How far into a file the top ad block may reach (in lines).
AD_HEAD_LINES = 30


def chrome(text: str) -> list[Edit]:
    """Remove web-page chrome lines (see module docstring)."""
    lines = list(_lines(text))
    edits: list[Edit] = []
    removed: set[int] = set()

    def drop(i: int, reason: str) -> None:
        if i not in removed:
            s, e, _ = lines[i]
            edits.append(_line_edit(s, e, text, reason))
            removed.add(i)

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
        if lines[i][2].strip():
            drop(i, "advertisement")
    _tail_chrome(text, lines, removed, drop)
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


# --------------------------------------------------------------------------- 3. page numbers

PAGE_NUMBER_RE = re.compile(
    r"^\s*(?:\d{1,3}|[-—–]\s*\d{1,3}\s*[-—–]|第\s*\d{1,4}\s*页(?:\s*[/，,]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,3}\s*/\s*\d{1,3}|[Pp]age\s*\d{1,4}(?:\s*of\s*\d{1,4})?)\s*$"
)


def page_numbers(text: str) -> list[Edit]:
    """Delete page numbers standing alone on a line."""
    return [_line_edit(s, e, text, "page_number") for s, e, line in _lines(text) if line.strip() and PAGE_NUMBER_RE.match(line)]


# --------------------------------------------------------------------------- 4. repeated titles

TITLE_MAX = 60


def is_title_like(line: str) -> bool:
    """A short line with no sentence punctuation: a title or heading candidate."""
    s = line.strip()
    return 0 < len(s) <= TITLE_MAX and not re.search(r"[。！？!?；;]", s) and s[-1] not in "：:，,、"


def repeated_titles(text: str, *, window: int = 12) -> list[Edit]:
    """Delete a title-like line identical to one of the previous ``window`` lines."""
    edits: list[Edit] = []
    recent: list[str] = []
    for s, e, line in _lines(text):
        key = re.sub(r"\s+", "", line)
        if not key:
            continue
        if is_title_like(line) and len(key) >= 4 and key in recent:
            edits.append(_line_edit(s, e, text, "repeated_title"))
            continue
        recent.append(key)
        recent = recent[-window:]
    return edits


# --------------------------------------------------------------------------- 5. broken lines

_INNER_PUNCT_RE = re.compile(r"[，,、；;：:。]")
_SENT_FINAL_RE = re.compile(r"[。！？!?]")


def _line_is_open(line: str) -> bool:
    """Does ``line`` end in the middle of a sentence?"""
    s = line.rstrip()
    if not s:
        return False
    last = s[-1]
    if last in LINE_END_OK:
        return False
    if last in "”’」』》）)】":
        # A closing quote right after final punctuation ends the sentence.
        return len(s) >= 2 and s[-2] not in LINE_END_OK
    return True


def _is_heading_line(line: str) -> bool:
    s = line.strip()
    return bool(LINE_MARKER_RE.match(s)) and not _SENT_FINAL_RE.search(s) and len(s) < 50


def cuts_a_word(a: str, b: str) -> bool:
    """Does the break between ``a`` and ``b`` fall inside a dictionary word (``夹⏎带``)?"""
    words = word_table()  # not the compiled dictionary: cleaning never waits for it to load
    for i in (1, 2, 3):
        left = a[-i:]
        if len(left) < i or not all(_is_han(c) for c in left):
            break
        for j in (1, 2, 3):
            right = b[:j]
            if len(right) < j or not all(_is_han(c) for c in right):
                break
            if left + right in words:
                return True
    return False


def should_join(a: str, b: str) -> bool:
    """Should line ``b`` continue line ``a`` (a sentence cut by a line/page break)?

    Long lines (page-sized chunks) that end open always continue.  A short
    line that ends open continues only if the break cuts a word — otherwise it
    is a heading (``要加强管理，真正做到学有所获``).
    """
    a_s, b_s = a.strip(), b.strip()
    if not a_s or not b_s or not _line_is_open(a_s):
        return False
    if LINE_MARKER_RE.match(b_s) or PAGE_NUMBER_RE.match(b_s):
        return False
    if len(b_s) <= 2 and all(_is_han(c) for c in b_s) and _is_han(a_s[-1]) and is_title_like(a_s):
        return True  # a title broken before its last character(s): 政府工作报⏎告
    if _is_heading_line(a_s):
        return False
    if len(a_s) >= 60 or _SENT_FINAL_RE.search(a_s) or a_s[-1] in "，,、“":
        return True  # a page-sized chunk, or a paragraph with a full sentence, cut
    # A title or heading is short; a short line cut mid-sentence cuts a word.
    return bool(_INNER_PUNCT_RE.search(a_s)) and cuts_a_word(a_s, b_s)


def join_broken_lines(text: str) -> list[Edit]:
    """Join lines cut mid-sentence, across blank lines (page breaks) too."""
    edits: list[Edit] = []
    prev: tuple[int, int, str] | None = None
    # The first line of a file, a piece heading and the line after a closing
    # formula are titles: they never continue onto the next line.
    title_slot = True
    for s, e, line in _lines(text):
        if not line.strip():
            continue
        fragment = len(line.strip()) <= 2
        if prev is not None and (not title_slot or fragment) and should_join(prev[2], line):
            cut_from = prev[0] + len(prev[2].rstrip())
            cut_to = s + (len(line) - len(line.lstrip()))
            edits.append(Edit(cut_from, cut_to, "", "line_break"))
            prev = (prev[0], e, text[prev[0] : e])
            continue
        title_slot = is_title_like(line) and (
            prev is None or bool(PIECE_RE.match(line) or CLOSING_RE.search(prev[2]) or PIECE_RE.match(prev[2]))
        )
        prev = (s, e, line)
    return edits


def license_notices(text: str) -> list[Edit]:
    """Delete a licence notice (and its footnotes) among the last paragraphs of a file.

    The notice starts at the first of the last :data:`LICENSE_TAIL` paragraphs
    that matches :data:`LICENSE_RE`; it runs to the end of the file.
    """
    content = [(s, e, l) for s, e, l in _lines(text) if l.strip()]
    tail = content[-LICENSE_TAIL:]
    first = next((k for k, (_, _, l) in enumerate(tail) if len(l) <= 600 and LICENSE_RE.search(l)), None)
    if first is None:
        return []
    return [_line_edit(s, e, text, "license_notice") for s, e, _ in tail[first:]]


# --------------------------------------------------------------------------- 6. run-in headings

_RUNIN_RE = re.compile(
    rf"""[ ]*(?:[{CN_DIGITS}]+\s*[、.．]|[（(][{CN_DIGITS}]+[)）]|\d{{1,2}}[.．、](?!\d))[ ]*
        [^\s。！？；;!?]{{2,30}}
        (?P<gap>[ ]+)
        (?=[^\s，。、；：,.;:!?！？]{{2}})""",
    re.X,
)


def split_runin_headings(text: str) -> list[Edit]:
    """Put a numbered heading separated from its body by a space on its own line.

    Nested run-in headings (``一、… （一）… body``) are split one after another.
    """
    edits: list[Edit] = []
    for s, _, line in _lines(text):
        pos = 0
        while (m := _RUNIN_RE.match(line, pos)) is not None:
            edits.append(Edit(s + m.start("gap"), s + m.end("gap"), "\n", "heading_split", log=False))
            pos = m.end("gap")
    return edits


# --------------------------------------------------------------------------- 7. doubled markers


def doubled_markers(text: str) -> list[Edit]:
    """Remove list markers repeated by PDF extraction.

    Within a line, an ``N是``/``N要`` marker whose ordinal equals the item
    being read (the previous marker's) and that touches a space is a copy
    left by the extraction (``二是 二是对机关…。二是 由于…``): it is removed
    with the space, keeping the first ``二是`` where it belongs.
    """
    edits: list[Edit] = []
    for s, _, line in _lines(text):
        last: dict[str, int] = {}
        for m in INLINE_SHI_RE.finditer(line):
            n = cn_to_int(m.group(1))
            kind = m.group(2)
            if n is None:
                continue
            before = line[m.start() - 1] if m.start() > 0 else ""
            after = line[m.end()] if m.end() < len(line) else "\n"
            touches_space = before == " " or after in " \n"
            if last.get(kind) == n and touches_space:
                end = m.end()
                while end < len(line) and line[end] == " ":
                    end += 1
                start = m.start()
                if end == m.end():  # no space after: eat the space before
                    while start > 0 and line[start - 1] == " ":
                        start -= 1
                edits.append(Edit(s + start, s + end, "", "doubled_marker"))
                continue
            if kind not in last or n == 1 or n == last[kind] + 1:
                last[kind] = n
    return edits


# --------------------------------------------------------------------------- 8. spaces in Chinese

_CJKISH = f"{HAN}{re.escape(CJK_PUNCT)}"
_SPACE_HAN_HAN_RE = re.compile(f"(?<=[{_CJKISH}]) +(?=[{_CJKISH}])")
_SPACE_HAN_DIGIT_RE = re.compile(f"(?<=[{HAN}]) +(?=\\d)|(?<=\\d) +(?=[{HAN}])")


def cjk_spaces(text: str) -> list[Edit]:
    """Delete spaces inside Chinese text (``办 公室``, ``4 月``).

    In short title-like lines spaces between Chinese phrases are kept (they
    separate slogans: ``参与政务 管理事务 协调关系 搞好服务``).
    """
    edits: list[Edit] = []
    for s, _, line in _lines(text):
        if " " not in line.strip():
            continue
        keep_han_gaps = is_title_like(line) and not _INNER_PUNCT_RE.search(line)
        for m in _SPACE_HAN_DIGIT_RE.finditer(line):
            edits.append(Edit(s + m.start(), s + m.end(), "", "space_in_text"))
        if not keep_han_gaps:
            for m in _SPACE_HAN_HAN_RE.finditer(line):
                edits.append(Edit(s + m.start(), s + m.end(), "", "space_in_text"))
    return edits


# --------------------------------------------------------------------------- 9. punctuation

_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
#: A full stop between Han characters, or ending a line after one.
_DOT_RE = re.compile(r"\.(?<=[" + HAN + r"]\.)(?=[" + HAN + r"“”]|\s*$)", re.M)
_DASHES_RE = re.compile(r"-{2,}")
_ELLIPSIS_RES = (re.compile(r"\.{3,}"), re.compile(r"。{3,}"))


def _cjk_context(ch: str) -> bool:
    return bool(ch) and (_is_han(ch) or ch in CJK_PUNCT)


def punctuation(text: str) -> list[Edit]:
    """Full-width punctuation in Chinese context; digits and Latin untouched."""
    edits: list[Edit] = []
    n = len(text)

    def neighbour(i: int, step: int) -> str:
        j = i + step
        while 0 <= j < n and text[j] == " ":
            j += step
        return text[j] if 0 <= j < n else ""

    for m in re.finditer(r"[,;:?!]", text):
        i = m.start()
        prev, nxt = neighbour(i, -1), neighbour(i, 1)
        if _cjk_context(prev) or (_is_han(nxt) and not (prev.isascii() and prev.isalnum())):
            edits.append(Edit(i, i + 1, _HALF_TO_FULL[m.group()], "punctuation", log=False))
    for m in re.finditer(r"\(([^()\n]{0,80})\)", text):
        inner = m.group(1)
        before = text[m.start() - 1] if m.start() else ""
        if HAN_RE.search(inner) or _is_han(before):
            edits.append(Edit(m.start(), m.start() + 1, "（", "punctuation", log=False))
            edits.append(Edit(m.end() - 1, m.end(), "）", "punctuation", log=False))
    # each pattern starts with a literal character, which the regex engine looks for quickly
    for m in _DOT_RE.finditer(text):
        edits.append(Edit(m.start(), m.end(), "。", "punctuation", log=False))
    for m in _DASHES_RE.finditer(text):
        if _cjk_context(neighbour(m.start(), -1)) or _cjk_context(neighbour(m.end() - 1, 1)):
            edits.append(Edit(m.start(), m.end(), "——", "punctuation", log=False))
    for rx in _ELLIPSIS_RES:
        for m in rx.finditer(text):
            edits.append(Edit(m.start(), m.end(), "……", "punctuation", log=False))
    # Straight double quotes paired within a line of Chinese text.
    for s, _, line in _lines(text):
        if '"' not in line:  # the usual case: no character-by-character scan
            continue
        idx = [i for i, ch in enumerate(line) if ch == '"']
        if not idx or len(idx) % 2 or not HAN_RE.search(line):
            continue
        for k, i in enumerate(idx):
            edits.append(Edit(s + i, s + i + 1, "“" if k % 2 == 0 else "”", "punctuation", log=False))
    return edits


# --------------------------------------------------------------------------- 10. tidy


def tidy(text: str) -> list[Edit]:
    """Strip line ends, collapse runs of spaces, drop blank lines."""
    edits: list[Edit] = []
    for s, e, line in _lines(text):
        if not line.strip():
            stop = e + 1 if e < len(text) else e
            edits.append(Edit(s, stop, "", "blank", log=False))
            continue
        lead = len(line) - len(line.lstrip())
        if lead:
            edits.append(Edit(s, s + lead, "", "blank", log=False))
        trail = len(line) - len(line.rstrip())
        if trail:
            edits.append(Edit(e - trail, e, "", "blank", log=False))
        for m in re.finditer(r"(?<=\S) {2,}(?=\S)", line):
            edits.append(Edit(s + m.start(), s + m.end(), " ", "blank", log=False))
    return edits


STEPS: tuple[Step, ...] = (
    normalize_space,
    chrome,
    page_numbers,
    repeated_titles,
    join_broken_lines,
    license_notices,
    split_runin_headings,
    doubled_markers,
    punctuation,
    cjk_spaces,
    tidy,
)


def clean(raw: str, *, steps: Sequence[Step] = STEPS) -> Cleaned:
    """Run the cleaning ``steps`` over ``raw`` and return text, log and source map."""
    t = _Tracker(raw)
    for step in steps:
        t.apply(step(t.text))
    # Drop a trailing newline left by the last line.
    if t.text.endswith("\n"):
        t.apply([Edit(len(t.text) - 1, len(t.text), "", "blank", log=False)])
    line_starts = [0] + [m.end() for m in re.finditer("\n", raw)]
    log = tuple(
        Removal(
            line=bisect.bisect_right(line_starts, rs),
            raw_start=rs,
            raw_end=re_,
            pos=bisect.bisect_left(t.src, re_),
            removed=removed,
            reason=reason,
        )
        for rs, re_, removed, reason in sorted(t.entries)
    )
    return Cleaned(raw=raw, text=t.text, log=log, srcmap=t.src)


def clean_text(raw: str) -> str:
    """Convenience: the cleaned text only."""
    return clean(raw).text
