"""A corpus of 2,000 (or N) reports from the shared archive, for ``bench/panel.py --report``.

    .venv/bin/python bench/archive.py OUT_DIR [--n 2000]

Every report of ``../shared/corpus`` as it comes — the 854 Markdown work reports of ``lawtext/``
as published (front matter and all), the 52 central work reports, the 13 congress reports and the
twelve top-level reports — and, until there are ``N`` files, the same lawtext reports again as a
user gets them copied from a web page: first as plain text (front matter and markup taken off, by
a rule of this script, not by tifa), then in traditional script (OpenCC ``s2t``).  Each copy keeps
its place folder (``plain/浙江省/2026.txt``), so ids stay unique and places are read from folders.
The copies are near-duplicates of their originals, marked so by the build: that costs the build and
the report as much as new reports of the same size do.  Deterministic.
"""
from __future__ import annotations

import argparse
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpus"

_FRONT = re.compile(r"\A\s*---\n.*?\n---\s*\n", re.S)
_MARKUP = [(re.compile(r"\*\*|__"), ""), (re.compile(r"^#{1,6}\s*", re.M), ""), (re.compile(r"^>\s?", re.M), ""),
           (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"), (re.compile(r"<!--.*?-->", re.S), "")]


def plain(md: str) -> str:
    """The text of a Markdown report without its front matter and markup (an independent rule)."""
    text = _FRONT.sub("", md, count=1)
    for rx, repl in _MARKUP:
        text = rx.sub(repl, text)
    return text


def make(out: Path, n: int) -> int:
    out.mkdir(parents=True, exist_ok=True)
    lawtext = sorted((SHARED / "lawtext").rglob("*.md"))
    count = 0
    for p in lawtext:
        dest = out / "lawtext" / p.relative_to(SHARED / "lawtext")
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(p, dest)
        count += 1
    for sub in ("central-work-reports", "congress-reports"):
        for p in sorted((SHARED / sub).glob("*.txt")):
            (out / sub).mkdir(exist_ok=True)
            shutil.copyfile(p, out / sub / p.name)
            count += 1
    for p in sorted(SHARED.glob("*.txt")):
        shutil.copyfile(p, out / p.name)
        count += 1
    conv = None
    for variant in ("plain", "traditional"):
        for p in lawtext:
            if count >= n:
                return count
            text = plain(p.read_text(encoding="utf-8"))
            if variant == "traditional":
                if conv is None:
                    import opencc

                    conv = opencc.OpenCC("s2t")
                text = conv.convert(text)
            dest = out / variant / p.relative_to(SHARED / "lawtext").with_suffix(".txt")
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_text(text, encoding="utf-8")
            count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--n", type=int, default=2000)
    args = ap.parse_args(argv)
    got = make(args.out, args.n)
    print(f"{got} reports in {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
