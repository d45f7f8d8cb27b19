"""Files to tables in memory: one file read, cleaned and split (``process_file``), the
per-document tables every path runs (``document_tables``), any files or folders as a
:class:`Corpus` (``load``, the CLI's ``tifa docs PATH…``, collecting per-file errors instead of
stopping), and a built folder as a :class:`Corpus` whose tables are read on first use
(``read_corpus``, :class:`LazyCorpus`).

Owns the :class:`Corpus` and what a file becomes; must not touch the files of the store, which
it reads only through :mod:`tifa.corpus.store` (re-exported here: ``read_table``, ``iter_table``,
``read_manifest`` …, the names notebooks and the README use), and never decides what a build
reprocesses (:mod:`tifa.corpus.build`).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

import pandas as pd

from ..config import DEFAULT_MAX_BYTES, PROCESSED
from ..text.documents import DOC_COLUMNS, LOG_COLUMNS, SENT_COLUMNS, log_frame, mark_duplicates, pieces_frame, read_pieces, sentences_frame
from ..errors import InputError
from ..read.files import iter_sources
from ..progress import progress_iter
from ..structure.outline import assign_sections, forget_parses, mark_matter, outline_tables
from .store import (  # noqa: F401  (the store's readers, where notebooks and the README import them)
    MANIFEST,
    RETIRED,
    commit_store,
    iter_table,
    located,
    part_files,
    read_manifest,
    read_table,
    retire,
    store_files,
    write_tables_atomic,
)

TABLES = (
    "documents", "sentences", "cleaning_log", "outline", "enumerations", "formulas", "parallels", "quotes", "originals", "tokens",
)


@dataclass
class FileResult:
    """Tables of one input file."""

    source: str
    documents: pd.DataFrame
    cleaning_log: pd.DataFrame
    warnings: tuple[str, ...] = ()
    original: str | None = None


@dataclass
class Corpus:
    """Tables of a set of inputs plus the errors met on the way."""

    documents: pd.DataFrame
    sentences: pd.DataFrame
    cleaning_log: pd.DataFrame
    errors: list[InputError] = field(default_factory=list)
    tokens: pd.DataFrame | None = None
    warnings: list[str] = field(default_factory=list)
    originals: pd.DataFrame | None = None
    outline: pd.DataFrame | None = None
    enumerations: pd.DataFrame | None = None
    formulas: pd.DataFrame | None = None
    parallels: pd.DataFrame | None = None
    quotes: pd.DataFrame | None = None

    def tables(self) -> dict[str, pd.DataFrame]:
        out = {"documents": self.documents, "sentences": self.sentences, "cleaning_log": self.cleaning_log}
        for name in ("outline", "enumerations", "formulas", "parallels", "quotes", "originals"):
            if getattr(self, name) is not None:
                out[name] = getattr(self, name)
        if self.tokens is not None:
            out["tokens"] = self.tokens
        return out

    @classmethod
    def lazy(cls, processed: Path, *, documents: pd.DataFrame | None = None, errors=None, warnings=None, manifest=None) -> "LazyCorpus":
        """A corpus over a built folder whose tables are read on first use (through the manifest
        read now, so that every table is of the same build)."""
        return LazyCorpus(processed, documents=documents, errors=errors, warnings=warnings, manifest=manifest)

    def with_tokens(self, *, workers: int = 1, progress: bool = False, engine: str = "rjieba") -> "Corpus":
        """This corpus with its tokens table computed (see :mod:`tifa.tokens.segment`)."""
        from ..tokens.segment import tokens_frame

        if self.tokens is None:
            self.tokens = tokens_frame(self.documents, self.sentences, workers=workers, progress=progress, engine=engine)
        return self


class LazyCorpus(Corpus):
    """A built corpus: ``documents`` in memory, the other tables read from the parts when asked."""

    _LAZY = ("sentences", "cleaning_log", "tokens", "outline", "enumerations", "formulas", "parallels", "quotes", "originals")

    def __init__(self, processed: Path, *, documents=None, errors=None, warnings=None, manifest=None):
        processed = Path(processed)
        manifest = manifest or read_manifest(processed)  # the tables are all read through this one
        object.__setattr__(self, "_processed", processed)
        object.__setattr__(self, "_manifest", manifest)
        object.__setattr__(self, "_cache", {})
        object.__setattr__(self, "documents", documents if documents is not None else read_table("documents", processed, manifest=manifest))
        object.__setattr__(self, "errors", list(errors or []))
        object.__setattr__(self, "warnings", list(warnings or []))

    def __getattribute__(self, name: str):
        if name in LazyCorpus._LAZY:
            cache = object.__getattribute__(self, "_cache")
            if name not in cache:
                cache[name] = read_table(name, object.__getattribute__(self, "_processed"), manifest=object.__getattribute__(self, "_manifest"))
            return cache[name]
        return object.__getattribute__(self, name)

    def __setattr__(self, name, value):
        if name in LazyCorpus._LAZY:
            object.__getattribute__(self, "_cache")[name] = value
        else:
            object.__setattr__(self, name, value)


def process_file(
    path: Path, *, source: str | None = None, max_bytes: int | None = DEFAULT_MAX_BYTES, data: bytes | None = None
) -> FileResult:
    """Read, clean and split one file into its tables; raises :class:`InputError` if it can't be read.

    ``data``: the file's bytes, already read (the build's worker reads a file once)."""
    fp = read_pieces(path, source=source, max_bytes=max_bytes, data=data)
    docs = pieces_frame(fp.pieces, encoding=fp.decoded.encoding)
    docs["format"] = fp.decoded.format
    docs["script"] = "traditional" if fp.decoded.original is not None else "simplified"
    return FileResult(
        source=fp.source,
        documents=docs,
        cleaning_log=log_frame(fp.pieces),
        warnings=fp.warnings,
        original=fp.decoded.original,
    )


def _concat(frames: Sequence[pd.DataFrame], columns: list[str]) -> pd.DataFrame:
    frames = [f for f in frames if len(f)]
    if not frames:
        return pd.DataFrame(columns=columns)
    return pd.concat(frames, ignore_index=True)[columns]


def _findings(docs: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The per-document tables beyond sentences, outline and enumerations (the rhetoric modules imported
    here: commands that need none of them skip its import)."""
    from ..rhetoric.formulations import formulas_table
    from ..rhetoric.parallels import parallels_table
    from ..rhetoric.quotations import quotes_table

    return {"formulas": formulas_table(docs), "parallels": parallels_table(docs), "quotes": quotes_table(docs)}


def document_tables(docs: pd.DataFrame, *, findings: bool = True) -> dict[str, pd.DataFrame]:
    """The per-document tables of ``docs``: sentences (with sections), outline, enumerations,
    formulations, parallels, quotations — the one pipeline both ``load`` and the build run.

    ``findings=False`` stops after the outline (what the tokens stage needs).
    """
    sents = sentences_frame(docs) if len(docs) else pd.DataFrame(columns=SENT_COLUMNS)
    outline, enums = outline_tables(docs)
    out = {"sentences": mark_matter(assign_sections(sents, outline), docs), "outline": outline, "enumerations": enums}
    if findings:
        out.update(_findings(docs))
    forget_parses()  # every stage that reads the parsed items has run
    return out


def assemble(results: Iterable[FileResult], errors: list[InputError] | None = None, *, findings: bool = True) -> Corpus:
    """Combine per-file results into corpus tables (sorted, duplicates marked)."""
    results = sorted(results, key=lambda r: r.source)
    docs = _concat([r.documents for r in results], DOC_COLUMNS + ["format", "script"])
    docs = docs.sort_values("doc_id", kind="stable").reset_index(drop=True)
    docs = mark_duplicates(docs)
    logs = _concat([r.cleaning_log for r in results], LOG_COLUMNS)
    if len(logs):
        logs = logs.sort_values(["doc_id", "raw_start"], kind="stable").reset_index(drop=True)
    return Corpus(
        documents=docs,
        cleaning_log=logs,
        errors=list(errors or []),
        **document_tables(docs, findings=findings),
        warnings=[w for r in results for w in r.warnings],
        originals=pd.DataFrame(
            [(r.source, r.original) for r in results if r.original is not None], columns=["source", "text"]
        ),
    )


def load(
    paths: Iterable[Path | str],
    *,
    root: Path | None = None,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    progress: bool = False,
    findings: bool = True,
    workers: int = 1,
) -> Corpus:
    """Process files and folders; bad inputs are collected in ``Corpus.errors``.

    ``workers`` > 1 reads and cleans the files in that many processes (results in file order).

    ``findings=False`` leaves out formulations, parallels and quotations
    (``None`` on the corpus): the text tables only, for the tokens stage.
    """
    walk: list[str] = []
    files = list(iter_sources(paths, root, warnings=walk))
    results: list[FileResult] = []
    errors: list[InputError] = []
    jobs = [(f, source, max_bytes) for f, source in files]
    for result, err in progress_iter(_read_all(jobs, workers), total=len(jobs), desc="reading", unit="file", disable=not progress):
        if err is not None:
            errors.append(err)
        else:
            results.append(result)
    corpus = assemble(results, errors, findings=findings)
    corpus.warnings[:0] = walk
    folder = _metadata_folder(list(paths), root)
    if folder is not None and len(corpus.documents):
        from .ingest import join_metadata, read_metadata

        corpus.documents = join_metadata(corpus.documents, read_metadata(folder, warnings=corpus.warnings))
    return corpus


def _metadata_folder(paths: list, root: Path | None) -> Path | None:
    """The folder whose ``metadata.csv`` names the sources: the root, or the one folder given."""
    folder = Path(root) if root is not None else (Path(paths[0]) if len(paths) == 1 and Path(paths[0]).is_dir() else None)
    return folder if folder is not None and (folder / "metadata.csv").is_file() else None


def _read_one(job: tuple) -> tuple[FileResult | None, InputError | None]:
    path, source, max_bytes = job
    try:
        return process_file(path, source=source, max_bytes=max_bytes), None
    except InputError as err:
        return None, err


def _read_all(jobs: list[tuple], workers: int):
    """:func:`_read_one` of every job, in order; in a pool of ``workers`` processes when it pays."""
    if workers <= 1 or len(jobs) < 4:
        yield from map(_read_one, jobs)
        return
    from concurrent.futures import ProcessPoolExecutor

    from ..procs import die_with_parent, fork_context

    with ProcessPoolExecutor(min(workers, len(jobs)), mp_context=fork_context(), initializer=die_with_parent, initargs=(os.getpid(),)) as ex:
        yield from ex.map(_read_one, jobs, chunksize=4)


def read_corpus(processed: Path = PROCESSED, *, sample: int | None = None) -> Corpus:
    """The built corpus; tables are read on first use.

    With ``sample``, only that many documents (a deterministic, evenly spread
    choice by ``doc_id``) and their rows are kept — what keeps the notebooks
    responsive on a corpus of thousands of speeches.
    """
    manifest = read_manifest(processed)
    corpus = Corpus.lazy(processed, manifest=manifest)
    if sample is None or len(corpus.documents) <= sample:
        return corpus
    if manifest is None:
        raise FileNotFoundError(f"{processed / MANIFEST}: not built yet; run `tifa build`")
    docs = corpus.documents.sort_values("doc_id", kind="stable")
    step = len(docs) / sample
    keep = docs.iloc[[int(i * step) for i in range(sample)]]
    keep_ids = set(keep["doc_id"])
    sources = set(keep["source"])
    files = {
        name: [processed / "parts" / p["key"] / f"{name}.parquet" for p in manifest["parts"] if p["source"] in sources]
        for name in LazyCorpus._LAZY
    }
    sampled = Corpus.lazy(processed, documents=keep.reset_index(drop=True), manifest=manifest)
    for name, fs in files.items():
        frames = [pd.read_parquet(f) for f in located(fs, Path(processed), manifest)]
        df = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
        if "doc_id" in df:
            df = df[df["doc_id"].isin(keep_ids)].reset_index(drop=True)
        setattr(sampled, name, df)
    return sampled


def doc_labels(docs: pd.DataFrame, width: int = 14) -> dict[str, str]:
    """Short readable labels for plots: ``000-01 在新入职办公室干部…``."""
    out = {}
    for d, src, part, title in zip(docs["doc_id"], docs["source"], docs["part"], docs["title"]):
        stem = Path(str(src)).stem.split("_")[0][:12]
        t = title if isinstance(title, str) and title else ""
        out[d] = f"{stem}-{int(part):02d} {t[:width]}".strip()
    seen: dict[str, int] = {}
    for label in out.values():
        seen[label] = seen.get(label, 0) + 1
    # labels must be unique whatever the titles (hundreds of reports are called 政府工作报告): a
    # label shared by several documents names each by its doc_id, which is unique
    return {d: (f"{d} {label[label.find(' ') + 1:]}".strip() if seen[label] > 1 and " " in label else d if seen[label] > 1 else label)
            for d, label in out.items()}
