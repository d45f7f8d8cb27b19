"""Segmentation and POS tagging with our lexicons → the ``tokens`` table.

A :class:`Segmenter` owns its own ``jieba.Tokenizer`` (no global state), with
its dictionary cache inside the project (``.cache/``) and jieba's log chatter
silenced.  Tagging gives exactly what ``jieba.posseg`` gives for the same
dictionary, but faster: dictionary words are tagged straight from the
dictionary and the (slow) POS-HMM runs only on runs of unknown characters,
memoised — see ``bench/segment.py``.

``tokens`` rows: ``doc_id, sent_id, tok_id, word, pos, start, end, is_stop,
tag`` — ``start/end`` index ``documents.text``; the words of a sentence join
back into it; ``tag`` is the lexicon class (``formulation``, ``office``) of
dictionary terms.  Segmentation runs per sentence, across processes if asked
(one tokenizer per worker, built once), with identical results.
"""
from __future__ import annotations

import functools
import logging
import os
import re
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

import multiprocessing as mp

import pandas as pd
import pyarrow as pa
from tqdm import tqdm

from .config import CACHE, LEXICONS
from .lexicons import DictEntry, load_stopwords, load_userdict
from .procs import die_with_parent

TOKEN_COLUMNS = ["doc_id", "sent_id", "tok_id", "word", "pos", "start", "end", "is_stop", "tag"]

# The same block splitting as jieba.posseg (HMM mode), so results agree exactly.
_RE_HAN = re.compile(r"([\u4E00-\u9FD5a-zA-Z0-9+#&\._]+)")
_RE_SKIP = re.compile(r"(\r\n|\s)")
_RE_NUM = re.compile(r"[\.0-9]+")
_RE_ENG = re.compile(r"[a-zA-Z0-9]+")
_RE_WORDLIKE = re.compile(r"[\w\u4e00-\u9fff]", re.U)


def _quiet_jieba() -> None:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    logging.getLogger("jieba").setLevel(logging.WARNING)


_RE_HAN_DETAIL = re.compile(r"([\u4E00-\u9FD5]+)")
_RE_SKIP_DETAIL = re.compile(r"([\.0-9]+|[a-zA-Z0-9]+)")


@functools.lru_cache(maxsize=1)
def _posseg_hmm() -> dict:
    """jieba.posseg's HMM model and Viterbi, loaded without the package's import-time set-up.

    Importing ``jieba.posseg`` builds a global tagger that parses the whole
    dictionary (~0.4 s); the model files themselves load in milliseconds.
    """
    import importlib.util

    import jieba

    base = Path(jieba.__file__).parent / "posseg"
    out = {}
    for name in ("char_state_tab", "prob_start", "prob_trans", "prob_emit", "viterbi"):
        spec = importlib.util.spec_from_file_location(f"_tifa_posseg_{name}", base / f"{name}.py")
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        out[name] = mod.viterbi if name == "viterbi" else mod.P
    return out


def main_pos_table(cache_dir: Path | None = None) -> dict[str, str]:
    """POS tags of jieba's main dictionary (word → tag), cached in the project as marshal."""
    return _main_pos_table(str(cache_dir or CACHE))


@functools.lru_cache(maxsize=2)
def _main_pos_table(cache_dir_s: str) -> dict[str, str]:
    import marshal

    import jieba

    cache_dir = Path(cache_dir_s)
    dict_file = Path(jieba.__file__).parent / "dict.txt"
    st = dict_file.stat()
    cache = cache_dir / f"jieba_pos.{st.st_size}.{int(st.st_mtime)}.marshal"
    try:
        return marshal.loads(cache.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        pass
    table: dict[str, str] = {}
    with open(dict_file, "rb") as fh:
        for raw in fh:
            parts = raw.decode("utf-8").strip().split(" ")
            if len(parts) >= 3:
                table[parts[0]] = parts[2]
    cache_dir.mkdir(parents=True, exist_ok=True)
    from .atomic import atomic_path

    with atomic_path(cache) as tmp:
        tmp.write_bytes(marshal.dumps(table))
    return table


def base_tokenizer(cache_dir: Path | None = None):
    """jieba's main dictionary in our own tokenizer, loaded once per process (cache in the project)."""
    return _base_tokenizer(str(cache_dir or CACHE))


@functools.lru_cache(maxsize=2)
def _base_tokenizer(cache_dir_s: str):
    import jieba

    cache_dir = Path(cache_dir_s)
    _quiet_jieba()
    tok = jieba.Tokenizer()
    cache_dir.mkdir(parents=True, exist_ok=True)
    tok.tmp_dir = str(cache_dir)
    tok.cache_file = "jieba.cache"
    tok.initialize()
    return tok


@dataclass(frozen=True)
class LexiconPaths:
    userdict: Path = LEXICONS / "userdict.txt"
    stopwords: Path = LEXICONS / "stopwords.txt"


class Segmenter:
    """Own jieba tokenizer + POS tagger with the project lexicons."""

    def __init__(self, userdict: Path | None = None, stopwords: Path | None = None, *, cache_dir: Path | None = None):
        import jieba

        _quiet_jieba()
        self.entries: list[DictEntry] = load_userdict(userdict)
        self.stopwords: frozenset[str] = load_stopwords(stopwords)
        base = base_tokenizer(cache_dir)
        # Our own tokenizer: a copy of the loaded base dictionary (no second load from disk).
        tok = jieba.Tokenizer()
        tok.FREQ, tok.total = dict(base.FREQ), base.total
        tok.initialized = True
        tok.tmp_dir, tok.cache_file = base.tmp_dir, base.cache_file
        self.tokenizer = tok
        for e in self.entries:
            tok.add_word(e.word, e.freq, e.tag)
        self.word_tag = dict(main_pos_table(cache_dir))
        self.word_tag.update(tok.user_word_tag_tab)
        tok.user_word_tag_tab = {}
        self.classes = {e.word: e.lexicon_class for e in self.entries if e.lexicon_class}
        self._detail = functools.lru_cache(maxsize=500_000)(self._hmm_tag)
        self._info: dict[str, tuple[bool, str | None]] = {}

    # -- tagging -------------------------------------------------------------

    def _hmm_tag(self, buf: str) -> tuple[tuple[str, str], ...]:
        """jieba.posseg's HMM on a run of unknown characters (its ``__cut_detail``)."""
        hmm = _posseg_hmm()
        out: list[tuple[str, str]] = []
        for blk in _RE_HAN_DETAIL.split(buf):
            if not blk:
                continue
            if _RE_HAN_DETAIL.match(blk):
                _, pos_list = hmm["viterbi"](blk, hmm["char_state_tab"], hmm["prob_start"], hmm["prob_trans"], hmm["prob_emit"])
                begin = nexti = 0
                for i, ch in enumerate(blk):
                    state, flag = pos_list[i]
                    if state == "B":
                        begin = i
                    elif state == "E":
                        out.append((blk[begin : i + 1], flag))
                        nexti = i + 1
                    elif state == "S":
                        out.append((ch, flag))
                        nexti = i + 1
                if nexti < len(blk):
                    out.append((blk[nexti:], pos_list[nexti][1]))
            else:
                for x in _RE_SKIP_DETAIL.split(blk):
                    if x:
                        out.append((x, "m" if _RE_NUM.match(x) else "eng" if _RE_ENG.match(x) else "x"))
        return tuple(out)

    def _cut_block(self, blk: str, out: list[tuple[str, str]]) -> None:
        tok, wt, freq = self.tokenizer, self.word_tag, self.tokenizer.FREQ
        dag = tok.get_DAG(blk)
        route: dict = {}
        tok.calc(blk, dag, route)
        x, n, buf = 0, len(blk), ""
        while x < n:
            y = route[x][1] + 1
            if y - x == 1:
                buf += blk[x]
            else:
                if buf:
                    self._flush(buf, out, wt, freq)
                    buf = ""
                w = blk[x:y]
                out.append((w, wt.get(w, "x")))
            x = y
        if buf:
            self._flush(buf, out, wt, freq)

    def _flush(self, buf: str, out: list, wt: dict, freq: dict) -> None:
        if len(buf) == 1:
            out.append((buf, wt.get(buf, "x")))
        elif not freq.get(buf):
            out.extend(self._detail(buf))
        else:
            out.extend((ch, wt.get(ch, "x")) for ch in buf)

    def tag(self, text: str) -> list[tuple[str, str]]:
        """``[(word, pos), …]`` exactly as ``jieba.posseg`` cuts ``text`` with this dictionary."""
        out: list[tuple[str, str]] = []
        for blk in _RE_HAN.split(text):
            if not blk:
                continue
            if _RE_HAN.match(blk):
                self._cut_block(blk, out)
                continue
            for x in _RE_SKIP.split(blk):
                if not x:
                    continue
                if _RE_SKIP.match(x):
                    out.append((x, "x"))
                    continue
                for ch in x:
                    if _RE_NUM.match(ch):
                        out.append((ch, "m"))
                    elif _RE_ENG.match(x):
                        out.append((ch, "eng"))
                    else:
                        out.append((ch, "x"))
        return out

    def is_stop(self, word: str) -> bool:
        return word in self.stopwords or not _RE_WORDLIKE.search(word)

    # -- tables --------------------------------------------------------------

    def word_info(self, word: str) -> tuple[bool, str | None]:
        """``(is_stop, lexicon class)`` of a word (memoised)."""
        info = self._info.get(word)
        if info is None:
            info = (word in self.stopwords or not _RE_WORDLIKE.search(word), self.classes.get(word))
            self._info[word] = info
        return info

    def batch_table(self, jobs: Sequence[tuple[str, str, Sequence[tuple[int, int, int]]]]) -> pa.Table:
        """Tokens of several documents as an Arrow table (see :data:`TOKEN_COLUMNS`).

        ``jobs`` are ``(doc_id, text, [(sent_id, start, end), …])``.
        """
        cols: dict[str, list] = {c: [] for c in TOKEN_COLUMNS}
        doc_col, sent_col, tok_col = cols["doc_id"], cols["sent_id"], cols["tok_id"]
        word_col, pos_col, start_col, end_col = cols["word"], cols["pos"], cols["start"], cols["end"]
        stop_col, tag_col = cols["is_stop"], cols["tag"]
        info = self.word_info
        for doc_id, text, sentences in jobs:
            tok_id = 0
            for sent_id, s, e in sentences:
                at = s
                for w, f in self.tag(text[s:e]):
                    end = at + len(w)
                    doc_col.append(doc_id)
                    sent_col.append(sent_id)
                    tok_col.append(tok_id)
                    word_col.append(w)
                    pos_col.append(f)
                    start_col.append(at)
                    end_col.append(end)
                    stop, tag = info(w)
                    stop_col.append(stop)
                    tag_col.append(tag)
                    tok_id += 1
                    at = end
        return pa.table({c: pa.array(cols[c], type=t) for c, t in _ARROW_TYPES.items()})


_ARROW_TYPES = {
    "doc_id": pa.string(),
    "sent_id": pa.int32(),
    "tok_id": pa.int32(),
    "word": pa.string(),
    "pos": pa.string(),
    "start": pa.int64(),
    "end": pa.int64(),
    "is_stop": pa.bool_(),
    "tag": pa.string(),
}


@functools.lru_cache(maxsize=4)
def _cached_segmenter(userdict: str, stopwords: str) -> Segmenter:
    return Segmenter(Path(userdict), Path(stopwords))


def shared_segmenter(lexicons: LexiconPaths | None = None) -> Segmenter:
    """One segmenter per process and lexicon set, built on first use."""
    lp = lexicons or LexiconPaths()
    return _cached_segmenter(str(lp.userdict), str(lp.stopwords))


# --------------------------------------------------------------------------- parallel

_WORKER: Segmenter | None = None


def _init_worker(userdict: str | None, stopwords: str | None, parent: int | None = None) -> None:
    global _WORKER
    die_with_parent(parent)
    _WORKER = Segmenter(Path(userdict) if userdict else None, Path(stopwords) if stopwords else None)


def _work(jobs: list[tuple[str, str, list[tuple[int, int, int]]]]) -> pa.Table:
    assert _WORKER is not None
    return _WORKER.batch_table(jobs)


def _jobs(docs: pd.DataFrame, sents: pd.DataFrame) -> list[tuple[str, str, list[tuple[int, int, int]]]]:
    by_doc: dict[str, list[tuple[int, int, int]]] = {}
    for d, i, s, e in zip(sents["doc_id"], sents["sent_id"], sents["start"], sents["end"]):
        by_doc.setdefault(d, []).append((int(i), int(s), int(e)))
    return [(d, t, by_doc.get(d, [])) for d, t in zip(docs["doc_id"], docs["text"])]


def _to_frame(table: pa.Table) -> pd.DataFrame:
    df = table.to_pandas()
    return df[TOKEN_COLUMNS]


def _chunks(jobs: Sequence[tuple[str, str, list]], n: int) -> list[list[int]]:
    """Split job indices into ``n`` contiguous runs of similar text size (order kept)."""
    total = sum(len(j[1]) + 1 for j in jobs)
    target = total / n
    out: list[list[int]] = [[]]
    acc = 0.0
    for i, j in enumerate(jobs):
        if acc >= target * len(out) and len(out) < n:
            out.append([])
        out[-1].append(i)
        acc += len(j[1]) + 1
    return [c for c in out if c]


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def tokens_frame(
    docs: pd.DataFrame,
    sents: pd.DataFrame,
    *,
    workers: int = 1,
    segmenter: Segmenter | None = None,
    lexicons: LexiconPaths | None = None,
    progress: bool = False,
) -> pd.DataFrame:
    """The tokens table of ``docs`` (one tokenizer per worker process when ``workers > 1``)."""
    jobs = _jobs(docs, sents)
    bar = dict(desc="segmenting", unit="doc", total=len(jobs), disable=not progress, file=sys.stderr)
    if workers <= 1 or len(jobs) <= 1:
        seg = segmenter or Segmenter(*(lexicons and (lexicons.userdict, lexicons.stopwords) or (None, None)))
        tables = []
        with tqdm(**bar) as pbar:
            for idx in _chunks(jobs, max(1, min(len(jobs), 32))):
                tables.append(seg.batch_table([jobs[i] for i in idx]))
                pbar.update(len(idx))
        return _to_frame(pa.concat_tables(tables) if tables else _empty_table())
    lp = lexicons or LexiconPaths()
    global _WORKER
    ctx = None
    initializer, initargs = _init_worker, (str(lp.userdict), str(lp.stopwords), os.getpid())
    if "fork" in mp.get_all_start_methods():
        # Build the tokenizer once here; forked workers inherit their own copy.
        _WORKER = segmenter if segmenter is not None and lexicons is None else Segmenter(lp.userdict, lp.stopwords)
        ctx, initializer, initargs = mp.get_context("fork"), die_with_parent, (os.getpid(),)
    chunks = _chunks(jobs, min(len(jobs), workers * 4))
    tables = []
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=initializer, initargs=initargs) as ex:
            with tqdm(**bar) as pbar:
                for idx, table in zip(chunks, ex.map(_work, [[jobs[i] for i in c] for c in chunks])):
                    tables.append(table)
                    pbar.update(len(idx))
    finally:
        _WORKER = None
    return _to_frame(pa.concat_tables(tables))


def _empty_table() -> pa.Table:
    return pa.table({c: pa.array([], type=t) for c, t in _ARROW_TYPES.items()})


# --------------------------------------------------------------------------- audit


def audit(tokens: pd.DataFrame, sents: pd.DataFrame, terms: Iterable[str]) -> pd.DataFrame:
    """Lexicon terms occurring in the text that the segmenter split.

    An occurrence ``[s, e)`` of a term is split when a token boundary falls
    strictly inside it (a longer token containing it is fine).  Returns
    ``doc_id, sent_id, term, start, end, tokens``.
    """
    terms = sorted(set(terms), key=len, reverse=True)
    if not terms:
        return pd.DataFrame(columns=["doc_id", "sent_id", "term", "start", "end", "tokens"])
    rx = re.compile("(?=(" + "|".join(map(re.escape, terms)) + "))")
    boundaries: dict[str, set[int]] = {}
    for d, s in zip(tokens["doc_id"], tokens["start"]):
        boundaries.setdefault(d, set()).add(int(s))
    words: dict[str, dict[int, str]] = {}
    for d, s, w in zip(tokens["doc_id"], tokens["start"], tokens["word"]):
        words.setdefault(d, {})[int(s)] = w
    rows = []
    for d, sid, start, text in zip(sents["doc_id"], sents["sent_id"], sents["start"], sents["text"]):
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
