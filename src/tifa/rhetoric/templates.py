"""Templates: the fillers of slot templates, and clause frames mined from the corpus.

Owns :func:`load_templates` (``data/lexicons/templates.txt``), :func:`templates_table` — the
fillers of each slot template (``要有*意识``) across the corpus, plus the frames that parallels
reuse (:data:`TEMPLATE_COLUMNS`) — and :func:`mine_templates`, recurring clause frames found
without a list (``在*上下功夫``, ``坚持*不动摇``; :data:`MINED_COLUMNS`).  Duplicated articles
count once.

It reads the parallels table it is given and the concordance (:mod:`tifa.text.kwic`); it must
not find parallels or formulations itself.
"""
from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import Iterable

import pandas as pd

from ..config import LEXICONS
from ..errors import LexiconError
from ..frames import column_lists
from ..lexicon.lexicons import dictionary


TEMPLATE_COLUMNS = ["template", "filler", "count", "n_docs", "origin"]


def load_templates(path: Path | None = None) -> list[str]:
    path = Path(path or LEXICONS / "templates.txt")
    out = []
    for i, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        q = line.split("#", 1)[0].strip()
        if not q:
            continue
        if "*" not in q:
            raise LexiconError(f"{path}:{i}: a template needs at least one '*' slot: {q!r}")
        out.append(q)
    return out


def templates_table(
    docs: pd.DataFrame, sents: pd.DataFrame, *, parallels: pd.DataFrame | None = None, templates: Iterable[str] | None = None, min_count: int = 1
) -> pd.DataFrame:
    """Fillers of slot templates across the corpus, with counts and document counts."""
    from ..text.kwic import kwic

    if "duplicate_of" in docs:  # a repeated article would count its phrases twice
        docs = docs[docs["duplicate_of"].isna()]
        sents = sents[sents["doc_id"].isin(set(docs["doc_id"]))]
        if parallels is not None:
            parallels = parallels[parallels["doc_id"].isin(set(docs["doc_id"]))]
    rows = []
    for q in templates if templates is not None else load_templates():
        hits = kwic(docs, sents, q)
        if hits.empty:
            continue
        g = hits.groupby("slots").agg(count=("doc_id", "size"), n_docs=("doc_id", "nunique")).reset_index()
        for filler, c, nd in zip(g["slots"], g["count"], g["n_docs"]):
            rows.append((q, filler, int(c), int(nd), "lexicon"))
    if parallels is not None and len(parallels):
        for frame, g in parallels.groupby("frame"):
            fillers: dict[str, set] = {}
            counts: dict[str, int] = {}
            rx = re.compile("^" + "(.+?)".join(re.escape(p) for p in frame.split("*")) + "$")
            for d, members in zip(g["doc_id"], g["members"]):
                for mem in members.split("|"):
                    m = rx.match(mem)
                    if m:
                        f = "|".join(x for x in m.groups())
                        counts[f] = counts.get(f, 0) + 1
                        fillers.setdefault(f, set()).add(d)
            for f, c in counts.items():
                rows.append((frame, f, c, len(fillers[f]), "parallels"))
    df = pd.DataFrame(rows, columns=TEMPLATE_COLUMNS)
    df = df[df["count"] >= min_count]
    return df.sort_values(["template", "count", "filler"], ascending=[True, False, True], kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------- mined templates

MINED_COLUMNS = ["template", "filler", "count", "n_docs", "example", "doc_id", "start", "end",
                 "template_docs", "template_speakers", "template_fillers"]
_CLAUSE_RE = re.compile(r"[^，,；;：:。！？!?\n“”‘’（）()《》—]+")
_FIGURE_RE = re.compile(r"[0-9０-９%％.．]|[亿万千百]元|[亿万]吨|[亿万]人|公里|美元")
#: Frame ends too common to make a template alone (a clause starting with 的 or ending in 了 is no frame).
_WEAK_FRAME = set("的了是和与及或在对把被而且并也都就又还要我这个一不有")
#: Quotation marks and brackets stripped off a clause's ends (the same as the members' strip).
_TRIM = "“”\"'（）() "


def mine_templates(
    docs: pd.DataFrame,
    sents: pd.DataFrame,
    *,
    min_fillers: int = 3,
    min_docs: int = 2,
    max_filler: int = 8,
) -> pd.DataFrame:
    """Recurring clause frames mined from the corpus (``在*上下功夫``, ``坚持*不动摇``, ``要有*意识``).

    Every clause (text between punctuation) of 3–20 characters is read as
    *opening* + *filler* + *ending*, with an opening of 1–3 and an ending of
    1–4 characters.  A frame is kept when at least ``min_fillers`` different
    fillers fill it in at least ``min_docs`` speeches; figures never fill or
    frame it, and a frame is dropped when a more specific one (a longer
    opening or ending) covers nearly all of its uses.  Templates are ranked by
    how many speeches and speakers use them (``speaker`` from metadata, else the
    source file); each filler comes with its count and its first sentence,
    traceable by ``doc_id``/``start``/``end``.  Duplicated articles count once.
    """
    if "duplicate_of" in docs:
        docs = docs[docs["duplicate_of"].isna()]
    keep_docs = set(docs["doc_id"])
    speaker_of = dict(zip(docs["doc_id"], docs["speaker"] if "speaker" in docs else docs["source"]))
    uses: dict[tuple[str, str], dict[str, list]] = {}
    cut = dictionary().compiled.cut  # frames end at word boundaries (no 提*质量 out of 提高质量)
    for d, s0, text in zip(*column_lists(sents, "doc_id", "start", "text")):
        if d not in keep_docs:
            continue
        for m in _CLAUSE_RE.finditer(text):
            c = m.group().strip(_TRIM)
            n = len(c)
            if not 3 <= n <= 20 or _FIGURE_RE.search(c):
                continue
            lead = m.start() + (len(m.group()) - len(m.group().lstrip(_TRIM)))
            bounds = set(itertools.accumulate(map(len, cut(c, False))))
            for p in (1, 2, 3):
                if p not in bounds:
                    continue
                for q in (1, 2, 3, 4):
                    f = n - p - q
                    if f >= 1 and (n - q) not in bounds:
                        continue
                    if f < 1:
                        break
                    if f > max_filler:
                        continue
                    # a one-character end that is a function word frames only with a long other end
                    if (p == 1 and c[0] in _WEAK_FRAME and q < 3) or (q == 1 and c[-1] in _WEAK_FRAME and p < 3):
                        continue
                    fillers = uses.setdefault((c[:p], c[n - q :]), {})
                    fillers.setdefault(c[p : n - q], []).append((d, int(s0) + lead, int(s0) + lead + n, text))
    frames = {}
    for key, fillers in uses.items():
        if len(fillers) < min_fillers:
            continue
        occ = [o for os_ in fillers.values() for o in os_]
        ndocs = len({o[0] for o in occ})
        if ndocs >= min_docs:
            frames[key] = (fillers, len(occ), ndocs)
    # drop a frame when a more specific one accounts for ≥ 90 % of its uses
    general = set()
    for (a, b), (_, count, _) in frames.items():
        for (a2, b2) in ((a[:-1], b), (a, b[1:])):
            if (a2, b2) in frames and a2 and b2 and count >= 0.9 * frames[(a2, b2)][1]:
                general.add((a2, b2))
    rows = []
    for (a, b), (fillers, count, ndocs) in frames.items():
        if (a, b) in general:
            continue
        speakers = len({speaker_of.get(o[0]) for os_ in fillers.values() for o in os_})
        for filler, os_ in fillers.items():
            d, s, e, sentence = os_[0]
            rows.append((f"{a}*{b}", filler, len(os_), len({o[0] for o in os_}), sentence, d, s, e, ndocs, speakers, len(fillers)))
    df = pd.DataFrame(rows, columns=MINED_COLUMNS)
    return df.sort_values(
        ["template_docs", "template_speakers", "template_fillers", "template", "count", "filler"],
        ascending=[False, False, False, True, False, True], kind="stable",
    ).reset_index(drop=True)
