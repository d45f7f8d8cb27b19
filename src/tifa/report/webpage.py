"""Report pages that readers can read on any machine.

An executed notebook becomes an HTML page with no code on it (the ``.ipynb`` keeps
the code), a table of contents, a link back to the index, and — so that Chinese renders
on a machine without any CJK font — the Noto Sans CJK font shipped by ``mplfonts``,
cut with fontTools to the characters the page uses and embedded as a WOFF2 data URI.
"""
from __future__ import annotations

import base64
import html as htmllib
import io
import re
from pathlib import Path

from ..fonts import FONT_FAMILY, embedded_font, font_coverage_gaps, font_css, is_cjk, page_characters, subset_font  # noqa: F401


def add_toc(page: str, *, home: str | None = "index.html") -> str:
    """A table of contents of the page's h2/h3 headings after its first h1 (and a link home)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page, "html.parser")
    h1 = soup.find("h1")
    heads = [h for h in soup.find_all(["h2", "h3"]) if h.get("id")]
    if h1 is None:
        return page
    nav = soup.new_tag("nav", attrs={"class": "tifa-toc"})
    if home:
        a = soup.new_tag("a", href=home, attrs={"class": "tifa-home"})
        a.string = "← 返回目录 / back to the index"
        nav.append(a)
        nav.append(soup.new_tag("br"))
    if heads:
        title = soup.new_tag("strong")
        title.string = "目录 Contents"
        nav.append(title)
        ul = soup.new_tag("ul")
        for h in heads:
            li = soup.new_tag("li")
            if h.name == "h3":
                li["style"] = "margin-left:1.2em"
            link = soup.new_tag("a", href="#" + h["id"])
            link.string = h.get_text(" ", strip=True).rstrip("¶").strip()
            li.append(link)
            ul.append(li)
        nav.append(ul)
    h1.insert_after(nav)
    return str(soup)


def readable_page(page: str, *, home: str | None = "index.html") -> str:
    """Table of contents, and the CJK font subset embedded in ``<head>``."""
    page = add_toc(page, home=home)
    css = font_css(subset_font({c for c in page_characters(page) if is_cjk(c)} | set("目录返回")))
    if "</head>" in page:
        return page.replace("</head>", css + "</head>", 1)
    return css + page
