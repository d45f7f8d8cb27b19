"""Sentences: a document's text → ``(para_id, start, end)`` spans, and the sentences table.

Owns the sentence rule (a run up to sentence-final punctuation and the closing quotes after it,
one paragraph per line), :func:`iter_sentences`, :func:`sentence_spans` (kept for the few latest
texts that are not huge: the build counts a document's sentences, then lists them) and
:func:`sentences_frame` with :data:`SENT_COLUMNS`.

It must not touch the text: offsets point into ``documents.text`` as it is; pieces and titles
are :mod:`tifa.text.documents`', items and matter (filled later) the outline's.
"""
from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Iterable

from .patterns import SENT_END

if TYPE_CHECKING:  # the table imports pandas when first built
    import pandas as pd

SENT_COLUMNS = ["doc_id", "sent_id", "para_id", "start", "end", "text", "item_id", "matter"]

# --------------------------------------------------------------------------- sentences

_SENT_RE = re.compile(rf"[^\n{SENT_END}]*(?:[{SENT_END}]+[”’」』）)]*|$)")


def iter_sentences(text: str) -> Iterable[tuple[int, int, int]]:
    """Yield ``(para_id, start, end)`` for every sentence of ``text``."""
    return iter(sentence_spans(text))


#: Texts up to this many characters keep their sentences for the next asking (a speech is far
#: under it); a longer text's are split again each time, so that a huge one's are not held on to.
SENTENCES_KEPT_UP_TO = 1_000_000


def sentence_spans(text: str) -> tuple[tuple[int, int, int], ...]:
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
