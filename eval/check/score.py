"""Scoring ``tifa check``: recall per check on drafts with planted errors, false flags on official texts.

Drafts are ``eval/check/drafts/*.txt``, each with a ``.yml`` beside it listing every error planted
in it by hand (``check`` and the flagged ``text``) and the draft's ``date``.  A planted error is
found when a finding of that check covers text that contains, or is contained in, the gold text.
Any other error or warning a draft raises is a false flag.  On official texts — the shipped central
work reports and congress reports, and the shared 2026 provincial reports when they are beside the
checkout — every numbering, count, formulation or quotation finding is listed as a false flag to
read (repetition and punctuation findings are counted apart: they are mostly true, in the sources).
"""
from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SHARED = Path(os.environ.get("TIFA_SHARED") or ROOT.parent / "shared") / "corpus"
#: Families whose findings on an official text a careful reader would have to reject.
STRICT = ("numbering", "announced", "formulation", "quotation")


def _hit(f_text: str, gold: str) -> bool:
    return bool(f_text) and (gold in f_text or f_text in gold)


def score_drafts(drafts: Path = HERE / "drafts") -> tuple[dict[str, list[int]], list[str]]:
    """Per check: [found, planted]; and the list of misses and false flags."""
    from tifa.check import check_file

    per: dict[str, list[int]] = {}
    notes: list[str] = []
    for gold_path in sorted(drafts.glob("*.yml")):
        gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
        draft = next(p for p in drafts.iterdir() if p.stem == gold_path.stem and p.suffix != ".yml")
        df = check_file(draft, date=str(gold.get("date") or "") or None).findings
        used = set()
        for exp in gold.get("expected") or []:
            cell = per.setdefault(exp["check"], [0, 0])
            cell[1] += 1
            hit = next((i for i, r in df.iterrows() if r["check"] == exp["check"] and i not in used and _hit(str(r["text"]), exp["text"])), None)
            if hit is None:
                notes.append(f"{draft.name}: missed {exp['check']} “{exp['text']}”")
            else:
                cell[0] += 1
                used.add(hit)
        for i, r in df.iterrows():
            if i not in used and r["severity"] != "info":
                notes.append(f"{draft.name}: false flag {r['check']} line {r['line']} “{str(r['text'])[:30]}”: {r['message']}")
                per.setdefault(r["check"], [0, 0])
                per[r["check"]].append(1)
    return per, notes


def official_texts() -> list[Path]:
    out = sorted((ROOT / "data" / "examples" / "work-reports").glob("*.txt"))
    out += sorted((ROOT / "data" / "examples" / "congress-reports").glob("*.txt"))
    out += sorted(SHARED.glob("gwr-2026-*.txt")) if SHARED.is_dir() else []
    return out


def score_official() -> tuple[Counter, list[str], int]:
    from tifa.check import check_file

    soft: Counter = Counter()
    flags: list[str] = []
    files = official_texts()
    for f in files:
        df = check_file(f).findings
        for r in df[df["severity"] != "info"].itertuples():
            if r.check.startswith(STRICT):
                flags.append(f"{f.name} line {r.line}: {r.check} “{str(r.text)[:30]}”: {r.message[:120]}")
            else:
                soft[r.check] += 1
    return soft, flags, len(files)


def section(*, quiet: bool = False) -> str:
    per, notes = score_drafts()
    soft, flags, n = score_official()
    out = ["## tifa check: planted errors found (eval/check/drafts) and false flags on official texts", "",
           "| check | found | planted | recall | false flags in drafts |", "|---|---:|---:|---:|---:|"]
    for check in sorted(per):
        found, planted, *extra = per[check]
        rec = f"{found / planted:.2f}" if planted else "–"
        out.append(f"| {check} | {found} | {planted} | {rec} | {len(extra)} |")
    total_f = sum(v[0] for v in per.values())
    total_p = sum(v[1] for v in per.values())
    out += ["", f"All checks: {total_f}/{total_p} planted errors found.",
            f"Official texts ({n}): {len(flags)} numbering/count/formulation/quotation finding(s) to read; "
            f"repetition and punctuation findings: {dict(soft) or 'none'}."]
    if not quiet:
        out += ["", *(f"- {x}" for x in notes + flags)]
    return "\n".join(out)


if __name__ == "__main__":
    print(section())
