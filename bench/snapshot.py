"""Every table of every shared and seed file, written to a folder, to compare two versions of tifa.

    python bench/snapshot.py OUT [--shared ../shared/corpus] [--workers 2]
    python bench/snapshot.py --compare A B

Builds data/raw's seeds and each folder of the shared corpus (its top-level reports, the central
work reports, the congress reports, the lawtext archive) with ``tifa build`` into ``OUT/<set>/``
and reads every table back; ``--compare`` says, table by table, whether two snapshots hold the same
rows (``DataFrame.equals`` after sorting by their ids) and stops non-zero at the first difference.
Used to check that moving code (Step 5's new house) changed no output.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
TABLES = ("documents", "sentences", "cleaning_log", "outline", "enumerations", "formulas", "parallels", "quotes", "originals", "tokens")


def sets(shared: Path) -> dict[str, Path]:
    out = {"seeds": ROOT / "data" / "raw"}
    if shared.is_dir():
        top = Path(tempfile.mkdtemp(prefix="tifa-top-"))
        for f in shared.glob("*.txt"):
            shutil.copyfile(f, top / f.name)
        out.update({"top": top, "central": shared / "central-work-reports", "congress": shared / "congress-reports",
                    "lawtext": shared / "lawtext"})
    return out


def snapshot(out: Path, shared: Path, workers: int, only: list[str] | None = None) -> None:
    for name, raw in sets(shared).items():
        if only and name not in only:
            continue
        built = Path(tempfile.mkdtemp(prefix=f"tifa-{name}-"))
        subprocess.run([sys.executable, "-m", "tifa.cli", "build", "--raw", str(raw), "--out", str(built), "-q", "-j", str(workers)], check=True)
        sys.path.insert(0, str(ROOT / "src"))
        from tifa.corpus import tables as store

        target = out / name
        target.mkdir(parents=True, exist_ok=True)
        for table in TABLES:
            df = pd.read_parquet(built / "documents.parquet") if table == "documents" else store.read_table(table, built)
            df.to_parquet(target / f"{table}.parquet", index=False)
        shutil.rmtree(built, ignore_errors=True)
        print(f"{name}: {len(pd.read_parquet(target / 'documents.parquet'))} documents", file=sys.stderr)


def _sorted(df: pd.DataFrame) -> pd.DataFrame:
    keys = [c for c in ("doc_id", "source", "sent_id", "item_id", "enum_id", "tok_id", "start", "end", "raw_start") if c in df]
    return df.sort_values(keys, kind="stable").reset_index(drop=True) if keys else df


def compare(a: Path, b: Path) -> int:
    bad = 0
    for name in sorted(p.name for p in b.iterdir() if p.is_dir()):
        for table in TABLES:
            x, y = pd.read_parquet(a / name / f"{table}.parquet"), pd.read_parquet(b / name / f"{table}.parquet")
            same = list(x.columns) == list(y.columns) and _sorted(x).equals(_sorted(y))
            print(f"{name:9} {table:13} {len(x):>9} rows  {'same' if same else 'DIFFERENT'}")
            bad += not same
    return 1 if bad else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", nargs="?", type=Path)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--compare", nargs=2, type=Path, metavar=("A", "B"))
    ap.add_argument("--only", action="append", help="only these sets (seeds, top, central, congress, lawtext)")
    args = ap.parse_args()
    if args.compare:
        return compare(*args.compare)
    snapshot(args.out, args.shared, args.workers, args.only)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
