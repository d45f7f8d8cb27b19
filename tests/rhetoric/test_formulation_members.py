"""Members spelled out the ways speeches spell them (round 5): compound slogans counted as the text
counts them, members named one by one, a list a demonstrative points back at, clause endings after a
colon, a list in the sentence after a heading.  Excerpts written in the genre's manner."""
from __future__ import annotations

import pytest

from tifa.rhetoric.compound_terms import compound_counts, compound_members, fits_groups
from tifa.rhetoric.formulations import find_formulas


def members_of(text: str, term: str) -> tuple[str, int]:
    df = find_formulas("d", text)
    row = df[df["formula"] == term].iloc[0]
    return row["members"], int(row["number"])


@pytest.mark.parametrize(
    "term, counts",
    [("四不两直", [6]), ("三会一课", [4, 3]), ("三医一张网", [4, 3]), ("三查三看", [6, 3]), ("一稿三审", [4, 3]), ("一事三问", [4, 3]), ("十四五", []), ("三位一体", [])],
)
def test_compound_counts(term, counts):
    assert compound_counts(term) == counts


def test_compound_members_in_turn():
    after = "”：事务性工作多，研究性工作少；被动应付多，主动谋划少；埋头干事多，总结提炼少。"
    assert compound_members("三多三少", after) == ["事务性工作多", "研究性工作少", "被动应付多", "主动谋划少", "埋头干事多", "总结提炼少"]
    assert fits_groups("一稿三审", ["起草人自审", "科室负责人复审"]) and not fits_groups("一稿三审", ["一遍一遍地改"])


@pytest.mark.parametrize(
    "text, term, members, number",
    [
        # the compound's last group counts its members; the clause after them is no member
        ("好文稿是改出来的。要坚持“一稿三审”：起草人自审、科室负责人复审、分管领导终审，一遍一遍地改。",
         "一稿三审", "起草人自审|科室负责人复审|分管领导终审", 3),
        ("我的做法是“一事三问”：这件事的要害在哪里，领导最关心什么，还可能出现什么情况。每次都想明白。",
         "一事三问", "这件事的要害在哪里|领导最关心什么|还可能出现什么情况", 3),
        # paired groups: one member holds both characters
        ("开展“三查三看”，即查思想看站位、查工作看标准、查作风看形象，把自己摆进去。",
         "三查三看", "查思想看站位|查工作看标准|查作风看形象", 3),
        # named one by one with the term's classifier
        ("第二，信息队伍要建强“两支力量”。一支是科室的专职力量，一支是乡镇部门的兼职信息员队伍。要建立例会制度。",
         "两支力量", "科室的专职力量|乡镇部门的兼职信息员队伍", 2),
        # the clauses after a colon all end alike
        ("要落实“三单制”：县委、县政府下达任务清单，责任单位制定落实清单，督查部门建立问效清单。对滞后的事项要督办。",
         "三单制", "任务清单|落实清单|问效清单", 3),
    ],
)
def test_members_beside(text, term, members, number):
    assert members_of(text, term) == (members, number)


def test_members_pointed_back_at():
    text = (
        "同志们：\n今天主要讲讲办公室干部应有的几种样子。\n"
        "一是要有“勤”的样子。脚要勤、手要勤、脑要勤，今日事今日毕。\n"
        "二是要有“严”的样子。一份文件、一个数字，都要反复核对。\n"
        "三是要有“和”的样子。对上要尊重，对下要热情，对兄弟单位要多沟通。\n"
        "希望大家把这“三种样子”记在心上、落在行动上。\n"
    )
    assert members_of(text, "三种样子")[0] == "“勤”的样子|“严”的样子|“和”的样子"


def test_members_after_a_heading():
    text = (
        "一、强化“三个意识”，解决“为什么报”的问题\n我们重点强化三个意识：一是强化政治意识，把信息工作作为政治任务；"
        "二是强化大局意识，紧扣中心工作选题；三是强化时效意识，重要信息半小时内报告。\n"
        "二、建好“两支队伍”，解决“谁来报”的问题\n我们建立了专职信息员队伍和兼职信息员队伍。专职队伍负责把关。\n"
    )
    assert members_of(text, "两支队伍")[0] == "专职信息员队伍|兼职信息员队伍"  # not 二|建好: the heading's marker is no list
    df = find_formulas("d", text)
    assert set(df[df["formula"] == "三个意识"]["members"]) == {"政治意识|大局意识|时效意识"}  # no 一是 in a member


def test_a_count_of_a_quoted_word():
    text = "我给自己定了一个标准，叫做三个“到位”：想到位、做到位、跟到位。坚持两个“毫不动摇”。"
    df = find_formulas("d", text)
    got = dict(zip(df["formula"], df["members"]))
    assert got["三个“到位”"] == "想到位|做到位|跟到位"
    assert got["两个“毫不动摇”"].startswith("毫不动摇巩固和发展公有制经济")  # the knowledge base's term, quoted


@pytest.mark.parametrize(
    "text, term, members",
    [
        ("动笔之前，要把领导的意图吃透，把上级的精神吃透，把本地的实际吃透。这“三个吃透”做不到，写出来的只是翻版。",
         "三个吃透", "把领导的意图吃透|把上级的精神吃透|把本地的实际吃透"),
        ("秘书的价值体现在服务之中，服务领导、服务机关、服务基层，这“三个服务”是秘书工作的出发点。", "三个服务", "服务领导|服务机关|服务基层"),
    ],
)
def test_members_a_demonstrative_points_back_at(text, term, members):
    assert members_of(text, term)[0] == members


@pytest.mark.parametrize(
    "text, term, members",
    [
        ("每条信息都实行“一稿三审”，信息员初审、科长复审、分管副主任终审，标题反复推敲。", "一稿三审", "信息员初审|科长复审|分管副主任终审"),
        ("全体干部要对照“五查五看”，查思想看站位、查工作看效率、查纪律看规矩、查服务看态度、查廉洁看底线，认真找差距。",
         "五查五看", "查思想看站位|查工作看效率|查纪律看规矩|查服务看态度|查廉洁看底线"),
        ("11．“四水四定”原则：以水定城、以水定地、以水定人、以水定产。", "四水四定", "以水定城|以水定地|以水定人|以水定产"),
    ],
)
def test_compound_members_after_a_comma(text, term, members):
    assert members_of(text, term)[0] == members


@pytest.mark.parametrize(
    "text, term, members",
    [
        # a compound that ends in the one thing its first group makes: the list before it is the first group's
        ("深化公立医院综合改革，建设医疗、医保、医药“三医一张网”。", "三医一张网", "医疗|医保|医药"),
        # N位一体 is N things in one, no compound of 位 and 体
        ("深化农村生产、供销、信用“三位一体”改革，加快建设农业强省。", "三位一体", "生产|供销|信用"),
        # 和 inside a member of a 、-list before the term
        ("做深做透教育科技人才一体改革发展、科技创新和产业创新深度融合“两篇大文章”，建成教育强省。", "两篇大文章", "教育科技人才一体改革发展|科技创新和产业创新深度融合"),
    ],
)
def test_members_of_lists_before_the_term(text, term, members):
    assert members_of(text, term)[0] == members


def test_members_from_the_one_series_that_ends_in_the_head():
    text = "坚持以“千万工程”牵引城乡融合发展，缩小“三大差距”。我们以缩小城乡差距、区域差距、收入差距为主攻方向，推进共同富裕。"
    assert members_of(text, "三大差距")[0] == "城乡差距|区域差距|收入差距"


def test_members_from_dashed_points_after_a_colon():
    text = ("实现上述目标，在工作推进中做到“三个更加注重”：\n"
            "——更加注重强化战略引领，突出战略导向。坚持一张蓝图绘到底。\n"
            "——更加注重准确识变应变，实事求是因地制宜。深入研判关键变量。\n"
            "——更加注重全面统筹兼顾，做到全省一盘棋。统筹发展和安全。\n"
            "我们要坚定信心，真抓实干。")
    assert members_of(text, "三个更加注重")[0] == "更加注重强化战略引领|更加注重准确识变应变|更加注重全面统筹兼顾"
