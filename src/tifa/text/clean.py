"""Cleaning: raw text of one file → cleaned text plus an audit log.

Cleaning is a pipeline of small steps.  Each step looks at the current text and
proposes :class:`Edit`s (delete or replace a span, with a reason); a tracker
applies them while keeping, for every character of the cleaned text, the
offset of the raw character it came from.  That gives the *cleaning log*:
every removed span with its reason, its raw offsets and line number, and the
place in the cleaned text where it was taken out — so a researcher can audit
that no speech content was dropped.

The steps, in order (all general rules, no per-file cases):

0. ``converter_glosses`` — pinyin a script converter left after characters
   (``會(huì)議``), before anything else;
1. ``normalize_space``   — newlines, zero-width characters, odd spaces;
   ``markup_residue`` (HTML tags, BBCode), ``anti_copy`` (forums' random ASCII
   garbage), ``viewer_debris`` (page counters, page-chunk numbers, page numbers
   glued into words);
2. ``chrome``            — web-page chrome: breadcrumbs, publish/view-count
   lines, related-article lists with their entries, copyright/ICP/"Powered
   by" footers, membership/subscription ads (and the ad block atop a file);
   page furniture by its shape (:func:`furniture_reason`: furniture words that
   stand as words, counters, sizes, fields, separators, no Chinese), the site's
   own voice (blurbs, paywalls, viewer notices), page titles, collection
   counts and markers, tables of contents, short lines between furniture;
3. ``page_numbers``      — page numbers alone on a line (PDF extraction);
4. ``repeated_titles``   — a title line repeated by the page template;
5. ``join_broken_lines`` — a sentence or word cut by a line or page break;
   ``split_glued_parts`` — a title glued to its salutation, a viewer's
   run-together opening, each part on a line of its own;
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

from ..lexicon.lexicons import word_table
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


# --------------------------------------------------------------------------- 0. converter glosses

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
#: A pinyin reading in brackets right after a character (``會(huì)議``), as some converters leave them.
GLOSS_RE = re.compile(rf"(?<=[{HAN}])[(（]([a-zü{_TONED}]{{1,6}})[)）]")
#: Toneless readings (``們(men)``) count only in a text glossed throughout (this many toned ones).
GLOSSED_TEXT_MIN = 3


def converter_glosses(text: str) -> list[Edit]:
    """Pinyin glosses a script converter left after characters: removed before anything else.

    A gloss has a tone mark; a toneless one (``(men)``, ``(de)``) only goes in a text that
    has at least :data:`GLOSSED_TEXT_MIN` toned ones, so ``(a)`` in a plain text stays."""
    ms = list(GLOSS_RE.finditer(text))
    if not ms:
        return []
    toned = [m for m in ms if any(c in _TONED for c in m.group(1))]
    keep = ms if len(toned) >= GLOSSED_TEXT_MIN else toned
    return [Edit(m.start(), m.end(), "", "converter_gloss") for m in keep]


# --------------------------------------------------------------------------- 1b. residue of markup

#: HTML tags and BBCode left in copied text (``</p>``, ``<br/>``, ``[repy]3[/repy]``, ``[b]``).
MARKUP_RE = re.compile(
    r"</?(?:p|br|div|span|font|strong|b|i|em|u|a|img|li|ul|ol|td|tr|table|h[1-6]|section|article)\b[^<>\n]{0,200}?/?>"
    r"|\[(\w{1,12})(?:=[^\]\n]{0,40})?\][^\[\]\n]{0,40}\[/\1\]|\[/?(?:b|i|u|p|quote|url|img|size|color|font|align|hide|reply|repy)(?:=[^\]\n]{0,40})?\]",
    re.I,
)


def markup_residue(text: str) -> list[Edit]:
    """HTML tags and BBCode a page left in the text (never Chinese inside the brackets)."""
    return [Edit(m.start(), m.end(), "", "markup_residue") for m in MARKUP_RE.finditer(text) if not HAN_RE.search(m.group())]


# --------------------------------------------------------------------------- 1c. anti-copy garbage

#: A run of short ASCII tokens separated by single spaces: forums' anti-copy "jammer" text
#: (``5 S% a3 j$ C0 p. o$ L8``), at a line end, on a line of its own, or glued before the text.
GARBAGE_RUN_RE = re.compile(r"(?<![!-~])(?:[!-~]{1,3} {1,2}){3,}[!-~]{1,3}(?![!-~])")
_ASCII_PUNCT = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def _odd_token(t: str) -> bool:
    """A token no word or number looks like: classes mixed (``a3``, ``j$``, ``rZ``) or a lone sign."""
    kinds = {("d" if c.isdigit() else "u" if c.isupper() else "l" if c.isalpha() else "p") for c in t}
    return len(kinds) > 1 or kinds == {"p"}


def is_garbage(run: str) -> bool:
    """Random ASCII: ≥ 4 short tokens, several of them odd, letters among them, many distinct
    characters, and either punctuation in it or many tokens (``A B C D`` and ``1. 2. 3.`` are no garbage)."""
    toks = run.split()
    chars = run.replace(" ", "")
    punct = sum(c in _ASCII_PUNCT for c in chars)
    letters = sum(c.isalpha() for c in chars)
    odd = sum(_odd_token(t) for t in toks)
    return (
        len(toks) >= 4 and letters >= 2 and len(set(chars)) >= 6 and odd >= 2
        and (punct >= 2 or (len(toks) >= 5 and odd >= 3) or len(toks) >= 6)
    )


#: A lone menu bar closing a post's last sentence (``谢谢大家！ |``).
_TRAILING_BAR_RE = re.compile(r"(?<=[。！？”!?])[ ]*[|｜][ ]*$")


def anti_copy(text: str) -> list[Edit]:
    """Delete anti-copy garbage (with the spaces around it); a line of nothing else goes whole."""
    edits: list[Edit] = []
    for s, e, line in _lines(text):
        if " " not in line and "|" not in line:
            continue
        runs = [m for m in GARBAGE_RUN_RE.finditer(line) if is_garbage(m.group())]
        tail = _TRAILING_BAR_RE.search(line)
        if tail and not runs:
            edits.append(Edit(s + tail.start(), s + tail.end(), "", "navigation"))
        if not runs:
            continue
        rest = "".join(line[a:b] for a, b in zip([0] + [m.end() for m in runs], [m.start() for m in runs] + [len(line)]))
        if not rest.strip():
            edits.append(_line_edit(s, e, text, "anti_copy"))
            continue
        for m in runs:
            a, b = m.start(), m.end()
            while a > 0 and line[a - 1] == " ":
                a -= 1
            while b < len(line) and line[b] == " ":
                b += 1
            edits.append(Edit(s + a, s + b, "", "anti_copy"))
    return edits


# --------------------------------------------------------------------------- 1d. viewer debris

#: A page counter glued into the text by a document viewer (``第 1 页 共 27 页``), and its
#: watermark (``下载后可任意编辑``).
PAGE_COUNTER_RE = re.compile(
    r"第\s*\d{1,4}\s*页\s*[/／,，]?\s*共\s*\d{1,4}\s*页|(?:下载|打印)后可(?:任意|自由)?编辑(?:修改)?"
)
#: A page-chunk number opening a chunk of a viewer's text (``2、境。再一个…``).
CHUNK_RE = re.compile(r"^\s*(\d{1,3})、")
#: A chunk holds a page: at least this many characters.
CHUNK_MIN = 80
#: Characters after a number that make it a count, not a page number glued into a word.
UNITS = set(
    "个项名人位次年月日天周条点件种类家所座台辆部套批级期届轮场岁时分秒元万亿千百倍篇本册章节份张支队组户村镇县市省区号层"
    "栋米里吨斤亩度成块株棵头只艘架门首句字页段行则起例宗笔单票枚颗粒片堂课多余来型大小楼室处科股班金银铜"
)
_GLUED_NUM_RE = re.compile(rf"(?<![\d.．%])(\d{{1,3}})(?=[{HAN}])|(?<![\d.．%])(\d{{1,2}})(?=(?:19|20)\d\d年)")
#: Glued page numbers follow each other at least this far apart (a page of text).
PAGE_GAP = 150


def viewer_debris(text: str) -> list[Edit]:
    """What document viewers leave in the text of a page.

    * page counters and watermarks glued anywhere (``第 1 页 共 3 页``);
    * page-chunk numbers: lines opening ``1、`` ``2、`` … in order, each chunk a page long,
      where at least half of the breaks cut a sentence (an outline's items end theirs);
    * page numbers glued into words (``机3关``, ``12023年`` — page 1 before a year): digits
      between characters, not a count (no unit after them), that run 1, 2, 3 … at least a
      page apart.
    """
    edits = [Edit(m.start(), m.end(), "", "page_number") for m in PAGE_COUNTER_RE.finditer(text)]
    lines = [(s, e, l) for s, e, l in _lines(text) if l.strip()]
    chunks = [(k, int(m.group(1)), m) for k, (_, _, l) in enumerate(lines) if (m := CHUNK_RE.match(l))]
    run: list[tuple[int, re.Match]] = []
    for k, n, m in chunks:
        if n == len(run) + 1:
            run.append((k, m))
    if len(run) >= 2 and all(len(lines[k][2]) >= CHUNK_MIN for k, _ in run[:-1]):
        cuts = sum(1 for k, _ in run[1:] if k > 0 and _line_is_open(lines[k - 1][2]))
        if cuts * 2 >= len(run) - 1:
            for k, m in run:
                edits.append(Edit(lines[k][0] + m.start(1), lines[k][0] + m.end(), "", "page_chunk"))
    # page numbers glued into words
    cands = []
    for m in _GLUED_NUM_RE.finditer(text):
        g = 1 if m.group(1) else 2
        a, b = m.start(g), m.end(g)
        before = text[a - 1] if a else "\n"
        after = text[b] if b < len(text) else ""
        if before != "\n" and not (_is_han(before) or before in CJK_PUNCT):
            continue
        if before in "第约共近达超逾计合每前后余" or (g == 1 and re.match(r"[至到~～-]\d", text[b : b + 2])):
            continue
        # before a unit it is a count, unless the unit starts a word there (``3行为``): such a number
        # may continue a chain of page numbers, never start one
        weak = g == 1 and after in UNITS
        if weak and text[b : b + 2] not in word_table():
            continue
        cands.append((int(m.group(g)), a, b, weak))
    chain: list[tuple[int, int, int, bool]] = []
    best: list[tuple[int, int, int, bool]] = []
    words = word_table()

    def split_word(a: int, b: int) -> bool:  # the digits cut a word (事2情) or stand before a year (12023年)
        l, r = text[max(0, a - 2) : a], text[b : b + 2]
        return bool(re.match(r"(?:19|20)\d\d年", text[b : b + 5])) or any(
            x and y and x + y in words for x in (l[-1:], l) for y in (r[:1], r)
        )

    for c in cands:  # the longest run 1, 2, 3 … (or k, k+1 …) a page apart
        if chain and c[0] == chain[-1][0] + 1 and c[1] - chain[-1][1] >= PAGE_GAP:
            chain.append(c)
        elif c[0] in (1, 2) and not c[3] and (not chain or c[0] <= chain[-1][0]):
            chain = [c]
        if len(chain) > len(best):
            best = list(chain)
    # a chain of page numbers: at least two, and half of them cutting a word (a count never does)
    evidence = sum(split_word(a, b) for _, a, b, _ in best)
    if len(best) >= 3 and 2 * evidence >= len(best) or len(best) == 2 and evidence == 2:
        edits.extend(Edit(a, b, "", "page_number") for _, a, b, _ in best)
    return edits


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
        if lines[i][2].strip():
            drop(i, "advertisement")
    _site_voice(lines, removed, drop)
    _page_titles(lines, removed, drop)
    _between_chrome(lines, removed, drop)
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


# --------------------------------------------------------------------------- 2b. furniture by what it is

#: Words of a page's tools, accounts, viewers and forums — never a speech's in a short line
#: without sentence punctuation.
UI_STRONG = (
    "下载", "收藏", "举报", "登录", "登陆", "注册", "会员", "VIP", "vip", "首页", "上一篇", "下一篇", "上一主题", "下一主题",
    "阅读全文", "全文阅读", "阅读原文", "扫码", "二维码", "客服", "侵权", "投诉", "预览", "试读", "充值", "上传", "页数",
    "字数", "友情链接", "联系我们", "发表于", "楼层", "帖子", "签名", "道具", "阅读模式", "关灯", "小编", "本站", "网友",
    "手机版", "移动端", "往期", "点赞", "在看", "打赏", "海报", "责任编辑", "版权", "浏览", "点击量", "阅读量", "蓝字",
    "复制链接", "一键复制", "全屏", "打印", "资源描述", "文档", "屏蔽", "回帖", "楼主", "原创", "范文", "转载",
)
#: Words of page furniture that speeches use too: they count only with other signs.
UI_WEAK = (
    "分享", "复制", "推荐", "热门", "热点", "相关", "精选", "栏目", "频道", "搜索", "目录", "作者", "来源", "编辑", "审核",
    "发布", "更新", "时间", "微信", "微博", "关注", "回复", "评论", "链接", "导航", "网站", "文章", "本文", "全文", "更多",
    "免费", "支付", "合集", "汇编", "大全", "喜欢", "阅读", "正文", "END", "开启", "左侧", "右侧", "侧栏", "收起", "展开",
    "内容", "图文", "地址", "标签",
)
_UI_STRONG_RE = re.compile("|".join(UI_STRONG))
_UI_WEAK_RE = re.compile("|".join(UI_WEAK))
#: Counters, sizes, numeric dates and times: the data of a page's header, not of a speech.
COUNTER_RE = re.compile(
    r"\d+(?:\.\d+)?\s*[KkMmGg][Bb]\b|\d+\s*\+|\d+\s*(?:次|页|字|人阅读|人浏览|阅读|浏览|下载|评论|赞)(?![\u4e00-\u9fff]{2})"
    r"|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}:\d{2}|\d{1,2}-\d{1,2}(?![\d-])"
)
#: A file name with its extension (viewers title their pages with it).
FILE_NAME_RE = re.compile(r"\S\.(?:docx?|pdf|pptx?|xlsx?|wps|txt)(?:\b|_)", re.I)
#: Menu separators: a line of items between them is a menu or a breadcrumb.
SEPARATOR_RE = re.compile(r"\s*(?:[|｜>›»•●]|&gt;|>>)\s*")
#: ``label：value`` fields (``编辑：李想``, ``来源：…``): two or more on a short line are page data.
FIELD_RE = re.compile(rf"(?:^|\s|[|｜】])[{HAN}]{{2,4}}\s*[:：]\s*\S")
#: What a speech line opens with: a list marker, a salutation, a quotation or a subtitle dash.
_SPEECH_OPEN_RE = re.compile(r"^\s*(?:——|—|[“‘《（(]|同志们|各位|尊敬的)")
#: Function words of running Chinese text (a speech's sentences have them; page furniture has few).
FUNCTION_CHARS = set("的了是在和与及要把对为就也都不这那有以从而被让将并还又之其我们你他所等")
#: The shape of a speech's own title (``在…上的讲话``).
SPEECH_TITLE_RE = re.compile(r"\S{4,}(?:讲话|发言|致辞|讲稿|演讲|报告|党课|辅导|发言稿|讲话稿|主持词|动员令)(?:[（(][^）)]{0,20}[)）])?$")


def ui_hits(s: str, rx: re.Pattern) -> int:
    """Furniture words in ``s`` that stand as words: not the half of a longer word across
    their edge (``全屏`` in ``安全屏障``, ``文档`` in ``公文档案``), by the dictionary."""
    words = word_table()
    n = 0
    for m in rx.finditer(s):
        a, b = m.start(), m.end()
        # the character before pairs with the word's first (安|全屏) and is no word with its own predecessor
        if a > 0 and _is_han(s[a - 1]) and s[a - 1 : a + 1] in words and (a < 2 or s[a - 2 : a] not in words):
            continue
        if b < len(s) and _is_han(s[b]) and s[b - 1 : b + 1] in words and s[b : b + 2] not in words:
            continue
        n += 1
    return n


def _speech_line(s: str) -> bool:
    """A heading, salutation or title of the speech itself (furniture never opens like this)."""
    return bool(LINE_MARKER_RE.match(s) or _SPEECH_OPEN_RE.match(s) or INLINE_SHI_RE.match(s))


def furniture_reason(s: str) -> str | None:
    """Why a short line is page furniture, or None (jusText-style: the line's shape, not a site's words).

    Only lines of at most :data:`CHROME_MAX` characters without sentence punctuation are looked
    at, and never one opening like a line of the speech (list marker, salutation, quotation)."""
    han = HAN_RE.findall(s)
    if not han:
        return _latin_furniture(s)
    if len(s) > CHROME_MAX or re.search(r"[。！？!?；;]", s):
        return None
    outside = re.sub(r"《[^》]{1,30}》", "", s)
    if len(re.findall(r"《[^》]{1,30}》", s)) >= 3 and len(s) - len(outside) > len(outside) and len(re.findall(r"作者|著|主编", outside)) >= 2 and not re.search(r"[，,。]", outside):
        return "related_list"  # a sidebar of books and their authors
    if _speech_line(s):
        return None
    seps = len(SEPARATOR_RE.findall(s))
    strong = ui_hits(s, _UI_STRONG_RE)
    weak = ui_hits(s, _UI_WEAK_RE)
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


#: Symbols a page shows for lost icons and menus (``?``, ``|``); quotes and brackets alone are the text's.
_UI_SYMBOLS = set("?？|｜•·»›> ")
_LATIN_UI_RE = re.compile(r"^(?:END|TOP|Top|Powered\s+by\b.*|Copyright\b.*|Print\b.*|.*\b(?:PDF|Email|APP|QQ)\b.*|[jk]\s+(?:previous|next)\b.*)$")


def _latin_furniture(s: str) -> str | None:
    """A line without Chinese that is furniture: symbols only (``?``, ``|``, ``……``), a counter,
    size or date (``999+``, ``21.3KB``), an id of letters and digits, a UI word (``END``).
    Numbers (``2.5``) and words (``VS``) may be the speech's."""
    t = s.strip()
    if len(t) > 80:
        return None
    if set(t) <= _UI_SYMBOLS or re.fullmatch(r"[…\.]{6,}", t):
        return "no_text"  # a lost icon, a menu bar, a preview's cut-off bar (``………………``)
    if COUNTER_RE.search(t) and not re.fullmatch(r"[\d.]+", t):
        return "page_meta"
    if re.fullmatch(r"[A-Za-z0-9_\-]{8,}", t) and len(re.findall(r"\d", t)) >= 4 and re.search(r"[A-Za-z]", t):
        return "no_text"
    if _LATIN_UI_RE.match(t):
        return "page_tools"
    return None


#: The site's own voice: introductions and sign-offs of 范文 sites, viewers' and paywalls' notices,
#: each kind with its weight (2: never a speaker's words; 1: with another kind).
SITE_VOICE_RES = (
    (re.compile(r"小编|本站|网友|投稿人|[网站库](?:为您|为你)?(?:提供|专注于|致力于|汇集)(?:各类|海量|优质|免费)"), 2),
    (re.compile(r"全文(?:约|共)?\s*\d+\s*字|请?(?:下载|登录|登陆)后(?:阅读|查看|编辑)|(?:需要|请)先?(?:登录|登陆|注册)|超出(?:免费)?预览|不代表本站|如有侵权|侵犯您的"), 2),
    (re.compile(r"(?:为|给)(?:大家|您|你)(?:精心)?(?:整理|收集|搜集|分享|推荐|带来)"), 1),
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
        if i in edge or near or re.search(r"小编|本站", s):
            drop(i, "site_blurb")


#: A page title decorated around the speech's title (``…讲话范文``, ``…讲话（通用5篇）``, ``… - 某某网``).
_DECORATION_RE = re.compile(
    r"^\s*(?:范文|精选|大全|汇编|合集|全文|[（(【\[][^）)】\]]{0,10}[)）】\]]|\d+\s*篇|(?:\s[-_|｜—]|[_|｜])\s*\S{1,16}|稿)+\s*$"
)
#: A collection's count of pieces in a page title (``（通用5篇）``, ``【汇编10篇】``, ``精选（九篇）``).
COLLECTION_COUNT_RE = re.compile(rf"[（(【\[][^）)】\]]{{0,6}}(?:\d+|[{CN_DIGITS}]+)\s*篇[)）】\]]|\d+篇$")
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
        if COLLECTION_COUNT_RE.search(key) and not _speech_line(s):
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
        if len(rest) >= 6 and any(keys[j] != key and keys[j].endswith(rest) for j in later):
            drop(i, "toc")
            continue


def _between_chrome(lines, removed: set[int], drop) -> None:
    """A short line standing between page furniture is furniture too (a category word under a
    breadcrumb, a site name over a menu) — unless it is shaped like a line of the speech."""
    content = [i for i, (_, _, l) in enumerate(lines) if l.strip()]
    for k, i in enumerate(content):
        if i in removed:
            continue
        s = lines[i][2].strip()
        if len(s) > 12 or len(HAN_RE.findall(s)) < 2 or re.search(rf"[{re.escape(CJK_PUNCT)},.;:]", s) or _speech_line(s) or SPEECH_TITLE_RE.search(s):
            continue
        if 0 < k < len(content) - 1 and content[k - 1] in removed and content[k + 1] in removed:
            drop(i, "page_tools")


#: Collection markers before or after a piece's title (``【篇1】``, ``篇2：``, ``… 篇3``).
COLLECTION_MARK_RE = re.compile(
    rf"^\s*(?:【\s*篇\s*(?:\d{{1,2}}|[{CN_DIGITS}]{{1,3}})\s*】|篇\s*(?:\d{{1,2}}|[{CN_DIGITS}]{{1,3}})\s*[:：])\s*"
    rf"|\s*篇\s*\d{{1,2}}\s*$|\s+篇\s*[{CN_DIGITS}]{{1,3}}\s*$"
)


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


#: A salutation opening the speech (``同志们：``, ``尊敬的各位领导、同志们：``).
#: One addressee of a salutation (``尊敬的各位领导``, ``各位来宾``, ``同志们``).
_ADDRESSEE = r"(?:尊敬的|亲爱的)?(?:各位|全体)?[^。！？!?，,；;：:\n]{0,12}?(?:同志们|朋友们|领导|来宾|代表|嘉宾|老师们|同学们|同仁们|同事们|评委)"
SALUTATION_RE = re.compile(
    rf"(?:尊敬的|各位|亲爱的|同志们)[^。！？!?，,；;\n]{{0,40}}?[：:]|{_ADDRESSEE}(?:[、，,]{_ADDRESSEE})*(?:[：:]|[，,]\s*大家(?:上午|下午|晚上)?好[！!])"
)
#: A speech's title glued to its salutation (``在…上的讲话同志们：``, ``…讲话 同志们：``).
GLUED_TITLE_RE = re.compile(
    r"^(\s*\S[^。！？\n]{3,60}?(?:讲话稿|发言稿|演讲稿|讲稿|讲话|发言|致辞|报告|党课|演讲))[ ]*(?=" + SALUTATION_RE.pattern + ")"
)
#: The same title two or more times in a row (``标题 标题标题``): the page template's copies.
_TITLE_TWICE_RE = re.compile(r"^(\s*)(\S[^。！？\n]{5,59}?)((?:\s*\2)+)(?=\S|\s*$)")
#: A line this long holding several paragraphs (text copied from a viewer) is cut at its headings.
LONG_LINE = 200


def split_glued_parts(text: str) -> list[Edit]:
    """Parts of a speech a page ran together, each put on its own line (not logged: no content goes).

    * a title repeated by the template in a row keeps one copy (the copies are logged);
    * a title glued to the salutation (``…的讲话同志们：…``) goes on its own line;
    * in a line of several paragraphs (a viewer's page): the salutation, and every heading
      marker after a space (``… （一）增强…``) or after a sentence (``…意见。一、…二、…``,
      when the line has at least two of these in order) start a new line.
    """
    edits: list[Edit] = []
    for s, _, line in _lines(text):
        pos = 0
        m = _TITLE_TWICE_RE.match(line)
        if m and len(line) > m.end(3) - m.start(2):
            edits.append(Edit(s + m.start(3), s + m.end(3), "", "repeated_title"))
            pos = m.end(3)
            while pos < len(line) and line[pos] == " ":
                pos += 1
            rest = line[pos:]
            g = SALUTATION_RE.match(rest)
            if g:
                edits.append(Edit(s + pos, s + pos, "\n", "heading_split", log=False))
        else:
            m = GLUED_TITLE_RE.match(line)
            if m and not LINE_MARKER_RE.match(line):
                a, b = m.end(1), m.end()
                edits.append(Edit(s + a, s + b, "\n", "heading_split", log=False))
                pos = b
        g = SALUTATION_RE.match(line, pos)
        # only the opening line of a speech run together (title, salutation, paragraphs: a viewer's page)
        if len(line) < LONG_LINE or not (pos or (g and s < 400)):
            continue
        if g and len(line) - g.end() >= 20:
            b = g.end()
            while b < len(line) and line[b] == " ":
                b += 1
            edits.append(Edit(s + g.end(), s + b, "\n", "heading_split", log=False))
        for h in re.finditer(rf" +(?=[{CN_DIGITS}]{{1,3}}、|[（(][{CN_DIGITS}]{{1,3}}[)）])", line):
            if h.start() > pos:
                edits.append(Edit(s + h.start(), s + h.end(), "\n", "heading_split", log=False))
        glued = [h for h in re.finditer(rf"(?<=[。！？])(?=([{CN_DIGITS}]{{1,2}})、)", line)]
        nums = [cn_to_int(h.group(1)) for h in glued]
        if any(b == a + 1 for a, b in zip(nums, nums[1:])):
            edits.extend(Edit(s + h.start(), s + h.start(), "\n", "heading_split", log=False) for h in glued)
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
    converter_glosses,
    normalize_space,
    markup_residue,
    anti_copy,
    viewer_debris,
    chrome,
    page_numbers,
    repeated_titles,
    join_broken_lines,
    license_notices,
    split_glued_parts,
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
