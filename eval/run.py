"""Score tifa against hand-written gold annotations (``make eval``).

Usage: ``python eval/run.py [GOLD.yml ...] [--quiet] [--markdown FILE]``

Every ``eval/gold/*.yml`` names one document (``source`` + ``part``) and what a reader
marked in it (the format is documented in ``eval/README.md``).  For each component the
script prints precision, recall (and for the outline, parent accuracy) per text and
overall, then lists every error.  It is a measurement, not a test: thresholds live in
``eval/RESULTS.md``.
"""
from __future__ import annotations

import argparse
import os
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))

from tifa.corpus.tables import load  # noqa: E402
from tifa.text.documents import doc_id_for  # noqa: E402
from tifa.read.files import iter_sources  # noqa: E402

try:  # traditional characters in a gold title or a text compare as simplified
    from opencc import OpenCC

    _T2S = OpenCC("t2s").convert
except Exception:  # pragma: no cover
    _T2S = lambda s: s  # noqa: E731

#: Characters of a title compared (gold prefixes are at most this long).
PREFIX = 8
_STRIP = re.compile(r"[\s\u3000“”「」『』‘’\"'《》〈〉，,、：:。·•▪]")


def shared_root() -> Path:
    """Where ``shared/…`` sources live: ``$TIFA_SHARED`` or the folder beside the project."""
    env = os.environ.get("TIFA_SHARED")
    return Path(env) if env else ROOT.parent / "shared"


def resolve(source: str) -> Path:
    if source.startswith("shared/"):
        return shared_root() / source[len("shared/") :]
    return ROOT / source


def norm(s: str) -> str:
    s = _T2S(s or "")
    s = s.replace("(", "（").replace(")", "）").replace(",", "，")
    return _STRIP.sub("", s)


def norm_marker(m: str) -> str:
    m = norm(m).lstrip("—")  # a dash leading an ordinal (——第一，…) is typography, not the marker
    return "" if m in ("", "▪") else m


# --------------------------------------------------------------------------- gold


@dataclass
class GoldItem:
    marker: str
    title: str
    parent: int | None  # index into the gold outline
    depth: int


def parse_outline(block: str) -> list[GoldItem]:
    """Indented outline: two spaces per level, ``MARKER TITLE-PREFIX`` (``▪`` = unnumbered)."""
    items: list[GoldItem] = []
    stack: list[int] = []
    for raw in (block or "").splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        indent = (len(raw) - len(raw.lstrip(" "))) // 2
        marker, _, title = raw.strip().partition(" ")
        del stack[indent:]
        parent = stack[-1] if stack else None
        items.append(GoldItem(marker, title.strip(), parent, indent + 1))
        stack.append(len(items) - 1)
    return items


@dataclass
class Gold:
    path: Path
    name: str
    source: Path
    part: int
    data: dict
    outline: list[GoldItem] = field(default_factory=list)

    source_name: str = ""  #: the ``source`` tifa gave the file among those loaded with it

    @property
    def doc_id(self) -> str:
        return doc_id_for(self.source_name or self.source.name, self.part)


def load_gold(path: Path) -> Gold:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    g = Gold(path, path.stem, resolve(data["source"]), int(data.get("part", 1)), data)
    g.outline = parse_outline(data.get("outline", ""))
    return g


# --------------------------------------------------------------------------- scoring


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    parent_ok: int = 0
    parent_n: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: "Score") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.parent_ok += other.parent_ok
        self.parent_n += other.parent_n

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def parent_acc(self) -> float:
        return self.parent_ok / self.parent_n if self.parent_n else 1.0

    @property
    def exact(self) -> bool:
        return self.fp == 0 and self.fn == 0 and self.parent_ok == self.parent_n


def _title_match(gold: str, pred: str) -> bool:
    g, p = norm(gold)[:PREFIX], norm(pred)[:PREFIX]
    if not g:
        return True
    return p.startswith(g) or (len(p) >= 4 and g.startswith(p))


def top_two(outline, text: str):
    """tifa's structural outline: items of depth ≤ 2 whose marker opens a paragraph, in the body."""
    rows = []
    for r in outline.itertuples():
        if int(r.depth) > 2:
            continue
        if getattr(r, "matter", "body") == "appendix":
            continue
        s = int(r.start)
        while s > 0 and text[s - 1] == "—":  # ——第一，… opens its paragraph after the dash
            s -= 1
        if s > 0 and text[s - 1] != "\n":
            continue
        rows.append(r)
    return rows


def score_outline(g: Gold, outline, text: str) -> Score:
    sc = Score()
    pred = top_two(outline, text)
    by_id = {int(r.item_id): r for r in outline.itertuples()}
    matched: dict[int, object] = {}
    used: set[int] = set()
    j = 0
    # greedy in text order: gold and predictions are both in reading order
    for gi, it in enumerate(g.outline):
        for k in range(j, len(pred)):
            r = pred[k]
            if k in used:
                continue
            if norm_marker(it.marker) == norm_marker(r.marker or "") and _title_match(it.title, r.title or ""):
                matched[gi] = r
                used.add(k)
                j = k + 1
                break
    for gi, it in enumerate(g.outline):
        if gi not in matched:
            sc.fn += 1
            sc.errors.append(f"missed      {it.marker} {it.title}")
            continue
        sc.tp += 1
        r = matched[gi]
        sc.parent_n += 1
        want = matched.get(it.parent) if it.parent is not None else None
        got = by_id.get(int(r.parent_id)) if r.parent_id is not None and str(r.parent_id) != "<NA>" else None
        if it.parent is not None and want is None:
            sc.parent_n -= 1  # parent itself missed: counted there
            continue
        if (want is None and got is None) or (want is not None and got is not None and int(want.item_id) == int(got.item_id)):
            sc.parent_ok += 1
        else:
            pdesc = f"{got.marker or '▪'} {got.title[:10]}" if got is not None else "(top)"
            wdesc = f"{g.outline[it.parent].marker} {g.outline[it.parent].title}" if it.parent is not None else "(top)"
            sc.errors.append(f"parent      {it.marker} {it.title}: under {pdesc}, should be under {wdesc}")
    for k, r in enumerate(pred):
        if k not in used:
            sc.fp += 1
            sc.errors.append(f"extra       {r.marker or '▪'} {str(r.title)[:16]} (depth {r.depth})")
    return sc


def score_appendix(g: Gold, outline, text: str) -> Score:
    """Material after the speech (``appendix: FIRST-CHARS``) must be marked, nothing before it."""
    sc = Score()
    marker = g.data.get("appendix")
    start = -1 if not marker else (0 if text.startswith(marker) else (text.find("\n" + marker) + 1 or -1))
    if "matter" not in outline.columns:
        if marker:
            sc.fn += 1
            sc.errors.append("appendix    outline has no matter column")
        return sc
    for r in outline.itertuples():
        inside = start >= 0 and int(r.start) >= start
        if inside and r.matter == "appendix":
            sc.tp += 1
        elif inside:
            sc.fn += 1
            sc.errors.append(f"appendix    {r.marker} {str(r.title)[:16]} is appended material, marked body")
        elif r.matter == "appendix":
            sc.fp += 1
            sc.errors.append(f"appendix    {r.marker} {str(r.title)[:16]} is speech, marked appendix")
    if marker and start < 0:
        sc.errors.append(f"appendix    gold marker {marker!r} not found in the cleaned text")
    return sc


def score_enumerations(g: Gold, outline, enums) -> Score:
    """Each gold list: first item (marker + title prefix) → announced count and items delivered."""
    sc = Score()
    for e in g.data.get("enumerations") or []:
        marker, _, title = str(e["first"]).partition(" ")
        hit = None
        for r in outline.itertuples():
            if norm_marker(marker) == norm_marker(r.marker or "") and _title_match(title, r.title or ""):
                hit = enums[(enums["first_item"] == r.item_id)]
                if len(hit):
                    break
                hit = None
        if hit is None or not len(hit):
            sc.fn += 1
            sc.errors.append(f"list        {e['first']}: not found")
            continue
        row = hit.iloc[0]
        ok = True
        announced = e.get("announced")
        got_ann = None if str(row["announced"]) in ("<NA>", "nan", "None") else int(row["announced"])
        if announced != got_ann:
            ok = False
            sc.errors.append(f"list        {e['first']}: announced {got_ann}, should be {announced}")
        if "items" in e and int(row["n_items"]) != int(e["items"]):
            ok = False
            sc.errors.append(f"list        {e['first']}: {row['n_items']} items, should be {e['items']}")
        if ok:
            sc.tp += 1
        else:
            sc.fp += 1
            sc.fn += 1
    return sc


def _member_match(a: str, b: str) -> bool:
    a, b = norm(a), norm(b)
    return bool(a) and bool(b) and (a == b or (min(len(a), len(b)) >= 2 and (a in b or b in a)))


@dataclass
class MemberScore:
    found: Score = field(default_factory=Score)
    members: Score = field(default_factory=Score)


def score_formulations(g: Gold, formulas) -> MemberScore:
    ms = MemberScore()
    gold = g.data.get("formulations") or {}
    f = formulas[formulas["kind"] == "formulation"] if len(formulas) else formulas
    if g.data.get("formulations_exhaustive") and len(f):
        # every other formulation tifa reports in the (span of the) text is an error
        allowed = {norm(str(x)) for x in list(gold) + list(g.data.get("formulations_optional") or [])}
        for name in sorted(set(f["formula"])):
            if norm(name) not in allowed:
                ms.found.fp += 1
                ms.found.errors.append(f"formulation {name}: reported, not a formulation")
    for name, members in gold.items():
        rows = f[f["formula"].map(norm) == norm(name)] if len(f) else f
        if not len(rows):
            ms.found.fn += 1
            ms.found.errors.append(f"formulation {name}: not found as a formulation")
            ms.members.fn += len(members or [])
            continue
        ms.found.tp += 1
        if not members:
            continue
        got = [m for m in str(rows.iloc[0]["members"] or "").split("|") if m]
        for row in rows.itertuples():  # the best-filled mention
            cand = [m for m in str(row.members or "").split("|") if m]
            if sum(any(_member_match(c, x) for x in members) for c in cand) > sum(
                any(_member_match(c, x) for x in members) for c in got
            ):
                got = cand
        tp = sum(1 for m in got if any(_member_match(m, x) for x in members))
        ms.members.tp += tp
        ms.members.fp += len(got) - tp
        ms.members.fn += sum(1 for x in members if not any(_member_match(m, x) for m in got))
        if tp != len(got) or tp < len(members):
            ms.members.errors.append(f"members     {name}: got {'|'.join(got) or '-'}; gold {'|'.join(members)}")
    return ms


def score_parallels(g: Gold, parallels) -> Score:
    """A gold 排比 is found when a detected run shares ≥ 2/3 of its members (fuzzy)."""
    sc = Score()
    gold = g.data.get("parallels") or []
    if len(parallels) and "kind" in parallels:
        parallels = parallels[parallels["kind"] != "list"]  # labelled a list of nouns, not claimed as 排比
    if len(parallels) and "score" in parallels:
        from tifa.rhetoric.parallels import ACCEPT

        parallels = parallels[parallels["score"] >= ACCEPT]  # the default output: what tifa offers a speechwriter
    runs = [[m for m in str(x).split("|") if m] for x in (parallels["members"] if len(parallels) else [])]
    hit_runs: set[int] = set()
    for members in gold:
        best = None
        for k, run in enumerate(runs):
            share = sum(1 for m in members if any(_member_match(m, r) for r in run)) / len(members)
            if share >= 2 / 3 and (best is None or (best in hit_runs and k not in hit_runs)):
                best = k  # the first run that shares enough, an unused one first (a 排比 written twice)
                if k not in hit_runs:
                    break
        if best is None:
            sc.fn += 1
            sc.errors.append(f"parallel    missed {'、'.join(members)}")
        else:
            sc.tp += 1
            hit_runs.add(best)
    if g.data.get("parallels_exhaustive"):
        for k, run in enumerate(runs):
            if k not in hit_runs:
                sc.fp += 1
                sc.errors.append(f"parallel    extra {'、'.join(run)}")
    return sc


def score_meta(g: Gold, doc) -> Score:
    sc = Score()
    year = g.data.get("year")
    if year:
        got = str(doc["date"] or "")[:4]
        if got == str(year):
            sc.tp += 1
        else:
            sc.fn += 1
            sc.errors.append(f"date        {doc['date']} ({doc.get('date_source')}), should be in {year}")
    title = str(doc["title"] or "")
    chrome = ("首页", "下载", "打印", "全屏", "收藏", "当前位置", "返回")
    if not title or any(title.startswith(c) for c in chrome) or title.startswith(("title:", "source:", "---")) or "://" in title:
        sc.fn += 1
        sc.errors.append(f"title       {title!r} is empty, page chrome, a YAML line or a URL")
    elif g.data.get("title") and norm(str(g.data["title"])) not in norm(title):
        sc.fn += 1
        sc.errors.append(f"title       {title!r}, should say {g.data['title']!r}")
    else:
        sc.tp += 1
    for key in ("place", "level"):  # the issuing government and its level (tifa.text.places)
        if key in g.data:
            got = str(doc.get(key) or "")
            if got == str(g.data[key] or ""):
                sc.tp += 1
            else:
                sc.fn += 1
                sc.errors.append(f"{key:<11} {got!r}, should be {g.data[key]!r}")
    return sc


def markup_free(raw: str) -> str:
    """The text of a Markdown file as a reader sees it, without front matter or markup: made
    here, independently of tifa's own Markdown reading (``markup_free: true`` in a gold file)."""
    raw = re.sub(r"\A\s*---\n.*?\n---[ \t]*\n", "", raw.replace("\r\n", "\n"), count=1, flags=re.S)
    raw = re.sub(r"<!--.*?-->", "", raw, flags=re.S)
    raw = re.sub(r"(?m)^ {0,3}(?:-{3,}|\*{3,})\s*$", "", raw)
    raw = re.sub(r"(?m)^(?:> ?)+|^ {0,3}#{1,6} +|^ *[-*+] +(?=\S)", "", raw)
    return re.sub(r"\*{2,}|__", "", raw)


def evaluate_markup_free(golds: list[Gold]) -> dict[str, dict[str, Score]]:
    """Score the outline (and appendix) of every ``markup_free`` Markdown gold again on the same
    text without markup, written as a .txt file in a folder of the same name."""
    import shutil
    import tempfile

    chosen = [g for g in golds if g.data.get("markup_free") and g.source.suffix.lower() in (".md", ".markdown")]
    per: dict[str, dict[str, Score]] = {}
    if not chosen:
        return per
    tmp = Path(tempfile.mkdtemp(prefix="tifa-eval-plain-"))
    try:
        for g in chosen:
            dest = tmp / g.name / g.source.parent.name / (g.source.stem + ".txt")
            dest.parent.mkdir(parents=True)
            dest.write_text(markup_free(g.source.read_text(encoding="utf-8")), encoding="utf-8")
            corpus = load([dest])
            doc_id = doc_id_for(dest.name, g.part)
            docs = corpus.documents.set_index("doc_id")
            if doc_id not in docs.index:
                continue
            o = corpus.outline[corpus.outline["doc_id"] == doc_id]
            text = docs.loc[doc_id]["text"]
            per[f"{g.name} (plain)"] = {c: Score() for c in COMPONENTS} | {
                "outline": score_outline(g, o, text), "appendix": score_appendix(g, o, text)}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return per


# --------------------------------------------------------------------------- main

COMPONENTS = ("outline", "appendix", "enumerations", "formulations", "members", "parallels", "meta")


def evaluate(golds: list[Gold]) -> tuple[dict[str, dict[str, Score]], list[str]]:
    sources = sorted({g.source for g in golds})
    missing = [s for s in sources if not s.exists()]
    if missing:
        raise SystemExit(f"eval: source not found: {missing[0]} (set TIFA_SHARED to the shared folder)")
    # sources sharing a file name (lawtext/*/2026.md) are loaded one by one: their doc_ids may clash
    stems: dict[str, int] = {}
    for s in sources:
        stems[s.stem] = stems.get(s.stem, 0) + 1
    plain = [s for s in sources if stems[s.stem] == 1]
    corpora = {s: None for s in sources}
    if plain:
        shared_corpus = load(plain)
        for s in plain:
            corpora[s] = shared_corpus
        names = {f.resolve(): name for f, name in iter_sources(plain)}  # the sources load gave them
        for g in golds:
            g.source_name = names.get(g.source.resolve(), "")
    for s in sources:
        if corpora[s] is None:
            corpora[s] = load([s])
    for c in {id(c): c for c in corpora.values()}.values():
        for e in c.errors:
            print(f"eval: {e}", file=sys.stderr)
    per: dict[str, dict[str, Score]] = {}
    notes: list[str] = []
    for g in golds:
        corpus = corpora[g.source]
        docs = corpus.documents.set_index("doc_id")
        if g.doc_id not in docs.index:
            notes.append(f"{g.name}: document {g.doc_id} not produced")
            continue
        doc = docs.loc[g.doc_id]
        text = doc["text"]
        o = corpus.outline[corpus.outline["doc_id"] == g.doc_id]
        e = corpus.enumerations[corpus.enumerations["doc_id"] == g.doc_id]
        f = corpus.formulas[corpus.formulas["doc_id"] == g.doc_id]
        p = corpus.parallels[corpus.parallels["doc_id"] == g.doc_id]
        span = g.data.get("span")
        if span:  # score only rows starting inside the annotated stretch
            a = text.find(span[0])
            b = text.find(span[1], max(a, 0))
            if a < 0 or b < 0:
                notes.append(f"{g.name}: span anchors not found in the cleaned text")
                continue
            b += len(span[1])
            f = f[(f["start"] >= a) & (f["start"] < b)]
            p = p[(p["start"] >= a) & (p["start"] < b)]
        fm = score_formulations(g, f)
        per[g.name] = {
            "outline": score_outline(g, o, text),
            "appendix": score_appendix(g, o, text),
            "enumerations": score_enumerations(g, o, e),
            "formulations": fm.found,
            "members": fm.members,
            "parallels": score_parallels(g, p),
            "meta": score_meta(g, doc),
        }
    per.update(evaluate_markup_free(golds))  # the same texts without their Markdown markup
    return per, notes


def _f(x: float) -> str:
    return f"{x:.2f}"


RHETORIC = ("parallels", "formulations", "members")


def rhetoric_report(per: dict[str, dict[str, Score]], title: str) -> list[str]:
    """Precision and recall of 排比 (lists excluded), formulations and members on exhaustively annotated texts."""
    out = [f"\n## {title}\n", "| text | parallels P | parallels R | formulations P | formulations R | members P | members R |", "|---|---|---|---|---|---|---|"]
    total = {c: Score() for c in RHETORIC}
    for name, comps in sorted(per.items()):
        cells = []
        for c in RHETORIC:
            total[c].add(comps[c])
            cells += [_f(comps[c].precision), _f(comps[c].recall)]
        out.append(f"| {name} | " + " | ".join(cells) + " |")
    cells = []
    for c in RHETORIC:
        cells += [_f(total[c].precision), _f(total[c].recall)]
    out.append("| **all** | " + " | ".join(cells) + " |")
    out.append("\n| kind | tp | fp | fn |\n|---|---|---|---|")
    for c in RHETORIC:
        out.append(f"| {c} | {total[c].tp} | {total[c].fp} | {total[c].fn} |")
    return out


def report(per: dict[str, dict[str, Score]], notes: list[str], *, quiet: bool = False, rhetoric: dict | None = None) -> str:
    out = []
    out.append("## Per text (outline: top two levels)\n")
    out.append("| text | P | R | parent | exact | formulations R | members P | members R | parallels R | meta |")
    out.append("|---|---|---|---|---|---|---|---|---|---|")
    total = {c: Score() for c in COMPONENTS}
    exact = 0
    for name, comps in sorted(per.items()):
        o = comps["outline"]
        exact += o.exact
        for c in COMPONENTS:
            total[c].add(comps[c])
        f, m, p, meta = comps["formulations"], comps["members"], comps["parallels"], comps["meta"]
        out.append(
            f"| {name} | {_f(o.precision)} | {_f(o.recall)} | {_f(o.parent_acc)} | {'yes' if o.exact else 'no'} "
            f"| {_f(f.recall) if f.tp + f.fn else '–'} | {_f(m.precision) if m.tp + m.fp else '–'} "
            f"| {_f(m.recall) if m.tp + m.fn else '–'} | {_f(p.recall) if p.tp + p.fn else '–'} "
            f"| {meta.tp}/{meta.tp + meta.fn} |"
        )
    n = len(per)
    out.append("\n## Overall\n")
    out.append("| component | precision | recall | parent accuracy | n (gold) |")
    out.append("|---|---|---|---|---|")
    for c in COMPONENTS:
        s = total[c]
        par = _f(s.parent_acc) if c == "outline" else "–"
        out.append(f"| {c} | {_f(s.precision)} | {_f(s.recall)} | {par} | {s.tp + s.fn} |")
    out.append(f"\nOutline top two levels exactly right: {exact}/{n} texts ({exact / max(n, 1):.0%}).")
    worst = [name for name, c in per.items() if c["outline"].precision < 0.97 or c["outline"].recall < 0.97 or c["outline"].parent_acc < 0.97]
    out.append(f"Texts below 0.97 on outline P, R or parent accuracy: {len(worst)} ({', '.join(sorted(worst)) or 'none'}).")
    for title, group in (rhetoric or {}).items():
        if group:
            out.extend(rhetoric_report(group, title))
    if not quiet:
        out.append("\n## Errors\n")
        every = dict(per)
        for group in (rhetoric or {}).values():
            every.update(group)
        rhet_names = {k for group in (rhetoric or {}).values() for k in group}
        for name, comps in sorted(every.items()):
            errs = [e for c in (RHETORIC if name in rhet_names else COMPONENTS) for e in comps[c].errors]
            if errs:
                out.append(f"### {name}")
                out.extend(f"- {e}" for e in errs)
        for note in notes:
            out.append(f"- {note}")
    return "\n".join(out)


# held-out rhetoric batches: command-line switch, folder, what it is
HELDOUT: tuple[tuple[str, str, str], ...] = (
    ("heldout", "heldout", "annotated after the rules; score it last"),
    ("heldout2", "heldout-2", "annotated blind in round 3, then tuned on"),
    ("heldout3", "heldout-3", "annotated blind late in round 3, then tuned on"),
    ("heldout4", "heldout-4", "annotated blind in round 4, then tuned on"),
    ("heldout5", "heldout-5", "two 2026 reports annotated blind late in round 4, then tuned on"),
    ("heldout6", "heldout-6", "two 2026 provincial reports annotated blind in round 5, then tuned on"),
    ("heldout7", "heldout-7", "two more 2026 provincial reports annotated blind later in round 5, then tuned on"),
    ("heldout8", "heldout-8", "two more 2026 provincial reports annotated blind at the end of round 5, not tuned on"),
    ("heldout9", "heldout-9", "a 2026 and a 2025 provincial report annotated blind in round 6, then tuned on"),
    ("heldout10", "heldout-10", "two 2025 provincial reports annotated blind in round 7; score it last of all"),
)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="*", type=Path, help="gold files (default: eval/gold/*.yml)")
    ap.add_argument("--quiet", action="store_true", help="tables only, no error list")
    ap.add_argument("--markdown", type=Path, help="also write the report to this file")
    for flag, _folder, helptext in HELDOUT:
        ap.add_argument(f"--{flag}", action="store_true", help=f"also score eval/gold-rhetoric/{_folder}/ ({helptext})")
    args = ap.parse_args(argv)
    files = args.gold or sorted((HERE / "gold").glob("*.yml"))
    rhet = [] if args.gold else sorted((HERE / "gold-rhetoric").glob("*.yml"))
    held = {flag: sorted((HERE / "gold-rhetoric" / folder).glob("*.yml")) if getattr(args, flag) else [] for flag, folder, _ in HELDOUT}
    t0 = time.perf_counter()
    golds = [load_gold(p) for p in files + rhet + [p for ps in held.values() for p in ps]]
    every, notes = evaluate(golds)
    names = lambda ps: {p.stem for p in ps}  # noqa: E731
    per = {k: v for k, v in every.items() if k.removesuffix(" (plain)") in names(files)}  # (plain): markup_free
    rhetoric = {
        "Rhetoric: 排比, formulations, members on exhaustively annotated texts (eval/gold-rhetoric)": {k: v for k, v in every.items() if k in names(rhet)},
    }
    for flag, folder, helptext in HELDOUT:
        rhetoric[f"Rhetoric, held out: eval/gold-rhetoric/{folder} ({helptext})"] = {k: v for k, v in every.items() if k in names(held[flag])}
    text = report(per, notes, quiet=args.quiet, rhetoric=rhetoric)
    if not args.gold:  # speeches as they come off the web: eval/web/score.py
        from web.score import section as web_section

        text += "\n\n" + web_section(quiet=args.quiet)
        from check.score import section as check_section  # tifa check: eval/check/score.py

        text += "\n\n" + check_section(quiet=args.quiet)
    print(text)
    print(f"\n({len(golds)} gold texts scored in {time.perf_counter() - t0:.1f} s)", file=sys.stderr)
    if args.markdown:
        args.markdown.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
