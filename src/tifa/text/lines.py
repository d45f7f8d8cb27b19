"""Cleaning steps for the lines of a speech: what a line is, and putting the breaks right.

Owns the shapes of a line (:func:`is_title_like` with :data:`TITLE_MAX`, :func:`line_is_open`,
:data:`SALUTATION_RE`) and the steps that move or drop line breaks and line-level copies:
:func:`page_numbers` (alone on a line), :func:`repeated_titles` (a title line the page template
repeats), :func:`join_broken_lines` (a sentence or word cut by a line or page break, by
:func:`should_join` and the dictionary's word table), :func:`split_glued_parts` (a title glued
to its salutation, a viewer's run-together opening), :func:`split_runin_headings` and
:func:`doubled_markers` (``二是 二是…``).

It must not touch web-page chrome (:mod:`tifa.text.chrome`), the debris of tools
(:mod:`tifa.text.debris`) or spacing and punctuation inside a line (:mod:`tifa.text.normalize`),
and it runs nothing itself (:data:`tifa.text.clean.STEPS`).
"""
from __future__ import annotations

import re

from ..lexicon.lexicons import word_table
from .edits import Edit, is_han, iter_lines, line_edit
from .patterns import CLOSING_RE, CN_DIGITS, INLINE_SHI_RE, LINE_END_OK, LINE_MARKER_RE, PIECE_RE, SPEECH_TITLE_END_RE, cn_to_int

# --------------------------------------------------------------------------- 3. page numbers

PAGE_NUMBER_RE = re.compile(
    r"^\s*(?:\d{1,3}|[-—–·•]\s*\d{1,3}\s*[-—–·•]|第\s*\d{1,4}\s*页(?:\s*[/，,]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,3}\s*/\s*\d{1,3}|[Pp]age\s*\d{1,4}(?:\s*of\s*\d{1,4})?)\s*$"
)


def page_numbers(text: str) -> list[Edit]:
    """Delete page numbers standing alone on a line."""
    return [line_edit(s, e, text, "page_number") for s, e, line in iter_lines(text) if line.strip() and PAGE_NUMBER_RE.match(line)]


#: A site's own number before a paragraph (``1、各位领导、同志们：``, ``13、谢谢大家！``).
_PARA_NUMBER_RE = re.compile(r"^\s*(\d{1,3})\s*[、.．]\s*")


def paragraph_numbers(text: str) -> list[Edit]:
    """Delete the numbers a site puts before every paragraph: a run of six or more lines numbered
    1, 2, 3 … in turn, one of which is the salutation, the thanks or an outline heading of its own
    (``4、第一，想到位…``) — no outline numbers its salutation or its headings."""
    lines = [(s, e, line) for s, e, line in iter_lines(text) if line.strip()]
    edits: list[Edit] = []
    i = 0
    while i < len(lines):
        m = _PARA_NUMBER_RE.match(lines[i][2])
        if not m or m.group(1) != "1":
            i += 1
            continue
        run = [(lines[i], m)]
        j = i + 1
        while j < len(lines) and (n := _PARA_NUMBER_RE.match(lines[j][2])) and int(n.group(1)) == len(run) + 1:
            run.append((lines[j], n))
            j += 1
        bodies = [line[mm.end() :] for (_, _, line), mm in run]
        if len(run) >= 6 and any(SALUTATION_RE.match(b) or CLOSING_RE.search(b) or LINE_MARKER_RE.match(b) for b in bodies):
            edits.extend(Edit(ls, ls + mm.end(), "", "paragraph_number") for (ls, _, _), mm in run)
        i = j
    return edits


# --------------------------------------------------------------------------- 4. repeated titles

TITLE_MAX = 60


def is_title_like(line: str) -> bool:
    """A short line with no sentence punctuation: a title or heading candidate."""
    s = line.strip()
    return 0 < len(s) <= TITLE_MAX and not re.search(r"[。！？!?；;]", s) and s[-1] not in "：:，,、"


#: A page number a reader appends to the title it repeats on every page (``…的发言（第2/3页）``, ``(2/3)``).
_PAGE_OF_RE = re.compile(r"[（(]\s*(?:第\s*)?\d{1,3}\s*[/／]\s*\d{1,3}\s*页?\s*[)）]$")


def _repeats_title(key: str, titles: set[str]) -> bool:
    """Is ``key`` one of the ``titles``, or one with a prefix the title line lost (``第36章``)?"""
    return key in titles or any(len(t) >= 6 and key.endswith(t) and len(key) - len(t) <= 8 for t in titles)


def repeated_titles(text: str, *, window: int = 12) -> list[Edit]:
    """Delete a title-like line identical to one of the previous ``window`` lines — or to any title
    line before it, where a page number after it says the page template repeats it (``（第2/3页）``)."""
    edits: list[Edit] = []
    recent: list[str] = []
    titles: set[str] = set()
    for s, e, line in iter_lines(text):
        key = re.sub(r"\s+", "", line)
        if not key:
            continue
        paged = _PAGE_OF_RE.search(key)
        title_like = is_title_like(line)
        if title_like and len(key) >= 4 and (key in recent or paged and _repeats_title(key[: paged.start()], titles)):
            edits.append(line_edit(s, e, text, "repeated_title"))
            continue
        if title_like:
            titles.add(key)
        recent.append(key)
        recent = recent[-window:]
    return edits


# --------------------------------------------------------------------------- 5. broken lines

INNER_PUNCT_RE = re.compile(r"[，,、；;：:。]")
_SENT_FINAL_RE = re.compile(r"[。！？!?]")


def line_is_open(line: str) -> bool:
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
    s = line.strip().lstrip("—")  # ——第二，为啥要学: a dash before the ordinal
    return bool(LINE_MARKER_RE.match(s)) and not _SENT_FINAL_RE.search(s) and len(s) < 50


def cuts_a_word(a: str, b: str) -> bool:
    """Does the break between ``a`` and ``b`` fall inside a dictionary word (``夹⏎带``)?"""
    words = word_table()  # not the compiled dictionary: cleaning never waits for it to load
    for i in (1, 2, 3):
        left = a[-i:]
        if len(left) < i or not all(is_han(c) for c in left):
            break
        for j in (1, 2, 3):
            right = b[:j]
            if len(right) < j or not all(is_han(c) for c in right):
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
    if not a_s or not b_s or not line_is_open(a_s):
        return False
    if LINE_MARKER_RE.match(b_s) or PAGE_NUMBER_RE.match(b_s):
        return False
    if len(b_s) <= 2 and all(is_han(c) for c in b_s) and is_han(a_s[-1]) and is_title_like(a_s):
        return True  # a title broken before its last character(s): 政府工作报⏎告
    if title_tail(a_s, b_s):
        return True  # XXX同志在全市机关效能建设⏎动员大会上的讲话: a title broken over two lines
    if _is_heading_line(a_s):
        return False
    if len(b_s) <= 50 and SPEECH_TITLE_END_RE.search(b_s) and not _SENT_FINAL_RE.search(b_s):
        return False  # a speech's title starts its own line, whatever ends open above it (…写作助手！ 立即体验)
    if len(a_s) >= 60 or _SENT_FINAL_RE.search(a_s) or a_s[-1] in "，,、“":
        return True  # a page-sized chunk, or a paragraph with a full sentence, cut
    # A title or heading is short; a short line cut mid-sentence cuts a word.
    return bool(INNER_PUNCT_RE.search(a_s)) and cuts_a_word(a_s, b_s)


#: A title's first line cut after a word that cannot end it (``办公室工作要在`` ⏎ ``“谋、办、督、服”四个字上下功夫``).
_OPEN_TITLE_END_RE = re.compile(r"(?:要在|在|把|对|向|从|于|与|和|及|的|为)$")
_QUOTED_RE = re.compile(r"[“「『\"][^”」』\"]{1,20}[”」』\"]")


def title_tail(a: str, b: str) -> bool:
    """Is ``b`` the end of a speech title that ``a`` begins — a short line with an open ``在…`` and no
    sentence punctuation, then the rest up to ``…上的讲话``; or a short line cut after a word that
    cannot end a title (``…要在``), then a short title-like line (a 、 inside quotes is the title's)?"""
    if (
        len(a) <= 16
        and _OPEN_TITLE_END_RE.search(a)
        and len(b) <= 30
        and not INNER_PUNCT_RE.search(a + _QUOTED_RE.sub("", b))
        and not _SENT_FINAL_RE.search(b)
        and not LINE_MARKER_RE.match(b)
        and is_title_like(a + b)
    ):
        return True
    return (
        len(a) <= 40
        and len(b) <= 30
        and bool(re.search(r"在[^。！？!?，,；;在]{2,40}$", a))
        and not SPEECH_TITLE_END_RE.search(a)
        and not INNER_PUNCT_RE.search(a + b)
        and "在" not in b
        and bool(SPEECH_TITLE_END_RE.search(b))
    )


def join_broken_lines(text: str) -> list[Edit]:
    """Join lines cut mid-sentence, across blank lines (page breaks) too."""
    edits: list[Edit] = []
    prev: tuple[int, int, str] | None = None
    # The first line of a file, a piece heading and the line after a closing
    # formula are titles: they never continue onto the next line.
    title_slot = True
    for s, e, line in iter_lines(text):
        if not line.strip():
            continue
        fragment = len(line.strip()) <= 2
        if prev is not None and (not title_slot or fragment or title_tail(prev[2].strip(), line.strip())) and should_join(prev[2], line):
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
    for s, _, line in iter_lines(text):
        pos = 0
        while (m := _RUNIN_RE.match(line, pos)) is not None:
            edits.append(Edit(s + m.start("gap"), s + m.end("gap"), "\n", "heading_split", log=False))
            pos = m.end("gap")
    return edits


#: A salutation opening the speech (``同志们：``, ``尊敬的各位领导、同志们：``).
#: One addressee of a salutation (``尊敬的各位领导``, ``各位来宾``, ``同志们``).
_ADDRESSEE = r"(?:尊敬的|亲爱的)?(?:各位|全体)?[^。！？!?，,；;：:\n]{0,12}?(?:同志们|朋友们|领导|来宾|代表|嘉宾|老师们|同学们|同仁们|同事们?|评委|书记|主任|省长|市长|县长|区长|部长|局长|主席|校长|院长)"
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


def _title_copies(line: str) -> tuple[int, int, int] | None:
    """The copies of a title a page template repeats in a row (``标题 标题标题…``): where they
    start and end, and where the text after them (past spaces) begins; None when there are none
    or the line is nothing but copies."""
    m = _TITLE_TWICE_RE.match(line)
    if not m or len(line) <= m.end(3) - m.start(2):
        return None
    after = m.end(3)
    while after < len(line) and line[after] == " ":
        after += 1
    return m.start(3), m.end(3), after


def split_glued_title(text: str) -> list[Edit]:
    """A title glued to the salutation (``在…上的讲话 同志们：今天…``; a whole speech run into one line
    in a preview, a viewer's page) goes on a line of its own before page chrome is judged
    line by line, so that the speech's title block stands where the rules look for it (not logged:
    no content goes).  The rest of the line is :func:`split_glued_parts`' later."""
    edits: list[Edit] = []
    for s, _, line in iter_lines(text):
        gaps = list(_PARA_GAP_RE.finditer(line)) if len(line) >= LONG_LINE else []
        if sum(line[g.start() - 1] in "。！？：”）" for g in gaps) >= PARA_GAPS:
            # paragraphs run into one line, two spaces or more apart (…批评指正。  一、在“准”字上下功夫  准，…)
            edits.extend(Edit(s + g.start(), s + g.end(), "\n", "heading_split", log=False) for g in gaps)
            continue
        if LINE_MARKER_RE.match(line):
            continue
        copies = _title_copies(line)
        if copies:
            a, b, after = copies
            if SALUTATION_RE.match(line, after):  # 标题 标题标题同志们：… (a template's copies of the title, glued to the salutation)
                edits.append(Edit(s + a, s + b, "", "repeated_title"))
                edits.append(Edit(s + b, s + after, "\n", "heading_split", log=False))
            continue
        m = GLUED_TITLE_RE.match(line) or (len(line) >= LONG_LINE and _SPACED_TITLE_RE.match(line))
        if m:
            edits.append(Edit(s + m.end(1), s + m.end(), "\n", "heading_split", log=False))
    return edits


#: Two spaces or more between Chinese text: where a page ran its paragraphs into one line.
_PARA_GAP_RE = re.compile(r"(?<=[\u4e00-\u9fff。！？：”）])[ \u3000]{2,}(?=[\u4e00-\u9fff“（])")
#: How many such gaps after a sentence make a line of run-together paragraphs.
PARA_GAPS = 3
#: A title of the occasion before the speech's first sentence, a space between (``在全市…会上的讲话 近年来，…``).
_SPACED_TITLE_RE = re.compile(r"^(\s*在[^。！？\n，、 ]{3,50}?(?:上|中|时|之际)的?(?:讲话|发言|致辞|讲稿|报告|演讲|党课))[ \u3000]+(?=[\u4e00-\u9fff“])")


def split_glued_parts(text: str) -> list[Edit]:
    """Parts of a speech a page ran together, each put on its own line (not logged: no content goes).

    * a title repeated by the template in a row keeps one copy (the copies are logged);
    * a title glued to the salutation (``…的讲话同志们：…``) goes on its own line;
    * in a line of several paragraphs (a viewer's page): the salutation, and every heading
      marker after a space (``… （一）增强…``) or after a sentence (``…意见。一、…二、…``,
      when the line has at least two of these in order) start a new line.
    """
    edits: list[Edit] = []
    prev = ""
    for s, _, line in iter_lines(text):
        pos = 0
        copies = _title_copies(line)
        if copies:
            a, b, pos = copies
            edits.append(Edit(s + a, s + b, "", "repeated_title"))
            if SALUTATION_RE.match(line, pos):
                edits.append(Edit(s + pos, s + pos, "\n", "heading_split", log=False))
        else:
            m = GLUED_TITLE_RE.match(line)
            if m and not LINE_MARKER_RE.match(line):
                a, b = m.end(1), m.end()
                edits.append(Edit(s + a, s + b, "\n", "heading_split", log=False))
                pos = b
        g = SALUTATION_RE.match(line, pos)
        # only the opening line of a speech run together (title, salutation, paragraphs: a viewer's page),
        # or the line under a title :func:`split_glued_title` split off it
        opening = pos or (g and s < 400) or (s < 2000 and _SPACED_TITLE_RE.match(prev + " " + line[:1]))
        prev = line if line.strip() else prev
        if len(line) < LONG_LINE or not opening:
            continue
        if g and len(line) - g.end() >= 20:
            b = g.end()
            while b < len(line) and line[b] == " ":
                b += 1
            edits.append(Edit(s + g.end(), s + b, "\n", "heading_split", log=False))
        for h in re.finditer(rf" +(?=[{CN_DIGITS}]{{1,3}}、|[（(][{CN_DIGITS}]{{1,3}}[)）]|第[{CN_DIGITS}]{{1,2}}(?:个|句话|点|件事|方面)\S{{0,6}}?是)", line):
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
    for s, _, line in iter_lines(text):
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
