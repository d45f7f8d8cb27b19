"""Cleaning: raw text of one file → cleaned text plus an audit log.

Cleaning is a pipeline of small steps.  Each step looks at the current text and
proposes :class:`Edit`s (delete or replace a span, with a reason); a tracker
applies them while keeping, for every character of the cleaned text, the
offset of the raw character it came from.  That gives the *cleaning log*:
every removed span with its reason, its raw offsets and line number, and the
place in the cleaned text where it was taken out — so a researcher can audit
that no speech content was dropped.

The steps, in order (all general rules, no per-file cases):

0. ``converter_glosses`` — pinyin a script converter left after characters
   (``會(huì)議``), before anything else;
1. ``normalize_space``   — newlines, zero-width characters, odd spaces;
   ``markup_residue`` (HTML tags, BBCode), ``anti_copy`` (forums' random ASCII
   garbage), ``live_stamps`` (a live blog's clock times), ``footnotes`` (an article's notes), ``viewer_debris`` (page counters, page-chunk numbers, page numbers
   glued into words);
2. ``chrome``            — web-page chrome: breadcrumbs, publish/view-count
   lines, related-article lists with their entries, copyright/ICP/"Powered
   by" footers, membership/subscription ads (and the ad block atop a file);
   page furniture by its shape (:func:`~tifa.text.furniture.furniture_reason`: furniture words that
   stand as words, counters, sizes, fields, separators, no Chinese), the site's
   own voice (blurbs, paywalls, viewer notices), page titles, collection
   counts and markers, tables of contents, short lines between furniture;
3. ``page_numbers``      — page numbers alone on a line (PDF extraction), and the numbers a site
   puts before every paragraph (``paragraph_numbers``);
4. ``repeated_titles``   — a title line repeated by the page template;
5. ``join_broken_lines`` — a sentence or word cut by a line or page break;
   ``split_glued_parts`` — a title glued to its salutation, a viewer's
   run-together opening, each part on a line of its own;
6. ``split_runin_headings`` — ``一、勤学增才 习总书记强调…``: a numbered
   heading separated from its body by a space goes on its own line;
7. ``doubled_markers``   — ``二是 二是对机关…。二是 由于…`` keeps one ``二是``;
8. ``cjk_spaces``        — spaces inside Chinese text (``办 公室``);
9. ``punctuation``       — half-width punctuation in Chinese context becomes
   full-width (``,`` → ``，``, ``(一)`` → ``（一）``, ``"…"`` → ``“…”``);
   digits and Latin text are left alone;
10. ``tidy``             — strip line ends, drop blank lines.

Substitutions (steps 1, 6, 9) change no content and are not logged; every
deletion of a non-blank character is.

Where they live: the engine (:class:`Edit`, the tracker, the log) in :mod:`tifa.text.edits`;
``converter_glosses``, ``markup_residue``, ``anti_copy``, ``live_stamps``, ``footnotes`` and ``viewer_debris`` in
:mod:`tifa.text.debris`; ``chrome`` and ``license_notices`` in :mod:`tifa.text.chrome`, ``title_suffixes`` in :mod:`tifa.text.titleline` (a short
line's shape in :mod:`tifa.text.furniture`); ``page_numbers``, ``repeated_titles``,
``join_broken_lines``, ``split_glued_parts``, ``split_runin_headings`` and ``doubled_markers`` in
:mod:`tifa.text.lines`; ``normalize_space``, ``cjk_spaces``, ``punctuation`` and ``tidy`` in
:mod:`tifa.text.normalize`.  This module owns only their order, :data:`STEPS`, and :func:`clean`,
which runs them and makes the log; it must not hold a rule of its own — a new rule goes to the
module of its concern, and into :data:`STEPS` where it has to run.
"""
from __future__ import annotations

import bisect
import re
from typing import Sequence

from .chrome import chrome, license_notices
from .titleline import title_suffixes
from .debris import anti_copy, converter_glosses, footnotes, live_stamps, markup_residue, viewer_debris, watermarks
from .edits import Cleaned, Edit, Removal, Step, Tracker
from .lines import doubled_markers, join_broken_lines, page_numbers, paragraph_numbers, repeated_titles, split_glued_parts, split_glued_title, split_runin_headings
from .normalize import cjk_spaces, normalize_space, punctuation, tidy

STEPS: tuple[Step, ...] = (
    converter_glosses,
    normalize_space,
    markup_residue,
    anti_copy,
    watermarks,
    live_stamps,
    footnotes,
    viewer_debris,
    title_suffixes,
    split_glued_title,
    chrome,
    page_numbers,
    paragraph_numbers,
    repeated_titles,
    join_broken_lines,
    license_notices,
    split_glued_parts,
    split_runin_headings,
    doubled_markers,
    punctuation,
    cjk_spaces,
    tidy,
)


def clean(raw: str, *, steps: Sequence[Step] = STEPS) -> Cleaned:
    """Run the cleaning ``steps`` over ``raw`` and return text, log and source map."""
    t = Tracker(raw)
    for step in steps:
        t.apply(step(t.text))
    # Drop a trailing newline left by the last line.
    if t.text.endswith("\n"):
        t.apply([Edit(len(t.text) - 1, len(t.text), "", "blank", log=False)])
    line_starts = [0] + [m.end() for m in re.finditer("\n", raw)]
    log = tuple(
        Removal(
            line=bisect.bisect_right(line_starts, rs),
            raw_start=rs,
            raw_end=re_,
            pos=bisect.bisect_left(t.src, re_),
            removed=removed,
            reason=reason,
        )
        for rs, re_, removed, reason in sorted(t.entries)
    )
    return Cleaned(raw=raw, text=t.text, log=log, srcmap=t.src)


def clean_text(raw: str) -> str:
    """Convenience: the cleaned text only."""
    return clean(raw).text
