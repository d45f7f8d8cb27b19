"""Cleaning steps for what tools leave in a text: converters, markup, anti-copy jammers, viewers.

Owns :func:`converter_glosses` (pinyin a script converter left after characters, ``會(huì)議``),
:func:`markup_residue` (HTML tags and BBCode), :func:`anti_copy` (forums' random ASCII "jammer"
runs) and :func:`live_stamps` (a live blog's clock times before its posts), :func:`footnotes` (an article's
notes and the marks pointing to them), :func:`viewer_debris` (page counters, page-chunk numbers and page numbers a document
viewer glued into words), with their patterns and thresholds.  Each proposes edits
(:class:`tifa.text.edits.Edit`) over the whole text.

It must not touch whole lines of page chrome (:mod:`tifa.text.chrome`), line breaks
(:mod:`tifa.text.lines`) or spacing and punctuation (:mod:`tifa.text.normalize`), and it runs
nothing itself: when each step runs is :data:`tifa.text.clean.STEPS`'s business.
"""
from __future__ import annotations

from collections import Counter
import re

from ..lexicon.lexicons import word_table
from .edits import Edit, is_han, iter_lines, line_edit
from .lines import line_is_open
from .patterns import CJK_PUNCT, CN_DIGITS, HAN, HAN_RE

# --------------------------------------------------------------------------- 0. converter glosses

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
#: A pinyin reading in brackets right after a character (``會(huì)議``), as some converters leave them.
GLOSS_RE = re.compile(rf"(?<=[{HAN}])[(（]([a-zü{_TONED}]{{1,6}})[)）](?:[(（][a-zü{_TONED}]{{1,6}}[)）])*")
#: A pinyin syllable without its tone (``men``, ``zhuang``): what a toneless gloss must be.
_SYLLABLE_RE = re.compile(
    r"(?:[bpmfdtnlgkhjqxrzcsyw]|zh|ch|sh)?(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|üan|ai|ei|ao|ou|an|en|er|ia|ie|iu|in|ua|uo|ui|un|üe|ue|ün|a|o|e|i|u|ü|v)"
)
#: … and a text is glossed throughout without tones (``們(men)``, stacked ``我(wo)(wo)``) with this many of them.
TONELESS_TEXT_MIN = 12
#: A zhuyin (bopomofo) reading in brackets after a character (``會(ㄏㄨㄟˋ)``), tone marks and all.
ZHUYIN_GLOSS_RE = re.compile(r"(?<=[\u3400-\u9fff])[(（][\u3105-\u312f\u31a0-\u31bfˊˇˋ˙]{1,6}[)）]")
#: Toneless readings (``們(men)``) count only in a text glossed throughout (this many toned ones).
GLOSSED_TEXT_MIN = 3


def converter_glosses(text: str) -> list[Edit]:
    """Pinyin and zhuyin glosses a script converter left after characters: removed before anything else.

    A pinyin gloss has a tone mark; a toneless one (``(men)``, ``(de)``) only goes in a text that
    has at least :data:`GLOSSED_TEXT_MIN` toned ones or :data:`TONELESS_TEXT_MIN` toneless ones that
    are pinyin syllables, so ``(a)`` in a plain text stays; a stack of them (``我(wo)(wo)``) goes whole.  A zhuyin
    gloss (``會(ㄏㄨㄟˋ)``) always goes: no speech writes its words in zhuyin."""
    ms = list(GLOSS_RE.finditer(text))
    toned = [m for m in ms if any(c in _TONED for c in m.group())]
    syllables = sum(1 for m in ms if all(_SYLLABLE_RE.fullmatch(g) for g in re.findall(r"[a-zü]+", m.group())))
    keep = ms if len(toned) >= GLOSSED_TEXT_MIN or syllables >= TONELESS_TEXT_MIN else toned
    keep += list(ZHUYIN_GLOSS_RE.finditer(text))
    return sorted((Edit(m.start(), m.end(), "", "converter_gloss") for m in keep), key=lambda e: e.start)


# --------------------------------------------------------------------------- 1b. residue of markup

#: HTML tags and BBCode left in copied text (``</p>``, ``<br/>``, ``[repy]3[/repy]``, ``[b]``).
MARKUP_RE = re.compile(
    r"</?(?:p|br|div|span|font|strong|b|i|em|u|a|img|li|ul|ol|td|tr|table|h[1-6]|section|article)\b[^<>\n]{0,200}?/?>"
    r"|\[(\w{1,12})(?:=[^\]\n]{0,40})?\][^\[\]\n]{0,40}\[/\1\]|\[/?(?:b|i|u|p|quote|url|img|size|color|font|align|hide|reply|repy)(?:=[^\]\n]{0,40})?\]",
    re.I,
)


def markup_residue(text: str) -> list[Edit]:
    """HTML tags and BBCode a page left in the text (never Chinese inside the brackets), and line
    breaks a page wrote out as their escapes (``x0dx0a``, ``\\r\\n``: a Q&A site's answers): a line break."""
    edits = [Edit(m.start(), m.end(), "\n" if _BREAK_TAG_RE.match(m.group()) and _inside_line(text, m) else "", "markup_residue")
             for m in MARKUP_RE.finditer(text) if not HAN_RE.search(m.group())]
    edits += [Edit(m.start(), m.end(), "\n", "markup_residue") for m in ESCAPED_BREAK_RE.finditer(text)]
    edits += [Edit(m.start(), m.end(), "", "markup_residue") for m in _GARBLED_TAG_RE.finditer(text)]  # …”?/p>: a tag's < lost
    return sorted(edits, key=lambda e: e.start)


#: Tags that end a paragraph or break a line (``…服务水平。</p>在…的讲话``): a line break where text goes on.
_BREAK_TAG_RE = re.compile(r"</(?:p|div|li|h[1-6]|tr|section|article)\s*>|<br\s*/?>", re.I)


def _inside_line(text: str, m: re.Match) -> bool:
    """Text on both sides of the tag on its line (else the line already breaks there)."""
    before = text[text.rfind("\n", 0, m.start()) + 1 : m.start()]
    nl = text.find("\n", m.end())
    after = text[m.end() : nl if nl >= 0 else len(text)]
    return bool(before.strip()) and bool(after.strip())


#: A closing tag whose ``<`` an encoding turned into ``?`` (``…要求。?/p>``).
_GARBLED_TAG_RE = re.compile(r"\?/(?:p|div|span|br|li)\s*>", re.I)
#: Line breaks written out as escapes between Chinese text (``。 x0dx0ax0dx0a同志们``, ``\\r\\n``).
ESCAPED_BREAK_RE = re.compile(r"(?<![A-Za-z0-9\\])[ \t]*(?:(?:\\?x0d)?\\?x0a|\\r\\n|\\n)+[ \t]*(?=[\u4e00-\u9fff“（(一二三四五六七八九十\d\s]|$)")


# --------------------------------------------------------------------------- 1c. anti-copy garbage

#: A run of short ASCII tokens separated by single spaces: forums' anti-copy "jammer" text
#: (``5 S% a3 j$ C0 p. o$ L8``), at a line end, on a line of its own, or glued before the text.
GARBAGE_RUN_RE = re.compile(r"(?<![!-~])(?:[!-~]{1,3} {1,2}){3,}[!-~]{1,3}(?![!-~])")
_ASCII_PUNCT = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def _odd_token(t: str) -> bool:
    """A token no word or number looks like: classes mixed (``a3``, ``j$``, ``rZ``) or a lone sign."""
    kinds = {("d" if c.isdigit() else "u" if c.isupper() else "l" if c.isalpha() else "p") for c in t}
    return len(kinds) > 1 or kinds == {"p"}


def is_garbage(run: str, *, jammed: bool = False) -> bool:
    """Random ASCII: ≥ 4 short tokens, several of them odd, letters among them, many distinct
    characters, and either punctuation in it or many tokens (``A B C D`` and ``1. 2. 3.`` are no garbage).
    On a page already ``jammed`` (sure garbage elsewhere in it) the last condition is dropped:
    the short runs of the same jammer (``6/ vo IB 5K 7``) go too."""
    toks = run.split()
    chars = run.replace(" ", "")
    punct = sum(c in _ASCII_PUNCT for c in chars)
    letters = sum(c.isalpha() for c in chars)
    odd = sum(_odd_token(t) for t in toks)
    return (
        len(toks) >= 4 and letters >= 2 and len(set(chars)) >= 6 and (odd >= 2 or jammed and odd and len(toks) >= 5)
        and (jammed or punct >= 2 or (len(toks) >= 5 and odd >= 3) or len(toks) >= 6)
    )  # on a jammed page, five tokens and one odd (``xz N kp F* WR zg``) are the same jammer


#: Sure garbage runs that make a page jammed (a jammer never writes just one).
JAMMED_AT = 2


#: A lone menu bar closing a post's last sentence (``谢谢大家！ |``).
_TRAILING_BAR_RE = re.compile(r"(?<=[。！？”!?])[ ]*[|｜][ ]*$")


def anti_copy(text: str) -> list[Edit]:
    """Delete anti-copy garbage (with the spaces around it); a line of nothing else goes whole."""
    edits: list[Edit] = []
    jammed = sum(1 for m in GARBAGE_RUN_RE.finditer(text) if "\n" not in m.group() and is_garbage(m.group())) >= JAMMED_AT
    for s, e, line in iter_lines(text):
        if " " not in line and "|" not in line:
            continue
        runs = [m for m in GARBAGE_RUN_RE.finditer(line) if is_garbage(m.group(), jammed=jammed)]
        tail = _TRAILING_BAR_RE.search(line)
        if tail and not runs:
            edits.append(Edit(s + tail.start(), s + tail.end(), "", "navigation"))
        if not runs:
            continue
        rest = "".join(line[a:b] for a, b in zip([0] + [m.end() for m in runs], [m.start() for m in runs] + [len(line)]))
        if not rest.strip():
            edits.append(line_edit(s, e, text, "anti_copy"))
            continue
        for m in runs:
            a, b = m.start(), m.end()
            while a > 0 and line[a - 1] == " ":
                a -= 1
            while b < len(line) and line[b] == " ":
                b += 1
            edits.append(Edit(s + a, s + b, "", "anti_copy"))
    return edits


#: A site's watermark at a line's end: its name and address after a space (``… 公文苑 www.gongwenyuan.example``).
_WATERMARK_RE = re.compile(r"[ \t]+(?P<w>(?:[\u4e00-\u9fff]{2,10}[ \t]*)?(?:https?://)?(?:www\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/?)[ \t]*$", re.M)


def watermarks(text: str) -> list[Edit]:
    """A site's name and address a page appends to lines (a watermark), where it repeats: gone
    from every line's end (a single address at a line's end may be the speech's)."""
    found = list(_WATERMARK_RE.finditer(text))
    counts = Counter(m.group("w") for m in found)
    return [Edit(m.start(), m.end(), "", "watermark") for m in found if counts[m.group("w")] >= 2]


# --------------------------------------------------------------------------- 1c'. live-blog stamps

#: A clock time opening a line (``09:08``, ``9：30``, ``14:05:12``), as a live blog stamps its posts.
LIVE_STAMP_RE = re.compile(r"(?m)^[ \t\u3000]*((?:[01]?\d|2[0-3])[:：][0-5]\d(?:[:：][0-5]\d)?)(?![\d:：])[ \t\u3000]*")
#: A page is a live blog when this many lines open with a clock time …
LIVE_MIN = 5
#: … and they make at least this share of its lines, in time order.
LIVE_SHARE = 0.4


def _minutes(stamp: str) -> int:
    h, m = re.split("[:：]", stamp)[:2]
    return int(h) * 60 + int(m)


def live_stamps(text: str) -> list[Edit]:
    """The clock times a live blog (图文直播) puts before every post: gone from the lines' starts,
    where at least :data:`LIVE_MIN` lines open with one, they are :data:`LIVE_SHARE` of the lines and
    run in time order — an agenda in a speech (``8:30 报到``) is a few lines, not the page."""
    found = list(LIVE_STAMP_RE.finditer(text))
    lines = sum(1 for _, _, l in iter_lines(text) if l.strip())
    times = [_minutes(m.group(1)) for m in found]
    if len(found) < LIVE_MIN or len(found) < LIVE_SHARE * lines or times != sorted(times):
        return []
    return [Edit(m.start(), m.end(), "", "live_stamp") for m in found]


# --------------------------------------------------------------------------- 1c''. footnotes

#: The label over an article's notes (``【注释】``, ``注释：``, ``【註釋】``, ``脚注``).
_NOTES_LABEL_RE = re.compile(r"^\s*[【\[]?\s*(?:注\s*释|註\s*釋|脚\s*注|腳\s*註|尾\s*注|尾\s*註|注|註)\s*[】\]]?\s*[:：]?\s*$")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
#: A note: a circled number or ``[n]`` opening a line under the label.
_NOTE_RE = re.compile(rf"^\s*(?:(?P<c>[{_CIRCLED}])|[\[［〔](?P<n>\d{{1,2}})[\]］〕])")
#: Notes stand among the last this many lines of a file.
NOTES_TAIL = 30


def footnotes(text: str) -> list[Edit]:
    """An article's notes copied with the speech (``【注释】`` ⏎ ``① 「三服务」：指…``): the label and the
    notes under it, among the file's last lines, and the note marks in the text that point to them
    (``「三个凡是」②``, ``[1]``) — only numbers a note under the label has."""
    lines = [(s, e, l) for s, e, l in iter_lines(text) if l.strip()]
    tail = lines[-NOTES_TAIL:]
    at = next((k for k, (_, _, l) in enumerate(tail) if _NOTES_LABEL_RE.match(l)), None)
    if at is None:
        return []
    notes = []
    for s, e, l in tail[at + 1 :]:
        m = _NOTE_RE.match(l)
        if not m:
            break
        notes.append((s, e, m.group("c") or m.group("n")))
    if not notes:
        return []
    edits = [line_edit(tail[at][0], tail[at][1], text, "footnote")]
    edits += [line_edit(s, e, text, "footnote") for s, e, _ in notes]
    marks = {n for _, _, n in notes}
    body_end = tail[at][0]
    circled = "".join(n for n in marks if n in _CIRCLED)  # (① is a digit to str.isdigit)
    if circled:
        edits += [Edit(m.start(), m.end(), "", "footnote") for m in re.finditer(rf"(?<=[^\s{_CIRCLED}])[{circled}]", text[:body_end])]
    numbered = "|".join(n for n in marks if n not in _CIRCLED)
    if numbered:
        edits += [Edit(m.start(), m.end(), "", "footnote") for m in re.finditer(rf"(?<=\S)[\[［〔](?:{numbered})[\]］〕]", text[:body_end])]
    return edits


# --------------------------------------------------------------------------- 1d. viewer debris

#: A page counter glued into the text by a document viewer (``第 1 页 共 27 页``), and its
#: watermark (``下载后可任意编辑``).
PAGE_COUNTER_RE = re.compile(
    r"第\s*\d{1,4}\s*页\s*[/／,，]?\s*共\s*\d{1,4}\s*页|(?:下载|打印)后可(?:任意|自由)?编辑(?:修改)?"
)
#: A page number between dashes at a line's end or alone (``…遇到突发情况要在-1-``).
_DASHED_PAGE_RE = re.compile(r"[ \t]*[-－—–]\s?(\d{1,3})\s?[-－—–][ \t]*$", re.M)
#: A viewer's label of the document glued into the text (``(分类:党政培训)三是…``, ``【栏目：讲话稿】``).
INLINE_META_RE = re.compile(r"[（(【\[](?:分类|类别|栏目|所属分类|文档分类|标签)\s*[:：][^（）()【】\[\]\n。，]{1,16}[)）】\]]")
#: A viewer's page count (``共5页``, ``页数：5``, ``本文共3页``, ``第1页 / 共5页``).
PAGE_COUNT_RE = re.compile(r"共\s*\d{1,4}\s*页|页数\s*[:：]\s*\d{1,4}")
#: A page-chunk number opening a chunk of a viewer's text (``2、境。再一个…``).
CHUNK_RE = re.compile(r"^\s*(\d{1,3})(?:、|[.．](?!\d))")
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


def _cuts_word(a: str, b: str) -> bool:
    """Do the end of ``a`` and the start of ``b`` make a dictionary word across the break?"""
    words = word_table()
    return any(a[-i:] + b[:j] in words for i in (1, 2) for j in (1, 2) if len(a) >= i and len(b) >= j)


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
    edits += [Edit(m.start(), m.end(), "", "page_meta") for m in INLINE_META_RE.finditer(text)]
    dashed = list(_DASHED_PAGE_RE.finditer(text))  # -1- -2- -3-: a PDF's page numbers, in order, at line ends
    if len(dashed) >= 2 and [int(m.group(1)) for m in dashed] == list(range(int(dashed[0].group(1)), int(dashed[0].group(1)) + len(dashed))):
        edits += [Edit(m.start(), m.end(), "", "page_number") for m in dashed]
    lines = [(s, e, l) for s, e, l in iter_lines(text) if l.strip()]
    chunks = [(k, int(m.group(1)), m) for k, (_, _, l) in enumerate(lines) if (m := CHUNK_RE.match(l))]
    run: list[tuple[int, re.Match]] = []
    for k, n, m in chunks:
        if n == len(run) + 1:
            run.append((k, m))
    # a chunk is a page: from its number to the next one (a page of several lines counts them all)
    if len(run) >= 2 and all(lines[k2][0] - lines[k1][0] >= CHUNK_MIN for (k1, _), (k2, _) in zip(run, run[1:])):
        cuts = sum(1 for k, _ in run[1:] if k > 0 and line_is_open(lines[k - 1][2]))
        # ``2.`` is a list's numbering as often as a page's: only where half the breaks cut a word (其重⏎2.点目标)
        dotted = any(not m.group().rstrip().endswith("、") for _, m in run)
        words_cut = 2 * sum(k > 0 and _cuts_word(lines[k - 1][2].rstrip(), lines[k][2][m.end() :]) for k, m in run[1:]) >= len(run) - 1
        if cuts * 2 >= len(run) - 1 and (not dotted or words_cut):
            for k, m in run:
                edits.append(Edit(lines[k][0] + m.start(1), lines[k][0] + m.end(), "", "page_chunk"))
    # page numbers glued into words
    cands = []
    for m in _GLUED_NUM_RE.finditer(text):
        g = 1 if m.group(1) else 2
        a, b = m.start(g), m.end(g)
        before = text[a - 1] if a else "\n"
        after = text[b] if b < len(text) else ""
        if before != "\n" and not (is_han(before) or before in CJK_PUNCT):
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
    # a chain of page numbers: at least two, and half of them cutting a word (a count never does) or,
    # in a chain of three or more, standing bare between two Chinese characters (督查3工作: no unit, no word)
    bare = lambda a, b: len(best) >= 3 and 0 < a and b < len(text) and is_han(text[a - 1]) and is_han(text[b])  # noqa: E731
    evidence = sum(split_word(a, b) or (not weak and bare(a, b)) for _, a, b, weak in best)
    if len(best) >= 3 and 2 * evidence >= len(best) or len(best) == 2 and evidence == 2:
        edits.extend(Edit(a, b, "", "page_number") for _, a, b, _ in best)
    else:
        best = []
    # a page number glued before a heading at a line's start (3三、改进作风…), on a viewer's page
    if PAGE_COUNT_RE.search(text):
        for m in re.finditer(rf"(?m)^(\d{{1,3}})(?=[{CN_DIGITS}]{{1,3}}、)", text):
            edits.append(Edit(m.start(1), m.end(1), "", "page_number"))
    # a lone page number glued inside a word (作4风): the two characters around it are a word, no
    # count (no unit after it) — only in a page that shows a viewer's page count
    if PAGE_COUNT_RE.search(text):
        taken = {a for _, a, _, _ in best}
        for n, a, b, weak in cands:
            if a not in taken and not weak and 0 < a and b < len(text) and text[a - 1] + text[b] in words and n >= 2:
                edits.append(Edit(a, b, "", "page_number"))
    return edits
