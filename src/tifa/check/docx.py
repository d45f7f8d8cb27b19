"""A checked draft as a Word document with each finding as a comment on its words.

For a ``.docx`` draft the comments are anchored in the writer's own document (runs split at the
finding's characters, their formatting copied) and nothing else in it changes; for any other
draft, a new document holds the file's lines as paragraphs.  Uses python-docx (≥ 1.2 writes
comments).  Owns the Word file only.
"""
from __future__ import annotations

import copy
from pathlib import Path

from ..atomic import atomic_path

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
AUTHOR = "tifa check"


def _blocks(document) -> list:
    """The document's paragraphs in the order tifa reads its lines (a table row: its first paragraph)."""
    from docx.text.paragraph import Paragraph

    out = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            out.append(Paragraph(child, document))
        elif tag == "tbl":
            for row in child.iter(f"{_W}tr"):
                p = next(row.iter(f"{_W}p"), None)
                out.append(Paragraph(p, document) if p is not None else None)
    return out


def _run_text(r) -> str:
    return "".join(t.text or "" for t in r.iter(f"{_W}t"))


def _split_run(run_el, at: int):
    """Split a run of one text element at character ``at``; return the second part's element."""
    ts = list(run_el.iter(f"{_W}t"))
    if len(ts) != 1:
        return None
    second = copy.deepcopy(run_el)
    text = ts[0].text or ""
    ts[0].text = text[:at]
    list(second.iter(f"{_W}t"))[0].text = text[at:]
    for t in (ts[0], list(second.iter(f"{_W}t"))[0]):
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    run_el.addnext(second)
    return second


def _runs_for(paragraph, a: int, b: int) -> list:
    """The paragraph's runs covering characters ``a:b`` of its text, split at ``a`` and ``b``."""
    from docx.text.run import Run

    def runs():
        return [r for r in paragraph._p.iter(f"{_W}r") if r.getparent().tag != f"{_W}del"]

    for cut in (a, b):
        pos = 0
        for r in runs():
            n = len(_run_text(r))
            if pos < cut < pos + n:
                _split_run(r, cut - pos)
                break
            pos += n
    out, pos = [], 0
    for r in runs():
        n = len(_run_text(r))
        if n and pos < b and pos + n > a:
            out.append(Run(r, paragraph))
        pos += n
    return out


def _comment_text(row) -> str:
    text = f"[{row['check']}] {row['message']}"
    return text + (f"\n→ {row['suggestion']}" if row["suggestion"] else "")


def write_docx(checked, out: Path | str) -> Path:
    """Write ``checked``'s draft with a comment per finding (info rows included) to ``out``."""
    import docx

    out = Path(out)
    if checked.path.suffix.lower() == ".docx":
        document = docx.Document(str(checked.path))
    else:
        document = docx.Document()
        for line in checked.raw.split("\n"):
            document.add_paragraph(line)
    blocks = _blocks(document)
    lines = checked.raw.split("\n")
    line_starts = [0]
    for ln in lines:
        line_starts.append(line_starts[-1] + len(ln) + 1)
    for _, row in checked.findings.iterrows():
        rs, re_ = int(row["raw_start"]), int(row["raw_end"])
        li = int(row["line"]) - 1
        if li >= len(blocks) or blocks[li] is None:
            continue
        a = rs - line_starts[li]
        b = min(re_ - line_starts[li], len(lines[li]))
        runs = _runs_for(blocks[li], a, max(b, a + 1))
        if not runs:
            continue
        document.add_comment(runs, text=_comment_text(row), author=AUTHOR, initials="tifa")
    with atomic_path(out) as tmp:
        document.save(str(tmp))
    return out
