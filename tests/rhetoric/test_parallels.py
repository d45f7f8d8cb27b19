"""排比 told from lists by structure, on sentences of provincial work reports (shared corpus,
甘肃 2026) and of the seeds' genre: a run found with its members, a list labelled list."""
from __future__ import annotations

import pytest

from tifa.rhetoric.parallels import accepted, find_parallels


def _accepted_members(text: str) -> list[list[str]]:
    return [m.split("|") for m in accepted(find_parallels("d", text))["members"]]


@pytest.mark.parametrize(
    "text, members",
    [
        # clauses of a subject and a four-character predicate
        ("面对突如其来的自然灾害，一方有难、八方支援，全省人民勠力同心，人民子弟兵闻令而动，各级干部挺膺担当，广大建设者昼夜奋战，打赢多场抗灾救灾遭遇战攻坚战。",
         ["全省人民勠力同心", "人民子弟兵闻令而动", "各级干部挺膺担当", "广大建设者昼夜奋战"]),
        # four-character set phrases, repeated characters
        ("决定了必须坚持长期主义、长线思维，以“功成不必在我、功成必定有我”的境界担当，实事求是、脚踏实地，久久为功、善作善成。",
         ["实事求是", "脚踏实地", "久久为功", "善作善成"]),
        # verbs before one object
        ("一定要以创新、协调、绿色、开放、共享的内在统一来把握发展、衡量发展、推动发展；", ["把握发展", "衡量发展", "推动发展"]),
        # short phrases inside a quotation
        ("这就要求秘书力求高标准、严要求，努力实现“零差错，零失误，零缺陷”的工作目标。", ["零差错", "零失误", "零缺陷"]),
        ("元末时刘伯温的“高筑墙，广积粮，缓称王”的指导方针最终帮助朱元璋建立了明朝。", ["高筑墙", "广积粮", "缓称王"]),
        # 是…的职业 clauses, each with its own verb
        ("总之，领导秘书是充满挑战性的职业，也是需要付出辛勤的汗水的职业，更是前途无限光明的职业。",
         ["领导秘书是充满挑战性的职业", "也是需要付出辛勤的汗水的职业", "更是前途无限光明的职业"]),
        # an adverb at work in every clause
        ("随着社会生产力的飞跃，当今时代各项工作的分工越来越细，社会化程度越来越高，工作节奏也越来越快，对于个人的要求更高。",
         ["当今时代各项工作的分工越来越细", "社会化程度越来越高", "工作节奏也越来越快"]),
        # the members of a programme's name, each a slogan
        ("深入实施强科技、强工业、强县域、强省会、强基础行动。", ["强科技", "强工业", "强县域", "强省会", "强基础"]),
    ],
)
def test_parallels_found_by_structure(text, members):
    assert members in _accepted_members(text)


@pytest.mark.parametrize(
    "text, members",
    [
        # a one-character noun or classifier heads each member: programme names, named places
        ("接续开展优化营商环境攻坚突破年、提质增效年、全面提升年行动。", ["攻坚突破年", "提质增效年", "全面提升年"]),
        ("黄河临夏段、石羊河武威段、洮河定西段获评全国美丽河湖。", ["黄河临夏段", "石羊河武威段", "洮河定西段"]),
        # dictionary nouns sharing a character, without separators
        ("推动良田良种良机良法集成增效。", ["良田", "良种", "良机"]),
    ],
)
def test_lists_labelled_list(text, members):
    df = find_parallels("d", text)
    rows = df[df["members"] == "|".join(members)]
    assert len(rows) and (rows["kind"] == "list").all()
    assert members not in _accepted_members(text)


@pytest.mark.parametrize(
    "text",
    [
        # objects of one governing verb sharing a head noun
        "积极承接用好政策。落实好更加积极的财政政策、适度宽松的货币政策，充分用足存量政策，跟进落细增量政策，切实发挥政策集成效应。",
        "扎实开展党史学习教育、学习贯彻习近平新时代中国特色社会主义思想主题教育、党纪学习教育、深入贯彻中央八项规定精神学习教育。",
        # a run inside one noun phrase
        "统筹新能源大基地、大通道、大消纳体系建设，推动能源大省向能源强省迈进。",
        "强化固体废物、新污染物、塑料污染治理。",
        # the last member opens a clause of its own
        "我们一定要直面问题和挑战，勇于担当，恪尽职守，竭尽全力做好工作，决不辜负人民期待。",
        # a lead-in's object and a noun cut apart are no members
        "借助国家政策东风，削减存量、遏制增量，推动化债化险破局突围。",
        # a member that is only the frame
        "作为党政机关办公室的秘书，作为领导秘书，作为秘书，都要讲政治。",
    ],
)
def test_not_accepted_as_parallels(text):
    assert _accepted_members(text) == []
