"""Lexicons: UTF-8 data files in ``data/lexicons/``, loaded and verified.

``userdict.txt`` — a jieba user dictionary, one entry per line::

    word [freq] [tag]

separated by single spaces (jieba's own format: ``jieba.load_userdict`` reads
it unchanged).  Tags are jieba POS tags; two custom tags name our lexicon
classes: ``tf`` (提法, a political formulation) and ``bg`` (办公, an
office-work term).  No comments, no BOM, no ``\\r``.

``stopwords.txt`` — one word per line; ``#`` starts a comment.  Function
words, pronouns, list markers; never the genre's theme words.

``formulations.tsv`` — the knowledge base of formulations (see its header).

Every loader checks every line and raises :class:`LexiconError` naming the
file and line of the first bad one.

This module is also the house's one owner of *dictionaries*.  Every stage
that needs to know whether something is a word, or how jieba tags it, asks
:func:`dictionary` — jieba's main dictionary plus our user dictionary in a
compiled jieba (``rjieba``, the binding of jieba-rs: same algorithm, same
dictionary), loaded once per process and only when first asked; whether a text is a
word can also be asked of :func:`word_table`, the same words as a sorted table
that loads in milliseconds (cleaning asks it).  The pure
Python reference engine (``--engine jieba``) gets its tokenizer, POS table and
POS-HMM model here too (:func:`reference_tokenizer`, :func:`main_pos_table`,
:func:`posseg_model`), each cached in the project's ``.cache/``.
"""
from __future__ import annotations

import dataclasses

import functools
import logging
import marshal
import re
from dataclasses import dataclass
from pathlib import Path

from ..atomic import atomic_path
from ..config import CACHE, LEXICONS
from ..errors import LexiconError

#: Custom POS tags of the user dictionary and the lexicon class they mark.
TAG_CLASSES = {"tf": "formulation", "bg": "office"}

_ENTRY_RE = re.compile(r"^(?P<word>[^\s]+)(?: (?P<freq>[0-9]+))?(?: (?P<tag>[a-zA-Z]+))?$")


@dataclass(frozen=True)
class DictEntry:
    word: str
    freq: int | None
    tag: str | None
    line: int

    @property
    def lexicon_class(self) -> str | None:
        return TAG_CLASSES.get(self.tag or "")


def _read_lines(path: Path) -> list[str]:
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        raise LexiconError(f"{path}:1: starts with a byte-order mark (BOM); save as UTF-8 without BOM")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise LexiconError(f"{path}:{line}: not UTF-8") from None
    lines = text.split("\n")
    for i, line in enumerate(lines, start=1):
        if "\r" in line:
            raise LexiconError(f"{path}:{i}: contains a carriage return (\\r); use Unix line ends")
        if "\ufeff" in line:
            raise LexiconError(f"{path}:{i}: contains a byte-order mark (BOM)")
    return lines


def load_userdict(path: Path | None = None) -> list[DictEntry]:
    """Read and verify a jieba user dictionary."""
    path = Path(path or LEXICONS / "userdict.txt")
    entries: list[DictEntry] = []
    seen: dict[str, int] = {}
    for i, line in enumerate(_read_lines(path), start=1):
        if not line:
            continue
        m = _ENTRY_RE.match(line)
        if not m:
            raise LexiconError(f"{path}:{i}: malformed entry {line!r}; expected 'word [freq] [tag]' separated by single spaces")
        word = m.group("word")
        if word in seen:
            raise LexiconError(f"{path}:{i}: duplicate entry {word!r} (first on line {seen[word]})")
        seen[word] = i
        freq = int(m.group("freq")) if m.group("freq") else None
        if freq is not None and freq <= 0:
            raise LexiconError(f"{path}:{i}: frequency must be positive")
        entries.append(DictEntry(word=word, freq=freq, tag=m.group("tag"), line=i))
    if not entries:
        raise LexiconError(f"{path}: no entries")
    return entries


def load_stopwords(path: Path | None = None) -> frozenset[str]:
    """Read and verify a stopword list (one word per line, ``#`` comments)."""
    path = Path(path or LEXICONS / "stopwords.txt")
    words: set[str] = set()
    for i, line in enumerate(_read_lines(path), start=1):
        word = line.split("#", 1)[0].strip()
        if not word:
            continue
        if re.search(r"\s", word):
            raise LexiconError(f"{path}:{i}: one word per line, got {word!r}")
        words.add(word)
    return frozenset(words)


@dataclass(frozen=True)
class Known:
    formula: str
    number: int
    head: str
    members: tuple[str, ...]
    source: str
    first_year: int | None = None  #: first central government work report that uses it
    #: every wording of each member, the official one first (``互相尊重主权和领土完整/互相尊重领土主权``)
    wordings: tuple[tuple[str, ...], ...] = ()
    #: where this sense applies: a regular expression the words around the term must match (empty: anywhere)
    context: str = ""
    #: the years this sense is in use, first and last (None: any year)
    years: tuple[int, int] | None = None
    #: the other senses or versions of the term (rows of the same formula after the first), most specific first
    senses: tuple["Known", ...] = ()


def load_known(path: Path | None = None) -> dict[str, Known]:
    """Read ``formulations.tsv`` (see its header for the format).

    Parsed once per file version (path, size, modification time); each call gets its own dict.
    """
    path = Path(path or LEXICONS / "formulations.tsv")
    st = path.stat()
    return dict(_parse_known(str(path), st.st_size, st.st_mtime_ns))


@functools.lru_cache(maxsize=8)
def _parse_known(path_s: str, _size: int, _mtime_ns: int) -> dict[str, Known]:
    path = Path(path_s)
    out: dict[str, Known] = {}
    for i, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if "\r" in line:
            raise LexiconError(f"{path}:{i}: contains a carriage return (\\r)")
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) not in (5, 6, 7, 8) or not cols[1].isdigit():
            raise LexiconError(
                f"{path}:{i}: expected 5 to 8 tab-separated columns: formula, number, head, members, source[, first_year[, context[, years]]]"
            )
        first = cols[5].strip() if len(cols) >= 6 else ""
        if first and not (first.isdigit() and len(first) == 4):
            raise LexiconError(f"{path}:{i}: first_year {first!r} is not a year")
        context = cols[6].strip() if len(cols) >= 7 else ""
        if context:
            try:
                re.compile(context)
            except re.error as e:
                raise LexiconError(f"{path}:{i}: context {context!r} is not a regular expression ({e})") from None
        years = None
        if len(cols) == 8 and cols[7].strip():
            m = re.fullmatch(r"(\d{4})?-(\d{4})?", cols[7].strip())
            if not m or not (m.group(1) or m.group(2)):
                raise LexiconError(f"{path}:{i}: years {cols[7]!r} is not FROM-TO (2018-, -2017, 2024-2025)")
            years = (int(m.group(1) or 0), int(m.group(2) or 9999))
        if cols[0] in out and not (context or years):
            raise LexiconError(f"{path}:{i}: {cols[0]} is listed twice (a second sense needs a context or years)")
        wordings = tuple(tuple(w for w in m.split("/") if w) for m in cols[3].split("|") if m)
        if any(not w for w in wordings):
            raise LexiconError(f"{path}:{i}: {cols[0]} has an empty member wording")
        members = tuple(w[0] for w in wordings)
        if members and len(members) != int(cols[1]):
            raise LexiconError(f"{path}:{i}: {cols[0]} has {len(members)} members, number says {cols[1]}")
        k = Known(cols[0], int(cols[1]), cols[2], members, cols[4], int(first) if first else None, wordings, context, years)
        if cols[0] in out:  # another sense or version of a term listed above
            main = out[cols[0]]
            out[cols[0]] = dataclasses.replace(main, senses=main.senses + (k,))
        else:
            out[cols[0]] = k
    return out


def known_sense(k: Known, around: str, year: int | None = None) -> Known | None:
    """The sense of ``k`` that the words ``around`` the term and the document's ``year`` agree with:
    a sense whose context matches first, then the first whose years hold ``year``; None when
    none fits (the knowledge base then says nothing about the members)."""
    candidates = sorted((k, *k.senses), key=lambda s: (not s.context, s.years is None))
    for s in candidates:
        if s.context and not re.search(s.context, around):
            continue
        if s.years and year is not None and not (s.years[0] <= year <= s.years[1]):
            continue
        return s
    return None


# --------------------------------------------------------------------------- dictionaries


class Dictionary:
    """jieba's main dictionary plus a user dictionary, compiled (see the module docstring).

    ``compiled`` is the ``rjieba.Jieba``; ``user_tags`` the user dictionary's
    tags, which win over the main dictionary's (``rjieba.add_word`` keeps the
    main dictionary's tag of a word it already has); ``classes`` the lexicon
    class (``formulation``, ``office``) of user words.
    """

    def __init__(self, userdict: Path | None = None):
        self.entries: list[DictEntry] = load_userdict(userdict)
        self.compiled = _rjieba_class()()
        for e in self.entries:
            self.compiled.add_word(e.word, e.freq, e.tag)
        self.user_tags: dict[str, str] = {e.word: e.tag for e in self.entries if e.tag}
        self.classes: dict[str, str] = {e.word: e.lexicon_class for e in self.entries if e.lexicon_class}
        self._has = self.compiled.has_word

    def __contains__(self, word: str) -> bool:
        """Is ``word`` a dictionary word (main or user)?"""
        return bool(word) and self._has(word)


class WordTable:
    """Whether a text is a dictionary word (main or user), answered without the compiled
    dictionary: the words, sorted, one fixed-width string per length, searched by bisection.

    It loads from its cache in a few milliseconds, where the compiled dictionary takes a
    tenth of a second to build; cleaning asks it (is ``夹⏎带`` a word cut by a line break?),
    so reading and cleaning never wait for the segmenter.  See :func:`word_table`.
    """

    def __init__(self, by_length: dict[int, str]):
        self._by_length = by_length

    @classmethod
    def of(cls, words) -> WordTable:
        by_length: dict[int, list[str]] = {}
        for w in set(words):
            by_length.setdefault(len(w), []).append(w)
        return cls({n: "".join(sorted(ws)) for n, ws in by_length.items() if n})

    def __contains__(self, word: str) -> bool:
        n = len(word)
        table = self._by_length.get(n)
        if table is None:
            return False
        lo, hi = 0, len(table) // n
        while lo < hi:  # the first word not below ``word``
            mid = (lo + hi) // 2
            if table[mid * n : mid * n + n] < word:
                lo = mid + 1
            else:
                hi = mid
        return table[lo * n : lo * n + n] == word

    def __len__(self) -> int:
        return sum(len(t) // n for n, t in self._by_length.items())


def word_table(userdict: Path | None = None, cache_dir: Path | None = None) -> WordTable:
    """The words of jieba's main dictionary and of ``userdict`` (default: ours), the same words
    the compiled dictionary holds (:func:`dictionary`), as a :class:`WordTable`; built once,
    then cached in the project's ``.cache/`` (keyed by both files' sizes and times)."""
    return _word_table(str(Path(userdict or LEXICONS / "userdict.txt")), str(cache_dir or CACHE))


@functools.lru_cache(maxsize=4)
def _word_table(userdict: str, cache_dir_s: str) -> WordTable:
    main = jieba_dir() / "dict.txt"

    def compute() -> dict[int, str]:
        with open(main, encoding="utf-8") as fh:
            words = [line.split(" ", 1)[0].strip() for line in fh]
        words += [e.word for e in load_userdict(Path(userdict))]
        return WordTable.of(w for w in words if w)._by_length

    return WordTable(_cached_marshal("words", [main, Path(userdict)], compute, Path(cache_dir_s)))


def _rjieba_class():
    """``rjieba.Jieba``, from the compiled extension itself.

    ``import rjieba`` also builds a module-level default instance, a second
    dictionary load (~0.15 s) that we never use; the extension module alone
    does not.
    """
    import importlib.machinery
    import importlib.util

    spec = importlib.util.find_spec("rjieba")
    if spec is None:
        raise LexiconError("rjieba is not installed (pip install -e .)")
    for folder in spec.submodule_search_locations or []:
        for suffix in importlib.machinery.EXTENSION_SUFFIXES:
            path = Path(folder) / f"rjieba{suffix}"
            if path.exists():
                ext = importlib.util.spec_from_file_location("rjieba.rjieba", path)
                if ext is not None and ext.loader is not None:
                    mod = importlib.util.module_from_spec(ext)
                    ext.loader.exec_module(mod)
                    return mod.Jieba
    import rjieba  # a layout we do not know: the package's own import

    return rjieba.Jieba


def dictionary(userdict: Path | None = None) -> Dictionary:
    """The compiled dictionary with ``userdict`` (default: ours), built once per process."""
    return _dictionary(str(Path(userdict or LEXICONS / "userdict.txt")))


@functools.lru_cache(maxsize=4)
def _dictionary(userdict: str) -> Dictionary:
    return Dictionary(Path(userdict))


def quiet_jieba() -> None:
    """Silence the pure-Python jieba's log chatter."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    logging.getLogger("jieba").setLevel(logging.WARNING)


def _cached_marshal(name: str, source: Path | list[Path], compute, cache_dir: Path):
    """``compute()`` cached as marshal in ``cache_dir``, keyed by the size and mtime of
    ``source`` (a file, or several)."""
    key = ".".join(f"{st.st_size}.{int(st.st_mtime)}" for st in (p.stat() for p in ([source] if isinstance(source, Path) else source)))
    cache = cache_dir / f"{name}.{key}.marshal"
    try:
        return marshal.loads(cache.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        pass
    value = compute()
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        with atomic_path(cache) as tmp:
            tmp.write_bytes(marshal.dumps(value))
    except OSError:  # a folder we may not write to (a read-only install): computed again next time
        pass
    return value


def main_pos_table(cache_dir: Path | None = None) -> dict[str, str]:
    """POS tags of jieba's main dictionary (word → tag), for the reference engine."""
    return _main_pos_table(str(cache_dir or CACHE))


def jieba_dir() -> Path:
    """Where the jieba package lives, found without importing it (its import costs ~0.15 s)."""
    import importlib.util

    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.origin:
        raise LexiconError("jieba is not installed (pip install -e .)")
    return Path(spec.origin).parent


@functools.lru_cache(maxsize=2)
def _main_pos_table(cache_dir_s: str) -> dict[str, str]:
    dict_file = jieba_dir() / "dict.txt"

    def compute() -> dict[str, str]:
        table: dict[str, str] = {}
        with open(dict_file, "rb") as fh:
            for raw in fh:
                parts = raw.decode("utf-8").strip().split(" ")
                if len(parts) >= 3:
                    table[parts[0]] = parts[2]
        return table

    return _cached_marshal("jieba_pos", dict_file, compute, Path(cache_dir_s))


def verb_share(char: str) -> float:
    """The share of jieba's two-character dictionary words opening with ``char`` that are verbs
    (提 0.95, 减 0.93, 控 0.81, 截 0.82; 县, 湖, 林 0.00): how verbal a character is at the head
    of a word, where its own one-character tag is often another sense's (控 v, but 优 n, 上 f)."""
    return _verb_shares(str(CACHE)).get(char, 0.0)


@functools.lru_cache(maxsize=2)
def _verb_shares(cache_dir_s: str) -> dict[str, float]:
    counts: dict[str, list[int]] = {}
    for word, tag in _main_pos_table(cache_dir_s).items():
        if len(word) == 2:
            c = counts.setdefault(word[0], [0, 0])
            c[0] += tag.startswith("v")
            c[1] += 1
    return {ch: v / n for ch, (v, n) in counts.items()}


def posseg_model(cache_dir: Path | None = None) -> dict:
    """jieba.posseg's HMM (``char_state_tab``, ``prob_start``, ``prob_trans``, ``prob_emit``).

    Read from jieba's model files without importing ``jieba.posseg`` (which
    parses the whole dictionary), and cached as marshal: executing the model
    files takes about a second, loading the cache a few milliseconds.
    """
    return _posseg_model(str(cache_dir or CACHE))


@functools.lru_cache(maxsize=2)
def _posseg_model(cache_dir_s: str) -> dict:
    import importlib.util

    base = jieba_dir() / "posseg"

    def compute() -> dict:
        out = {}
        for name in ("char_state_tab", "prob_start", "prob_trans", "prob_emit"):
            spec = importlib.util.spec_from_file_location(f"_tifa_posseg_{name}", base / f"{name}.py")
            mod = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(mod)
            out[name] = mod.P
        return out

    return _cached_marshal("jieba_posseg_hmm", base / "prob_emit.py", compute, Path(cache_dir_s))


def reference_tokenizer(cache_dir: Path | None = None):
    """jieba's main dictionary in a pure-Python ``jieba.Tokenizer`` (the reference engine), loaded once."""
    return _reference_tokenizer(str(cache_dir or CACHE))


@functools.lru_cache(maxsize=2)
def _reference_tokenizer(cache_dir_s: str):
    import jieba

    cache_dir = Path(cache_dir_s)
    quiet_jieba()
    tok = jieba.Tokenizer()
    cache_dir.mkdir(parents=True, exist_ok=True)
    tok.tmp_dir = str(cache_dir)
    tok.cache_file = "jieba.cache"
    tok.initialize()
    return tok
