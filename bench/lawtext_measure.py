"""Before/after figures for the Markdown work reports of the shared panel (issue 26).

For every file of ``../shared/corpus/lawtext`` (or the folders given): is there a depth-1
``一、`` heading in its outline, is front matter (``---`` / ``source:`` / ``title:``) left in
its text, does its date come from the text, is its title a bare year or a YAML line, is its
place known.  Uses the library (``process_file`` + ``outline_tables``), one file at a time.

    .venv/bin/python bench/lawtext_measure.py [FOLDER...] [--json OUT]
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from tifa.corpus.tables import process_file
from tifa.errors import InputError
from tifa.read.files import iter_sources
from tifa.structure.outline import outline_tables

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "corpus" / "lawtext"
_FRONT = re.compile(r"(?m)^(?:---\s*$|source:\s*http|title:\s)")


def measure(paths: list[Path]) -> dict:
    counts = {"docs": 0, "errors": 0, "dun_heading": 0, "front_matter_in_text": 0, "date_from_text": 0,
              "title_stem_or_yaml": 0, "place_known": 0, "level_known": 0, "year_known": 0, "source_url": 0}
    for f, source in iter_sources(paths):
        try:
            res = process_file(f, source=source)
        except InputError:
            counts["errors"] += 1
            continue
        docs = res.documents
        outline, _ = outline_tables(docs)
        for row in docs.itertuples():
            counts["docs"] += 1
            o = outline[outline["doc_id"] == row.doc_id]
            counts["dun_heading"] += bool(((o["depth"] == 1) & o["marker"].astype(str).str.startswith("一、")).any())
            counts["front_matter_in_text"] += bool(_FRONT.search(row.text[:2000]))
            counts["date_from_text"] += row.date_source == "text"
            title = str(row.title)
            counts["title_stem_or_yaml"] += bool(title == Path(source).stem or title.startswith(("title:", "source:", "---")) or "http" in title)
            for col, key in (("place", "place_known"), ("level", "level_known"), ("year", "year_known"), ("source_url", "source_url")):
                v = getattr(row, col, None)
                counts[key] += bool(v == v and v not in (None, "", 0))
    return counts


def main(argv: list[str]) -> int:
    out = None
    if "--json" in argv:
        i = argv.index("--json")
        out = argv[i + 1]
        argv = argv[:i] + argv[i + 2:]
    paths = [Path(a) for a in argv] or [DEFAULT]
    counts = measure(paths)
    print(json.dumps(counts, ensure_ascii=False))
    if out:
        Path(out).write_text(json.dumps(counts, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
