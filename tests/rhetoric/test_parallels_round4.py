"""排比 of round 4: slogans of two characters (a verb and its object) with and without separators,
three verbs on one object written as one word (防灾减灾救灾) — on sentences of provincial work reports
(shared corpus: 江苏 2026, 湖北 2025, 广西 2024, gwr-2019) and sentences written in the genre; and the lists
they must not take in (bare verbs, dictionary nouns)."""
from __future__ import annotations

from tifa.rhetoric.parallels import accepted, find_parallels


def _accepted_members(text: str) -> list[list[str]]:
    return [m.split("|") for m in accepted(find_parallels("d", text))["members"]]


def test_two_character_slogans_one_read_as_a_noun():
    # 清 is tagged a noun of time, but each member is a coined verb + object (江苏 2026)
    assert ["控源", "截污", "清淤"] in _accepted_members("系统推进太湖控源、截污、清淤。")


def test_bare_verbs_of_the_dictionary_stay_a_list():
    # two-character verbs the dictionary knows, before the noun they modify: no slogans
    assert not _accepted_members("提高知识产权创造、运用、保护能力，激发全社会创新活力。")
    assert not _accepted_members("认真贯彻执行调整、改革、整顿、提高的方针。")


def test_verbs_on_one_object_written_as_one_word():
    assert ["防灾", "减灾", "救灾"] in _accepted_members("健全国家应急体系，提高防灾减灾救灾能力。")
    assert ["守水", "护水", "节水"] in _accepted_members("志愿者守水护水节水行动得到肯定。")
    # nouns of one head written as one word stay out (党 is no verb)
    assert not _accepted_members("推动党建工建团建一体发展。")


def test_quoted_glued_pairs_of_verb_and_object():
    text = "推动制造业智能化改造数字化转型，促进万家企业“上云用数赋智”，打造100个数字化转型典型场景。"
    assert ["上云", "用数", "赋智"] in _accepted_members(text)
    # unquoted running text of verbs and nouns is not cut into pairs
    assert not _accepted_members("这个计划不但可以完成，而且可以超过。生产规模可以扩大到年产生铁二百五十万吨。")


def test_noun_lists_the_tagger_reads_as_slogans():
    # noun phrases before 等 and a noun (山东 2023); slogans of one-character verbs before 等 stay
    assert not _accepted_members("积极扩大先进技术、重要设备、能源资源等产品进口。")
    assert ["育龙头", "强链群", "拓市场"] in _accepted_members("聚焦育龙头、强链群、拓市场等关键环节，推动产业升级。")
    # nouns sharing a head longer than the one character they share at one place
    assert not _accepted_members("获批国家产业创新中心、技术创新中心、制造业创新中心6家。")
    # words in 化 before the activity they qualify (gwr-2016)
    assert not _accepted_members("推动农业适度规模经营和区域化布局、标准化生产、社会化服务。")


def test_four_character_slogans_of_a_topic_and_its_verb():
    text = "重点抓好钢铁、煤炭等困难行业去产能，坚持市场倒逼、企业主体、地方组织、中央支持，运用经济、法律等手段。"
    assert ["市场倒逼", "企业主体", "地方组织", "中央支持"] in _accepted_members(text)
    assert ["结构优化", "动力转换", "方式转变"] in _accepted_members("大力发展实体经济，推动结构优化、动力转换、方式转变，走高质量发展新路子。")


def test_template_with_one_word_inside_whose_last_slot_is_longer():
    text = "实行宏观政策要稳、产业政策要准、微观政策要活、改革政策要实、社会政策要托底的总体思路。"
    assert ["宏观政策要稳", "产业政策要准", "微观政策要活", "改革政策要实", "社会政策要托底"] in _accepted_members(text)


def test_sentences_opening_with_the_aspect_they_report_on():
    text = ("加快完善现代基础设施体系。高铁方面，开工建设两条通道。高速公路方面，建成一批项目。"
            "机场方面，推进新机场建设。一方面要稳增长，另一方面要防风险。\n")
    assert ["高铁方面", "高速公路方面", "机场方面"] in _accepted_members(text)
    assert not _accepted_members("一方面要稳增长，另一方面要防风险。这方面，我们有经验。各方面，都要支持。")


def test_paragraph_heads_after_a_shared_lead_in():
    # 山东 2023: ——这五年，X。 the lead-in every head shares is no part of the members
    text = ("五年来，我们聚焦聚力高质量发展。\n"
            "——这五年，综合经济实力显著跃升。地区生产总值连续跨上两个万亿大台阶。\n"
            "——这五年，创新发展活力显著迸发。高新技术企业翻了两番多。\n"
            "——这五年，乡村振兴成效显著提升。农业总产值率先过万亿元。\n")
    assert ["综合经济实力显著跃升", "创新发展活力显著迸发", "乡村振兴成效显著提升"] in _accepted_members(text)


def test_first_clauses_of_consecutive_paragraphs_sharing_a_frame():
    # gwr-2016, 3（八）: each paragraph opens with 坚持X履职 and a comma
    text = ("坚持依法履职，把政府活动全面纳入法治轨道。各级政府要严格遵守宪法和法律。\n"
            "坚持廉洁履职，深入推进反腐倡廉。认真落实党风廉政建设责任制。\n"
            "坚持勤勉履职，提高执行力和公信力。政府工作人员要恪尽职守。\n")
    assert ["坚持依法履职", "坚持廉洁履职", "坚持勤勉履职"] in _accepted_members(text)
    # one shared character is no frame across paragraphs
    text = "在农业方面，产量增长。\n在少数民族地区内，交通改善。\n在一九五八年，工业发展。\n"
    assert not _accepted_members(text)
