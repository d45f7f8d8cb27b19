"""Formulations across time, on the shipped example archive (the central work reports 1954–2025)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from tifa.analysis import timeline as tl
from tifa.lexicon.lexicons import load_known
from tifa.rhetoric.formulations import known_matches

ARCHIVE = Path(__file__).resolve().parents[2] / "data" / "examples" / "work-reports"


@pytest.fixture(scope="module")
def series():
    from tifa.corpus.tables import load
    from tifa.corpus.ingest import join_metadata, read_metadata

    corpus = load([ARCHIVE], root=ARCHIVE)
    docs = join_metadata(corpus.documents, read_metadata(ARCHIVE))
    return docs, corpus.formulas


def test_every_report_of_the_archive_has_its_year(series):
    docs, _ = series
    assert len(docs) == 52
    years = tl.doc_years(docs)
    assert len(years) == 52 and years.min() == 1954 and years.max() == 2025
    assert set(docs["speaker"].dropna()) >= {"周恩来", "赵紫阳", "李鹏", "朱镕基", "温家宝", "李克强", "李强"}


def test_first_year_of_every_known_formulation_matches_the_knowledge_base(series):
    docs, formulas = series
    first = tl.first_last(tl.by_year(tl.mentions(docs, formulas), docs)).set_index("formula")
    known = load_known()
    checked = 0
    for name, k in known.items():
        if k.first_year is None:
            assert name not in first.index or not first.loc[name, "count"], name
            continue
        assert int(first.loc[name, "first_year"]) == k.first_year, name
        checked += 1
    assert checked >= 40


def test_well_known_formulations_rise_and_fade_where_the_texts_say(series):
    docs, formulas = series
    first = tl.first_last(tl.by_year(tl.mentions(docs, formulas), docs)).set_index("formula")
    assert first.loc["三个代表", "first_year"] == 2001
    assert first.loc["四个意识", "first_year"] == 2017
    assert first.loc["四项基本原则", "last_year"] < 2000
    assert first.loc["一国两制", "n_years"] >= 30


def test_term_patterns_periods_and_pairs(series):
    docs, formulas = series
    yearly = tl.by_year(tl.mentions(docs, formulas), docs)
    reform = tl.term_by_year(docs, "改革开放")
    assert reform[reform["year"] < 1978]["count"].sum() == 0 and reform[reform["year"] > 1990]["count"].min() > 0
    key = tl.period_keyness(yearly, docs, range(1978, 1980))
    assert "四人帮" in set(key.head(5)["formula"])
    pairs = tl.co_occurrence(tl.mentions(docs, formulas), min_docs=5)
    assert ((pairs["formula_a"] == "一国两制") | (pairs["formula_b"] == "一国两制")).any()
    trend = tl.emerging_fading(yearly, docs, recent=10)
    assert trend.set_index("formula").loc["四个现代化", "trend"] == "fading"


def test_knowledge_base_is_validated(tmp_path):
    from tifa.errors import TifaError

    bad = tmp_path / "f.tsv"
    bad.write_text("三农\t3\t农\t农业|农村\t来源\t2003\n", encoding="utf-8")
    with pytest.raises(TifaError, match="f.tsv:1"):
        load_known(bad)
    bad.write_text("三农\t3\t农\t农业|农村|农民\t来源\t03\n", encoding="utf-8")
    with pytest.raises(TifaError, match="not a year"):
        load_known(bad)


def test_known_formulations_found_wherever_the_text_has_them_with_members(series):
    docs, formulas = series
    known = load_known()
    f = formulas[formulas["kind"] == "formulation"]
    containing = {n: [m for m in known if n in m and m != n] for n in known}
    checked, missed = 0, []
    for d, text in zip(docs["doc_id"], docs["text"]):
        got = f[f["doc_id"] == d].groupby("formula")["members"].first()
        for name, k in known.items():
            # inside a longer known name (三保 in 两不愁三保障, 五项原则 in 和平共处五项原则) it is that name
            bare = text
            for longer in containing[name]:
                bare = bare.replace(longer, "")
            if name not in bare:
                continue
            checked += 1
            if name not in got.index or (k.members and not got[name]):
                missed.append((d, name))
    assert checked > 200 and len(missed) <= checked // 100, missed
    row = f[(f["formula"] == "四个现代化")].iloc[0]
    assert row["members"] == "工业现代化|农业现代化|国防现代化|科学技术现代化"
    assert "一国两制" in set(f["formula"])


_LIST_GAP = re.compile(r"[、，,；;]?(?:和|与|及|以及)?")


def _near(text: str, word: str) -> int:
    """Where ``word`` stands in ``text``, allowing one changed character in a long word (a misprint
    such as 与不干涉内政 for 互不干涉内政); -1 if nowhere."""
    at = text.find(word)
    if at >= 0 or len(word) < 4:
        return at
    for i in range(len(word)):
        rx = re.escape(word[:i]) + "." + re.escape(word[i + 1 :])
        m = re.search(rx, text)
        if m:
            return m.start()
    return -1


def test_knowledge_base_members_agree_with_the_series_where_it_spells_them_out(series):
    """Wherever a report lists a known formulation's members right at it (all but one found within
    120 characters, one after another with only list punctuation between them), every member is
    there, in one of its wordings.  Members of one or two characters (三农: 农业, 农村, 农民) occur
    everywhere and are not checked this way."""
    docs, _ = series
    known = load_known()
    spelled, disagree = set(), []
    for name, k in known.items():
        n = len(k.members)
        if n < 2 or min(map(len, k.members)) < 3:
            continue
        for d, text in zip(docs["doc_id"], docs["text"]):
            for at in known_matches(text, name):
                window = text[max(0, at - 120) : at + len(name) + 120]
                where = [max((_near(window, w) for w in forms), key=lambda p: p >= 0) for forms in k.wordings]
                found = [(p, len(f[0])) for p, f in zip(where, k.wordings) if p >= 0]
                if len(found) < (n if n == 2 else n - 1):
                    continue
                found.sort()
                gaps = [window[p + ln : q] for (p, ln), (q, _) in zip(found, found[1:])]
                if not all(_LIST_GAP.fullmatch(g) for g in gaps):
                    continue  # the words occur, but not as a list of members
                spelled.add(name)
                if len(found) < n:
                    # a member the window cut off (…坚持马克思列宁主义| 、毛泽东思想) is not missing
                    wider = text[max(0, at - 120) : at + len(name) + 120 + max(len(w) for forms in k.wordings for w in forms)]
                    missing = [f[0] for p, f in zip(where, k.wordings) if p < 0 and all(_near(wider, w) < 0 for w in f)]
                    if missing:
                        disagree.append((d, name, missing))
    assert len(spelled) >= 10, spelled
    assert not disagree, disagree


def test_archive_sessions_agree_with_the_reports_datelines(series):
    docs, _ = series
    checked = 0
    for text, occasion, date in zip(docs["text"], docs["occasion"], docs["date"]):
        m = re.search(r"(\d{4})年(\d{1,2})月(\d{1,2})日在(第.{1,3}届全国人民代表大会第.{1,3}次会议)上", text[:400])
        if m:
            checked += 1
            assert m.group(4) == occasion
            assert str(date) == f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    assert checked >= 5
    assert docs["occasion"].str.match(r"^第.{1,3}届全国人民代表大会第.次会议$").all()
