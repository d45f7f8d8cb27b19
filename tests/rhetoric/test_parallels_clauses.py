"""排比 of whole clauses found by what frames them (round 3): a topic and its 要, one verb after
manner words, clauses of 向 across the sentences of a paragraph — on sentences of provincial
work reports (shared corpus, 河南 2026) and sentences written in the genre."""
from __future__ import annotations

import pytest

from tifa.rhetoric.parallels import accepted, find_parallels


def _accepted_members(text: str) -> list[list[str]]:
    return [m.split("|") for m in accepted(find_parallels("d", text))["members"]]


@pytest.mark.parametrize(
    "text, members",
    [
        # a topic and its 要, in one sentence and across sentences (等 inside an object is no list's end)
        ("完成全年目标，财政政策要加力提效，货币政策要精准有力，产业政策要突出重点，开放政策要稳中有进。",
         ["财政政策要加力提效", "货币政策要精准有力", "产业政策要突出重点", "开放政策要稳中有进"]),
        ("打好三大攻坚战。化解风险要守住底线，稳妥处置各类隐患。乡村振兴要巩固脱贫成果，防止规模性返贫。生态保护要聚焦治污减排等重点任务，久久为功。",
         ["化解风险要守住底线", "乡村振兴要巩固脱贫成果", "生态保护要聚焦治污减排等重点任务"]),
        # one verb after manner words (河南 2026)
        ("一年来，我们全面正确履行政府职能，依法接受人大及其常委会监督，主动接受政协民主监督，自觉接受群众监督和舆论监督，强化审计、统计监督。",
         ["依法接受人大及其常委会监督", "主动接受政协民主监督", "自觉接受群众监督和舆论监督"]),
        # clauses of 向, each sentence closed by a clause of its own
        ("我代表市政府，向全市人民，向各民主党派和各界人士，表示衷心感谢！向驻市部队官兵，表示崇高敬意！向关心支持本市发展的海内外朋友，表示诚挚谢意！",
         ["向全市人民", "向各民主党派和各界人士", "向驻市部队官兵", "向关心支持本市发展的海内外朋友"]),
    ],
)
def test_clause_parallels(text, members):
    assert members in _accepted_members(text)


@pytest.mark.parametrize(
    "text, frame",
    [
        # 要 after a pronoun or an adverb is no topic's
        ("我们要坚定信心，同时要保持定力，还要久久为功，切实把各项工作做实做细。", "*要*"),
        # a verb of its own before the shared verb (开展|推进) is no manner word
        ("扎实推进新型城镇化，开展推进城市高质量发展行动和城市更新行动，推进城中村和危旧房改造。", "*推进*"),
    ],
)
def test_clauses_not_framed(text, frame):
    assert frame not in set(accepted(find_parallels("d", text))["frame"])


@pytest.mark.parametrize(
    "text, members",
    [
        # slogans of a one-character verb and its object written without separators
        ("经济增速预期目标的设定，主要考虑稳就业保民生防风险的需要。", ["稳就业", "保民生", "防风险"]),
        # a conjunction after the last slogan goes on to a member: no noun phrase
        ("综合考虑了促就业、惠民生、稳预期、防风险和实现全年目标等需要。", ["促就业", "惠民生", "稳预期", "防风险"]),
        # a run of headings does not cover the paragraphs under them
        ("（一）聚力稳增长，基础更加坚实。全年没有发生大面积断电断气断网。\n（二）聚力强科技，优势更加凸显。\n（三）聚力壮产业，动能更加强劲。",
         ["断电", "断气", "断网"]),
    ],
)
def test_compact_and_under_headings(text, members):
    assert members in _accepted_members(text)


@pytest.mark.parametrize(
    "text, wrong",
    [
        ("实现事前事中事后全链条监管。", ["事前", "事中", "事后"]),  # nouns of time: a list
        ("各方面积极开展防灾救灾和灾后重建。", ["防灾", "救灾", "和灾"]),  # 和 fills no slot
    ],
)
def test_compact_not_accepted(text, wrong):
    assert wrong not in _accepted_members(text)


@pytest.mark.parametrize(
    "text, members",
    [
        # an adverb before a verb; a verb and its complement of result
        ("一些干部不担当、不作为、乱作为，群众意见较大。", ["不担当", "不作为", "乱作为"]),
        ("支持这些行业企业挺得住、过难关、有奔头。", ["挺得住", "过难关", "有奔头"]),
    ],
)
def test_three_character_slogans(text, members):
    assert members in _accepted_members(text)


@pytest.mark.parametrize(
    "text, members",
    [
        # nouns whose count follows: the parts of an inventory, a list
        ("从创新政策、创新平台、创新氛围和创新服务四个方面统筹发力。", ["创新政策", "创新平台", "创新氛围"]),
        ("筑牢乡村产业、乡村建设、乡村治理“三根支柱”。", ["乡村产业", "乡村建设", "乡村治理"]),
    ],
)
def test_counted_nouns_are_a_list(text, members):
    df = find_parallels("d", text)
    rows = df[df["members"] == "|".join(members)]
    assert len(rows) and (rows["kind"] == "list").all()


@pytest.mark.parametrize(
    "text, members",
    [
        # noun phrases shaped alike: a modifier, 的 and a head of its own; governing words cut off
        ("我国发展仍处于重要战略机遇期，拥有足够的韧性、巨大的潜力和不断迸发的创新活力，人民群众的愿望十分强烈。",
         ["足够的韧性", "巨大的潜力", "不断迸发的创新活力"]),
        ("这种美德，表现在为人上的诚实，待人上的诚恳，对事业的忠诚，以宁静致远为做人的原则。",
         ["为人上的诚实", "待人上的诚恳", "对事业的忠诚"]),
        ("把文旅产业培育成投资的重点、消费的热点和服务的亮点。", ["投资的重点", "消费的热点", "服务的亮点"]),
        # each after a preposition of its own
        ("我们要保持战略定力，坚持以创新的思维、用改革的办法、靠务实的作风，坚定不移沿着方向前进。",
         ["以创新的思维", "用改革的办法", "靠务实的作风"]),
    ],
)
def test_attributive_parallels(text, members):
    found = _accepted_members(text)
    assert any(len(ms) == len(members) and all(g in m for g, m in zip(members, ms)) for ms in found), found


@pytest.mark.parametrize(
    "text",
    [
        # heads ending in one word: nouns sharing a head
        "我国具有显著的制度优势、超大规模市场的需求优势、产业体系完备的供给优势。",
        # a verb and its object before 的: verb phrases of unlike shape
        "实施扩大内需的方针，适时采取积极的财政政策、稳健的货币政策。",
        "保持政策的连续性，把坚定的原则、灵活的措施结合起来。",
    ],
)
def test_attributive_not_parallels(text):
    assert "*的*" not in set(accepted(find_parallels("d", text))["frame"])


def test_verbs_before_a_shared_head_word():
    # each member a verb and its object ending in one word (产业): verb + object, no list of nouns
    text = "坚持提升传统产业、培育新兴产业、探索未来产业“三措并举”，促进创新链、产业链、资金链“三链融合”。"
    assert ["提升传统产业", "培育新兴产业", "探索未来产业"] in _accepted_members(text)  # 坚持 governs them all


def test_long_headings_of_a_numbered_list():
    # heads of seven characters or more sharing a clause frame (在…上…); topics (关于…) are titles
    text = (
        "（一）在全方位扩大内需上持续加力，切实巩固经济稳中向好发展态势。坚持供需两端协同发力。\n"
        "（二）在推进科技创新和产业创新上开拓进取，不断培育壮大新质生产力。加快打造创新高地。\n"
        "（三）在全面深化改革和扩大高水平开放上勇于探索，持续增强发展动力活力。深化改革。\n"
    )
    assert ["在全方位扩大内需上持续加力", "在推进科技创新和产业创新上开拓进取", "在全面深化改革和扩大高水平开放上勇于探索"] in _accepted_members(text)
    titles = "一、关于发展的时代背景，我们要看清大势。\n二、关于发展的总体要求，我们要把握原则。\n三、关于发展的主要目标，我们要积极进取。\n"
    assert _accepted_members(titles) == []


def test_items_after_a_colon_and_topics_ending_in_a_localizer():
    # the list's first item opens after the colon; 政治上要 (read as one word by the tagger) is a topic and its 要
    text = "应该注意以下三点：一是政治上要有操守。秘书要提醒领导。二是理论上要有水平。秘书要多学习。三是参谋上要讲艺术。领导并非圣人。"
    assert any(ms[:3] == ["政治上要有操守", "理论上要有水平", "参谋上要讲艺术"] for ms in _accepted_members(text))


def test_governed_first_member_cut_before_its_phrase():
    text = "多思考、多练笔，用手中的笔杆子写出领导的思想、时代的未来、人民的希望。"
    found = _accepted_members(text)
    assert any(len(ms) == 3 and ms[0].endswith("领导的思想") and len(ms[0]) <= 7 and ms[1:] == ["时代的未来", "人民的希望"] for ms in found), found


@pytest.mark.parametrize(
    "text, wrong",
    [
        # quoted terms listed inside one phrase are no members
        ("继续做好“六稳”、“六保”工作，持续改善民生，着力稳定宏观经济大盘。", "“六保”工作"),
        # one character shared inside different dictionary nouns frames nothing
        ("完善数字经济治理，培育数据要素市场，释放数据要素潜力，提高应用能力。", "培育数据要素市场"),
    ],
)
def test_no_false_frame(text, wrong):
    assert not any(wrong in ms for ms in _accepted_members(text))


def test_coined_words_keep_their_frame():
    text = "推动经济运行回升向好、产业结构提质向优、市场预期改善向上、民生保障力度向强。"
    assert any(len(ms) == 4 and ms[1:] == ["产业结构提质向优", "市场预期改善向上", "民生保障力度向强"] for ms in _accepted_members(text))


def test_short_slogans_before_the_noun_they_modify():
    # verb + object slogans of three characters are whole before 活动; adjectives + nouns stay out
    assert ["看大展", "赏好戏", "享非遗"] in _accepted_members("持续开展“家门口”看大展、赏好戏、享非遗活动，提升公共文化服务质量。")
    assert _accepted_members("坚决遏制高耗能、高排放、低水平项目盲目上马。") == []


def test_mixed_run_stops_at_the_clause_end():
    text = "牢牢把握这一重大责任，坚定信心、用好优势，苦练内功、应对挑战，以高站位、高标准、高质量推进各项工作。"
    assert ["坚定信心", "用好优势", "苦练内功", "应对挑战"] in _accepted_members(text)


def test_subject_predicate_phrases_of_a_list():
    text = "加强黑臭水体专项整治，推动空气质量稳定达标、水环境质量不断改善、土壤环境质量持续好转。全面推进流域综合治理。"
    assert ["空气质量稳定达标", "水环境质量不断改善", "土壤环境质量持续好转"] in _accepted_members(text)


def test_three_character_slogans_before_a_noun():
    # a one-character verb or adjective used as one and its object, whole before the noun they modify
    text = "针对长期存在的重审批、轻监管、弱服务问题，我们持续深化“放管服”改革。"
    assert ["重审批", "轻监管", "弱服务"] in _accepted_members(text)
    text = "发挥政府投资撬动作用，引导更多资金投向强基础、增后劲、惠民生领域。"
    assert ["强基础", "增后劲", "惠民生"] in _accepted_members(text)
    # a member cut inside a word (退役军|人) is no slogan
    assert ["毕业生", "农民工", "退役军"] not in _accepted_members("做好高校毕业生、农民工、退役军人等重点群体就业。")


def test_shared_predicate_with_等_and_a_governing_verb():
    # 等 inside the shared ending (平等) does not end a list; the governing verb 坚持 is cut off
    text = "坚持“两个毫不动摇”，坚持权利平等、机会平等、规则平等，全面落实支持非公有制经济发展的政策措施。"
    assert ["权利平等", "机会平等", "规则平等"] in _accepted_members(text)


def test_paragraphs_opening_with_one_time_phrase():
    text = ("五年来，经济实力跃上新台阶。国内生产总值增长。\n五年来，经济结构出现重大变革。消费贡献率提高。\n"
            "五年来，人民生活持续改善。脱贫攻坚取得决定性进展。\n过去五年，在党中央领导下，强军兴军开创新局面。\n")
    assert ["经济实力跃上新台阶", "经济结构出现重大变革", "人民生活持续改善"] in _accepted_members(text)
    # 我们 + verb after the time phrase narrates the work
    text = "五年来，我们全力巩固发展势头。增长较快。\n五年来，我们着力构建现代化产业体系。\n五年来，我们坚持保障和改善民生。\n"
    assert _accepted_members(text) == []


@pytest.mark.parametrize(
    "text, members",
    [
        # nouns behind an attributive opening are no verb + object, whatever the tagger reads
        ("运用新技术、新业态、新模式，大力改造提升传统产业。", ["新技术", "新业态", "新模式"]),
        # nouns sharing a one-character noun head, dictionary words or not
        ("积极融入粤港澳大湾区产业链、创新链、供应链、资金链，加强区域协同。", ["产业链", "创新链", "供应链", "资金链"]),
    ],
)
def test_nouns_sharing_an_opening_or_a_head_are_a_list(text, members):
    assert members not in _accepted_members(text)


def test_subject_predicate_clauses_of_uneven_length():
    text = "这些年，世界经济复苏乏力，国际金融市场跌宕起伏，保护主义明显抬头。"
    assert ["世界经济复苏乏力", "国际金融市场跌宕起伏", "保护主义明显抬头"] in _accepted_members(text)


def test_predicates_of_one_topic_each_opening_with_是():
    text = "2023年是全面贯彻党的二十大精神开局之年，是三年新冠疫情防控转段后经济恢复发展的一年，也是我区高质量发展迈出新步伐的一年。"
    assert ["是全面贯彻党的二十大精神开局之年", "是三年新冠疫情防控转段后经济恢复发展的一年", "也是我区高质量发展迈出新步伐的一年"] in _accepted_members(text)


def test_verb_phrases_of_four_and_five_characters():
    assert ["尊重妇女", "关爱儿童", "尊敬老人", "爱护残疾人"] in _accepted_members("营造尊重妇女、关爱儿童、尊敬老人、爱护残疾人的良好风尚。")


def test_ending_run_starts_in_its_own_sentence():
    # the sentence before shares the ending (用权必受监督。): the run is the next sentence's clauses
    text = "用权必受监督。各级政府要依法接受同级人大及其常委会的监督，自觉接受人民政协的民主监督，主动接受社会和舆论监督，认真听取意见。"
    got = _accepted_members(text)
    assert any(m[1:] == ["自觉接受人民政协的民主监督", "主动接受社会和舆论监督"] and "用权必受监督" not in m for m in got)


def test_template_run_takes_in_its_first_member_after_the_verb():
    text = "加强山海统筹、陆海联动、江海贯通、边海衔接，大力发展海洋经济、临港产业。"
    assert ["山海统筹", "陆海联动", "江海贯通", "边海衔接"] in _accepted_members(text)


def test_headings_sharing_a_verb_after_manner_words():
    text = ("**（一）全力做好强产业文章。**\n**深入推进制造业高质量发展。**实施新一轮工业振兴三年行动。\n"
            "**加快推进服务业扩量提质。**推动生产性服务业集聚发展。\n**扎实推进现代特色农业发展。**发挥特色优势。\n"
            "**大力发展数字经济。**推动制造业智能化改造。\n")
    assert ["深入推进制造业高质量发展", "加快推进服务业扩量提质", "扎实推进现代特色农业发展"] in _accepted_members(text)
    # in running text a verb before the shared verb is a verb of its own
    assert _accepted_members("加快推进村庄规划编制。统筹推进农村公路建设，稳步推进农村改厕。") == []


def test_slogans_opening_a_clause_before_its_verb():
    text = "国资国企改革扎实推进，公司制改革基本完成，兼并重组、压减层级、提质增效取得积极进展。"
    assert ["兼并重组", "压减层级", "提质增效"] in _accepted_members(text)
    # objects of a verb before the noun they modify stay a list
    assert ["固体废物", "新污染物", "塑料污染"] not in _accepted_members("强化固体废物、新污染物、塑料污染治理。")


def test_clauses_of_a_two_character_verb_and_了():
    text = "经过艰辛努力，我们顶住了经济下行压力，保持了经济中高速增长，促进了结构优化，经济长期向好的基本面不断巩固。"
    assert ["顶住了经济下行压力", "保持了经济中高速增长", "促进了结构优化"] in _accepted_members(text)


def test_clauses_each_naming_a_shortfall():
    text = "经济增长内生动力还不够足，创新能力还不够强，发展质量和效益不够高，一些企业经营困难。"
    assert ["经济增长内生动力还不够足", "创新能力还不够强", "发展质量和效益不够高"] in _accepted_members(text)
