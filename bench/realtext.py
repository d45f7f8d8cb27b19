"""Whole-process speed on real text, as ratios against jieba measured in the same run.

    python bench/realtext.py [--repeat 3] [--times 4]

Every figure is a whole process (Python start-up, imports, dictionary load,
reading, writing) timed from outside in each of ``--repeat`` rounds (seconds: the best round;
ratios: the median over rounds of the two times of one round), the builds writing under
``--work`` (default ``bench/out``, inside the project as ``data/processed`` is):

* the 52 central work reports of the shipped archive (``data/examples/work-reports``),
  and the same series concatenated ``--times`` times (one file per copy, renamed);
* the twelve top-level reports of ``../shared/corpus`` (skipped when absent);
* a one-line speech (start-up cost).

Baselines, run the same way on the same files: ``jieba.lcut`` (segmentation
only) and ``jieba.posseg`` (segmentation and POS tags).  tifa runs with 1 and
with 2 workers.  The baseline and tifa take turns within each of the ``--repeat``
rounds, so a machine whose speed drifts during the run slows both alike.  Results go to the ``realtext`` section of ``bench/RESULTS.md``.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import machine, table, write_section  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
ARCHIVE = ROOT / "data" / "examples" / "work-reports"
SHARED = Path(os.environ.get("TIFA_SHARED", ROOT.parent / "shared")) / "corpus"

_BASELINE = """
import sys, logging
import jieba
jieba.setLogLevel(logging.WARNING)
mode, files = sys.argv[1], sys.argv[2:]
if mode == "posseg":
    import jieba.posseg as pseg
    for f in files:
        list(pseg.cut(open(f, encoding="utf-8").read()))
else:
    for f in files:
        jieba.lcut(open(f, encoding="utf-8").read())
"""


def timed(cmd: list[str], repeat: int, before=None) -> float:
    """Best wall time of ``cmd`` over ``repeat`` runs (``before()`` runs untimed before each)."""
    return min(interleaved({"cmd": (cmd, before)}, repeat)["cmd"])


def interleaved(cmds: dict[str, tuple[list[str], object]], repeat: int) -> dict[str, list[float]]:
    """Wall times of each command in each of ``repeat`` rounds, the commands taking turns within
    a round: a machine whose speed drifts during the run slows the baseline and tifa alike."""
    times: dict[str, list[float]] = {name: [] for name in cmds}
    for _ in range(repeat):
        for name, (cmd, before) in cmds.items():
            if before:
                before()
            t0 = time.perf_counter()
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            times[name].append(time.perf_counter() - t0)
    return times


def paired(times: dict[str, list[float]], a: str, b: str) -> float:
    """The median over rounds of ``a``'s time over ``b``'s in the same round: each ratio compares
    two runs made moments apart, so a machine whose speed drifts (a shared VM) moves it little."""
    return statistics.median(x / y for x, y in zip(times[a], times[b]))


def tifa(*args: str) -> list[str]:
    return [sys.executable, "-m", "tifa.cli", *args]


def baseline(mode: str, files: list[Path]) -> list[str]:
    return [sys.executable, "-c", _BASELINE, mode, *map(str, files)]


def copies(files: list[Path], times: int, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for k in range(times):
        for f in files:
            dst = folder / f"{f.stem}-{k}{f.suffix}"
            shutil.copyfile(f, dst)
            out.append(dst)
    return out


def build_case(name: str, files: list[Path], tmp: Path, repeat: int) -> dict:
    raw = tmp / f"raw-{name}"
    if not raw.exists():
        raw.mkdir(parents=True)
        for f in files:
            shutil.copyfile(f, raw / f.name)
    out = tmp / f"out-{name}"
    fresh = lambda: shutil.rmtree(out, ignore_errors=True)  # noqa: E731  every build starts from nothing
    chars = sum(len(f.read_text(encoding="utf-8")) for f in files)
    cmds = {"lcut": (baseline("lcut", files), None)}
    for w in (1, 2):
        cmds[w] = (tifa("build", "--raw", str(raw), "--out", str(out), "-q", "--workers", str(w)), fresh)
    t = interleaved(cmds, repeat)
    row = {"case": f"`tifa build`, {name}", "files": len(files), "chars": chars, "jieba.lcut s": round(min(t["lcut"]), 2)}
    for w in (1, 2):
        row[f"tifa {w} worker{'s' if w > 1 else ''} s"] = round(min(t[w]), 2)
        row[f"{w}w time / lcut"] = round(paired(t, w, "lcut"), 2)
    return row


def tokens_case(name: str, files: list[Path], repeat: int, fmt: str = "csv") -> dict:
    chars = sum(len(f.read_text(encoding="utf-8")) for f in files)
    cmds = {"posseg": (baseline("posseg", files), None)}
    for w in (1, 2):
        cmds[w] = (tifa("tokens", "-f", fmt, "--workers", str(w), *map(str, files)), None)
    t = interleaved(cmds, repeat)
    row = {"case": f"`tifa tokens -f {fmt}`, {name}", "files": len(files), "chars": chars, "jieba.posseg s": round(min(t["posseg"]), 2)}
    for w in (1, 2):
        row[f"tifa {w} worker{'s' if w > 1 else ''} s"] = round(min(t[w]), 2)
        row[f"posseg / {w}w time"] = round(paired(t, "posseg", w), 2)
    return row


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--times", type=int, default=4, help="copies of the series for the large case")
    ap.add_argument(
        "--work", type=Path, default=ROOT / "bench" / "out",
        help="where the builds write (default: bench/out, in the project as data/processed is; on some "
        "sandboxes creating files under /tmp costs a millisecond each)",
    )
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    # byte-compiled as the install leaves it: a module edited since would be compiled again by every
    # process (with PYTHONDONTWRITEBYTECODE set, as on some machines, its .pyc is never rewritten)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], check=True)
    series = sorted(ARCHIVE.glob("*.txt"))
    shared = sorted(SHARED.glob("*.txt")) if SHARED.is_dir() else []
    rows_build, rows_tokens, rows_start = [], [], []
    with tempfile.TemporaryDirectory(prefix="realtext-", dir=args.work) as t:
        tmp = Path(t)
        rows_build.append(build_case("52 work reports", series, tmp, args.repeat))
        big = copies(series, args.times, tmp / "series-x")
        rows_build.append(build_case(f"52 work reports ×{args.times}", big, tmp, max(1, args.repeat - 1)))
        if shared:
            for fmt in ("csv", "table", "json"):  # table: what `tifa tokens` prints by default
                rows_tokens.append(tokens_case("12 shared reports", shared, args.repeat, fmt))
        rows_tokens.append(tokens_case("52 work reports", series, args.repeat))
        one = tmp / "one.txt"
        one.write_text("同志们：一是加强学习，二是改进作风，三是狠抓落实。\n", encoding="utf-8")
        for cmd in ("docs", "tokens"):
            rows_start.append({"command": f"`tifa {cmd}` on a one-line speech", "s": round(timed(tifa(cmd, str(one)), args.repeat), 2)})
    body = (
        f"`python bench/realtext.py` on {machine()}. Whole processes timed from outside (start-up, imports, "
        f"dictionary load, reading and writing included), {args.repeat} rounds; baselines run the same way on "
        "the same files in the same run, taking turns with tifa within each round. Seconds: the best round; "
        "ratios: the median over rounds of the two times of the same round. Targets: build with 1 worker ≤ 1.5× `jieba.lcut` (goal 1.0×); "
        "`tifa tokens` ≥ 5× faster than `jieba.posseg`; a short speech under 1 s.\n\n"
        + table(rows_build) + "\n\n" + table(rows_tokens) + "\n\n" + table(rows_start)
    )
    print(body)
    write_section("realtext", body)


if __name__ == "__main__":
    main()
