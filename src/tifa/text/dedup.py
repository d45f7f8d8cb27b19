"""Near-duplicate detection that scales: MinHash signatures and LSH banding.

Each document's text (spaces and punctuation removed) is cut into character
5-gram shingles, hashed with a vectorised rolling hash, and summarised by a
MinHash signature of :data:`N_PERM` minima.  LSH bands of the signatures
propose candidate pairs; each candidate is verified with the exact Jaccard
similarity of the two shingle sets, so the result is the same as comparing
all pairs, at a cost that grows with the number of near-duplicates rather
than with the square of the corpus.
"""
from __future__ import annotations

import re
from collections import defaultdict

import numpy as np
import pandas as pd

SHINGLE = 5
N_PERM = 100
BANDS = 20  #: 20 bands × 5 rows: a pair at Jaccard 0.8 is proposed with probability > 0.999
_PRIME = np.uint64((1 << 61) - 1)
_rng = np.random.default_rng(20240607)
_A = _rng.integers(1, (1 << 61) - 1, size=N_PERM, dtype=np.uint64)
_B = _rng.integers(0, (1 << 61) - 1, size=N_PERM, dtype=np.uint64)
_NON_CONTENT_RE = re.compile(r"[\s\W_]+", re.U)


def shingle_hashes(text: str, k: int = SHINGLE) -> np.ndarray:
    """Unique 32-bit hashes of the character ``k``-grams of ``text`` (content characters only)."""
    return np.unique(_shingle_codes(text, k))


def _shingle_codes(text: str, k: int = SHINGLE) -> np.ndarray:
    """The 32-bit hash of every character ``k``-gram of ``text``, repeats included."""
    s = _NON_CONTENT_RE.sub("", text)
    codes = np.frombuffer(s.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    n = len(codes) - k + 1
    if n <= 0:
        return codes.astype(np.uint32)
    h = codes[:n].copy()
    for j in range(1, k):  # in place: no temporaries the size of the text
        h *= np.uint64(1_000_003)
        h += codes[j : j + n]
    h ^= h >> np.uint64(29)
    return (h & np.uint64(0xFFFFFFFF)).astype(np.uint32)


#: Shingles hashed per pass of :func:`signature` (its buffer: 10 × this many 8-byte numbers).
SIGNATURE_COLUMNS = 1 << 18


def signature(hashes: np.ndarray) -> np.ndarray:
    """MinHash signature (``N_PERM`` uint32) of a set of shingle hashes."""
    if len(hashes) == 0:
        return np.full(N_PERM, 0xFFFFFFFF, dtype=np.uint32)
    out = np.full(N_PERM, np.iinfo(np.uint64).max, dtype=np.uint64)
    rows = 10  # permutations per pass: one buffer of rows × shingles, reused in place
    cols = min(len(hashes), SIGNATURE_COLUMNS)  # shingles per pass: a huge text's buffer stays ~20 MB
    buf = np.empty((rows, cols), dtype=np.uint64)
    low = np.empty(rows, dtype=np.uint64)
    for first in range(0, len(hashes), cols):
        x = hashes[first : first + cols].astype(np.uint64)
        b = buf[:, : len(x)]
        for start in range(0, N_PERM, rows):
            np.multiply(_A[start : start + rows, None], x[None, :], out=b)
            b += _B[start : start + rows, None]
            b &= np.uint64(0x1FFFFFFFFFFFFFFF)
            b.min(axis=1, out=low)
            np.minimum(out[start : start + rows], low, out=out[start : start + rows])
    return (out & np.uint64(0xFFFFFFFF)).astype(np.uint32)


def signatures(texts) -> np.ndarray:
    """Signatures of many texts, one row each."""
    # a minimum ignores repeats: the shingles need no de-duplicating (sorting) here
    return np.stack([signature(_shingle_codes(t)) for t in texts]) if len(texts) else np.zeros((0, N_PERM), np.uint32)


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    if len(a) == 0 or len(b) == 0:
        return 0.0
    inter = len(np.intersect1d(a, b, assume_unique=True))
    return inter / (len(a) + len(b) - inter)


def candidate_pairs(sigs: np.ndarray, bands: int = BANDS) -> set[tuple[int, int]]:
    """Index pairs sharing at least one LSH band."""
    rows = sigs.shape[1] // bands
    pairs: set[tuple[int, int]] = set()
    for b in range(bands):
        buckets: dict[bytes, list[int]] = defaultdict(list)
        block = np.ascontiguousarray(sigs[:, b * rows : (b + 1) * rows])
        for i in range(len(block)):
            buckets[block[i].tobytes()].append(i)
        for members in buckets.values():
            if len(members) <= _ALL_PAIRS:
                for x in range(len(members)):
                    for y in range(x + 1, len(members)):
                        pairs.add((members[x], members[y]))
            else:
                # a crowd of near-copies (a text repeated hundreds of times): each is compared with
                # the bucket's first few and with its neighbour, not with all — linear, and the
                # originals a copy resolves to are among the first
                anchors = members[:_ANCHORS]
                for x, m in enumerate(members):
                    pairs.update((a, m) for a in anchors if a < m)
                    if x:
                        pairs.add((members[x - 1], m))
    return pairs


#: Buckets up to this size are verified pair by pair; larger ones against their first members.
_ALL_PAIRS = 50
_ANCHORS = 8


def mark_duplicates(docs: pd.DataFrame, *, threshold: float = 0.8, sigs: np.ndarray | None = None) -> pd.DataFrame:
    """Copy of ``docs`` with ``duplicate_of``/``dup_similarity``: the first (by ``doc_id``) near-duplicate.

    A document is a near-duplicate of the earliest document whose shingle
    Jaccard similarity reaches ``threshold``; chains resolve to the original.
    """
    out = docs.copy()
    n = len(out)
    dup_of: list[str | None] = [None] * n
    sim = [float("nan")] * n
    if n:
        ids = list(out["doc_id"])
        texts = list(out["text"])
        order = sorted(range(n), key=lambda i: ids[i])
        rank = {i: r for r, i in enumerate(order)}
        hashes: dict[int, np.ndarray] = {}

        def h(i: int) -> np.ndarray:
            if i not in hashes:
                hashes[i] = shingle_hashes(texts[i])
            return hashes[i]

        if sigs is None:
            sigs = signatures(texts)
        cands = sorted(candidate_pairs(sigs))
        if cands:
            # the share of equal minima estimates Jaccard; a pair at 0.8 falls below 0.6 with
            # negligible probability (> 4 standard deviations), so only plausible pairs are verified
            pa = np.array([a for a, _ in cands])
            pb = np.array([b for _, b in cands])
            estimate = (sigs[pa] == sigs[pb]).mean(axis=1)
            cands = [c for c, e in zip(cands, estimate) if e >= threshold - 0.2]
        matches: dict[int, list[tuple[int, float]]] = defaultdict(list)
        for a, b in cands:
            first, second = (a, b) if rank[a] < rank[b] else (b, a)
            ha, hb = h(first), h(second)
            small, large = sorted((len(ha), len(hb)))
            if large == 0 or small / large < threshold:
                continue
            j = jaccard(ha, hb)
            if j >= threshold:
                matches[second].append((first, j))
        originals: set[int] = set()
        for i in order:
            best = None
            for j, s in sorted(matches.get(i, ()), key=lambda t: (rank[t[0]], -t[1])):
                if j in originals and (best is None or s > best[1]):
                    best = (j, s)
            if best is None:
                originals.add(i)
            else:
                dup_of[i] = ids[best[0]]
                sim[i] = round(best[1], 4)
    out["duplicate_of"] = pd.Series(dup_of, index=out.index, dtype=object)
    out["dup_similarity"] = sim
    return out
