"""排比 of round 5 (heldout-5's classes: 2026 reports), on sentences of the shared corpus's
2026 reports (北京, 国务院) and sentences written for the test."""
from __future__ import annotations

from tifa.rhetoric.parallels import accepted, find_parallels


def _accepted_members(text: str) -> list[list[str]]:
    return [r.members.split("|") for r in accepted(find_parallels("t", text)).itertuples()]


def test_clauses_in_a_frame_of_zai_and_xia():
    text = ("过去一年，在以习近平同志为核心的党中央坚强领导下，在中共北京市委直接领导下，"
            "在市人大及其常委会监督支持下，我们坚持以习近平新时代中国特色社会主义思想为指导。")
    assert ["在以习近平同志为核心的党中央坚强领导下", "在中共北京市委直接领导下", "在市人大及其常委会监督支持下"] in _accepted_members(text)


def test_an_opening_run_goes_on_over_a_member_with_quotes_inside():
    text = ("做好新形势下经济工作必须充分挖掘经济潜能、必须坚持政策支持和改革创新并举、必须做到既“放得活”又“管得好”、"
            "必须坚持投资于物和投资于人紧密结合、必须以苦练内功来应对外部挑战。")
    assert ["必须充分挖掘经济潜能", "必须坚持政策支持和改革创新并举", "必须做到既“放得活”又“管得好”",
            "必须坚持投资于物和投资于人紧密结合", "必须以苦练内功来应对外部挑战"] in _accepted_members(text)
    # the count of the list after it is no member
    assert ["热爱祖国", "热爱社会主义", "热爱党的"] in _accepted_members("开展了热爱祖国、热爱社会主义、热爱党的“三热爱”活动。")


def test_one_verb_before_three_nouns_without_separators():
    text = "实践再次证明，中国人民有信心有智慧有力量战胜一切艰难险阻！"
    assert ["有信心", "有智慧", "有力量"] in _accepted_members(text)
    assert not _accepted_members("他有时有事有人来找。")


def test_sentence_openers_of_one_word_the_first_after_a_lead_in():
    text = ("发展新质生产力是高质量发展的内在要求。《纲要（草案）》强调科技创新的引领作用，着眼巩固壮大实体经济根基，"
            "构建现代化产业体系。着眼高水平科技自立自强，加强原始创新。着眼建设美丽中国，持续深入推进污染防治攻坚。")
    assert ["着眼巩固壮大实体经济根基", "着眼高水平科技自立自强", "着眼建设美丽中国"] in _accepted_members(text)
    # not when the two openers are sentences apart
    text = ("发展经济，加强基础设施建设，提高效率。加强教育工作，办好学校。保障民生，扩大就业。"
            "促进消费，活跃市场。加强科技创新，培育动能。")
    assert not any(m[0].startswith("加强") for m in _accepted_members(text))


def test_sentence_openers_of_a_subject_and_a_four_character_predicate():
    text = ("一年来，我们切实加强自身建设。依法行政深入推进，自觉依法接受监督，审议地方性法规9项。"
            "履职质效不断提高，坚持把过紧日子作为常态。工作作风持续改进，认真开展学习教育。")
    assert ["依法行政深入推进", "履职质效不断提高", "工作作风持续改进"] in _accepted_members(text)


def test_topic_sentences_of_one_opening_character_and_a_de_at_one_place():
    text = ("必须把政府自身建设得更加坚强有力。要锻造对党忠诚的政治品格。牢记嘱托，坚定拥护“两个确立”。"
            "要恪守依法行政的基本准则。自觉接受法律监督。要提高履职尽责的质效水平。坚持实干为要。"
            "要巩固风清气正的良好生态。严格落实主体责任。")
    assert ["要锻造对党忠诚的政治品格", "要恪守依法行政的基本准则", "要提高履职尽责的质效水平", "要巩固风清气正的良好生态"] in _accepted_members(text)


def test_lists_behind_a_shared_noun_opening_or_a_preposition():
    # 国务院 2026, 北京 2026: nouns sharing an opening (with a numeral inside a word: 一流) or a head noun
    assert not _accepted_members("推动落实全球发展倡议、全球安全倡议、全球文明倡议、全球治理倡议，积极参与全球治理。")
    assert not _accepted_members("扎实推进世界一流大学、世界一流科研机构、世界一流企业、世界一流人才聚集地建设。")
    assert not _accepted_members("加大对健康、养老、托育等服务消费政策支持。")
    # verbs before verbal nouns stay 排比 (深化…改革), and slogans before 等 without a preposition
    text = "深化营商环境改革、深化药品监管改革、深化招投标工作管理体制改革。"
    assert ["深化营商环境改革", "深化药品监管改革", "深化招投标工作管理体制改革"] in _accepted_members(text)


def test_glued_slogans_named_as_a_programme():
    # 北京 2026, 国务院 2026: unquoted, the programme's name (…行动, …协同增效) is the evidence
    assert ["稳岗", "扩容", "提质"] in _accepted_members("促进高质量充分就业。实施稳岗扩容提质行动，城镇新增就业不少于26万人。")
    assert ["减污", "降碳", "扩绿"] in _accepted_members("推动减污降碳扩绿协同增效，建设美丽北京。")
    assert ["提质", "降本", "降碳"] in _accepted_members("实施重点行业提质降本降碳行动，深入推进零碳园区建设。")
    # the verb that governs the name is no slogan (浙江 2024)
    assert not _accepted_members("持续提高生态环境质量。强化减污降碳协同增效，统筹推进。")


def test_points_of_verb_and_object_after_a_topic_sentence():
    # 北京 2026, 3（八）: the topic sentence, then three points of one length
    text = ("加快建设花园城市。传承自然山水格局，加强太行山东北部生态综合治理。彰显首都特色风貌，实施绿隔地区引水入园工程。"
            "回应市民美好期盼，注重群众身边小微公园建设管理。\n")
    assert ["传承自然山水格局", "彰显首都特色风貌", "回应市民美好期盼"] in _accepted_members(text)
    # no topic sentence before them: no run
    text = "传承自然山水格局，加强生态综合治理。彰显首都特色风貌，实施引水入园工程。回应市民美好期盼，注重小微公园建设。\n"
    assert ["传承自然山水格局", "彰显首都特色风貌", "回应市民美好期盼"] not in _accepted_members(text)
