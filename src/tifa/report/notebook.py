"""What the report's notebooks share: interactive tables, findings in words, exported tables.

The notebooks stay thin: they compute with the library and show the result through these
helpers, so every page looks and behaves the same.
"""
from __future__ import annotations

import html as htmllib
import os
import re
import string
from pathlib import Path

import pandas as pd

from ..config import REPORTS

#: itables options: searchable, sortable, paged; no down-sampling below this many bytes.
MAX_TABLE_BYTES = 8 * 2**20


def setup() -> None:
    """Interactive offline tables (itables, DataTables bundled in the page) and the CJK plot font."""
    import itables

    from .plots import setup_cjk_font

    itables.init_notebook_mode(all_interactive=True, connected=False)
    itables.options.maxBytes = MAX_TABLE_BYTES
    itables.options.lengthMenu = [10, 25, 100, -1]
    itables.options.classes = "display compact"
    itables.options.allow_html = False  # every cell, header and index HTML-escaped (speech text is data)
    cap_tables()  # a table of more than MAX_SHOWN_ROWS rows: its top rows, and the whole as a CSV beside the page
    pd.set_option("display.max_colwidth", 80)
    setup_cjk_font()
    import matplotlib

    matplotlib.rcParams["text.parse_math"] = False  # a "$" in a title is a dollar sign, not TeX


#: ``**bold**`` and ``*italic*`` in a finding's template (the only markup it has).
_BOLD_RE = re.compile(r"\*\*(.+?)\*\*", re.S)
_ITALIC_RE = re.compile(r"(?<![*\w])\*(?!\s)(.+?)(?<!\s)\*(?![*\w])", re.S)


class Fragment(str):
    """A piece of a finding already made safe by :func:`fragment` or :func:`joined`: put in a
    finding as it is (so one finding can list items, each with its own bold)."""


class _EscapingFormatter(string.Formatter):
    """``str.format`` whose every replacement field is HTML-escaped after formatting (its format
    spec applied to the value itself, so ``{n:,}`` and ``{x:.1%}`` work); values are never read
    again as markup or as format fields. A :class:`Fragment` goes in as it is."""

    def format_field(self, value, format_spec):
        if isinstance(value, Fragment) and not format_spec:
            return value
        return htmllib.escape(super().format_field(value, format_spec), quote=True)


def fragment(template: str, /, **values) -> Fragment:
    """The inner HTML of :func:`finding_html` (no paragraph), to put in another finding."""
    body = htmllib.escape(template, quote=False)
    body = _BOLD_RE.sub(r"<strong>\1</strong>", body)
    body = _ITALIC_RE.sub(r"<em>\1</em>", body)
    return Fragment(_EscapingFormatter().vformat(body, (), values))


def joined(separator: str, items, *, empty: str = "") -> Fragment:
    """``separator.join(items)``, each item escaped unless it is a :class:`Fragment` (``empty``
    when there are none)."""
    parts = [i if isinstance(i, Fragment) else htmllib.escape(str(i), quote=True) for i in items]
    return Fragment(htmllib.escape(separator).join(parts) if parts else htmllib.escape(empty))


def finding_html(template: str, /, **values) -> str:
    """The HTML of a finding in words: ``template`` is text the notebook's author wrote, its
    only markup ``**bold**`` and ``*italic*``, its fields ``{name}`` / ``{name:spec}`` filled from
    ``values`` (``{{`` and ``}}`` for literal braces). The template is escaped and its markup
    made into ``<strong>``/``<em>`` before any value goes in; each value is formatted and then
    HTML-escaped, so data (titles, speakers, members…) is only ever text on the page — never
    a tag, a link, an emphasis or a field. No Markdown is rendered (so no Markdown link or image
    and no raw HTML can come from anywhere), and the paragraph is marked for MathJax to leave
    alone (a ``$`` in a title stays a dollar sign)."""
    return f'<p class="tifa-finding tex2jax_ignore mathjax_ignore">{fragment(template, **values)}</p>'


def say(template: str, /, **values) -> None:
    """Show a finding in words computed from the data: ``say("**{n} speeches**, the longest {title}.",
    n=len(docs), title=t)``. Data goes in ``values`` only, never into ``template`` (see
    :func:`finding_html`; tests/test_report_safety.py checks every notebook's calls)."""
    from IPython.display import HTML, display

    display(HTML(finding_html(template, **values)))


def closing_table(df: pd.DataFrame, name: str, *, caption: str = "") -> pd.DataFrame:
    """Write ``df`` as ``reports/NAME.csv`` (UTF-8 with BOM) beside the page, link it, show it."""
    from IPython.display import HTML, display

    from ..corpus.export import write_csv

    target = Path(os.environ.get("TIFA_REPORTS") or REPORTS) / f"{name}.csv"
    target.parent.mkdir(parents=True, exist_ok=True)
    write_csv(df, target)
    link = f'<a href="{htmllib.escape(target.name, quote=True)}" download>Download this table as CSV ({len(df):,} rows)</a>'
    display(HTML(f"<p>{htmllib.escape(caption)} {link}</p>"))
    return df


#: A table of more rows than this shows its top rows on the page and is written whole as a CSV
#: beside it (``$TIFA_MAX_ROWS`` changes it): so no page grows with the corpus.
MAX_SHOWN_ROWS = 1000
_CAPPED = [0]


def capped_html(df) -> str:
    """The interactive table of ``df`` (a DataFrame or Series) as the page shows it: all of it
    when it has at most :data:`MAX_SHOWN_ROWS` rows, else its top rows, how many there are and a
    link to the complete table, written as ``reports/<page>_table<k>.csv`` (UTF-8 with BOM)."""
    import itables

    from ..corpus.export import write_csv

    limit = int(os.environ.get("TIFA_MAX_ROWS") or MAX_SHOWN_ROWS)
    if len(df) <= limit:
        return itables.to_html_datatable(df, connected=False)
    _CAPPED[0] += 1
    page = re.sub(r"[^\w.-]+", "_", os.environ.get("TIFA_PAGE") or "page")
    target = Path(os.environ.get("TIFA_REPORTS") or REPORTS) / f"{page}_table{_CAPPED[0]}.csv"
    target.parent.mkdir(parents=True, exist_ok=True)
    frame = df.to_frame() if isinstance(df, pd.Series) else df
    write_csv(frame.reset_index() if not isinstance(frame.index, pd.RangeIndex) else frame, target)
    link = f'<a href="{htmllib.escape(target.name, quote=True)}" download>the complete table as CSV</a>'
    note = f'<p class="tifa-capped">The top {limit:,} of {len(df):,} rows; {link}.</p>'
    return note + itables.to_html_datatable(df.head(limit), connected=False)


def cap_tables() -> None:
    """Every DataFrame and Series a notebook shows goes through :func:`capped_html`."""
    pd.DataFrame._repr_html_ = capped_html  # type: ignore[method-assign]
    pd.Series._repr_html_ = capped_html  # type: ignore[attr-defined]


#: A figure with a row per speech does not scale: it shows an even spread of at most this many.
MAX_PLOT_ROWS = 40


def spread(frame, k: int = MAX_PLOT_ROWS):
    """At most ``k`` rows of ``frame``, evenly spread (all of them when it has fewer)."""
    return frame if len(frame) <= k else frame.iloc[sorted({round(i * (len(frame) - 1) / (k - 1)) for i in range(k)})]
