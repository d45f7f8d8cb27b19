"""What the report's notebooks share: interactive tables, findings in words, exported tables.

The notebooks stay thin: they compute with the library and show the result through these
helpers, so every page looks and behaves the same.
"""
from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from .config import REPORTS

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
    pd.set_option("display.max_colwidth", 80)
    setup_cjk_font()


def say(text: str) -> None:
    """Show a finding in words (Markdown) computed from the data."""
    from IPython.display import Markdown, display

    display(Markdown(text))


def closing_table(df: pd.DataFrame, name: str, *, caption: str = "") -> pd.DataFrame:
    """Write ``df`` as ``reports/NAME.csv`` (UTF-8 with BOM) beside the page, link it, show it."""
    from IPython.display import HTML, display

    from .export import write_csv

    target = Path(os.environ.get("TIFA_REPORTS") or REPORTS) / f"{name}.csv"
    target.parent.mkdir(parents=True, exist_ok=True)
    write_csv(df, target)
    display(HTML(f'<p>{caption} <a href="{target.name}" download>Download this table as CSV ({len(df):,} rows)</a></p>'))
    return df
