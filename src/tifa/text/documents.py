"""Documents: split a cleaned file into its pieces, then into paragraphs and sentences.

A file may hold several pieces: explicit ``第一篇：…第二篇：…`` headings, or a
speech that ends with its closing formula (``谢谢大家！``) followed by another
piece with its own title.  For each piece we find

* its **title** — the first title-like line; when web-page chrome (a
  publish-time line, say) stands between two leading title lines, the line
  before it is the *page title* and the one after it the piece's own title;
* a **date** — a date line in the piece itself (``2010年10月14日``), else a
  publish date the cleaning removed from the piece or from the file's header;
* its **text** — the body after the title, one paragraph per line.

Near-duplicate documents are *marked* (``duplicate_of``), never dropped.
Sentences carry character offsets into ``documents.text``.
"""
from __future__ import annotations

import dataclasses
import functools
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Iterable, Sequence

from .clean import SALUTATION_RE, Cleaned, Removal, clean, is_title_like
from ..config import DEFAULT_MAX_BYTES
from ..errors import InputError
from ..read.files import Decoded, read_text
from .markdown import PLACE_KEYS, FrontMatter, front_matter, meta_text, source_url
from .markdown import STEPS as MARKDOWN_STEPS
from .patterns import CLOSING_RE, DATE_RES, LINE_MARKER_RE, PIECE_RE, SENT_END, cn_to_int
from .places import is_place, is_signature, level_of, normalise, place_from_folders, place_from_text, place_from_title

if TYPE_CHECKING:  # the tables import pandas when first built: reading and splitting need none of it
    import pandas as pd

#: Cleaning-log reasons that count as web-page chrome for title detection.
CHROME_REASONS = frozenset({"breadcrumb", "page_meta", "related_list", "advertisement", "copyright_footer", "repeated_title",
                            "page_tools", "navigation", "site_blurb", "page_title", "toc", "no_text"})
#: A closing formula starts a new piece only if this much body follows.
MIN_PIECE_CHARS = 200
#: Jaccard similarity of character 5-gram shingles above which a document is a near-duplicate.
DUPLICATE_THRESHOLD = 0.8

DOC_COLUMNS = [
    "doc_id", "source", "part", "n_parts", "piece_label", "title", "page_title", "date", "date_source",
    "year", "date_note", "place", "level", "source_url",
    "text", "n_chars", "n_paras", "n_sents", "sha1", "encoding", "duplicate_of", "dup_similarity", "front_matter",
]
SENT_COLUMNS = ["doc_id", "sent_id", "para_id", "start", "end", "text", "item_id", "matter"]
LOG_COLUMNS = ["source", "doc_id", "line", "raw_start", "raw_end", "pos", "removed", "reason"]


@dataclass(frozen=True)
class Piece:
    """One document found in a file (before corpus-level duplicate marking)."""

    doc_id: str
    source: str
    part: int
    piece_label: str
    title: str
    page_title: str
    date: str | None
    date_source: str | None
    text: str
    start: int  #: offset of ``text`` in the cleaned file text
    end: int
    log: tuple[Removal, ...] = field(default=())
    date_note: str = ""  #: where the sources of the date disagree by a year or more
    place: str = ""  #: the issuing government or body (:mod:`tifa.text.places`)
    level: str = ""
    source_url: str = ""  #: the page the text was taken from (front matter)
    front_matter: str = ""  #: every front-matter key, as a JSON object

    @property
    def year(self) -> int | None:
        """The year of delivery (of ``date``)."""
        return int(self.date[:4]) if self.date and self.date[:4].isdigit() else None


def doc_id_for(source: str, part: int) -> str:
    """Stable id from the source path (relative to the raw folder) and part number."""
    stem = str(Path(source).with_suffix("")).replace("\\", "/").replace("/", "__")
    return f"{stem}-{part:02d}"


def _lines(text: str) -> list[tuple[int, int, str]]:
    out = []
    pos = 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line), line))
        pos += len(line) + 1
    return out


def _parse_date(s: str) -> str | None:
    for rx in DATE_RES:
        m = rx.search(s)
        if m:
            y, mo, d = (int(g) for g in m.groups())
            if 1900 <= y <= 2100 and 1 <= mo <= 12 and 1 <= d <= 31:
                return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


#: Subtitle, dateline or speaker lines under a title (``——2021年3月5日在…会议上``).
_SUBTITLE_RE = re.compile(r"^\s*(?:[—－\-─━]{1,2}|\d{4}\s*年\s*\d{1,2}\s*月|\(|（)")
#: A dateline naming the meeting a speech was delivered at (``在四川省第十二届人民代表大会第四次会议上（2016年1月25日）``).
_DATELINE_RE = re.compile(r"在\S{2,40}?(?:会议|大会|会)上")
_DATELINE_TITLE_RE = re.compile(r"^[—─\-－]*(?:\S{0,20}日)?在\S{2,40}?(?:会议|大会)上(?:[（(][^）)]*[）)])?$")
_TITLE_YEAR_RE = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)\s*年")
_META_DATE_RE = re.compile(r"^\s*(1[89]\d\d|20\d\d)(?:[-/.年](\d{1,2})(?:[-/.月](\d{1,2}))?)?")
#: Front-matter keys that may hold the date of delivery, in order of preference.
META_DATE_KEYS = ("date", "delivered", "year", "published", "pubdate")


def _meta_date(meta: dict) -> str | None:
    """The date of the front matter (``date: 2016-01-25``, ``year: 2016``), ISO, as precise as given."""
    for key in META_DATE_KEYS:
        v = meta_text(meta, key)
        d = _parse_date(v) if v else None
        if d:
            return d
        m = _META_DATE_RE.match(v) if v else None
        if m:
            y, mo, dd = m.groups()
            if mo and not 1 <= int(mo) <= 12:
                mo = dd = None
            return "-".join(f"{int(x):02d}" if i else x for i, x in enumerate((y, mo, dd)) if x)
    return None


_CN_YEAR_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0", "○": "0", "Ｏ": "0", "O": "0", "0": "0"}
_CN_DATE_RE = re.compile(r"([〇零○Ｏ0O一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月(?:([一二三四五六七八九十]{1,3})日)?")
_YEAR_MONTH_RE = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)\s*年\s*(\d{1,2})\s*月")
#: ``一、2003年工作回顾``, ``2006年工作的回顾``: the heading of the part reviewing the year before delivery.
_REVIEW_RE = re.compile(r"^\s*(?:[一二三四五六七八九十]+、)?\s*(1[89]\d\d|20\d\d)\s*年(?:的)?(?:政府)?工作(?:的)?回顾\s*$")


def _dateline_date(line: str) -> str | None:
    """The date of a dateline: digits (``2016年1月25日``), Chinese numerals (``二〇二三年一月十五日``),
    or a year and month only (``2009年1月``, kept as ``2009-01``)."""
    d = _parse_date(line)
    if d:
        return d
    m = _CN_DATE_RE.search(line)
    if m:
        y = int("".join(_CN_YEAR_DIGITS[c] for c in m.group(1)))
        mo, dd = cn_to_int(m.group(2)), cn_to_int(m.group(3)) if m.group(3) else None
        if 1900 <= y <= 2100 and mo and 1 <= mo <= 12:
            return f"{y:04d}-{mo:02d}" + (f"-{dd:02d}" if dd and 1 <= dd <= 31 else "")
    m = _YEAR_MONTH_RE.search(line)
    if m and 1 <= int(m.group(2)) <= 12:
        return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}"
    return None


def _year_in(title: str) -> str | None:
    m = _TITLE_YEAR_RE.search(title or "")
    return m.group(1) if m else None


def _better_title(own: str, given: str) -> str:
    """The text's own title line, unless the front matter's title says the same and more
    (``政府工作报告`` within ``2026年政府工作报告``) or the text has none."""
    a, b = re.sub(r"\s+", "", own or ""), re.sub(r"\s+", "", given or "")
    if not a or (b and a in b) or _DATELINE_TITLE_RE.match(a) or is_signature(own) or (len(a) <= 4 and len(b) > len(a)):
        return given  # no title line, or the line taken is the dateline, the speaker's signature or name
    return own


def _describe(date, date_source, meta: dict, source: str, title: str, head: str, folders: Sequence[str]) -> tuple[str, str, str]:
    """``(date_note, place, level)`` of a piece.

    The place comes from the front matter (a place key, else its title), the text (dateline,
    signature), the title, then the folders.  The note says where a date from the text
    disagrees by a year or more with the front matter or the file name."""
    place = ""
    for key in PLACE_KEYS:
        v = meta_text(meta, key)
        if v and is_place(v):
            place = normalise(v)
            break
    place = place or place_from_title(meta_text(meta, "title")) or place_from_text(head) or place_from_title(title)
    place = place or place_from_folders(folders)
    note = ""
    if date_source == "text" and date:
        others = [("front matter", _meta_date(meta) or _year_in(meta_text(meta, "title"))), ("file name", filename_date(source))]
        off = [f"{what} says {d}" for what, d in others if d and abs(int(d[:4]) - int(date[:4])) >= 1]
        if off:
            note = f"delivered {date} (text); " + ", ".join(off)
    return note, place, level_of(place)
_DATE_LINE_RE = re.compile(r"^\s*(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}[-/.]\d{1,2}[-/.]\d{1,2})\s*$")


_FILE_DATE_RE = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?:[-_.年]?(0[1-9]|1[0-2])(?:[-_.月]?(0[1-9]|[12]\d|3[01]))?)?(?!\d)")


def filename_date(source: str) -> str | None:
    """A date or year in a file's name (``gwr-1984.txt`` → ``1984``, ``2019年政府工作报告.docx``
    → ``2019``, ``speech-2021-03-05.txt`` → ``2021-03-05``); ISO 8601, as precise as the name."""
    m = _FILE_DATE_RE.search(PurePosixPath(source).name)
    if not m:
        return None
    y, mo, d = m.groups()
    return "-".join(x for x in (y, mo, d) if x)


def _is_heading_start(line: str) -> bool:
    return bool(LINE_MARKER_RE.match(line))


def piece_starts(lines: Sequence[tuple[int, int, str]], marks: frozenset[int] = frozenset()) -> list[int]:
    """Line indices where a piece starts (always includes 0); ``marks``: offsets of lines that
    lost a collection marker (``【篇2】``) in cleaning, each a piece's title."""
    starts = [0]
    n = len(lines)
    for i in range(1, n):
        line = lines[i][2]
        if PIECE_RE.match(line) or (lines[i][0] in marks and is_title_like(line)):
            starts.append(i)
            continue
        prev = lines[i - 1][2]
        if CLOSING_RE.search(prev) and is_title_like(line) and not _is_heading_start(line):
            body = 0
            for j in range(i + 1, n):
                if PIECE_RE.match(lines[j][2]):
                    break
                body += len(lines[j][2])
            if body >= MIN_PIECE_CHARS:
                starts.append(i)
    return sorted(set(starts))


#: A title naming the occasion (``在全市…会议上的讲话``): the speech's, where a page's title stands above it.
_OWN_TITLE_RE = re.compile(r"在\S{2,50}?(?:上|中|时|之际)的?(?:讲话|发言|致辞|报告|演讲|讲稿|党课)")
#: A page's name for a document (``…演讲稿``, ``…讲话范文``): the speech's own title may follow it.
_DOC_NAME_RE = re.compile(r"(?:稿|范文|材料|全文|汇编|大全)$")
#: A speaker line under a title (``国务院总理 李克强``, ``州委常委、常务副州长***``).
_SPEAKER_RE = re.compile(r"(?:总理|省长|市长|县长|区长|州长|书记|主任|部长|厅长|局长|秘书长|主席|常委|委员)\s*\S{0,4}\s*$|\*{2,}\s*$")


def _chrome_between(log: Sequence[Removal], a: int, b: int) -> bool:
    return any(a <= r.pos <= b and r.reason in CHROME_REASONS for r in log)


def split_pieces(
    cleaned: Cleaned, *, source: str, front: FrontMatter | None = None, folders: Sequence[str] = ()
) -> list[Piece]:
    """Split one cleaned file into pieces with title, date and body text; ``front`` is the
    file's front matter, ``folders`` the names of the folders holding it, nearest first
    (where :func:`_describe` looks for its place)."""
    meta = front.meta if front is not None else {}
    text = cleaned.text
    lines = _lines(text)
    if not text.strip():
        return []
    starts = piece_starts(lines, frozenset(r.pos for r in cleaned.log if r.reason == "collection_marker"))
    bounds = list(zip(starts, starts[1:] + [len(lines)]))
    header_meta_date: str | None = None
    first_body_start = None
    pieces: list[Piece] = []
    raw_pieces = []
    for a, b in bounds:
        label, alt_title = "", ""
        h = a
        m = PIECE_RE.match(lines[a][2])
        if m:
            label = re.sub(r"\s+", "", lines[a][2][: m.start(2)]).rstrip(":：")
            alt_title = m.group(2).strip()
            h = a + 1
        run: list[int] = []
        j = h
        while j < b and len(run) < 4:
            line = lines[j][2]
            if is_title_like(line) and not _is_heading_start(line) and not _DATE_LINE_RE.match(line):
                run.append(j)
                j += 1
            else:
                break
        title_idx = None
        page_title = ""
        candidates = [k for k in run if not _SUBTITLE_RE.match(lines[k][2])]
        if candidates:
            title_idx = candidates[0]
            # the speech's own title, where a page's title stands above it: the first line shaped
            # like ``在…上的讲话``, or, under a document's name (``…演讲稿``), the line before the salutation
            own = [k for k in candidates if not _SPEAKER_RE.search(lines[k][2]) and len(lines[k][2].strip()) >= 5
                   and lines[k][2].strip()[0] not in "—―─-－"]
            first = lines[title_idx][2].strip()
            shaped = [k for k in own if _OWN_TITLE_RE.search(lines[k][2])]
            below = [k for k in own if k > title_idx]
            if shaped and not _OWN_TITLE_RE.search(first):
                title_idx = shaped[0]
            elif below and _DOC_NAME_RE.search(first) and j < b and SALUTATION_RE.match(lines[j][2].strip()):
                title_idx = below[-1]
            # A page holding several pieces has a page title above its chrome.
            if len(bounds) > 1:
                for k in range(1, len(candidates)):
                    if _chrome_between(cleaned.log, lines[candidates[k - 1]][1], lines[candidates[k]][0]):
                        title_idx = candidates[k]
            page_title = " / ".join(lines[k][2].strip() for k in candidates if k < title_idx)
        body_from = (title_idx + 1) if title_idx is not None else h
        title = lines[title_idx][2].strip() if title_idx is not None else alt_title
        if body_from >= b:  # nothing but a title: keep the title as text
            body_from = title_idx if title_idx is not None else a
        start = lines[body_from][0]
        end = lines[b - 1][1]
        piece_text = text[start:end]
        if first_body_start is None:
            first_body_start = start
        raw_pieces.append((a, b, label, title, page_title, start, end, piece_text))
    # Publish dates found in the file header (before the first body) apply to all pieces.
    for r in cleaned.log:
        if r.reason == "page_meta" and first_body_start is not None and r.pos <= first_body_start:
            header_meta_date = header_meta_date or _parse_date(r.removed)
    n_parts = len(raw_pieces)
    for part, (a, b, label, title, page_title, start, end, piece_text) in enumerate(raw_pieces, start=1):
        piece_start_in_file = lines[a][0]
        date, date_source = None, None
        head_lines = text[lines[a][0] : end].split("\n")
        for k, line in enumerate(head_lines):
            # a date line anywhere, or a dateline among the first lines (subtitle)
            if _DATE_LINE_RE.match(line) or (
                k < 8 and len(line) <= 80 and (_SUBTITLE_RE.match(line) or _DATELINE_RE.search(line)) and _parse_date(line)
            ):
                date, date_source = _parse_date(line), "text"
                break
            if k < 8 and len(line) <= 80 and _DATELINE_RE.search(line) and _dateline_date(line):
                date, date_source = _dateline_date(line), "text"  # 二〇二三年一月十五日在…, ——2009年1月在…
                break
        review_note = ""
        if date is None:  # 一、2003年工作回顾: a work report is delivered the year after the year it reviews
            for line in head_lines[:80]:
                m = _REVIEW_RE.match(line)
                if m:
                    date, date_source = str(int(m.group(1)) + 1), "text"
                    review_note = f"the year after its review ({line.strip()})"
                    break
        if date is None and meta:
            date = _meta_date(meta)
            date_source = "front_matter" if date else None
        if date is None:
            for r in cleaned.log:
                if r.reason == "page_meta" and piece_start_in_file <= r.pos <= end:
                    d = _parse_date(r.removed)
                    if d:
                        date, date_source = d, "page"
                        break
        if date is None and header_meta_date:
            date, date_source = header_meta_date, "page"
        if date is None and meta:
            date = _year_in(meta_text(meta, "title"))
            date_source = "front_matter" if date else None
        if date is None:
            date = filename_date(source)
            date_source = "filename" if date else None
        if part == 1 and meta_text(meta, "title"):
            title = _better_title(title, meta_text(meta, "title"))
        head = "\n".join(head_lines[:12])[:2000]
        date_note, place, level = _describe(date, date_source, meta, source, title, head, folders)
        if review_note:
            date_note = "; ".join(x for x in (review_note, date_note) if x)
        if not title:  # no title line: the file's name (``gwr-1984``) rather than nothing
            title = PurePosixPath(source).stem
        is_last = part == n_parts
        own_log = tuple(
            r for r in cleaned.log if (part == 1 or r.pos >= piece_start_in_file) and (is_last or r.pos < lines[b][0])
        )
        pieces.append(
            Piece(
                doc_id=doc_id_for(source, part),
                source=source,
                part=part,
                piece_label=label,
                title=title,
                page_title=page_title,
                date=date,
                date_source=date_source,
                text=piece_text,
                start=start,
                end=end,
                log=own_log,
                date_note=date_note,
                place=place,
                level=level,
                source_url=source_url(meta),
                front_matter=front.json() if front is not None else "",
            )
        )
    return pieces


@dataclass(frozen=True)
class FilePieces:
    """One file read, cleaned and split into its pieces."""

    path: Path
    source: str
    decoded: Decoded
    pieces: list[Piece]

    @property
    def warnings(self) -> tuple[str, ...]:
        return tuple(f"{self.path}: warning: {w}" for w in self.decoded.warnings)


def read_pieces(
    path: Path, *, source: str | None = None, max_bytes: int | None = DEFAULT_MAX_BYTES, data: bytes | None = None
) -> FilePieces:
    """Read, clean and split one file; raises :class:`InputError` if it can't be read
    (whatever the reason) or nothing is left after cleaning.  ``data``: its bytes, already read."""
    try:
        decoded = read_text(path, max_bytes=max_bytes, data=data)
    except (OSError, UnicodeError) as err:  # pragma: no cover - defensive: read_text names its own errors
        raise InputError(path, f"cannot read: {err}") from err
    src = source or path.name
    if decoded.format == "markdown":  # front matter and markup out of the text, logged (tifa.text.markdown)
        front = front_matter(decoded.text)
        cleaned = clean(decoded.text, steps=MARKDOWN_STEPS)
    else:
        front, cleaned = None, clean(decoded.text)
    folders = [*reversed(PurePosixPath(src).parent.parts), *(q.name for q in Path(path).resolve().parents[:3])]
    pieces = split_pieces(cleaned, source=src, front=front, folders=folders)
    if front is not None and front.warning:
        decoded = dataclasses.replace(decoded, warnings=(*decoded.warnings, front.warning))
    if not pieces:
        raise InputError(path, "no text left after cleaning (only page chrome?)")
    return FilePieces(path=path, source=src, decoded=decoded, pieces=pieces)


# --------------------------------------------------------------------------- sentences

_SENT_RE = re.compile(rf"[^\n{SENT_END}]*(?:[{SENT_END}]+[”’」』）)]*|$)")


def iter_sentences(text: str) -> Iterable[tuple[int, int, int]]:
    """Yield ``(para_id, start, end)`` for every sentence of ``text``."""
    return iter(_sentences(text))


#: Texts up to this many characters keep their sentences for the next asking (a speech is far
#: under it); a longer text's are split again each time, so that a huge one's are not held on to.
SENTENCES_KEPT_UP_TO = 1_000_000


def _sentences(text: str) -> tuple[tuple[int, int, int], ...]:
    """The sentences of ``text``, kept for the few latest texts that are not huge: the build
    counts a document's sentences, then lists them."""
    return _kept_sentences(text) if len(text) <= SENTENCES_KEPT_UP_TO else _split_sentences(text)


@functools.lru_cache(maxsize=8)
def _kept_sentences(text: str) -> tuple[tuple[int, int, int], ...]:
    return _split_sentences(text)


def _split_sentences(text: str) -> tuple[tuple[int, int, int], ...]:
    out = []
    pos = 0
    for para_id, para in enumerate(text.split("\n")):
        for m in _SENT_RE.finditer(para):
            s, e = m.start(), m.end()
            seg = para[s:e]
            if not seg.strip():
                continue
            lead = len(seg) - len(seg.lstrip())
            trail = len(seg) - len(seg.rstrip())
            out.append((para_id, pos + s + lead, pos + e - trail))
        pos += len(para) + 1
    return tuple(out)


def sentences_frame(docs: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence: ``doc_id, sent_id, para_id, start, end, text, item_id, matter``
    (``item_id`` and ``matter`` are filled by the outline stage)."""
    from ..frames import rows_frame

    rows = []
    for doc_id, text in zip(docs["doc_id"], docs["text"]):
        for sent_id, (para_id, s, e) in enumerate(iter_sentences(text)):
            rows.append((doc_id, sent_id, para_id, s, e, text[s:e], None, "body"))
    return rows_frame(rows, SENT_COLUMNS, {"sent_id": "int32", "para_id": "int32", "start": "int64", "end": "int64", "item_id": "object"})


# --------------------------------------------------------------------------- tables


def pieces_frame(pieces: Sequence[Piece], *, encoding: str = "") -> pd.DataFrame:
    """Documents table (without corpus-level duplicate marking)."""
    import pandas as pd

    rows = []
    n_parts: dict[str, int] = {}
    for p in pieces:
        n_parts[p.source] = max(n_parts.get(p.source, 0), p.part)
    for p in pieces:
        n_sents = len(_sentences(p.text))
        rows.append(
            {
                "doc_id": p.doc_id,
                "source": p.source,
                "part": p.part,
                "n_parts": n_parts[p.source],
                "piece_label": p.piece_label,
                "title": p.title,
                "page_title": p.page_title,
                "date": p.date,
                "date_source": p.date_source,
                "text": p.text,
                "n_chars": len(p.text),
                "n_paras": p.text.count("\n") + 1 if p.text else 0,
                "n_sents": n_sents,
                "sha1": hashlib.sha1(p.text.encode("utf-8")).hexdigest(),
                "encoding": encoding,
                "duplicate_of": None,
                "dup_similarity": float("nan"),
                "year": p.year,
                "date_note": p.date_note,
                "place": p.place,
                "level": p.level,
                "source_url": p.source_url,
                "front_matter": p.front_matter,
            }
        )
    df = pd.DataFrame(rows, columns=DOC_COLUMNS)
    df["year"] = df["year"].astype("Int64")  # the year of delivery; <NA> when no date is known
    return df


def log_frame(pieces: Sequence[Piece]) -> pd.DataFrame:
    """Cleaning log rows, each assigned to the document it was removed from."""
    import pandas as pd

    rows = []
    for p in pieces:
        for r in p.log:
            pos = min(max(r.pos - p.start, 0), len(p.text))
            rows.append((p.source, p.doc_id, r.line, r.raw_start, r.raw_end, pos, r.removed, r.reason))
    return pd.DataFrame(rows, columns=LOG_COLUMNS)


# --------------------------------------------------------------------------- duplicates


def mark_duplicates(docs: pd.DataFrame, *, threshold: float = DUPLICATE_THRESHOLD) -> pd.DataFrame:
    """Mark near-duplicates (see :func:`tifa.text.dedup.mark_duplicates`); nothing is dropped."""
    from .dedup import mark_duplicates as _mark

    return _mark(docs, threshold=threshold)
