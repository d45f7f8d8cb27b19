"""Markdown input: YAML front matter and markup, taken out of the text with a true log.

A ``.md``/``.markdown`` file (``io.read_text`` gives it ``format = "markdown"``) is
cleaned with :data:`STEPS`: the plain-text cleaning steps with one more, :func:`markup`,
right after the spaces are normalised.  It proposes :class:`~tifa.text.edits.Edit`\\ s like any
step, so the cleaning log keeps every removed span with its raw offsets:

* ``front_matter`` — the YAML block between ``---`` lines atop the file (its keys are read
  by :func:`front_matter` into the documents table, never left in the text);
* ``markup`` — ``**``/``__``/``*`` emphasis, ``#`` heading marks, ``>`` quote marks, list
  bullets (``-``, ``*``, ``+``; numbered lists keep their numbers, which are the genre's
  markers), the brackets and URL of links and images (their text stays), footnote marks
  (``[^1]``), inline HTML tags, HTML comments, code marks, backslash escapes, horizontal
  rules, table pipes (cells stay, separated by a space) and table rule lines.

A line the markup makes a heading stays a line of its own: an ``#`` heading or a bold line
already is one, and a bold run that opens a paragraph with a list marker
(``**（一）强化创新驱动发展，…。**提升科技创新质效。``) is put on its own line, as the heading it
is — so the outline's plain-text rules see what a reader sees, and the same text without
markup gives the same outline.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from .clean import STEPS as PLAIN_STEPS
from .edits import Edit, Step
from .normalize import normalize_space
from .patterns import LINE_MARKER_RE

#: Suffixes read as Markdown.
SUFFIXES = (".md", ".markdown")
#: Front matter is looked for in the first this many characters only.
MAX_FRONT_MATTER = 20_000
#: At most this many values of the front matter are kept (a YAML alias bomb stays small).
MAX_VALUES = 2_000

_FRONT_RE = re.compile(r"\A(?:[ \t]*\r?\n)*---[ \t]*\r?\n(.*?)(?:\r?\n)?^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)


@dataclass(frozen=True)
class FrontMatter:
    """The YAML block atop a Markdown file."""

    meta: dict[str, Any] = field(default_factory=dict)  #: its keys, values as JSON-safe Python values
    start: int = 0  #: span of the whole block (fences included) in the text
    end: int = 0
    warning: str = ""  #: why the block could not be read, if it could not

    def json(self) -> str:
        """The keys as a JSON object (``""`` when there are none)."""
        return json.dumps(self.meta, ensure_ascii=False, sort_keys=True) if self.meta else ""


def _plain(value: Any, budget: list[int]) -> Any:
    """``value`` as JSON-safe Python (dates as ISO text), at most :data:`MAX_VALUES` values."""
    budget[0] -= 1
    if budget[0] < 0:
        return None
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, dict):
        return {str(k): _plain(v, budget) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_plain(v, budget) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def front_matter(text: str) -> FrontMatter | None:
    """The front matter atop ``text``, or None if it has none.  YAML that cannot be read
    gives empty ``meta`` and a one-line ``warning``; the block is front matter all the same."""
    m = _FRONT_RE.match(text[:MAX_FRONT_MATTER])
    if not m:
        return None
    import yaml

    try:
        data = yaml.safe_load(m.group(1))
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        problem = getattr(err, "problem", None) or type(err).__name__
        return FrontMatter({}, m.start(), m.end(), f"front matter is not valid YAML{where}: {problem}; left out of the text")
    except RecursionError:
        return FrontMatter({}, m.start(), m.end(), "front matter nested too deeply; left out of the text")
    if data is None:
        return FrontMatter({}, m.start(), m.end())
    if not isinstance(data, dict):
        return FrontMatter({}, m.start(), m.end(), "front matter is not a mapping of keys; left out of the text")
    return FrontMatter(_plain(data, [MAX_VALUES]), m.start(), m.end())


_URL_RE = re.compile(r"^(?:https?|ftp)://\S+$", re.I)
#: Front-matter keys that may hold the page a text was taken from, in order of preference.
URL_KEYS = ("source_url", "url", "source", "link", "original_url", "canonical_url", "permalink")
#: Keys that may name the issuing government or body.
PLACE_KEYS = ("place", "issuer", "government", "region", "province", "city", "county", "organization", "author")


def source_url(meta: dict) -> str:
    """The first of :data:`URL_KEYS` whose value is a URL (``""`` if none is)."""
    for k in URL_KEYS:
        v = meta.get(k)
        if isinstance(v, str) and _URL_RE.match(v.strip()):
            return v.strip()
    return ""


def meta_text(meta: dict, key: str) -> str:
    """A front-matter value as one line of text (``""`` if missing or not a scalar)."""
    v = meta.get(key)
    if v is None or isinstance(v, (dict, list)):
        return ""
    return re.sub(r"\s+", " ", str(v)).strip()


# --------------------------------------------------------------------------- markup

_COMMENT_RE = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_RULE_RE = re.compile(r"^ {0,3}([-*_])(?: *\1){2,} *$")
_TABLE_RULE_RE = re.compile(r"^ *\|? *:?-{2,}:? *(?:\| *:?-{2,}:? *)+\|? *$|^ *\| *:?-{3,}:? *\| *$")
_FENCE_RE = re.compile(r"^ {0,3}(?:`{3,}|~{3,})[^`]*$")
_REF_DEF_RE = re.compile(r"^ {0,3}\[(?!\^)[^\]\n]+\]: *\S+(?: +[\"'(].*[\"')])? *$")
_QUOTE_RE = re.compile(r" {0,3}> ?")
_ATX_RE = re.compile(r" {0,3}#{1,6}(?: +|$)")
_ATX_CLOSE_RE = re.compile(r" +#+ *$")
_BULLET_RE = re.compile(r" *[-*+] +(?=\S)")
_FOOTDEF_RE = re.compile(r" {0,3}\[\^[^\]\n]+\]: *")
_LINK_RE = re.compile(r"(!?\[)([^\]\n]*)(\]\([^)\n]*\)|\]\[[^\]\n]*\])")
_AUTOLINK_RE = re.compile(r"<((?:https?|ftp)://[^>\s]+|[^>\s@]+@[^>\s@]+)>")
_FOOTREF_RE = re.compile(r"\[\^[^\]\n]+\]")
_TAG_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>\n]*)?/?>")
_CODE_RE = re.compile(r"`+")
_ESCAPE_RE = re.compile(r"\\(?=[!-/:-@\[-`{-~])")
_STARS_RE = re.compile(r"\*{2,}")
_UNDERSCORES_RE = re.compile(r"(?<![A-Za-z0-9_\\])(_{2,3})(?=\S)(.+?)(?<=\S)\1(?![A-Za-z0-9_])")
_STAR_RE = re.compile(r"(?<![A-Za-z0-9*\\])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*\\])\*(?![A-Za-z0-9*])")
_BOLD_LEAD_RE = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")


def _line_edits(text: str, s: int, line: str) -> list[Edit]:
    """The edits of one line starting at offset ``s``."""
    edits: list[Edit] = []

    def drop(a: int, b: int, repl: str = "") -> None:
        if b > a or repl:
            edits.append(Edit(s + a, s + b, repl, "markup"))

    if _RULE_RE.match(line) or _TABLE_RULE_RE.match(line) or _FENCE_RE.match(line) or _REF_DEF_RE.match(line):
        drop(0, len(line))
        return edits
    # line prefixes: quote marks, then a heading mark, a bullet or a footnote label
    pos = 0
    while True:
        m = _QUOTE_RE.match(line, pos)
        if not m or m.end() == pos:
            break
        pos = m.end()
    for rx in (_ATX_RE, _FOOTDEF_RE, _BULLET_RE):
        m = rx.match(line, pos)
        if m:
            pos = m.end()
            if rx is _ATX_RE:
                c = _ATX_CLOSE_RE.search(line, pos)
                if c:
                    drop(c.start(), c.end())
                    line = line[: c.start()]
            break
    drop(0, pos)
    body = line[pos:]
    # a table row: pipes become spaces between its cells
    if body.startswith("|") and body.count("|") >= 2:
        for m in re.finditer(r"(?<!\\)\|", body):
            at = pos + m.start()
            edge = m.start() == 0 or not body[m.end():].strip()
            drop(at, at + 1, "" if edge else " ")
    # a bold run opening the paragraph with a list marker is a heading: its own line
    lead = _BOLD_LEAD_RE.match(body)
    split_at = None
    if lead and body[lead.end():].strip() and LINE_MARKER_RE.match(lead.group(2)):
        split_at = pos + lead.end(2)
        drop(split_at, split_at + len(lead.group(1)), "\n")
    for m in _LINK_RE.finditer(body):
        drop(pos + m.start(1), pos + m.end(1))
        drop(pos + m.start(3), pos + m.end(3))
    for m in _AUTOLINK_RE.finditer(body):
        drop(pos + m.start(), pos + m.start(1))
        drop(pos + m.end(1), pos + m.end())
    for rx in (_FOOTREF_RE, _TAG_RE, _CODE_RE, _ESCAPE_RE):
        for m in rx.finditer(body):
            drop(pos + m.start(), pos + m.end())
    for m in _STARS_RE.finditer(body):
        if split_at is None or pos + m.start() != split_at:
            drop(pos + m.start(), pos + m.end())
    for rx in (_UNDERSCORES_RE, _STAR_RE):
        for m in rx.finditer(body):
            mark = len(m.group(1)) if rx is _UNDERSCORES_RE else 1
            if split_at is not None and pos + m.end() - mark == split_at:
                drop(pos + m.start(), pos + m.start() + mark)
                continue
            drop(pos + m.start(), pos + m.start() + mark)
            drop(pos + m.end() - mark, pos + m.end())
    return edits


def markup(text: str) -> list[Edit]:
    """Edits taking the front matter and the Markdown markup out of ``text`` (see module docstring)."""
    edits: list[Edit] = []
    fm = front_matter(text)
    body_from = 0
    if fm is not None:
        edits.append(Edit(fm.start, fm.end, "", "front_matter"))
        body_from = fm.end
    comments = [(m.start(), m.end()) for m in _COMMENT_RE.finditer(text, body_from)]
    edits.extend(Edit(a, b, "", "markup") for a, b in comments)
    k = 0
    start = body_from
    n = len(text)
    while start <= n:
        nl = text.find("\n", start)
        end = n if nl < 0 else nl
        while k < len(comments) and comments[k][1] <= start:
            k += 1
        line = text[start:end]
        if line.strip():
            near = [c for c in comments[k:] if c[0] < end]
            edits.extend(e for e in _line_edits(text, start, line) if not any(a <= e.start < b for a, b in near))
        if nl < 0:
            break
        start = nl + 1
    return edits


#: The cleaning steps of a Markdown file: the plain-text steps with :func:`markup` after the spaces.
STEPS: tuple[Step, ...] = tuple(
    s for step in PLAIN_STEPS for s in ((step, markup) if step is normalize_space else (step,))
)
