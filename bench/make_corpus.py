"""Generate realistic speech corpora for benchmarks (1 MB, 10 MB, 100 MB …).

Speeches are recombined from the cleaned sentences and headings of the seed
texts: each gets a title, a date, a salutation, an introduction that
announces its points, 3–6 numbered sections in one of several marker styles
(一、/（一）/第一，/1.), inline lists (一是…二是…), and a closing.  Most
sentences are drawn one by one, but runs of consecutive seed sentences are
copied too, and now and then a whole earlier speech is reissued with a new
title — so reuse detection and duplicate marking see a realistic amount of
overlap.  Deterministic given ``--seed``.

Usage: ``python bench/make_corpus.py OUT_DIR --mb 10 [--seed 7]``
"""
from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tifa.config import RAW  # noqa: E402
from tifa.corpus.tables import load  # noqa: E402

CN = "一二三四五六七八九十"
OCCASIONS = ["全市办公室主任会议", "全县机关作风建设大会", "新入职干部培训班", "办公室系统业务培训会", "年度工作总结会",
             "党风廉政建设工作会议", "全区督查工作会议", "文秘人员经验交流会", "机关党建工作推进会", "信息调研工作座谈会"]
ROLES = ["市委办公室主任", "县委副书记", "局党组书记", "秘书长", "办公厅副主任", "区委常委"]


def material(seed_docs):
    sentences, headings = [], []
    for _, row in seed_docs.iterrows():
        for para in row["text"].split("\n"):
            if len(para) < 40 and not para.endswith(("。", "！", "？", "：")):
                headings.append(para.lstrip("一二三四五六七八九十、（）().0123456789 "))
            else:
                parts = [p + "。" for p in para.replace("！", "。").replace("？", "。").split("。") if len(p) > 8]
                sentences.extend(parts)
    headings = [h for h in headings if 4 <= len(h) <= 30]
    return sentences, headings


def speech(rng: random.Random, sentences, headings, k: int) -> str:
    title = f"在{rng.choice(OCCASIONS)}上的讲话"
    date = f"{rng.randint(2005, 2025)}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日"
    n = rng.randint(3, 6)
    style = rng.choice(["cn_dun", "cn_paren", "di", "num"])
    lines = [title, f"{rng.choice(ROLES)}　{date}", "同志们："]
    lines.append("".join(rng.sample(sentences, 2)) + f"下面，我讲{CN[n - 1]}点意见。")

    def marker(i: int) -> str:
        return {"cn_dun": f"{CN[i]}、", "cn_paren": f"（{CN[i]}）", "di": f"第{CN[i]}，", "num": f"{i + 1}. "}[style]

    for i in range(n):
        lines.append(marker(i) + rng.choice(headings))
        for _ in range(rng.randint(2, 4)):  # speeches as long as the seeds' (≈ 5,000 characters)
            if rng.random() < 0.3:  # a run of consecutive seed sentences: realistic reuse
                start = rng.randrange(0, len(sentences) - 8)
                body = "".join(sentences[start : start + rng.randint(4, 8)])
            else:
                body = "".join(rng.choice(sentences) for _ in range(rng.randint(4, 8)))
            if rng.random() < 0.4:
                m = rng.randint(2, 4)
                body += "".join(f"{CN[j]}是{rng.choice(sentences)}" for j in range(m))
            lines.append(body)
    lines.append(rng.choice(["同志们，让我们团结一心，扎实工作，谢谢大家！", "以上几点，与大家共勉。谢谢大家！", "谢谢大家！"]))
    return "\n".join(lines) + "\n"


#: The five seed texts shipped with the checkout, whatever $TIFA_HOME says.
SHIPPED_SEEDS = ROOT / "data" / "raw"


def seed_folder() -> Path:
    """Where the seeds are: the project's ``data/raw`` ($TIFA_HOME) if it holds text files, else
    the checkout's own; a clear error if neither has any."""
    for folder in (RAW, SHIPPED_SEEDS):
        if folder.is_dir() and any(folder.glob("*.txt")):
            return folder
    raise SystemExit(f"make_corpus: no seed texts (*.txt) in {RAW} or {SHIPPED_SEEDS}; copy the seeds into data/raw")


def generate(out: Path, mb: float, seed: int = 7) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    seeds = seed_folder()
    docs = load(sorted(seeds.glob("*.txt")), root=seeds).documents
    docs = docs[docs["duplicate_of"].isna()]
    sentences, headings = material(docs)
    rng = random.Random(seed)
    target = int(mb * 1_000_000)
    written, total, k = [], 0, 0
    previous: list[str] = []
    while total < target:
        if previous and rng.random() < 0.02:  # an earlier speech reissued under a new title
            text = f"在{rng.choice(OCCASIONS)}上的讲话（修订稿）\n" + rng.choice(previous).split("\n", 1)[1]
        else:
            text = speech(rng, sentences, headings, k)
        previous.append(text)
        previous = previous[-50:]
        p = out / f"speech_{k:06d}.txt"
        p.write_text(text, encoding="utf-8")
        written.append(p)
        total += len(text.encode("utf-8"))
        k += 1
    return written


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--mb", type=float, default=1.0)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    files = generate(args.out, args.mb, args.seed)
    print(f"wrote {len(files)} speeches ({args.mb:g} MB) to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
