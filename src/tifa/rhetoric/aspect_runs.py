"""Sentences of one paragraph that each open with the aspect they report on (高铁方面，…。高速公路方面，…).

Owns :func:`aspect_runs`, a finder :mod:`.parallels` calls after the clause runs (a module of its own
to keep :mod:`.clause_runs` under 500 lines): rows ``(doc_id, members, frame, kind, n, start, end)``
of frame ``*方面`` and kind ``headings``, free of the runs it is given.  It must not refine, dedupe
or score rows.
"""
from __future__ import annotations

import re

from .shapes import is_free


_ASPECT_RE = re.compile(r"(?:^|(?<=[。；;！!\n]))[*“”\s]*([^。；;！!\n，,、：:“”]{1,14}?方面)[，,：:]")


def aspect_runs(doc_id: str, text: str, found: list, *, min_n: int = 3) -> list[tuple]:
    """Sentences of one paragraph that each open with the aspect they report on, ``X方面，``
    (高铁方面，…。高速公路方面，…。机场方面，…): a run of openers sharing the frame ``*方面`` —
    not 一方面/另一方面 (a pair of sides), nor an opener with a verb in it (在…方面 stays)."""
    rows = []
    for pm in re.finditer(r"[^\n]+", text):
        run = []
        for m in _ASPECT_RE.finditer(pm.group()):
            head = m.group(1)
            if head[:-2].endswith(("一", "另一", "这", "这些", "各", "各个", "多", "两", "几", "其他", "其它")) or len(head) < 3:
                continue
            run.append((pm.start() + m.start(1), head))
        if len(run) < min_n or len({h for _, h in run}) < len(run):
            continue
        spans = [(a, a + len(h)) for a, h in run]
        start, end = spans[0][0], spans[-1][1]
        if is_free(found + rows, start, end, spans, text):
            rows.append((doc_id, "|".join(h for _, h in run), "*方面", "headings", len(run), start, end))
    return rows
