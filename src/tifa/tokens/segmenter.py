"""The segmenter: words, POS tags and offsets of sentences with our lexicons → tokens tables.

Owns :class:`Segmenter` and its two engines, which give the same words, tags and offsets:

``rjieba`` (default)
    jieba-rs, compiled, through :func:`tifa.lexicon.lexicons.dictionary`: it finds the
    dictionary words (jieba's DAG and route, no HMM); runs of characters that
    are not dictionary words go through jieba.posseg's POS-HMM
    (:mod:`tifa.tokens.posseg`), memoised.  The user dictionary's tags win over the
    main dictionary's.
``jieba``
    the pure-Python reference: our own ``jieba.Tokenizer`` and jieba.posseg's
    own Viterbi, exactly what ``jieba.posseg`` gives for the same dictionary.

Also the tokens table's columns and Arrow types (:data:`TOKEN_COLUMNS`, :func:`empty_table`),
the project's lexicon paths (:class:`LexiconPaths`) and one segmenter per process
(:func:`shared_segmenter`).  Must not touch: files, documents or sentence splitting (it is
given ``(doc_id, text, sentences)`` jobs), processes (:mod:`tifa.tokens.workers`), pandas.

Fast paths, and what ``bench/RESULTS.md`` shows they buy:

* the compiled engine, one call to jieba-rs per sentence (:meth:`Segmenter._tag_whole`; block by
  block only where jieba-rs's blocks differ from jieba's): realtext, ``tifa tokens -f csv`` with 1
  worker against ``jieba.posseg`` on the same files, 4.06× on the 12 shared reports (0.79 s
  against 3.35 s) and 14.2× on the 52 work reports (2.27 s against 32.73 s); bench/segment.py,
  22.8× and 6.0× against ``jieba.posseg.lcut`` — with the same spans (agreement 1.00000) and tags
  (0.99996).  No benchmark separates the one call per sentence from the rest of that engine.
* tables built in bulk (offsets, ids and flags with numpy, one lexicon look-up per distinct word,
  a chunk of 500,000 tokens at a time): part of the same figures; the chunks bound memory
  (pathological, round 5: one sentence of 8 million characters peaks at 1.03 GB, round 4 1.19 GB).
* the cycle collector paused while tuples are made (:func:`gc_paused`): without it the tokens stage
  grew faster than its input (pathological, round 2); now 4× the input takes 3.78–4.04× the time.
"""
from __future__ import annotations

import contextlib
import functools
import gc
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np
import pyarrow as pa

from ..config import LEXICONS
from ..frames import arrow_call, arrow_numbers, arrow_strings
from ..lexicon.lexicons import dictionary, load_stopwords, main_pos_table, posseg_model, quiet_jieba, reference_tokenizer
from .posseg import RE_ENG, RE_NUM, cut_detail, jieba_viterbi, posseg_hmm

#: One document to segment: ``(doc_id, text, [(sent_id, start, end), …])``.
Job = tuple[str, str, Sequence[tuple[int, int, int]]]

TOKEN_COLUMNS = ["doc_id", "sent_id", "tok_id", "word", "pos", "start", "end", "is_stop", "tag"]
ENGINES = ("rjieba", "jieba")

# The same block splitting as jieba.posseg (HMM mode), so results agree exactly.
_RE_HAN = re.compile(r"([\u4E00-\u9FD5a-zA-Z0-9+#&\._]+)")
_RE_SKIP = re.compile(r"(\r\n|\s)")
_RE_WORDLIKE = re.compile(r"[\w\u4e00-\u9fff]", re.U)
#: The characters of jieba's Han blocks outside U+4E00–U+9FD5 (``_RE_HAN``'s class).
_HAN_BLOCK_ASCII = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+#&._")
#: Characters jieba-rs puts in its Han blocks (or joins, \r\n) and jieba does not.
_RE_RS_EXTRA = re.compile(r"[%\-\r\u3400-\u4dbf\u9fd6-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
_RE_HAN_WORD = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&\._]+")


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
        viterbi, model = jieba_viterbi(), posseg_model(cache_dir)
        args = (model["char_state_tab"], model["prob_start"], model["prob_trans"], model["prob_emit"])
        self._route = lambda blk: viterbi(blk, *args)[1]

    # -- tagging -------------------------------------------------------------

    def _hmm_tag(self, buf: str) -> tuple[tuple[str, str], ...]:
        """jieba.posseg's HMM on a run of unknown characters (its ``__cut_detail``)."""
        return cut_detail(buf, self._route)

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
                    if RE_NUM.match(ch):
                        out.append((ch, "m"))
                    elif RE_ENG.match(x):
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
            return empty_table()
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


ARROW_TYPES = {
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


def empty_table() -> pa.Table:
    """A tokens table without rows."""
    return pa.schema(list(ARROW_TYPES.items())).empty_table()
