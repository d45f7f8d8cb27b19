"""Time and peak memory of `tifa docs` on pathological inputs, per input size.

Usage: ``python bench/pathological.py [--mb 2 8] [--commands docs tokens formulas parallels] [--out bench/out]``

Inputs (generated from the seeds, deterministic):
* ``no_breaks``  — a speech with every line break removed (one huge line);
* ``yishi``      — ``一是`` repeated (300,000 times at 1.2 MB), no sentence end;
* ``zero_width`` — seed text with zero-width spaces/joiners and RTL marks after every 3rd character.

Each case runs every stage's command as a whole process (``python -m tifa.cli.main CMD FILE --format csv``:
``docs`` = reading, cleaning, sentences and outline; ``tokens``; ``formulas``; ``parallels``; ``quotes``); peak
memory is the child's maximum resident set size. The bound we hold to: 300 MB + 100 bytes per
input character for ``docs``, and time growing linearly (4× input → ≤ 4.5× time).
"""
from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "data" / "raw"


def seed_text() -> str:
    files = sorted(SEEDS.glob("*.txt"))
    if not files:
        raise SystemExit(f"pathological: no seed texts in {SEEDS}")
    return "".join(p.read_text(encoding="utf-8", errors="replace") for p in files)


def make(kind: str, chars: int) -> str:
    base = seed_text()
    if kind == "no_breaks":
        one = base.replace("\n", "").replace("\r", "")
        return (one * (chars // len(one) + 1))[:chars]
    if kind == "yishi":
        return ("一是" * (chars // 2 + 1))[:chars]
    if kind == "zero_width":
        marks = "\u200b\u200c\u200d\u200f\u202e"
        out = []
        for i, ch in enumerate(base):
            out.append(ch)
            if i % 3 == 2:
                out.append(marks[i % len(marks)])
        s = "".join(out)
        return (s * (chars // len(s) + 1))[:chars]
    raise ValueError(kind)


def run(path: Path, command: str = "docs") -> tuple[float, float]:
    """Seconds and peak RSS (MB) of one whole `tifa COMMAND` process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "tifa.cli", command, str(path), "--format", "csv", "--max-bytes", "0"],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, cwd=ROOT)
    secs = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return secs, max(peak, before) / 1024


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, nargs="+", default=[0.5, 1, 2], help="input sizes, million characters")
    ap.add_argument("--kinds", nargs="+", default=["no_breaks", "yishi", "zero_width"])
    ap.add_argument("--commands", nargs="+", default=["docs", "tokens", "formulas", "parallels", "quotes"])
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    print("| command | input | characters | seconds | time ratio to previous size | peak MB (one process each) | bound MB |")
    print("|---|---|---|---|---|---|---|")
    for command, kind in [(c, k) for c in args.commands for k in args.kinds]:
        prev = None
        prev_chars = None
        for mb in sorted(args.mb):
            chars = int(mb * 1_000_000)
            path = args.out / f"{kind}-{mb}M.txt"
            if not path.exists():
                path.write_text(make(kind, chars), encoding="utf-8")
            # a fresh interpreter per measurement keeps RUSAGE_CHILDREN's maximum honest
            code = (
                "import sys; sys.path.insert(0, %r); from pathological import run; from pathlib import Path; "
                "s, m = run(Path(%r), %r); print(s, m)" % (str(Path(__file__).parent), str(path), command)
            )
            out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT).stdout.split()
            secs, peak = float(out[0]), float(out[1])
            ratio = f"{secs / prev:.2f}× for {chars / prev_chars:.0f}× input" if prev else "–"
            bound = 300 + 100 * chars / 1e6
            print(f"| {command} | {kind} | {chars:,} | {secs:.1f} | {ratio} | {peak:.0f} | {bound:.0f} |", flush=True)
            prev, prev_chars = secs, chars
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
