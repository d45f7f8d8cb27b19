"""The built corpus as one SQLite file that a browser can search: ``tifa export --sqlite FILE``.

Every table of the store (tokens only when asked) becomes a SQLite table with ``doc_id`` a
foreign key to ``documents``; ``sentences_fts`` is a full-text index of the sentences with
FTS5's ``trigram`` tokenizer, which finds any Chinese substring of three or more characters (the
default tokenizer does not segment Chinese); ``sentences_in_context`` is a view joining each
sentence to its document (title, place, level, year, speaker) and outline section.
:func:`datasette_metadata` gives Datasette its facets and canned queries (``tifa serve``).

Owns the SQLite file; reads the store through :mod:`tifa.corpus.tables`; writes atomically.
"""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pandas as pd

from ..atomic import atomic_path
from ..config import PROCESSED

TABLES = ("documents", "sentences", "outline", "enumerations", "formulas", "parallels", "quotes", "cleaning_log")
KEYS = {"documents": ["doc_id"], "sentences": ["doc_id", "sent_id"], "outline": ["doc_id", "item_id"], "enumerations": ["doc_id", "enum_id"]}
FACETS = ["place", "level", "year", "speaker"]


def _sql_type(series: pd.Series) -> str:
    if pd.api.types.is_bool_dtype(series):
        return "INTEGER"
    if pd.api.types.is_integer_dtype(series):
        return "INTEGER"
    if pd.api.types.is_float_dtype(series):
        return "REAL"
    return "TEXT"


def _values(df: pd.DataFrame):
    cols = [df[c].astype(object).where(df[c].notna(), None) for c in df.columns]
    for row in zip(*cols):
        yield tuple(v.item() if hasattr(v, "item") else v for v in row)


def write_table(con: sqlite3.Connection, name: str, df: pd.DataFrame) -> None:
    """Create table ``name`` from ``df`` (primary key and foreign key by ``doc_id``) and fill it."""
    cols = [f'"{c}" {_sql_type(df[c])}' for c in df.columns]
    if name in KEYS:
        cols.append(f"PRIMARY KEY ({', '.join(KEYS[name])})")
    if name != "documents" and "doc_id" in df.columns:
        cols.append('FOREIGN KEY ("doc_id") REFERENCES documents ("doc_id")')
    con.execute(f'CREATE TABLE "{name}" ({", ".join(cols)})')
    marks = ", ".join("?" * len(df.columns))
    con.executemany(f'INSERT INTO "{name}" VALUES ({marks})', _values(df))
    if name != "documents" and "doc_id" in df.columns:
        con.execute(f'CREATE INDEX "{name}_doc" ON "{name}" ("doc_id")')


_VIEW = """
CREATE VIEW sentences_in_context AS
SELECT s.rowid AS rowid, s.doc_id, s.sent_id, s.text, d.title, {meta},
       o.marker || o.title AS section, s.start, s."end"
FROM sentences s JOIN documents d ON d.doc_id = s.doc_id
LEFT JOIN outline o ON o.doc_id = s.doc_id AND o.item_id = s.item_id
"""


def export_sqlite(target: Path, processed: Path = PROCESSED, *, tokens: bool = False) -> Path:
    """Write every table of the built corpus in ``processed`` to the SQLite file ``target``."""
    from .tables import read_table

    target = Path(target)
    with atomic_path(target) as tmp:
        con = sqlite3.connect(tmp)
        try:
            con.execute("PRAGMA foreign_keys = ON")
            for name in TABLES + (("tokens",) if tokens else ()):
                df = pd.read_parquet(Path(processed) / "documents.parquet") if name == "documents" else read_table(name, processed)
                write_table(con, name, df)
            docs_cols = {r[1] for r in con.execute("PRAGMA table_info(documents)")}
            meta = ", ".join(f"d.{c}" for c in FACETS if c in docs_cols) or "NULL AS place"
            con.execute(_VIEW.format(meta=meta))
            con.execute("CREATE VIRTUAL TABLE sentences_fts USING fts5(text, content='sentences', tokenize='trigram')")
            con.execute("INSERT INTO sentences_fts (rowid, text) SELECT rowid, text FROM sentences")
            con.commit()
        finally:
            con.close()
    return target


def datasette_metadata(db: Path) -> dict:
    """Datasette's metadata for a file :func:`export_sqlite` wrote: titles, facets, full-text search
    of the sentences and canned queries (formulations, parallels, KWIC)."""
    name = Path(db).stem
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        docs_cols = {r[1] for r in con.execute("PRAGMA table_info(documents)")}
    finally:
        con.close()
    facets = [c for c in FACETS if c in docs_cols]
    meta_cols = ", ".join(f"d.{c}" for c in facets)
    sep = ", " if meta_cols else ""
    return {
        "title": "tifa: Chinese official speeches",
        "description": "The built corpus of tifa: documents, sentences, outlines, formulations, 排比 and quotations. "
        "Search sentences for any Chinese text of three or more characters; facet by place, level, year and speaker.",
        "databases": {name: {
            "tables": {
                "documents": {"facets": facets, "sort_desc": "year" if "year" in facets else None, "label_column": "title"},
                "sentences": {"fts_table": "sentences_fts", "fts_pk": "rowid"},
                "sentences_in_context": {"fts_table": "sentences_fts", "fts_pk": "rowid", "facets": facets},
                "formulas": {"facets": ["kind", "formula"]},
                "parallels": {"facets": ["kind"]},
                "quotes": {"facets": ["source_type", "source"]},
                "sentences_fts": {"hidden": True},
            },
            "queries": {
                "kwic": {
                    "title": "Concordance: sentences holding a text (any length)",
                    "sql": "SELECT d.title" + sep + meta_cols + ", s.text, s.doc_id, s.sent_id FROM sentences s "
                           "JOIN documents d ON d.doc_id = s.doc_id WHERE instr(s.text, :q) > 0 ORDER BY s.doc_id, s.sent_id LIMIT 1000",
                },
                "formulation": {
                    "title": "Where a formulation is used, and with which members",
                    "sql": "SELECT f.formula, f.members, f.kind, d.title" + sep + meta_cols + ", f.doc_id, f.start FROM formulas f "
                           "JOIN documents d ON d.doc_id = f.doc_id WHERE f.formula LIKE '%' || :formula || '%' ORDER BY f.doc_id, f.start",
                },
                "parallels": {
                    "title": "排比 whose members or frame hold a text",
                    "sql": "SELECT p.members, p.frame, p.kind, d.title" + sep + meta_cols + ", p.doc_id, p.start FROM parallels p "
                           "JOIN documents d ON d.doc_id = p.doc_id WHERE p.members LIKE '%' || :text || '%' OR p.frame LIKE '%' || :text || '%' "
                           "ORDER BY p.doc_id, p.start",
                },
                "first_use": {
                    "title": "The first year each place used a text",
                    "sql": ("SELECT d.place, min(d.year) AS first_year, count(*) AS sentences FROM sentences s JOIN documents d ON d.doc_id = s.doc_id "
                            "WHERE instr(s.text, :q) > 0 GROUP BY d.place ORDER BY first_year") if {"place", "year"} <= set(facets)
                           else "SELECT s.doc_id, count(*) AS sentences FROM sentences s WHERE instr(s.text, :q) > 0 GROUP BY s.doc_id",
                },
            },
        }},
    }


def write_metadata(db: Path, target: Path, *, css: str | None = None) -> Path:
    meta = datasette_metadata(db)
    if css:
        meta["extra_css_urls"] = [css]
    with atomic_path(Path(target)) as tmp:
        Path(tmp).write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
    return Path(target)


def font_assets(db: Path) -> tuple[Path, Path]:
    """A stylesheet beside ``db`` (``DB.assets/tifa.css``) that gives Datasette's pages the CJK font
    tifa ships (mplfonts' Noto Sans CJK, served from this machine): Chinese then shows on a machine
    without a CJK font.  Returns the stylesheet's folder and the font file."""
    from ..fonts import cjk_font_path

    font = cjk_font_path()
    folder = Path(db).with_suffix(".assets")
    folder.mkdir(parents=True, exist_ok=True)
    css = (f'@font-face {{ font-family: "tifa CJK"; src: url("/tifa-font/{font.name}"); }}\n'
           'body, input, textarea, select, button, table, pre, code { font-family: system-ui, "tifa CJK", sans-serif !important; }\n')
    with atomic_path(folder / "tifa.css") as tmp:
        Path(tmp).write_text(css, encoding="utf-8")
    return folder, font
