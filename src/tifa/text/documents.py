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

This module owns the pieces — where one starts, its title and page title, which of the dates
found is its date (the readers are :mod:`tifa.text.dates`'), its place (asked of
:mod:`tifa.text.places`) — reading a file into them (:func:`read_pieces`), and the documents and
cleaning-log tables.  It must not touch the text: cleaning is :mod:`tifa.text.clean`'s, and a
piece's text is a span of the cleaned text.  Sentences (offsets into ``documents.text``) are
:mod:`tifa.text.sentences`'; ``iter_sentences``, ``sentences_frame`` and ``SENT_COLUMNS`` are
importable from here too, where the tables and the tokens stage ask for them.
"""
from __future__ import annotations

import dataclasses
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Sequence

from .clean import clean
from ..config import DEFAULT_MAX_BYTES
from ..errors import InputError
from ..read.files import Decoded, read_text
from .markdown import PLACE_KEYS, FrontMatter, front_matter, meta_text, source_url
from .markdown import STEPS as MARKDOWN_STEPS
from .dates import DATE_LINE_RE, SUBTITLE_RE, filename_date, meta_date, parse_date, text_date, year_in
from .edits import Cleaned, Removal
from .lines import SALUTATION_RE, is_title_like
from .patterns import CLOSING_RE, LINE_MARKER_RE, OWN_TITLE_RE, PIECE_RE
from .places import is_place, is_signature, level_of, normalise, place_from_folders, place_from_text, place_from_title
from .sentences import SENT_COLUMNS, iter_sentences, sentence_spans, sentences_frame  # noqa: F401 - the tables' and tokens' import

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


#: A dateline standing where a title would (``——2016年1月25日在…会议上``): no title.
_DATELINE_TITLE_RE = re.compile(r"^[—─\-－]*(?:\S{0,20}日)?在\S{2,40}?(?:会议|大会)上(?:[（(][^）)]*[）)])?$")


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
        others = [("front matter", meta_date(meta) or year_in(meta_text(meta, "title"))), ("file name", filename_date(source))]
        off = [f"{what} says {d}" for what, d in others if d and abs(int(d[:4]) - int(date[:4])) >= 1]
        if off:
            note = f"delivered {date} (text); " + ", ".join(off)
    return note, place, level_of(place)


def _is_heading_start(line: str) -> bool:
    return bool(LINE_MARKER_RE.match(line))


def _title_over_salutation(lines: Sequence[tuple[int, int, str]], k: int) -> bool:
    """Line ``k`` is a speech's title shaped like ``在…上的讲话`` and the next line its salutation."""
    return (k + 1 < len(lines) and bool(OWN_TITLE_RE.search(lines[k][2])) and is_title_like(lines[k][2])
            and bool(SALUTATION_RE.match(lines[k + 1][2].strip())))


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
        # a speech's title over its salutation, after a paragraph of another: the next piece of a collection
        if _title_over_salutation(lines, i) and not _is_heading_start(line) and re.search(r"[。！？!?]$", prev.strip()):
            starts.append(i)
            continue
        if CLOSING_RE.search(prev) and is_title_like(line) and not _is_heading_start(line):
            body = 0
            for j in range(i + 1, n):
                if PIECE_RE.match(lines[j][2]):
                    break
                body += len(lines[j][2])
            if body >= MIN_PIECE_CHARS:
                starts.append(i)
    starts = sorted(set(starts))
    if len(starts) > 1:
        head = [lines[k][2] for k in range(starts[0], starts[1])]
        if sum(map(len, head)) < MIN_PIECE_CHARS and not any(re.search(r"[。！？!?]", h) for h in head):
            del starts[1]  # only the collection's titles above its first piece: the first piece's page titles
    return starts


#: A page's name for a document (``…演讲稿``, ``…讲话范文``): the speech's own title may follow it.
_DOC_NAME_RE = re.compile(r"(?:稿|范文|材料|全文|汇编|大全)$")
#: A speaker line under a title (``国务院总理 李克强``, ``州委常委、常务副州长***``).
_SPEAKER_RE = re.compile(r"(?:总理|省长|市长|县长|区长|州长|书记|主任|部长|厅长|局长|秘书长|主席|常委|委员)\s*(?:\S\s*){0,4}$|\*{2,}\s*$")


_WRAPPED_RE = re.compile(r"^[《【「『\[](?P<t>[^《》【】「」『』\[\]]{4,})[》】」』\]]$")


def _unwrapped(title: str) -> str:
    """A title a page set in brackets (``《在…上的讲话》``, ``【在…上的讲话】``) without them."""
    m = _WRAPPED_RE.match(title)
    return m.group("t").strip() if m else title


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
            if is_title_like(line) and not _is_heading_start(line) and not DATE_LINE_RE.match(line):
                run.append(j)
                j += 1
            else:
                break
        title_idx = None
        page_title = ""
        candidates = [k for k in run if not SUBTITLE_RE.match(lines[k][2])]
        if candidates:
            title_idx = candidates[0]
            # the speech's own title, where a page's title stands above it: the first line shaped
            # like ``在…上的讲话``, or, under a document's name (``…演讲稿``), the line before the salutation
            own = [k for k in candidates if not _SPEAKER_RE.search(lines[k][2]) and len(lines[k][2].strip()) >= 5
                   and lines[k][2].strip()[0] not in "—―─-－"]
            first = lines[title_idx][2].strip()
            shaped = [k for k in own if OWN_TITLE_RE.search(lines[k][2])]
            below = [k for k in own if k > title_idx]
            subs = [k for k in run if SUBTITLE_RE.match(lines[k][2]) and k - 1 in own]
            if subs and subs[0] - 1 > title_idx:
                title_idx = subs[0] - 1  # the main title right above its ——subtitle, under a page's headline
            elif shaped and not OWN_TITLE_RE.search(first):
                title_idx = shaped[0]
            elif below and _DOC_NAME_RE.search(first) and j < b and SALUTATION_RE.match(lines[j][2].strip()):
                title_idx = below[-1]
            # A page holding several pieces has a page title above its chrome.
            if len(bounds) > 1:
                for k in range(1, len(candidates)):
                    if _SPEAKER_RE.search(lines[candidates[k]][2]) and len(lines[candidates[k]][2].strip()) <= 20:
                        continue  # the speaker under the title (副县长 陈志远), the chrome between them the page's
                    if _chrome_between(cleaned.log, lines[candidates[k - 1]][1], lines[candidates[k]][0]):
                        title_idx = candidates[k]
            page_title = " / ".join(lines[k][2].strip() for k in candidates if k < title_idx)
        body_from = (title_idx + 1) if title_idx is not None else h
        title = _unwrapped(lines[title_idx][2].strip()) if title_idx is not None else alt_title
        if title_idx is None and not title:
            # no title line atop the piece (a blog's name, its own words first): the speech's title over
            # its salutation further down names it; the lines above it stay in the text
            own = next((k for k in range(h, min(b - 1, h + 12)) if _title_over_salutation(lines, k)), None)
            title = _unwrapped(lines[own][2].strip()) if own is not None else ""
            above = [lines[k][2].strip() for k in range(h, own)] if own is not None else []
            if any(len(x) >= 6 and x in title for x in above):
                # a page's shorter copy of the title above it (全市…大会上的讲话 over XXX同志在全市…大会上的讲话):
                # what stands above is the page's head, not the speech
                title_idx, page_title = own, " / ".join(x for x in above if x)
                body_from = own + 1
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
            header_meta_date = header_meta_date or parse_date(r.removed)
    n_parts = len(raw_pieces)
    for part, (a, b, label, title, page_title, start, end, piece_text) in enumerate(raw_pieces, start=1):
        piece_start_in_file = lines[a][0]
        head_lines = text[lines[a][0] : end].split("\n")
        date, review_note = text_date(head_lines)  # a date line, a dateline, a review part's year
        date_source = "text" if date else None
        if date is None and meta:
            date = meta_date(meta)
            date_source = "front_matter" if date else None
        if date is None:
            for r in cleaned.log:
                if r.reason == "page_meta" and piece_start_in_file <= r.pos <= end:
                    d = parse_date(r.removed)
                    if d:
                        date, date_source = d, "page"
                        break
        if date is None and header_meta_date:
            date, date_source = header_meta_date, "page"
        if date is None and meta:
            date = year_in(meta_text(meta, "title"))
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
    cleaned: Cleaned | None = None  #: the cleaned file, with the map back to the raw text (``Piece.start`` indexes it)

    @property
    def warnings(self) -> tuple[str, ...]:
        return tuple(f"{self.path}: warning: {w}" for w in self.decoded.warnings)


def read_pieces(
    path: Path, *, source: str | None = None, max_bytes: int | None = DEFAULT_MAX_BYTES, data: bytes | None = None,
    keep_cleaned: bool = False,
) -> FilePieces:
    """Read, clean and split one file; raises :class:`InputError` if it can't be read
    (whatever the reason) or nothing is left after cleaning.  ``data``: its bytes, already read;
    ``keep_cleaned``: keep the cleaned file and its map to the raw text (the draft checker's lines)."""
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
    return FilePieces(path=path, source=src, decoded=decoded, pieces=pieces, cleaned=cleaned if keep_cleaned else None)


# --------------------------------------------------------------------------- tables


def pieces_frame(pieces: Sequence[Piece], *, encoding: str = "") -> pd.DataFrame:
    """Documents table (without corpus-level duplicate marking)."""
    import pandas as pd

    rows = []
    n_parts: dict[str, int] = {}
    for p in pieces:
        n_parts[p.source] = max(n_parts.get(p.source, 0), p.part)
    for p in pieces:
        n_sents = len(sentence_spans(p.text))
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
