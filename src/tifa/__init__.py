"""tifa — analyse Chinese official speeches (讲话, 发言稿, 政府工作报告).

The front door for notebook users: the handful of functions a researcher starts from, each
imported only when first used (``import tifa`` stays instant; the command line pays for nothing
it does not run).

>>> import tifa
>>> corpus = tifa.load("data/processed")              # a built corpus (tifa build), tables read lazily
>>> corpus = tifa.read(["speech.docx"])                # or any files and folders, processed now
>>> tifa.kwic(corpus, "要有*意识").head()               # concordance; * is a slot
>>> tifa.check("draft.docx").findings                  # the draft's findings (tifa check)
>>> tifa.diffusion(corpus.documents, "origin", ["新质生产力"])   # from the centre to the provinces
>>> tifa.compare(corpus, by="level")                   # keywords of each group, with effect sizes

The stages, in the order data flows (each a package; imports run only downward):
``read → text → tokens, structure → rhetoric → analysis, check → corpus → report → cli``,
over the plumbing modules (``config``, ``errors``, ``atomic``, ``lock``, ``procs``, ``progress``,
``frames``, ``fonts``, ``csvsafe``) and ``lexicon``, the one owner of word lists.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"
__all__ = ["load", "read", "build", "kwic", "check", "diffusion", "compare", "timeline"]

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


def load(processed=None, *, sample: int | None = None):
    """The corpus built in ``processed`` (default ``data/processed``): documents now, the other
    tables (sentences, outline, formulas, parallels, tokens …) read when first used."""
    from .config import PROCESSED
    from .corpus import read_corpus

    return read_corpus(processed or PROCESSED, sample=sample)


def read(paths, *, tokens: bool = False, findings: bool = True, workers: int = 1):
    """Process files and folders into a corpus now (no build): every table but tokens, unless asked."""
    from .corpus import load as _load_paths

    corpus = _load_paths([paths] if isinstance(paths, (str, bytes)) or not hasattr(paths, "__iter__") else paths,
                         findings=findings, workers=workers)
    return corpus.with_tokens(workers=workers) if tokens else corpus


def build(raw=None, out=None, **options):
    """Build ``raw`` (default ``data/raw``) into ``out`` (default ``data/processed``), incrementally;
    returns the built corpus (see :func:`tifa.corpus.build.build` for ``options``)."""
    from .config import PROCESSED, RAW
    from .corpus.build import build_corpus

    return build_corpus(raw or RAW, out or PROCESSED, **options)


def kwic(corpus, query: str, *, width: int = 20, sort: str | None = None, by: str | None = None) -> "pd.DataFrame":
    """Concordance lines of ``query`` in ``corpus`` (``*`` is a slot), sorted by the words around
    the hit (``sort="1L,1R"``) and grouped by a documents column (``by="place"``) if asked."""
    from .analysis import concordance
    from .text.kwic import kwic as _kwic

    hits = _kwic(corpus.documents, corpus.sentences, query, width=width, outline=corpus.outline)
    if sort:
        hits = concordance.sort_hits(hits, sort)
    return concordance.with_group(hits, corpus.documents, by) if by else hits


def check(path, *, date: str | None = None, against=None):
    """Proofread a draft: a :class:`tifa.check.DraftCheck` whose ``findings`` table has one row per finding."""
    from .check import check_file

    return check_file(path, date=date, against=against)


def diffusion(documents: "pd.DataFrame", view: str = "origin", terms=None, *, level: str | None = None) -> "pd.DataFrame":
    """One view (first, curve, origin, lags, echo, panel) of how ``terms`` spread from the centre to
    the provinces in a documents table with place, level and year."""
    from .analysis import diffusion as _d

    return _d.view(documents, view, list(terms) if terms else _d.default_terms(documents), level=level)


def compare(corpus, *, by: str, groups=(), **options) -> "pd.DataFrame":
    """Keywords of a documents column's groups: G², log ratio and dispersion (one against the rest,
    or two against each other)."""
    from .analysis import compare as _c
    from .analysis.themes import term_counts

    forms = set(corpus.formulas["formula"]) if corpus.formulas is not None and len(corpus.formulas) else set()
    return _c.keyness(term_counts(corpus.tokens, corpus.formulas), corpus.documents, by, groups, formulas=forms, **options)


def timeline(corpus, terms=None) -> "pd.DataFrame":
    """Formulations (or ``terms``) per year: count, documents, rate per 10,000 characters."""
    import pandas as pd

    from .analysis import timeline as tl

    if terms:
        return pd.concat([tl.term_by_year(corpus.documents, t) for t in terms], ignore_index=True)
    return tl.by_year(tl.mentions(corpus.documents, corpus.formulas), corpus.documents)
