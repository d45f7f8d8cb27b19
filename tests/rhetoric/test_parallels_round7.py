"""排比 of round 7: a report's summary of subjects and their predicates (heldout-9), on sentences
written for the test in the manner of the 2025 and 2026 provincial reports."""
from __future__ import annotations

from tifa.rhetoric.parallels import accepted, find_parallels
from tifa.rhetoric.shapes import subject_predicate


def _accepted_members(text: str) -> list[list[str]]:
    return [r.members.split("|") for r in accepted(find_parallels("t", text)).itertuples()]


def test_a_summary_of_subjects_and_predicates_in_one_sentence():
    text = "这一年，工业生产稳中有进、质量效益稳步提高、数字经济加快发展、基础设施不断完善、开放合作深化拓展、人民生活持续改善。"
    assert ["工业生产稳中有进", "质量效益稳步提高", "数字经济加快发展", "基础设施不断完善", "开放合作深化拓展",
            "人民生活持续改善"] in _accepted_members(text)


def test_summary_predicates_only_for_a_summary():
    # a verb and its noun after a topic read as a predicate in a report's summary only
    assert subject_predicate("开放合作深化拓展", report=True)
    assert not subject_predicate("开放合作深化拓展")
    assert not subject_predicate("加强管理提升服务", report=True)


def test_sentence_openers_with_their_figures_between():
    text = ("科技创新体系不断完善，一批国家重点实验室落地运行。全省研发人员达到30万人，增长8%。"
            "工业规模质效稳步提升，规上工业增加值年均增长7%。服务业支撑作用更加明显，现代物流加快发展。"
            "农业基础地位持续巩固，粮食产量保持稳定。")
    got = _accepted_members(text)
    assert any({"科技创新体系不断完善", "工业规模质效稳步提升", "服务业支撑作用更加明显"} <= set(m) for m in got), got


def test_a_report_of_the_archive_that_once_ended_the_build():
    """山西 2011 holds a template run whose last member is shorter than the first: its parallels are
    found without an IndexError."""
    from pathlib import Path

    import pytest

    from tifa.corpus.tables import load

    path = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "lawtext" / "山西省" / "2011.md"
    if not path.is_file():
        pytest.skip("shared/corpus not beside the checkout")
    corpus = load([path])
    assert not corpus.errors and len(corpus.parallels) > 0


def test_part_headings_sharing_a_verb_after_the_numerals_comma():
    # 福建 2025: the 、 of 一、 is a heading's, not a list's; 牢记 is a verb (jieba's dictionary says n)
    text = (
        "一、牢记殷殷嘱托，在接续奋斗中新福建建设取得新成效\n过去一年，全省经济运行总体平稳。\n"
        "二、牢记历史使命，在中国式现代化建设中奋勇争先\n今年是“十四五”规划收官之年。\n"
        "三、牢记人民至上，在建设服务型政府中践行初心使命\n新征程上，我们要始终把人民放在心中最高位置。\n"
    )
    assert ["牢记殷殷嘱托", "牢记历史使命", "牢记人民至上"] in _accepted_members(text)


def test_sentence_openers_with_a_shared_verb_before_nouns_are_clauses():
    # 福建 2025: 壮大 governs each sentence's object (jieba tags it a); and 关于… headings stay topics
    text = (
        "壮大金融服务业，巩固拓展普惠金融改革试验区成果。壮大现代物流业，实施降低全社会物流成本专项行动。"
        "壮大文化旅游业，做足“文旅+百业”文章。"
    )
    assert ["壮大金融服务业", "壮大现代物流业", "壮大文化旅游业"] in _accepted_members(text)
    assert _accepted_members("一、关于发展的时代背景，我们要看清大势。\n二、关于发展的总体要求，我们要把握原则。\n三、关于发展的主要目标，我们要积极进取。\n") == []
