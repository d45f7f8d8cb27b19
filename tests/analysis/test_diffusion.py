"""Diffusion: counts, first years, curves, origin, lags and echo — by hand on a small table, and
against a plain text search of the shared archive's files by year of delivery."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from tifa.analysis import diffusion as dif

SHARED = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "lawtext"
TIFA = [sys.executable, "-m", "tifa.cli"]


def _docs() -> pd.DataFrame:
    rows = [  # doc_id, place, level, year, text
        ("c1", "国务院", "central", 2015, "今年要推进大众创业、万众创新，发展互联网＋行动。"),
        ("c2", "国务院", "central", 2016, "推进双创，深入推进互联网+。四个全面战略布局。"),
        ("z1", "浙江省", "province", 2014, "浙江率先提出双创。"),
        ("z2", "浙江省", "province", 2016, "双创示范基地建设，双创。"),
        ("s1", "四川省", "province", 2016, "发展互联网+，推进四个全面。"),
        ("s2", "四川省", "province", 2017, "工作报告。"),
    ]
    return pd.DataFrame(rows, columns=["doc_id", "place", "level", "year", "text"])


def test_views_by_hand():
    docs = _docs()
    pan = dif.panel(docs, ["双创", "互联网+", "四个全面"], known=["四个全面战略布局"])
    got = pan.set_index(["place", "year", "term"])["count"]
    assert got[("浙江省", 2016, "双创")] == 2 and got[("国务院", 2015, "互联网+")] == 1  # full-width ＋ is +
    assert got[("国务院", 2016, "四个全面")] == 0  # counted as the longer known 四个全面战略布局
    assert got[("四川省", 2017, "双创")] == 0  # a zero row for a place with a report that year
    org = dif.origin(pan).set_index("term")
    assert (org.loc["双创", "centre_first_year"], org.loc["双创", "first_local_year"], org.loc["双创", "lead_years"]) == (2016, 2014, 2)
    assert org.loc["双创", "direction"] == "bottom-up" and org.loc["双创", "first_local_places"] == "浙江省"
    assert org.loc["互联网+", "direction"] == "top-down"
    assert list(org.columns) == dif.ORIGIN_COLUMNS[1:]
    cur = dif.curve(pan).set_index(["term", "year", "level"])
    assert cur.loc[("互联网+", 2016, "province"), ["places_using", "places_reporting"]].tolist() == [1, 2]
    assert cur.loc[("互联网+", 2016, "province"), "share"] == 0.5
    lag = dif.lags(pan).set_index(["term", "place"])
    assert lag.loc[("互联网+", "四川省"), "lag_years"] == 1 and lag.loc[("双创", "浙江省"), "lag_years"] == -2
    first = dif.first_use(pan).set_index(["term", "place"])
    assert first.loc[("双创", "浙江省")].tolist() == ["province", 2014, 2016, 2, 3]


def test_echo_is_the_share_of_shared_windows():
    shared = "坚持稳中求进工作总基调完整准确全面贯彻新发展理念"  # 25 characters
    docs = pd.DataFrame([
        ("c", "国务院", "central", 2020, "各位代表：" + shared + "。"),
        ("p", "浙江省", "province", 2021, "我们要" + shared + "，大力发展数字经济。"),
        ("q", "四川省", "province", 2019, shared),  # the centre's report is a year later: nothing to echo
    ], columns=["doc_id", "place", "level", "year", "text"])
    e = dif.echo(docs).set_index("doc_id")
    assert e.loc["p", "echo_chars"] == len(shared) and e.loc["p", "longest_passage"] == shared
    assert e.loc["p", "echo_share"] == round(len(shared) / len("我们要" + shared + "，大力发展数字经济。"), 4)
    assert e.loc["q", "echo_chars"] == 0


def test_panel_files_for_regression(tmp_path):
    pan = dif.panel(_docs(), ["双创"])
    paths = dif.save_panel(pan, tmp_path / "panel")
    assert [p.suffix for p in paths] == [".csv", ".parquet", ".dta"]
    back = pd.read_stata(paths[2])
    assert back["term"].tolist() == pan["term"].tolist() and back["count"].tolist() == pan["count"].tolist()


@pytest.mark.skipif(not SHARED.is_dir(), reason="shared/corpus/lawtext not beside the checkout")
def test_first_years_equal_a_plain_search_of_the_files_by_year_of_delivery():
    folders = [SHARED / p for p in ("国务院", "四川省", "浙江省", "广东省", "贵州省")]
    from tifa.corpus.tables import load

    docs = load(folders, findings=False, workers=2).documents
    year = dict(zip(docs["source"], docs["year"]))
    assert year["四川省/2015.md"] == 2016  # titled 2015, delivered on 2016-01-25
    terms = ["新质生产力", "双创", "互联网+", "精准扶贫", "营商环境", "供给侧结构性改革"]
    first = dif.first_use(dif.panel(docs, terms)).set_index(["term", "place"])["first_year"]
    for term in terms:
        for folder in folders:
            hits = [year[f"{folder.name}/{f.name}"] for f in folder.glob("*.md")
                    if dif.fold(term) in dif.fold(re.sub(r"\*\*|__", "", f.read_text(encoding="utf-8").split("\n---", 1)[-1]))
                    and f"{folder.name}/{f.name}" in year]
            place = docs.loc[docs["source"].str.startswith(folder.name + "/"), "place"].mode()[0]
            assert first.get((term, place)) == (min(hits) if hits else None), (term, folder.name)


def test_cli_views_have_their_columns(tmp_path):
    raw = tmp_path / "raw"
    for (doc_id, place, level, year, text) in _docs().itertuples(index=False):
        (raw / place).mkdir(parents=True, exist_ok=True)
        (raw / place / f"{year}.txt").write_text(f"{place}政府工作报告\n\n{text}\n", encoding="utf-8")  # place: folder; year: name
    for view, cols in (("origin", dif.ORIGIN_COLUMNS), ("first", dif.FIRST_COLUMNS), ("curve", dif.CURVE_COLUMNS)):
        r = subprocess.run([*TIFA, "diffusion", str(raw), "--term", "双创", "--view", view, "-f", "csv", "-q"], capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        assert r.stdout.splitlines()[0] == ",".join(cols)
        if view == "origin":
            assert r.stdout.splitlines()[1] == "双创,2016,2014,浙江省,2,bottom-up"
