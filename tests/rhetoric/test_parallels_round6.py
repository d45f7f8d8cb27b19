"""排比 of round 6 (classes across heldout-3, -4 and -5), on sentences of the shared corpus's
reports (国务院 2016/2017, 广西 2024) and sentences written for the test."""
from __future__ import annotations

from tifa.rhetoric.parallels import accepted, find_parallels
from tifa.rhetoric.shapes import adjective_predicates


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


def test_subjects_and_their_adjectives():
    text = "当前我国物质技术基础更加雄厚，产业体系完备、市场规模巨大、人力资源丰富、创业创新活跃，综合优势明显。"
    assert ["产业体系完备", "市场规模巨大", "人力资源丰富", "创业创新活跃"] in _accepted_members(text)
    text = "经过多年的快速发展，我国物质基础雄厚，经济韧性强、潜力足、回旋余地大，改革开放不断注入新动力。"
    assert ["韧性强", "潜力足", "回旋余地大"] in _accepted_members(text)
    # the 的 that links the run to its noun is no part of the last member
    text = "到2027年，经济实力强、人民群众富、文明程度高、治理效能优、生态环境美的强省内涵更加彰显。"
    assert ["经济实力强", "人民群众富", "文明程度高", "治理效能优", "生态环境美"] in _accepted_members(text)
    # nouns sharing a head, and verb + object + outcome, are not described subjects
    assert not adjective_predicates(["政策清单", "项目清单", "责任清单"])
    assert not adjective_predicates(["获得感", "幸福感", "安全感"])
    assert not any("保持社会大局稳定" in m for m in _accepted_members("推进生态文明建设、坚决维护国家安全、保持社会大局稳定的工作。"))


def test_verbs_before_one_shared_object():
    text = "必须始终坚持以人民为中心的发展思想，做到为了人民、服务人民，依靠人民、仰仗人民，惠及人民、造福人民，不断满足人民对美好生活的向往。"
    assert ["为了人民", "服务人民", "依靠人民", "仰仗人民", "惠及人民", "造福人民"] in _accepted_members(text)
    text = "全方位培养人才、引进人才、用好人才、留住人才。"
    assert ["培养人才", "引进人才", "用好人才", "留住人才"] in _accepted_members(text)
    # kinds of one thing named by nouns stay a list
    assert not _accepted_members("推动人大监督、审计监督、统计监督、财会监督贯通协调。")


def test_phrases_sharing_a_count_or_an_adverb_inside():
    text = ("深入实施创新驱动发展战略。启动一批新的国家重大科技项目，建设一批高水平的国家科学中心和技术创新中心，"
            "培育壮大一批有国际竞争力的创新型领军企业，建设一批全面创新改革试验区。")
    assert ["启动一批新的国家重大科技项目", "建设一批高水平的国家科学中心和技术创新中心",
            "培育壮大一批有国际竞争力的创新型领军企业", "建设一批全面创新改革试验区"] in _accepted_members(text)
    text = "我们的祖国必将更加繁荣富强，人民的生活必将更加幸福美好，中国特色社会主义必将进一步显示出优越性。"
    assert any(m[0] == "我们的祖国必将更加繁荣富强" for m in _accepted_members(text))
    # a shared noun is the topic of policy prose, no frame
    text = "发挥政府投资撬动作用，制定促进民间投资政策，推动基础设施和制造业投资较快增长。"
    assert not _accepted_members(text)


def test_an_adverb_the_tagger_reads_as_a_noun_opens_verb_phrases():
    from tifa.rhetoric.parallels import accepted, find_parallels

    df = accepted(find_parallels("d", "坚持依法决策、依法行政、依法办事，把政府活动全面纳入法治轨道。"))
    assert "依法决策|依法行政|依法办事" in set(df["members"])


def test_paragraphs_opened_by_a_subject_and_its_predicate():
    from tifa.rhetoric.parallels import accepted, find_parallels

    text = (
        "一是突出打好攻坚战，经济高质量发展跃上新台阶。\n"
        "改革开放不断深化。坚持以改革强动力，统筹推进重点领域改革，营商环境持续优化。\n"
        "能源转型成效明显。出台构建新型能源体系实施方案，新能源装机突破五千万千瓦。\n"
        "数字经济快速发展。专门召开全区现场推进会，数字经济增加值增长百分之十。\n"
    )
    df = accepted(find_parallels("d", text))
    assert "改革开放不断深化|能源转型成效明显|数字经济快速发展" in set(df["members"])
