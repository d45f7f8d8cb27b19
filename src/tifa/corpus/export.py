"""Exports for people who live in spreadsheets: one xlsx with a sheet per table, or CSVs.

The workbook opens with a README sheet explaining every table and column.
Excel's limits are respected and said: text cells are cut at 32,767
characters and sheets at 1,048,575 rows (the README sheet notes any cut).
CSV files are UTF-8 with a byte-order mark, which Excel needs to show Chinese.
Files are written atomically.
"""
from __future__ import annotations


from pathlib import Path

import pandas as pd

from ..atomic import atomic_path
from ..config import PROCESSED
from ..csvsafe import FORMULA_START, inert_csv_frame, neutralise_csv_cell  # noqa: F401 (one rule for every csv)

#: Column descriptions, shown on the README sheet.
COLUMNS: dict[str, dict[str, str]] = {
    "documents": {
        "doc_id": "stable id: source path + part number",
        "source": "file in data/raw", "part": "piece number within the file", "n_parts": "pieces in the file",
        "piece_label": "第一篇 … when the file labels its pieces", "title": "title (metadata wins over the text)",
        "page_title": "web-page title above the site chrome", "date": "YYYY-MM-DD (of delivery)",
        "date_source": "text (dateline or signature), front_matter, page, metadata or filename", "year": "year of delivery",
        "date_note": "where the sources of the date disagree (a year apart)", "place": "issuing government or body (国务院, 浙江省, 杭州市)",
        "level": "central, province, city, county or empty", "source_url": "the page's address (front matter source/url)",
        "front_matter": "every front-matter key, as JSON",
        "text": "cleaned text, one paragraph per line", "n_chars": "characters", "n_paras": "paragraphs", "n_sents": "sentences",
        "sha1": "hash of the text", "encoding": "how the file was decoded", "duplicate_of": "earlier document this one repeats",
        "dup_similarity": "Jaccard similarity to it", "format": "text, markdown, docx, html or pdf", "script": "simplified or traditional (converted)",
        "speaker": "from metadata", "occasion": "from metadata",
    },
    "sentences": {"doc_id": "document", "sent_id": "sentence number", "para_id": "paragraph number", "start": "offset in documents.text",
                  "end": "end offset", "text": "the sentence", "item_id": "deepest outline item holding it"},
    "cleaning_log": {"source": "file", "doc_id": "document", "line": "raw line", "raw_start": "offset in the raw text",
                     "raw_end": "end offset", "pos": "where it was removed in documents.text", "removed": "removed text", "reason": "why"},
    "outline": {"doc_id": "document", "item_id": "item number", "parent_id": "parent item", "depth": "1 = top level",
                "marker": "marker as written (一、 （一） 1. 一是 第一，…)", "style": "marker style", "ordinal": "its number",
                "title": "heading or first sentence", "start": "offset of the item", "end": "end of the item"},
    "enumerations": {"doc_id": "document", "enum_id": "list number", "parent_id": "outline item holding the list", "style": "marker style",
                     "n_items": "items delivered", "first_item": "first item id", "announced": "count the text announces",
                     "announced_text": "the announcing words", "start": "offset", "end": "end offset"},
    "formulas": {"doc_id": "document", "formula": "the formulation (提法)", "number": "its numeral", "head": "head word",
                 "kind": "formulation or count", "members": "what it stands for, joined by |", "members_source": "where the members were found",
                 "start": "offset", "end": "end offset", "quoted": "in quotation marks", "known": "in data/lexicons/formulations.tsv"},
    "parallels": {"doc_id": "document", "members": "phrases joined by |", "frame": "shared frame, * = slot",
                  "kind": "opening, ending, template, structural, verb_object, headings, compact, verse or list", "n": "members",
                  "score": "how surely a 排比, 0-1 (≥ 0.5 and not a list: the default output)", "start": "offset", "end": "end offset"},
    "quotes": {"doc_id": "document", "source": "who or what is cited", "source_type": "leader, classic, saying, book, person",
               "quote": "quoted words", "start": "offset", "end": "end offset"},
    "tokens": {"doc_id": "document", "sent_id": "sentence", "tok_id": "token number", "word": "word", "pos": "jieba POS tag",
               "start": "offset", "end": "end offset", "is_stop": "stopword or punctuation", "tag": "lexicon class"},
}
EXPORT_TABLES = ("documents", "sentences", "outline", "enumerations", "formulas", "parallels", "quotes", "cleaning_log", "tokens")
MAX_CELL = 32767
MAX_ROWS = 1_048_575


def _inert_xlsx(book) -> None:
    """Store every cell openpyxl took for a formula (text opening with ``=``) as plain text:
    the cell shows the same characters and runs nothing."""
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"


def _tables(processed: Path) -> dict[str, pd.DataFrame]:
    from .tables import read_table

    out = {}
    for name in EXPORT_TABLES:
        try:
            out[name] = read_table(name, processed)
        except FileNotFoundError:
            continue
    if not out:
        raise FileNotFoundError(f"{processed}: no tables; run `tifa build` first")
    return out


def export_xlsx(path: Path, processed: Path = PROCESSED) -> Path:
    """One sheet per table plus a README sheet explaining the columns."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    tables = _tables(processed)
    notes = []
    readme_rows = []
    for name, df in tables.items():
        for col in df.columns:
            readme_rows.append((name, col, COLUMNS.get(name, {}).get(col, "")))
    with atomic_path(path) as tmp, pd.ExcelWriter(tmp, engine="openpyxl") as xw:
        sheets = {}
        for name, df in tables.items():
            d = df
            if len(d) > MAX_ROWS:
                notes.append(f"{name}: cut to the first {MAX_ROWS:,} of {len(d):,} rows (Excel's limit); use --csv for all")
                d = d.head(MAX_ROWS)
            d = d.copy()
            for col in d.columns:
                if d[col].dtype == object or str(d[col].dtype).startswith(("str", "string")):
                    s = d[col].astype(object)
                    mask = s.map(lambda v: isinstance(v, str))
                    if mask.any():
                        cut = s[mask].map(lambda v: ILLEGAL_CHARACTERS_RE.sub("", v))
                        long = cut.str.len() > MAX_CELL
                        if long.any():
                            notes.append(f"{name}.{col}: {int(long.sum())} cell(s) cut at {MAX_CELL:,} characters")
                            cut = cut.where(~long, cut.str.slice(0, MAX_CELL - 20) + "…[truncated]")
                        s = s.copy()
                        s[mask] = cut
                    d[col] = s
            sheets[name] = d
        readme = pd.DataFrame(readme_rows, columns=["table", "column", "meaning"])
        intro = pd.DataFrame(
            [("tifa export", "", "One sheet per table; ids link the sheets (doc_id, sent_id, item_id).")]
            + [("note", "", n) for n in notes],
            columns=["table", "column", "meaning"],
        )
        pd.concat([intro, readme], ignore_index=True).to_excel(xw, sheet_name="README", index=False)
        for name, d in sheets.items():
            d.to_excel(xw, sheet_name=name[:31], index=False)
        _inert_xlsx(xw.book)
    return path


def write_csv(df: pd.DataFrame, target: Path) -> Path:
    """``df`` as a UTF-8 (with BOM, for Excel) CSV, written atomically, text cells neutralised."""
    df = inert_csv_frame(df)
    with atomic_path(target) as tmp:
        df.to_csv(tmp, index=False, encoding="utf-8-sig", lineterminator="\n")
    return target


def export_csv(folder: Path, processed: Path = PROCESSED) -> list[Path]:
    """One UTF-8 (with BOM) CSV per table in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    return [write_csv(df, folder / f"{name}.csv") for name, df in _tables(processed).items()]
