"""Score tifa on speeches as they come off the web (``eval/web/pages``; part of ``make eval``).

Usage: ``python eval/web/score.py [PAGE.yml ...] [--heldout | --dev] [--quiet]``

Every page (``.txt`` as copied from a browser, or ``.html``) has a YAML beside it (format in
``eval/web/README.md``): the page furniture (``chrome``: exact strings, with the text just before
them where a string occurs more than once, or a ``regex``), and per speech on the page its title,
the top two outline levels and its formulations with their members.  The body is everything
that is not chrome.

What tifa kept is found by aligning, independently of tifa's own log: the page text and tifa's
output (each document's title and text, in order) are normalised (simplified script, NFKC,
one kind of quote and dash, no whitespace); the output is first aligned to the body, and what
is left of it to the chrome.  A piece of chrome is removed when less than half of its
characters are left; the body kept is the share of its characters found in the output.
"""
from __future__ import annotations

import argparse
import bisect
import difflib
import re
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
PAGES = HERE / "pages"
sys.path.insert(0, str(HERE.parent))

import run as R  # noqa: E402  (eval/run.py: the outline and formulation scorers, tifa on the path)

from tifa.corpus.tables import load  # noqa: E402

_T2S = R._T2S
_QUOTES = str.maketrans({c: '"' for c in "“”„‟「」『』＂'‘’〝〞〟"})
_DASHES = str.maketrans({c: "-" for c in "—–－‐―─"})


def fold(s: str) -> str:
    """The form both sides are compared in (one character per character, whitespace dropped)."""
    s = unicodedata.normalize("NFKC", _T2S(s or ""))
    s = s.translate(_QUOTES)
    s = s.translate(_DASHES)
    return re.sub(r"\s+", "", s)


# --------------------------------------------------------------------------- pages


@dataclass
class Page:
    gold_path: Path
    path: Path
    kind: str
    heldout: bool
    batch: int  #: 1: the first 30 pages (all tuned on by now); 2: written after round 3's rules
    raw: str  #: the page's text as a reader sees it
    chrome: list[list[tuple[int, int]]]  #: per chrome entry, its occurrences in ``raw``
    docs: list[dict]

    @property
    def name(self) -> str:
        return self.gold_path.stem


def page_text(path: Path) -> str:
    """What a reader sees: the file's text, or an HTML page's visible body text."""
    data = path.read_text(encoding="utf-8")
    if path.suffix.lower() not in (".html", ".htm"):
        return data
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(data, "html.parser")
    for tag in soup.find_all(["script", "style", "head"]):
        tag.decompose()
    return (soup.body or soup).get_text("\n")


def _occurrences(raw: str, entry: dict) -> list[tuple[int, int]]:
    if "regex" in entry:
        return [(m.start(), m.end()) for m in re.finditer(entry["regex"], raw)]
    text = entry["text"]
    out, start = [], 0
    while (k := raw.find(text, start)) >= 0:
        after = entry.get("after")
        if after is None or (raw[:k].endswith(after) if after else k == 0):  # "" = at the start
            out.append((k, k + len(text)))
        start = k + 1
    return out


def load_page(gold_path: Path) -> Page:
    g = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    path = gold_path.parent / g["page"]
    raw = page_text(path)
    chrome = []
    for entry in g.get("chrome") or []:
        occ = _occurrences(raw, entry)
        if not occ:
            raise SystemExit(f"{gold_path}: chrome {entry} not found in the page")
        chrome.append(occ)
    return Page(gold_path, path, g.get("kind", ""), bool(g.get("heldout")), int(g.get("batch", 1)), raw, chrome, g.get("docs") or [])


# --------------------------------------------------------------------------- alignment


def _folded_with_map(raw: str, keep) -> tuple[str, list[int]]:
    """Fold the characters of ``raw`` for which ``keep(i)``; the raw index of every folded character."""
    chars, where = [], []
    whole = _T2S(raw)  # phrases convert as a whole (答覆 → 答复), as tifa converts them
    if len(whole) != len(raw):
        whole = raw
    for i, ch in enumerate(whole):
        if not keep(i):
            continue
        f = fold(ch)
        for c in f:
            chars.append(c)
            where.append(i)
    return "".join(chars), where


def _matched(a: str, b: str) -> tuple[list[bool], list[bool]]:
    """Which characters of ``a`` and of ``b`` are aligned to each other."""
    ma, mb = [False] * len(a), [False] * len(b)
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for blk in sm.get_matching_blocks():
        for k in range(blk.size):
            ma[blk.a + k] = True
            mb[blk.b + k] = True
    return ma, mb


@dataclass
class PageScore:
    chrome_n: int = 0
    chrome_removed: float = 0.0
    body_chars: int = 0
    body_kept: int = 0
    titles: int = 0
    titles_ok: int = 0
    outlines: int = 0
    outlines_ok: int = 0
    found: R.Score = field(default_factory=R.Score)
    members: R.Score = field(default_factory=R.Score)
    errors: list[str] = field(default_factory=list)

    def add(self, o: "PageScore") -> None:
        for k in ("chrome_n", "chrome_removed", "body_chars", "body_kept", "titles", "titles_ok", "outlines", "outlines_ok"):
            setattr(self, k, getattr(self, k) + getattr(o, k))
        self.found.add(o.found)
        self.members.add(o.members)


def score_text(page: Page, output: str) -> PageScore:
    """Chrome removed and body kept, from the page and tifa's output for it."""
    sc = PageScore()
    mask = [False] * len(page.raw)
    for occ in page.chrome:
        for s, e in occ:
            for i in range(s, e):
                mask[i] = True
    body, _ = _folded_with_map(page.raw, lambda i: not mask[i])
    out = fold(output)
    mb, mo = _matched(body, out)
    sc.body_chars, sc.body_kept = len(body), sum(mb)
    # what is left of the output, against the chrome: each piece looks between the output places
    # of the body just before and just after it, and takes what it matches there (adjacent pieces
    # share the stretch, in order, so a piece never counts another's characters)
    _, where = _folded_with_map(page.raw, lambda i: not mask[i])
    b2o = [-1] * len(body)
    sm = difflib.SequenceMatcher(None, body, out, autojunk=False)
    for blk in sm.get_matching_blocks():
        for k in range(blk.size):
            b2o[blk.a + k] = blk.b + k
    used = list(mo)
    occs = sorted((s, e, n) for n, occ in enumerate(page.chrome) for s, e in occ)
    removed_per: dict[int, list[float]] = {}
    anchors = [(where[k], b2o[k]) for k in range(len(body)) if b2o[k] >= 0]
    raw_pos = [a for a, _ in anchors]
    for s, e, n in occs:
        f = fold(page.raw[s:e])
        if not f:
            removed_per.setdefault(n, []).append(1.0)
            continue
        k1 = bisect.bisect_left(raw_pos, s) - 1
        k2 = bisect.bisect_left(raw_pos, e)
        lo = anchors[k1][1] + 1 if k1 >= 0 else 0
        hi = anchors[k2][1] if k2 < len(anchors) else len(out)
        # between its neighbours; a longer piece anywhere too (tifa may have moved it, as a title)
        windows = [range(lo, hi)] + ([range(len(out))] if len(f) >= 4 else [])
        kept = 0
        for win in windows:
            idx = [k for k in win if not used[k]]
            seg = "".join(out[k] for k in idx)
            if not seg:
                continue
            m2 = difflib.SequenceMatcher(None, f, seg, autojunk=False)
            kept = sum(blk.size for blk in m2.get_matching_blocks())
            if kept >= len(f) / 2:
                for blk in m2.get_matching_blocks():
                    for k in range(blk.size):
                        used[idx[blk.b + k]] = True
                break
        removed_per.setdefault(n, []).append(float(kept < len(f) / 2))
    for n, occ in enumerate(page.chrome):
        per_occ = removed_per.get(n, [1.0])
        sc.chrome_n += 1
        removed = sum(per_occ) / len(per_occ)
        sc.chrome_removed += removed
        if removed < 1:
            shown = page.raw[occ[0][0] : occ[0][1]].strip().replace("\n", " ")
            left = sum(1 for x in per_occ if x < 1)
            sc.errors.append(f"chrome kept  {shown[:40]!r}" + (f" ({left} of {len(occ)})" if len(occ) > 1 else ""))
    if sc.body_kept < sc.body_chars:
        lost, k = [], 0
        while k < len(body):
            if not mb[k]:
                j = k
                while j < len(body) and not mb[j]:
                    j += 1
                lost.append(body[k:j])
                k = j
            else:
                k += 1
        sc.errors.append("body lost    " + " | ".join(x[:30] for x in lost[:6]))
    return sc


def score_docs(page: Page, docs, corpus) -> PageScore:
    sc = PageScore()
    for i, gd in enumerate(page.docs):
        part = int(gd.get("part", i + 1))
        row = docs[docs["part"] == part]
        sc.titles += 1
        sc.outlines += 1 if "outline" in gd else 0
        if not len(row):
            sc.errors.append(f"document {part}: not produced")
            sc.found.fn += len(gd.get("formulations") or {})
            continue
        doc = row.iloc[0]
        if fold(doc["title"]) == fold(gd["title"]):
            sc.titles_ok += 1
        else:
            sc.errors.append(f"title        {doc['title']!r}, should be {gd['title']!r}")
        g = R.Gold(page.gold_path, page.name, page.path, part, gd)
        if "outline" in gd:
            g.outline = R.parse_outline(gd["outline"])
            o = corpus.outline[corpus.outline["doc_id"] == doc["doc_id"]]
            os_ = R.score_outline(g, o, doc["text"])
            if os_.exact:
                sc.outlines_ok += 1
            else:
                sc.errors.extend("outline      " + e for e in os_.errors)
        f = corpus.formulas[corpus.formulas["doc_id"] == doc["doc_id"]]
        ms = R.score_formulations(g, f)
        sc.found.add(ms.found)
        sc.members.add(ms.members)
        sc.errors.extend(ms.found.errors + ms.members.errors)
    return sc


def evaluate(pages: list[Page]) -> dict[str, PageScore]:
    corpus = load([p.path for p in pages], root=PAGES)
    for e in corpus.errors:
        print(f"web eval: {e}", file=sys.stderr)
    docs = corpus.documents
    per: dict[str, PageScore] = {}
    for p in pages:
        mine = docs[docs["source"] == p.path.name].sort_values("part")
        output = "\n".join(f"{t}\n{x}" for t, x in zip(mine["title"], mine["text"]))
        sc = score_text(p, output)
        d = score_docs(p, mine, corpus)
        for k in ("titles", "titles_ok", "outlines", "outlines_ok"):
            setattr(sc, k, getattr(d, k))
        sc.found, sc.members = d.found, d.members
        sc.errors.extend(d.errors)
        per[p.name] = sc
    return per


# --------------------------------------------------------------------------- report


def _pct(a: float, b: float) -> str:
    return f"{100 * a / b:.1f} %" if b else "–"


def _row(name: str, kind: str, s: PageScore) -> str:
    return (
        f"| {name} | {kind} | {_pct(s.chrome_removed, s.chrome_n)} | {_pct(s.body_kept, s.body_chars)} "
        f"| {s.titles_ok}/{s.titles} | {s.outlines_ok}/{s.outlines} | {s.found.tp}/{s.found.tp + s.found.fn} "
        f"| {s.members.tp}/{s.members.tp + s.members.fn} |"
    )


_GROUPS = ["development", "held out", "held out, batch 2", "held out, batch 3"]


def _group(p: Page) -> str:
    if not p.heldout:
        return "development"
    return "held out" if p.batch == 1 else f"held out, batch {p.batch}"


def report(pages: list[Page], per: dict[str, PageScore], *, quiet: bool = False) -> str:
    out = ["## Web pages (eval/web): page chrome, body, titles, outline, formulations\n"]
    out.append("| page | kind | chrome removed | body kept | title | outline exact | formulations | members |")
    out.append("|---|---|---|---|---|---|---|---|")
    groups: dict[str, PageScore] = {}
    sizes: dict[str, int] = {}
    for p in pages:
        s = per[p.name]
        out.append(_row(p.name + (" (held out)" if p.heldout else ""), p.kind, s))
        label = _group(p)
        groups.setdefault(label, PageScore()).add(s)
        sizes[label] = sizes.get(label, 0) + 1
    out.append("\n| pages | n | chrome removed | body kept | titles | outline exact | formulations found | members found |")
    out.append("|---|---|---|---|---|---|---|---|")
    total = PageScore()
    for label in sorted(groups, key=lambda g: (_GROUPS.index(g) if g in _GROUPS else len(_GROUPS), int(re.sub(r"\D", "", g) or 0), g)):
        s, n = groups[label], sizes[label]
        if n:
            total.add(s)
            out.append(
                f"| {label} | {n} | {_pct(s.chrome_removed, s.chrome_n)} ({s.chrome_n}) | {_pct(s.body_kept, s.body_chars)} "
                f"| {_pct(s.titles_ok, s.titles)} | {_pct(s.outlines_ok, s.outlines)} "
                f"| {_pct(s.found.tp, s.found.tp + s.found.fn)} | {_pct(s.members.tp, s.members.tp + s.members.fn)} |"
            )
    s = total
    out.append(
        f"| all | {len(pages)} | {_pct(s.chrome_removed, s.chrome_n)} ({s.chrome_n}) | {_pct(s.body_kept, s.body_chars)} "
        f"| {_pct(s.titles_ok, s.titles)} | {_pct(s.outlines_ok, s.outlines)} "
        f"| {_pct(s.found.tp, s.found.tp + s.found.fn)} | {_pct(s.members.tp, s.members.tp + s.members.fn)} |"
    )
    if not quiet:
        out.append("\n### Web page errors\n")
        for p in pages:
            errs = per[p.name].errors
            if errs:
                out.append(f"#### {p.name}")
                out.extend(f"- {e}" for e in errs)
    return "\n".join(out)


def pages_of(files: list[Path] | None = None, *, which: str = "all") -> list[Page]:
    files = files or sorted(PAGES.glob("*.yml"))
    pages = [load_page(f) for f in files]
    if which == "heldout":
        pages = [p for p in pages if p.heldout]
    elif which == "dev":
        pages = [p for p in pages if not p.heldout]
    return pages


def section(*, quiet: bool = False) -> str:
    """The web pages' part of ``make eval`` (called by eval/run.py)."""
    pages = pages_of()
    return report(pages, evaluate(pages), quiet=quiet) if pages else ""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="*", type=Path, help="page YAMLs (default: eval/web/pages/*.yml)")
    grp = ap.add_mutually_exclusive_group()
    grp.add_argument("--heldout", action="store_true", help="the held-out pages only")
    grp.add_argument("--dev", action="store_true", help="the development pages only")
    ap.add_argument("--quiet", action="store_true", help="tables only, no error list")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    pages = pages_of(args.gold or None, which="heldout" if args.heldout else "dev" if args.dev else "all")
    print(report(pages, evaluate(pages), quiet=args.quiet))
    print(f"\n({len(pages)} web pages scored in {time.perf_counter() - t0:.1f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
