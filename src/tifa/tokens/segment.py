"""The tokens stage: what the other stages and the CLI ask of it, and the lexicon audit.

Segmentation and POS tagging with our lexicons → the ``tokens`` table.  Its rows:
``doc_id, sent_id, tok_id, word, pos, start, end, is_stop, tag`` — ``start/end`` index
``documents.text``; the words of a sentence join back into it; ``tag`` is the lexicon class
(``formulation``, ``office``) of dictionary terms.  Segmentation runs per sentence, across
processes if asked (one segmenter per worker, built once), with identical results.

The stage's rooms, each with its fast path and the benchmark figure it is kept for:

* :mod:`tifa.tokens.segmenter` — :class:`Segmenter`, its two engines (compiled jieba-rs, the
  default, and the pure-Python reference, the same words, tags and offsets), the tokens table;
* :mod:`tifa.tokens.posseg` — jieba.posseg's POS-HMM for unknown runs (vectorised Viterbi);
* :mod:`tifa.tokens.workers` — the worker pool and the tokens of corpus tables
  (:func:`tokens_table`, :func:`tokens_frame`);
* :mod:`tifa.tokens.files` — ``tifa tokens`` straight from files (:func:`tokens_of_files`,
  :func:`documents_tokens`), with a reading process feeding the workers through a pipe.

Agreement of the two engines on ``../shared/corpus`` is measured by ``bench/agreement.py`` and
listed in ``bench/RESULTS.md``.

This module gathers those names where the other stages, the CLI, the tests and the benchmarks
import them (``from tifa.tokens.segment import …``), and owns :func:`audit` (lexicon terms the
segmenter split).  Must not touch: any segmenting, pooling or reading of its own.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterable

from ..frames import column_lists
from .files import FileTokens, ReadFile, Render, documents_tokens, file_jobs, tokens_of_files
from .posseg import PossegHMM, posseg_hmm
from .segmenter import ENGINES, TOKEN_COLUMNS, Job, LexiconPaths, Segmenter, empty_table, gc_paused, shared_segmenter
from .workers import default_workers, tokens_frame, tokens_table

if TYPE_CHECKING:  # pandas is imported where a DataFrame is made: `tifa tokens` runs without it
    import pandas as pd

__all__ = [
    "ENGINES", "TOKEN_COLUMNS", "FileTokens", "Job", "LexiconPaths", "PossegHMM", "ReadFile", "Render", "Segmenter",
    "audit", "default_workers", "documents_tokens", "empty_table", "file_jobs", "gc_paused", "posseg_hmm",
    "shared_segmenter", "tokens_frame", "tokens_of_files", "tokens_table",
]



def audit(tokens: pd.DataFrame, sents: pd.DataFrame, terms: Iterable[str]) -> pd.DataFrame:
    """Lexicon terms occurring in the text that the segmenter split.

    An occurrence ``[s, e)`` of a term is split when a token boundary falls
    strictly inside it (a longer token containing it is fine).  Returns
    ``doc_id, sent_id, term, start, end, tokens``.
    """
    import pandas as pd

    terms = sorted(set(terms), key=len, reverse=True)
    if not terms:
        return pd.DataFrame(columns=["doc_id", "sent_id", "term", "start", "end", "tokens"])
    rx = re.compile("(?=(" + "|".join(map(re.escape, terms)) + "))")
    boundaries: dict[str, set[int]] = {}
    for d, s in zip(*column_lists(tokens, "doc_id", "start")):
        boundaries.setdefault(d, set()).add(s)
    words: dict[str, dict[int, str]] = {}
    for d, s, w in zip(*column_lists(tokens, "doc_id", "start", "word")):
        words.setdefault(d, {})[s] = w
    rows = []
    for d, sid, start, text in zip(*column_lists(sents, "doc_id", "sent_id", "start", "text")):
        b = boundaries.get(d, set())
        for m in rx.finditer(text):
            # all terms starting here (the regex gives the longest); check each
            for term in (t for t in terms if text.startswith(t, m.start())):
                s = int(start) + m.start()
                e = s + len(term)
                cut = sorted(p for p in b if s < p < e)
                if cut:
                    pieces = [words[d][p] for p in sorted({s, *cut} & set(words[d]))]
                    rows.append((d, int(sid), term, s, e, "|".join(pieces)))
    return pd.DataFrame(rows, columns=["doc_id", "sent_id", "term", "start", "end", "tokens"])
