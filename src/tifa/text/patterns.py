"""Regular expressions and character classes shared by the stages, compiled once.

Everything that recognises Chinese numerals or the genre's list markers lives
here so that cleaning, document splitting and the outline parser agree.
"""
from __future__ import annotations

import re

#: Chinese numerals used in list markers (一 … 十, 两 for counts).
CN_DIGITS = "一二三四五六七八九十"
CN_NUM = f"[{CN_DIGITS}]+"
HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN_RE = re.compile(f"[{HAN}]")

#: Full-width punctuation and closing quotes that count as "Chinese context".
CJK_PUNCT = "，。、；：？！“”‘’（）《》〈〉【】「」『』—…·～"

#: Sentence-final punctuation.
SENT_END = "。！？!?"
#: Characters after which a line may end without the sentence being cut.
LINE_END_OK = "。！？!?：:；;…"

_CN_VALUES = {ch: i for i, ch in enumerate("零一二三四五六七八九", start=0)}


#: The financial (大写) numerals some documents number their top parts with (壹、貳、參、 in Taiwan).
_DAXIE = {"壹": "一", "贰": "二", "貳": "二", "叁": "三", "參": "三", "参": "三", "肆": "四", "伍": "五", "陆": "六",
          "陸": "六", "柒": "七", "捌": "八", "玖": "九", "拾": "十"}
CN_DAXIE = "".join(_DAXIE)
_DAXIE_TO_CN = str.maketrans(_DAXIE)


def cn_to_int(s: str) -> int | None:
    """Convert a small Chinese numeral (一 … 九十九, 两; 壹 … 拾) to int; None if not one."""
    if not s:
        return None
    s = s.translate(_DAXIE_TO_CN)
    if s == "两":
        return 2
    if s.isdigit():
        return int(s)
    if s == "十":
        return 10
    if "十" in s:
        head, _, tail = s.partition("十")
        tens = _CN_VALUES.get(head, None) if head else 1
        ones = _CN_VALUES.get(tail, None) if tail else 0
        if tens is None or ones is None:
            return None
        return tens * 10 + ones
    if len(s) == 1 and s in _CN_VALUES:
        return _CN_VALUES[s]
    return None


#: A heading/list marker at the start of a line (used to decide line joins,
#: run-in heading splits and title detection).
LINE_MARKER_RE = re.compile(
    rf"""^\s*(?:
        {CN_NUM}\s*[、.．]                    # 一、
      | [{CN_DAXIE}]{{1,2}}\s*、              # 壹、
      | [（(]\s*{CN_NUM}\s*[)）]              # （一）
      | \d{{1,2}}\s*[.．、](?!\d)             # 1.  1、
      | [（(]\d{{1,2}}[)）]                   # (1)
      | [①-⑳]                               # ①
      | 第{CN_NUM}[，,、：:]                  # 第一，
      | 第{CN_NUM}(?:篇|章|部分|节)            # 第一篇
      | {CN_NUM}[是要靠为]                    # 一是
      | (?:首先|其次|再次|最后)[，,：:是]       # 首先，
    )""",
    re.X,
)

#: Inline "一是/一要" style markers (ordinal in group 1).
INLINE_SHI_RE = re.compile(rf"(?<![{CN_DIGITS}第])([{CN_DIGITS}]{{1,2}})([是要])")

DATE_RES = (
    re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"),
    re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)"),
)

#: The closing formula of a speech (a following title-like line starts a new piece).
CLOSING_RE = re.compile(r"(?:(?:谢谢|謝謝|多谢|多謝)(?:大家|各位|您)?|(?:感谢|感謝)(?:大家|各位)?|共勉|此致|敬礼|敬禮)[。！!.…]*[”」]?\s*$")
#: ``第一篇：…`` — an explicit piece heading in a file holding several articles.
#: The occasion and kind a speech's own title ends with (…大会上的讲话, …座谈会上的发言, …之际的致辞).
SPEECH_OCCASION = r"(?:上|中|时|之际)的?(?:表态|交流|总结|主持|动员|专题|辅导)?(?:讲话|发言|致辞|报告|演讲|讲稿|党课)"
#: How a speech's own title ends (…动员大会上的讲话, …座谈会上的发言稿).
SPEECH_TITLE_END_RE = re.compile(SPEECH_OCCASION + r"(?:稿)?$")
#: A speech's own title naming its occasion (``在全市…会议上的讲话``, ``在…座谈会上的发言``).
OWN_TITLE_RE = re.compile(r"在\S{2,50}?" + SPEECH_OCCASION)
PIECE_RE = re.compile(rf"^\s*第\s*({CN_NUM}|\d+)\s*篇\s*[:：]?\s*(.*)$")
