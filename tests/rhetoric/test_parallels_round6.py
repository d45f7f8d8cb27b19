"""排比 of round 6 (classes across heldout-3, -4 and -5), on sentences of the shared corpus's
reports (国务院 2016/2017, 广西 2024) and sentences written for the test."""
from __future__ import annotations

from tifa.rhetoric.parallels import accepted, find_parallels


def _accepted_members(text: str) -> list[list[str]]:
    return [r.members.split("|") for r in accepted(find_parallels("t", text)).itertuples()]


def test_deng_inside_a_long_clause_does_not_end_the_run():
    text = ("同主要大国协调合作得到加强，同周边国家全面合作持续推进，同发展中国家友好合作不断深化，"
            "同联合国等国际组织联系更加密切。")
    assert ["同主要大国协调合作得到加强", "同周边国家全面合作持续推进", "同发展中国家友好合作不断深化",
            "同联合国等国际组织联系更加密切"] in _accepted_members(text)
    # a list of nouns still ends at 等
    assert not _accepted_members("加强对医疗、养老、托育等服务的支持。")


def test_set_phrases_by_the_main_dictionary_before_a_verb():
    text = "以不折不扣、雷厉风行、求真务实、敢作善为落实党中央决策部署的实际行动，全面提升政府执行能力。"
    assert ["不折不扣", "雷厉风行", "求真务实", "敢作善为"] in _accepted_members(text)
