"""Segmentation and POS tagging with our lexicons → the ``tokens`` table.

Two engines give the same words, tags and offsets:

``rjieba`` (default)
    jieba-rs, compiled, through :func:`tifa.lexicon.lexicons.dictionary`: it finds the
    dictionary words (jieba's DAG and route, no HMM); runs of characters that
    are not dictionary words go through jieba.posseg's POS-HMM, run here as a
    vectorised Viterbi (:class:`PossegHMM`, numpy) and memoised.  The user
    dictionary's tags win over the main dictionary's.
``jieba``
    the pure-Python reference: our own ``jieba.Tokenizer`` and jieba.posseg's
    own Viterbi, exactly what ``jieba.posseg`` gives for the same dictionary.

Agreement of the two on ``../shared/corpus`` is measured by
``bench/agreement.py`` and listed in ``bench/RESULTS.md``.

``tokens`` rows: ``doc_id, sent_id, tok_id, word, pos, start, end, is_stop,
tag`` — ``start/end`` index ``documents.text``; the words of a sentence join
back into it; ``tag`` is the lexicon class (``formulation``, ``office``) of
dictionary terms.  Segmentation runs per sentence, across processes if asked
(one segmenter per worker, built once), with identical results.

:func:`tokens_of_files` is the tokens table straight from files (read, clean,
split, segment — a file per task across the workers), as an Arrow table: what
``tifa tokens`` prints, without pandas or the other stages' tables.
"""
from __future__ import annotations

import collections
import contextlib
import functools
import gc
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Sequence

import numpy as np
import pyarrow as pa

from ..config import DEFAULT_MAX_BYTES, LEXICONS
from ..errors import InputError
from ..frames import arrow_call, arrow_numbers, arrow_strings, column_lists
from ..lexicon.lexicons import dictionary, jieba_dir, load_stopwords, main_pos_table, posseg_model, quiet_jieba, reference_tokenizer
from ..procs import die_with_parent, fork_context
from ..progress import progress_bar

if TYPE_CHECKING:  # pandas is imported where a DataFrame is made: `tifa tokens` runs without it
    import pandas as pd

#: One document to segment: ``(doc_id, text, [(sent_id, start, end), …])``.
Job = tuple[str, str, Sequence[tuple[int, int, int]]]

TOKEN_COLUMNS = ["doc_id", "sent_id", "tok_id", "word", "pos", "start", "end", "is_stop", "tag"]
ENGINES = ("rjieba", "jieba")

# The same block splitting as jieba.posseg (HMM mode), so results agree exactly.
_RE_HAN = re.compile(r"([\u4E00-\u9FD5a-zA-Z0-9+#&\._]+)")
_RE_SKIP = re.compile(r"(\r\n|\s)")
_RE_NUM = re.compile(r"[\.0-9]+")
_RE_ENG = re.compile(r"[a-zA-Z0-9]+")
_RE_WORDLIKE = re.compile(r"[\w\u4e00-\u9fff]", re.U)
#: The characters of jieba's Han blocks outside U+4E00–U+9FD5 (``_RE_HAN``'s class).
_HAN_BLOCK_ASCII = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+#&._")
#: Characters jieba-rs puts in its Han blocks (or joins, \r\n) and jieba does not.
_RE_RS_EXTRA = re.compile(r"[%\-\r\u3400-\u4dbf\u9fd6-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
_RE_HAN_WORD = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&\._]+")
_RE_HAN_DETAIL = re.compile(r"([\u4E00-\u9FD5]+)")
_RE_SKIP_DETAIL = re.compile(r"([\.0-9]+|[a-zA-Z0-9]+)")
_MIN_FLOAT = -3.14e100


class PossegHMM:
    """jieba.posseg's Viterbi over its POS-HMM, vectorised with numpy.

    Gives exactly jieba's route, ties included: jieba takes ``max`` of
    ``(score, previous state)`` tuples, so among equal scores the greatest
    previous state wins; states are kept sorted, and the last maximum is taken.
    """

    def __init__(self, model: dict):
        trans = model["prob_trans"]
        self.states = sorted(trans)
        idx = {s: i for i, s in enumerate(self.states)}
        n = len(self.states)
        self.T = np.full((n, n), -np.inf)
        self.M = np.zeros((n, n), dtype=bool)
        for y0, row in trans.items():
            for y, p in row.items():
                self.T[idx[y0], idx[y]] = p
                self.M[idx[y0], idx[y]] = True
        self.has_next = self.M.any(axis=1)
        self.start = np.array([model["prob_start"][s] for s in self.states])
        self._emit_p = [model["prob_emit"].get(s, {}) for s in self.states]
        self._tab = model["char_state_tab"]
        self._idx = idx
        self._all = np.ones(n, dtype=bool)
        self._emit: dict[str, np.ndarray] = {}
        self._emit_all: dict[str, np.ndarray] = {}
        self._allowed: dict[str, np.ndarray] = {}
        self._cur_idx: dict[str, np.ndarray] = {}
        self._all_idx = np.arange(n)
        self._steps: dict[tuple[int, str], tuple] = {}
        #: per first character of a run: its states, their scores, their set, its best lone state
        self._first: dict[str, tuple[np.ndarray, np.ndarray, int, int]] = {}
        self._set_ids: dict[bytes, int] = {}
        #: per set of states: the states, and (made when a step first leaves the set) those with a
        #: successor, as positions in the set and as states, last first, and every state that can follow
        self._sets: list[np.ndarray] = []
        self._set_next: list[tuple | None] = []

    def _e(self, ch: str) -> np.ndarray:
        """Emission scores of ``ch`` for the states it may take (:meth:`_ok`); the others are
        left at the floor: a step reads them only through :meth:`_e_all`."""
        v = self._emit.get(ch)
        if v is None:
            if ch not in self._tab:
                return self._e_all(ch)
            v = np.full(len(self.states), _MIN_FLOAT)
            idx = self._cur(ch)
            v[idx] = [self._emit_p[i].get(ch, _MIN_FLOAT) for i in idx]
            self._emit[ch] = v
        return v

    def _e_all(self, ch: str) -> np.ndarray:
        """Emission scores of ``ch`` for every state."""
        v = self._emit_all.get(ch)
        if v is None:
            v = self._emit_all[ch] = np.array([e.get(ch, _MIN_FLOAT) for e in self._emit_p])
            if ch not in self._tab:
                self._emit[ch] = v
        return v

    def _ok(self, ch: str) -> np.ndarray:
        v = self._allowed.get(ch)
        if v is None:
            states = self._tab.get(ch)
            if states is None:
                v = self._all
            else:
                v = np.zeros(len(self.states), dtype=bool)
                v[[self._idx[s] for s in states]] = True
            self._allowed[ch] = v
        return v

    def _cur(self, ch: str) -> np.ndarray:
        c = self._cur_idx.get(ch)
        if c is None:
            c = self._cur_idx[ch] = self._ok(ch).nonzero()[0]
        return c

    def _step(self, sid: int, ch: str) -> tuple:
        """What one Viterbi step needs, given the previous step's states (set ``sid``) and the
        next character: they depend on the characters only, never on the scores, so they are
        computed once per pair (see :meth:`route` for the bound on memory)."""
        key = (sid, ch)
        got = self._steps.get(key)
        if got is not None:
            return got
        take, back, prev, expect = self._leaving(sid)
        nxt = (self._ok(ch) & expect).nonzero()[0]
        emit = self._e
        if not len(nxt):  # none of its states can follow: jieba takes every state that can
            nxt, emit = expect.nonzero()[0], self._e_all
            if not len(nxt):
                nxt = self._all_idx
        got = (take, back, nxt, self.T[prev[:, None], nxt], emit(ch)[nxt], self._set_id(nxt))
        self._steps[key] = got
        return got

    _STEP_CAP = 50_000  #: memoised steps (and state sets) kept at most: a few tens of MB

    def _set_id(self, states: np.ndarray) -> int:
        key = states.tobytes()
        sid = self._set_ids.get(key)
        if sid is None:
            sid = self._set_ids[key] = len(self._sets)
            self._sets.append(states)
            self._set_next.append(None)
        return sid

    def _leaving(self, sid: int) -> tuple:
        """How a step leaves set ``sid``: which of its scores to take (a reversing view where
        every state has a successor), their positions in the set, their states (both last
        first: ``argmax`` then finds jieba's last maximum first), and every state that can follow."""
        got = self._set_next[sid]
        if got is None:
            states = self._sets[sid]
            keep = self.has_next[states].nonzero()[0][::-1].copy()
            take = slice(None, None, -1) if len(keep) == len(states) else keep
            got = self._set_next[sid] = (take, keep, states[keep], np.logical_or.reduce(self.M[states[keep]], axis=0))
        return got

    def route(self, obs: str) -> list[tuple[str, str]]:
        """The ``(BMES, tag)`` state of every character of ``obs`` (a run of Han characters)."""
        if len(self._steps) >= self._STEP_CAP or len(self._sets) >= self._STEP_CAP:
            # a text of ever new pairs: start the memo again (between runs, never inside one)
            self._steps.clear()
            self._set_ids.clear()
            self._sets.clear()
            self._set_next.clear()
            self._first.clear()
        first = self._first.get(obs[0])
        if first is None:
            cur = self._cur(obs[0])
            v = self.start[cur] + self._e(obs[0])[cur]
            first = self._first[obs[0]] = (cur, v, self._set_id(cur), int(cur[len(cur) - 1 - int(v[::-1].argmax())]))
        cur, v, sid, lone = first
        if len(obs) == 1:
            return [self.states[lone]]
        curs, backs = [cur], []
        step = self._step
        for ch in obs[1:]:
            take, back, cur, trans, emit, sid = step(sid, ch)
            scores = v[take][:, None] + trans  # jieba's order: (V + trans) + emit
            scores += emit
            k = scores.argmax(axis=0)  # rows last first: jieba's last maximum
            v = scores.max(axis=0)
            curs.append(cur)
            backs.append(back[k])  # each state's best previous state, as its position in the set
        pos = len(cur) - 1 - int(v[::-1].argmax())
        route = [0] * len(obs)
        for i in range(len(obs) - 1, 0, -1):
            route[i] = curs[i][pos]
            pos = backs[i - 1][pos]
        route[0] = curs[0][pos]
        return [self.states[s] for s in route]


@contextlib.contextmanager
def gc_paused():
    """Pause the cycle collector (re-enabled after, if it was on)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


@functools.lru_cache(maxsize=1)
def posseg_hmm() -> PossegHMM:
    """The vectorised POS-HMM, built once per process (only when an unknown run needs it)."""
    return PossegHMM(posseg_model())


@functools.lru_cache(maxsize=1)
def _jieba_viterbi():
    """jieba.posseg's own Viterbi function (for the reference engine), loaded without
    importing ``jieba.posseg`` (whose import parses the whole dictionary)."""
    import importlib.util

    path = jieba_dir() / "posseg" / "viterbi.py"
    vspec = importlib.util.spec_from_file_location("_tifa_posseg_viterbi", path)
    mod = importlib.util.module_from_spec(vspec)
    vspec.loader.exec_module(mod)
    return mod.viterbi


def _states_to_words(blk: str, pos_list: Sequence[tuple[str, str]], out: list[tuple[str, str]]) -> None:
    """jieba.posseg's ``__cut``: words and tags from the HMM's per-character states."""
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


@dataclass(frozen=True)
class LexiconPaths:
    userdict: Path = LEXICONS / "userdict.txt"
    stopwords: Path = LEXICONS / "stopwords.txt"


class Segmenter:
    """Words, POS tags and offsets with the project lexicons (engine ``rjieba`` or ``jieba``)."""

    def __init__(
        self,
        userdict: Path | None = None,
        stopwords: Path | None = None,
        *,
        engine: str = "rjieba",
        cache_dir: Path | None = None,
    ):
        if engine not in ENGINES:
            raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
        self.engine = engine
        self.dictionary = dictionary(userdict)
        self.entries = self.dictionary.entries
        self.stopwords: frozenset[str] = load_stopwords(stopwords)
        self.classes = self.dictionary.classes
        self._user_tags = self.dictionary.user_tags
        self._detail = functools.lru_cache(maxsize=500_000)(self._hmm_tag)
        self._info: dict[str, tuple[bool, str | None]] = {}
        if engine == "rjieba":
            self._tag_block = self.dictionary.compiled.tag
            self._has = self.dictionary.compiled.has_word
            self._route = lambda blk: posseg_hmm().route(blk)
            self._cut_block = self._cut_block_compiled
        else:
            self._init_reference(cache_dir)
            self._cut_block = self._cut_block_reference

    def _init_reference(self, cache_dir: Path | None) -> None:
        import jieba

        quiet_jieba()
        base = reference_tokenizer(cache_dir)
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
        viterbi, model = _jieba_viterbi(), posseg_model(cache_dir)
        args = (model["char_state_tab"], model["prob_start"], model["prob_trans"], model["prob_emit"])
        self._route = lambda blk: viterbi(blk, *args)[1]

    # -- tagging -------------------------------------------------------------

    def _hmm_tag(self, buf: str) -> tuple[tuple[str, str], ...]:
        """jieba.posseg's HMM on a run of unknown characters (its ``__cut_detail``)."""
        out: list[tuple[str, str]] = []
        for blk in _RE_HAN_DETAIL.split(buf):
            if not blk:
                continue
            if _RE_HAN_DETAIL.match(blk):
                _states_to_words(blk, self._route(blk), out)
            else:
                for x in _RE_SKIP_DETAIL.split(blk):
                    if x:
                        out.append((x, "m" if _RE_NUM.match(x) else "eng" if _RE_ENG.match(x) else "x"))
        return tuple(out)

    def _cut_block_compiled(self, blk: str, out: list[tuple[str, str]]) -> None:
        """One of jieba's Han blocks: it holds only characters :meth:`_tag_whole` never gives up on."""
        out.extend(self._tag_whole(blk))

    def _flush_compiled(self, buf: list[tuple[str, str]], out: list[tuple[str, str]]) -> None:
        if len(buf) == 1 and len(buf[0][0]) == 1:
            out.append((buf[0][0], self._single_tag(*buf[0])))
            return
        text = "".join(w for w, _ in buf)
        if not self._has(text):
            out.extend(self._detail(text))
        else:
            out.extend((ch, self._single_tag(ch, self.dictionary.compiled.tag(ch, False)[0][1])) for ch in text)

    def _single_tag(self, ch: str, t: str) -> str:
        """posseg's tag of a lone character: its dictionary tag, else ``x``."""
        if ch in self._user_tags:
            return self._user_tags[ch]
        if ch.isascii() and not self._has(ch):
            return "x"  # jieba-rs calls a lone digit `m` and a letter `eng`; posseg says `x`
        return t

    def _cut_block_reference(self, blk: str, out: list[tuple[str, str]]) -> None:
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
                    self._flush_reference(buf, out, wt, freq)
                    buf = ""
                w = blk[x:y]
                out.append((w, wt.get(w, "x")))
            x = y
        if buf:
            self._flush_reference(buf, out, wt, freq)

    def _flush_reference(self, buf: str, out: list, wt: dict, freq: dict) -> None:
        if len(buf) == 1:
            out.append((buf, wt.get(buf, "x")))
        elif not freq.get(buf):
            out.extend(self._detail(buf))
        else:
            out.extend((ch, wt.get(ch, "x")) for ch in buf)

    def tag(self, text: str) -> list[tuple[str, str]]:
        """``[(word, pos), …]`` as ``jieba.posseg`` cuts ``text`` with this dictionary."""
        if self.engine == "rjieba":
            fast = self._tag_whole(text)
            if fast is not None:
                return fast
        return self._tag_blocks(text)

    def _tag_whole(self, text: str) -> list[tuple[str, str]] | None:
        """The compiled engine on a whole sentence: one call to jieba-rs, then posseg's rules.

        jieba-rs splits text into blocks a little differently from jieba
        (``%``, ``-`` and rarer CJK ranges count as Han to it).  Words made of
        jieba's Han-block characters, and single characters, are the same
        either way; a longer word with any other character means the blocks
        matter, and the caller cuts block by block instead (None).
        """
        out: list[tuple[str, str]] = []
        buf: list[tuple[str, str]] = []
        user, has, flush = self._user_tags, self._has, self._flush_compiled
        # without these characters every longer word is made of jieba's Han-block characters
        plain = _RE_RS_EXTRA.search(text) is None
        for pair in self._tag_block(text, False):  # jieba-rs's own (word, tag) pairs, kept where unchanged
            w = pair[0]
            if len(w) == 1:
                if "\u4e00" <= w <= "\u9fd5" or w in _HAN_BLOCK_ASCII:
                    buf.append(pair)
                    continue
                word = pair if pair[1] == "x" else (w, "x")  # outside jieba's Han blocks: posseg says x
            elif not plain and not _RE_HAN_WORD.fullmatch(w):
                if not w.isspace():
                    return None
                word = None  # spaces: below
            elif w.isascii() and not has(w):
                buf.append(pair)
                continue
            else:
                tag = user.get(w)
                word = pair if tag is None else (w, tag)
            if buf:  # the single characters before this word
                first = buf[0]
                if len(buf) == 1 and len(first[0]) == 1 and first[0] > "\x7f":  # a lone Han character
                    tag = user.get(first[0])
                    out.append(first if tag is None else (first[0], tag))
                else:
                    flush(buf, out)
                buf = []
            if word is not None:
                out.append(word)
            else:
                out.extend([(w, "x")] if w == "\r\n" else ((ch, "x") for ch in w))  # posseg keeps \r\n whole
        if buf:
            flush(buf, out)
        return out

    def _tag_blocks(self, text: str) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        cut_block = self._cut_block
        for blk in _RE_HAN.split(text):
            if not blk:
                continue
            if _RE_HAN.match(blk):
                cut_block(blk, out)
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

    def batch_table(self, jobs: Sequence[Job]) -> pa.Table:
        """Tokens of several documents as an Arrow table (see :data:`TOKEN_COLUMNS`).

        ``jobs`` are ``(doc_id, text, [(sent_id, start, end), …])``.  Python's cycle
        collector is paused meanwhile: the millions of small tuples made here hold no
        cycles, and its passes over them made time grow faster than the text.
        """
        with gc_paused():
            return self._batch_table(jobs)

    #: Tokens collected as Python objects before they are turned into Arrow columns: bounds the
    #: memory of one huge document (millions of words) to that of its table.
    CHUNK_TOKENS = 500_000
    #: A sentence's (word, tag) pairs turned into words and tags at a time.
    PAIRS_AT_ONCE = 65_536

    def _batch_table(self, jobs: Sequence[Job]) -> pa.Table:
        # Python collects the words and tags; offsets, ids and per-word flags are built in bulk,
        # a chunk of sentences at a time
        doc_ids = [doc_id for doc_id, _, _ in jobs]
        chunks: list[pa.Table] = []
        words: list[str] = []
        pos: list[str] = []
        # runs of a sentence's words: (doc index, sent_id, start, tokens before it in its doc, count)
        sents: list[tuple[int, int, int, int, int]] = []
        tags: dict[str, str] = {}
        for d, (_, text, sentences) in enumerate(jobs):
            done = 0  # tokens of this document so far
            for sent_id, s, e in sentences:
                pairs = self.tag(text[s:e])
                # taken a slice at a time from the end, each slice's tuples freed as it goes, and a
                # table made whenever enough words are in: a sentence without punctuation can be
                # millions of words, and memory stays that of a chunk
                pairs.reverse()
                at = s  # where the next slice's words start in the text
                while pairs:
                    part = pairs[-self.PAIRS_AT_ONCE :]
                    del pairs[-self.PAIRS_AT_ONCE :]
                    part.reverse()
                    part_words, part_pos = zip(*part)
                    del part
                    words.extend(part_words)
                    pos.extend(map(tags.setdefault, part_pos, part_pos))  # one string per tag, not per word
                    sents.append((d, sent_id, at, done, len(part_words)))
                    done += len(part_words)
                    at += sum(map(len, part_words))
                    del part_words, part_pos
                    if len(words) >= self.CHUNK_TOKENS:
                        chunks.append(self._chunk_table(words, pos, sents, doc_ids))
                        words, pos, sents = [], [], []
        if words:
            chunks.append(self._chunk_table(words, pos, sents, doc_ids))
        if not chunks:
            return _empty_table()
        return chunks[0] if len(chunks) == 1 else pa.concat_tables(chunks)  # chunked: no second copy

    def _chunk_table(self, words: list[str], pos: list[str], sents: list[tuple[int, int, int, int, int]], doc_ids: list[str]) -> pa.Table:
        """The tokens table of runs of words: ``sents`` rows say where each run sits (a sentence,
        or a slice of a huge one)."""
        lengths = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
        word_arr = arrow_strings(words, lengths=lengths)
        doc_idx, sent_ids, sent_starts, before, counts = (np.asarray(c, dtype=np.int64) for c in zip(*sents))
        ends_all = np.cumsum(lengths)
        first = np.concatenate([[0], np.cumsum(counts)[:-1]])  # each run's first token
        start = np.repeat(sent_starts - (ends_all[first] - lengths[first]), counts) + ends_all - lengths
        tok_id = np.repeat(before - first, counts) + np.arange(len(words))
        encoded = arrow_call("dictionary_encode", word_arr)
        infos = [self.word_info(w) for w in encoded.dictionary.to_pylist()]
        idx = encoded.indices
        stop = arrow_call("take", arrow_numbers(np.fromiter((i[0] for i in infos), dtype=bool, count=len(infos))), idx)
        tag = arrow_call("take", arrow_strings([i[1] for i in infos]), idx)
        return pa.table({
            "doc_id": arrow_call("take", arrow_strings(doc_ids), arrow_numbers(np.repeat(doc_idx, counts).astype(np.int32))),
            "sent_id": arrow_numbers(np.repeat(sent_ids, counts).astype(np.int32)),
            "tok_id": arrow_numbers(tok_id.astype(np.int32)),
            "word": word_arr,
            "pos": arrow_strings(pos),
            "start": arrow_numbers(start),
            "end": arrow_numbers(start + lengths),
            "is_stop": stop,
            "tag": tag,
        })


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
def _cached_segmenter(userdict: str, stopwords: str, engine: str) -> Segmenter:
    return Segmenter(Path(userdict), Path(stopwords), engine=engine)


def shared_segmenter(lexicons: LexiconPaths | None = None, engine: str = "rjieba") -> Segmenter:
    """One segmenter per process, lexicon set and engine, built on first use."""
    lp = lexicons or LexiconPaths()
    return _cached_segmenter(str(lp.userdict), str(lp.stopwords), engine)


# --------------------------------------------------------------------------- parallel

_WORKER: Segmenter | None = None


def _init_worker(userdict: str | None, stopwords: str | None, engine: str, parent: int | None = None) -> None:
    global _WORKER
    die_with_parent(parent)
    _WORKER = Segmenter(Path(userdict) if userdict else None, Path(stopwords) if stopwords else None, engine=engine)


def _work(jobs: list[Job]) -> pa.Table:
    assert _WORKER is not None
    return _WORKER.batch_table(jobs)


def _jobs(docs: pd.DataFrame, sents: pd.DataFrame) -> list[Job]:
    by_doc: dict[str, list[tuple[int, int, int]]] = {}
    for d, i, s, e in zip(*column_lists(sents, "doc_id", "sent_id", "start", "end")):
        by_doc.setdefault(d, []).append((i, s, e))
    return [(d, t, by_doc.get(d, [])) for d, t in zip(*column_lists(docs, "doc_id", "text"))]


def tokens_table(docs: pd.DataFrame, sents: pd.DataFrame, *, segmenter: Segmenter | None = None) -> pa.Table:
    """The tokens of ``docs`` as an Arrow table, in this process (what the build writes as is)."""
    seg = segmenter or shared_segmenter()
    return seg.batch_table(_jobs(docs, sents)) if len(docs) else _empty_table()


def _to_frame(table: pa.Table) -> pd.DataFrame:
    df = table.to_pandas()
    return df[TOKEN_COLUMNS]


def _chunks(jobs: Sequence[Job], n: int) -> list[list[int]]:
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
    engine: str = "rjieba",
) -> pd.DataFrame:
    """The tokens table of ``docs`` (one segmenter per worker process when ``workers > 1``)."""
    jobs = _jobs(docs, sents)
    bar = dict(desc="segmenting", unit="doc", total=len(jobs), disable=not progress)
    if workers <= 1 or len(jobs) <= 1:
        seg = _local_segmenter(segmenter, lexicons, engine)
        tables = []
        with progress_bar(**bar) as pbar:
            for idx in _chunks(jobs, max(1, min(len(jobs), 32))):
                tables.append(seg.batch_table([jobs[i] for i in idx]))
                pbar.update(len(idx))
        return _to_frame(pa.concat_tables(tables) if tables else _empty_table())
    chunks = _chunks(jobs, min(len(jobs), workers * 4))
    tables = []
    with _pool(workers, segmenter=segmenter, lexicons=lexicons, engine=engine) as ex, progress_bar(**bar) as pbar:
        for idx, table in zip(chunks, ex.map(_work, [[jobs[i] for i in c] for c in chunks])):
            tables.append(table)
            pbar.update(len(idx))
    return _to_frame(pa.concat_tables(tables))


def _local_segmenter(segmenter: Segmenter | None, lexicons: LexiconPaths | None, engine: str) -> Segmenter:
    """The segmenter given, else one for ``lexicons`` (default: the project's) in this process."""
    if segmenter is not None:
        return segmenter
    return Segmenter(lexicons.userdict if lexicons else None, lexicons.stopwords if lexicons else None, engine=engine)


@contextlib.contextmanager
def _pool(workers: int, *, segmenter: Segmenter | None, lexicons: LexiconPaths | None, engine: str):
    """Worker processes with one segmenter each: built here once and inherited where processes
    fork, else built by each worker as it starts."""
    from concurrent.futures import ProcessPoolExecutor  # here: a run in one process never needs it

    lp = lexicons or LexiconPaths()
    global _WORKER
    ctx = fork_context()
    initializer, initargs = _init_worker, (str(lp.userdict), str(lp.stopwords), engine, os.getpid())
    if ctx is not None:
        _WORKER = segmenter if segmenter is not None and lexicons is None else Segmenter(lp.userdict, lp.stopwords, engine=engine)
        initializer, initargs = die_with_parent, (os.getpid(),)
    ex = ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=initializer, initargs=initargs)
    try:
        yield ex
    finally:
        _WORKER = None
        # the results are in: the workers are told to stop and exit in the background, while this
        # process goes on (waiting for them took 5-15 ms)
        ex.shutdown(wait=False, cancel_futures=True)


# --------------------------------------------------------------------------- straight from files

def file_jobs(path: Path, source: str, *, max_bytes: int | None = DEFAULT_MAX_BYTES) -> tuple[list[Job], tuple[str, ...]]:
    """The segmenting jobs of one file's documents, and its reading warnings: the same
    documents and sentences as the corpus tables (``tifa.corpus.tables.process_file``) give."""
    # here: cleaning's modules (their patterns take ~30 ms to compile) load only where files are
    # read, in the process reading them while this one loads the dictionary
    from ..text.documents import iter_sentences, read_pieces

    fp = read_pieces(path, source=source, max_bytes=max_bytes)
    jobs = [(p.doc_id, p.text, [(i, s, e) for i, (_, s, e) in enumerate(iter_sentences(p.text))]) for p in fp.pieces]
    return jobs, fp.warnings


#: What a worker may make of a document's tokens table before sending it back (its csv, say).
Render = Callable[[pa.Table], object]
#: What a file gives: ``[(doc_id, its tokens table, or what ``render`` made of it), …]``,
#: the file's error if it could not be read, its reading warnings.
FileTokens = tuple[list[tuple[str, object]], InputError | None, tuple[str, ...]]


#: What reading a file gives: its segmenting jobs (see :func:`file_jobs`), its error if it could
#: not be read, its reading warnings.
ReadFile = tuple[list[Job], InputError | None, tuple[str, ...]]


def _read_task(task: tuple[Path, str, int | None]) -> ReadFile:
    """``(path, source, max_bytes)``: what reading the file gives."""
    path, source, max_bytes = task
    try:
        jobs, warnings = file_jobs(path, source, max_bytes=max_bytes)
    except InputError as err:
        return [], err, ()
    return jobs, None, warnings


def _tag_jobs(seg: Segmenter, jobs: list[Job], render: Render | None) -> list[tuple[str, object]]:
    docs = []
    for job in jobs:
        table = seg.batch_table([job])
        docs.append((job[0], render(table) if render is not None else table))
    return docs


def _file_tokens(seg: Segmenter, task: tuple[Path, str, int | None], render: Render | None) -> FileTokens:
    jobs, err, warnings = _read_task(task)
    return _tag_jobs(seg, jobs, render), err, warnings


def _file_work(task: tuple[Path, str, int | None], render: Render | None) -> FileTokens:
    assert _WORKER is not None
    return _file_tokens(_WORKER, task, render)


def _jobs_work(jobs: list[Job], render: Render | None) -> list[tuple[str, object]]:
    assert _WORKER is not None
    return _tag_jobs(_WORKER, jobs, render)


#: How much read-ahead the reading process may have sent before it waits for this one (the pipe's
#: buffer, where the system lets it grow): it runs while this process builds the dictionary.
READ_AHEAD_BYTES = 1 << 20


@contextlib.contextmanager
def _read_ahead(tasks: list[tuple[Path, str, int | None]]):
    """The files read, cleaned and split (:func:`_read_task` of each, in order) by a process of
    their own, started here: it needs no dictionary (cleaning asks :func:`word_table`), so it
    runs while this process builds one.  Yields an iterator of the results."""
    import fcntl

    ctx = fork_context()
    receive, send = ctx.Pipe(duplex=False)
    with contextlib.suppress(AttributeError, OSError):  # the default buffer (64 kB) where it cannot grow
        fcntl.fcntl(send.fileno(), fcntl.F_SETPIPE_SZ, READ_AHEAD_BYTES)
    reader = ctx.Process(target=_reader, args=(tasks, send, os.getpid()), name="tifa-reader", daemon=True)
    reader.start()
    send.close()
    try:
        yield (_received(receive) for _ in tasks)
    finally:
        receive.close()
        if reader.is_alive():
            reader.terminate()
        reader.join()


def _reader(tasks: list[tuple[Path, str, int | None]], send, parent: int) -> None:
    import signal

    die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops this one
    try:
        for task in tasks:
            try:
                got = _read_task(task)
            except Exception as exc:  # a failure that is not the file's (a bug, memory): raised over there
                send.send(exc)
                break
            send.send(got)
    except OSError:  # the parent stopped reading (it failed, or was interrupted): nothing to say
        pass
    finally:
        send.close()


def _received(receive) -> ReadFile:
    try:
        got = receive.recv()
    except EOFError:
        raise RuntimeError("the process reading the files ended early") from None
    if isinstance(got, BaseException):
        raise got
    return got


def documents_tokens(
    sources: Iterable[tuple[Path, str]],
    *,
    workers: int = 1,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    segmenter: Segmenter | None = None,
    lexicons: LexiconPaths | None = None,
    engine: str = "rjieba",
    progress: bool = False,
    render: Render | None = None,
) -> tuple[list, list[InputError], list[str]]:
    """The tokens of files (``(path, source)``, as :func:`tifa.read.files.iter_sources` gives), each
    read, cleaned, split and segmented, across ``workers`` processes.

    With several workers (where processes fork), one more process reads, cleans and splits
    the files, largest first, while this one builds the dictionary; each file's documents
    then go to a worker to be segmented.  Where processes do not fork, each worker does
    both, a file per task.

    Returns one tokens table per document in the corpus order (documents sorted by source,
    then id: the rows and ids of :func:`tokens_frame` on the corpus of the same files), or
    ``render(table)`` of each where ``render`` is given (a module-level function, made in
    the workers: the csv text of each, say); the unreadable files' errors; the reading warnings.
    """
    tasks = [(Path(f), src, max_bytes) for f, src in sources]
    bar = dict(desc="segmenting", unit="file", total=len(tasks), disable=not progress)
    results: list[FileTokens] = [([], None, ())] * len(tasks)
    with progress_bar(**bar) as pbar:
        if workers <= 1 or len(tasks) <= 1:
            seg = _local_segmenter(segmenter, lexicons, engine)
            for i, task in enumerate(tasks):
                results[i] = _file_tokens(seg, task, render)
                pbar.update(1)
        else:
            # largest files first, so that no worker is left with a big one at the end
            order = sorted(range(len(tasks)), key=lambda i: -_size(tasks[i][0]))
            pool = functools.partial(_pool, workers, segmenter=segmenter, lexicons=lexicons, engine=engine)
            pending: collections.deque = collections.deque()  # (file index, its future, its error, its warnings)

            def collect() -> None:
                i, done, err, warnings = pending.popleft()
                results[i] = (done.result(), err, warnings)
                pbar.update(1)

            if fork_context() is not None:
                with _read_ahead([tasks[i] for i in order]) as read, pool() as ex:  # reading starts first
                    for i, (jobs, err, warnings) in zip(order, read):
                        pending.append((i, ex.submit(_jobs_work, jobs, render), err, warnings))
                        if len(pending) > 2 * workers:  # a few files ahead of the workers, never every text at once
                            collect()
                    while pending:
                        collect()
            else:
                with pool() as ex:
                    for i, res in zip(order, ex.map(_file_work, [tasks[i] for i in order], [render] * len(order))):
                        results[i] = res
                        pbar.update(1)
    by_source = sorted(range(len(tasks)), key=lambda i: tasks[i][1])
    docs = sorted((doc for i in by_source for doc in results[i][0]), key=lambda doc: doc[0])  # stable
    errors = [err for _, err, _ in results if err is not None]
    warnings = [w for i in by_source for w in results[i][2]]  # as the corpus lists them
    return [made for _, made in docs], errors, warnings


def tokens_of_files(sources: Iterable[tuple[Path, str]], **kwargs) -> tuple[pa.Table, list[InputError], list[str]]:
    """The tokens table of files, with the errors and warnings (see :func:`documents_tokens`)."""
    tables, errors, warnings = documents_tokens(sources, **kwargs)
    tables = [t for t in tables if t.num_rows]
    return (pa.concat_tables(tables) if tables else _empty_table()), errors, warnings


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _empty_table() -> pa.Table:
    return pa.schema(list(_ARROW_TYPES.items())).empty_table()


# --------------------------------------------------------------------------- audit


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
