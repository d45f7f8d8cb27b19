"""jieba.posseg's POS-HMM for runs of characters the dictionary does not know.

Owns: :class:`PossegHMM` (posseg's Viterbi, vectorised with numpy and memoised),
:func:`posseg_hmm` (one per process), :func:`jieba_viterbi` (posseg's own Viterbi, for the
reference engine), and :func:`cut_detail` (posseg's ``__cut_detail``: a run of unknown
characters → words and tags, given either Viterbi).  Must not touch: dictionaries, sentences,
tables — it sees one run of characters at a time and knows nothing of where it came from.

Fast path: the vectorised Viterbi gives exactly jieba's route, ties included (``bench/agreement.py``:
tags 0.99996, every difference from the dictionaries, none from the HMM).  It is part of the
compiled engine's measured speed-up (``bench/RESULTS.md``, realtext: ``tifa tokens -f csv`` on the 52
work reports 2.27 s against ``jieba.posseg``'s 32.73 s, 14.2×); no benchmark times it apart from
the rest of that engine.
"""
from __future__ import annotations

import functools
import re
from typing import Callable, Sequence

import numpy as np

from ..lexicon.lexicons import jieba_dir, posseg_model

#: jieba.posseg's patterns for the pieces of a run that are not Han characters.
RE_NUM = re.compile(r"[\.0-9]+")
RE_ENG = re.compile(r"[a-zA-Z0-9]+")
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


@functools.lru_cache(maxsize=1)
def posseg_hmm() -> PossegHMM:
    """The vectorised POS-HMM, built once per process (only when an unknown run needs it)."""
    return PossegHMM(posseg_model())


@functools.lru_cache(maxsize=1)
def jieba_viterbi():
    """jieba.posseg's own Viterbi function (for the reference engine), loaded without
    importing ``jieba.posseg`` (whose import parses the whole dictionary)."""
    import importlib.util

    path = jieba_dir() / "posseg" / "viterbi.py"
    vspec = importlib.util.spec_from_file_location("_tifa_posseg_viterbi", path)
    mod = importlib.util.module_from_spec(vspec)
    vspec.loader.exec_module(mod)
    return mod.viterbi


def states_to_words(blk: str, pos_list: Sequence[tuple[str, str]], out: list[tuple[str, str]]) -> None:
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



def cut_detail(buf: str, route: Callable[[str], Sequence[tuple[str, str]]]) -> tuple[tuple[str, str], ...]:
    """jieba.posseg's HMM on a run of unknown characters (its ``__cut_detail``), ``route`` giving
    the ``(BMES, tag)`` state of each character of a Han block."""
    out: list[tuple[str, str]] = []
    for blk in _RE_HAN_DETAIL.split(buf):
        if not blk:
            continue
        if _RE_HAN_DETAIL.match(blk):
            states_to_words(blk, route(blk), out)
        else:
            for x in _RE_SKIP_DETAIL.split(blk):
                if x:
                    out.append((x, "m" if RE_NUM.match(x) else "eng" if RE_ENG.match(x) else "x"))
    return tuple(out)
