"""Formulations, parallels, quotations and templates on real excerpts and the seeds."""
from __future__ import annotations

import pytest

from tifa.errors import LexiconError
from tifa.lexicon.lexicons import load_known
from tifa.rhetoric.formulations import find_formulas, formula_matrix
from tifa.rhetoric.parallels import find_parallels
from tifa.rhetoric.quotations import find_quotes
from tifa.rhetoric.templates import templates_table


def formulas(text, kind=None):
    df = find_formulas("d", text)
    if kind:
        df = df[df["kind"] == kind]
    return {f: m for f, m in zip(df["formula"], df["members"])}


@pytest.mark.parametrize(
    "text, formula, members, source",
    [
        # in brackets after it (seed 004)
        (
            "我认真要想做好办公室工作，必须要强化六种意识（大局意识、发展意识、服务意识、参谋意识、创新意识、奉献意识）。",
            "六种意识", "大局意识|发展意识|服务意识|参谋意识|创新意识|奉献意识", "brackets",
        ),
        # after 即 (seed 002)
        (
            "总的说是做好“三个服务”，发挥三大职能。“三个服务”即服务领导、服务基层、服务人民群众，三大职能是参谋助手职能、督促检查职能和综合协调职能。",
            "三个服务", "服务领导|服务基层|服务人民群众", "apposition",
        ),
        (
            "总的说是做好“三个服务”，发挥三大职能。“三个服务”即服务领导、服务基层、服务人民群众，三大职能是参谋助手职能、督促检查职能和综合协调职能。",
            "三大职能", "参谋助手职能|督促检查职能|综合协调职能", "next_sentence",
        ),
        # 即 with comma-separated members, resumed by 这是 (seed 002)
        (
            "市委提出了“两个率先”的奋斗目标，即到2020年在全省率先全面建成小康社会，到2030年在全省率先基本实现现代化，这是市委作出的新定位。",
            "两个率先", "到2020年在全省率先全面建成小康社会|到2030年在全省率先基本实现现代化", "apposition",
        ),
        # the list it introduces (seed 003)
        (
            "第一，要培养“四心”。一是要有忠心，我们要忠于事业。二是要有诚心。三是要有细心。四是要培养耐心。\n第二，要提升“三能”。",
            "四心", "忠心|诚心|细心|耐心", "list",
        ),
        # the headings that follow (seed 000)
        (
            "我感到需要我们共同在“五勤”上下功夫、使长劲。\n一、勤学增才\n正文。\n二、勤修厚德\n正文。\n三、勤思明向\n正文。\n四、勤练砺志\n正文。\n五、勤省正身\n正文。",
            "五勤", "勤学|勤修|勤思|勤练|勤省", "headings",
        ),
        # a list just before it (seed 003)
        ("怎样干好办公室工作，一要靠素质和能力，二要靠苦干和实干。围绕着这“两靠”，我觉得要做到这几点：", "两靠", "靠素质和能力|靠苦干和实干", "list_before"),
        # a list joined to the term by 的 (seed 001, a Shanghai report quoted)
        (
            "提出了改革开放大突破、经济结构大调整、中心城市大推进、区域发展大跨越的四大奋斗目标。",
            "四大奋斗目标", "改革开放大突破|经济结构大调整|中心城市大推进|区域发展大跨越", "list_before",
        ),
        # …的 list after a lead-in (work report 1979)
        ("在人民内部要坚决实行毛泽东同志一再宣布的不抓辫子、不扣帽子、不打棍子的“三不主义”。",
         "三不主义", "不抓辫子|不扣帽子|不打棍子", "list_before"),
        # 即 + verb-object phrases after the head noun
        (
            "实施“五个一”工程，即建立一套制度、锻造一支队伍、打造一批品牌、形成一套机制、培育一种文化。",
            "五个一", "建立一套制度|锻造一支队伍|打造一批品牌|形成一套机制|培育一种文化", "apposition",
        ),
        # a colon after the head noun
        ("保密工作要坚持“三不”原则：不该说的不说，不该问的不问，不该看的不看。",
         "三不", "不该说的不说|不该问的不问|不该看的不看", "apposition"),
        # an apposition beside the term wins over the headings further on (written for round 3)
        ("办公室工作归结起来就是“三个服务”，即服务领导、服务机关、服务基层。\n一是当好参谋助手。正文。\n二是当好运转枢纽。正文。\n三是当好服务窗口。正文。",
         "三个服务", "服务领导|服务机关|服务基层", "apposition"),
        # 即 a few characters after the term
        ("我们坚持用“三心”做工作，即责任心、耐心、细心，较好地完成了各项任务。", "三心", "责任心|耐心|细心", "apposition"),
        # N个字 with its characters spelled out, one or several to a member
        ("当好办公室主任，总体要求是做到八个字：精明、能干、忠诚、可靠。精明是前提。", "八个字", "精明|能干|忠诚|可靠", "apposition"),
        # a 和 inside a member is no separator
        ("要做到“三个紧盯”：紧盯群众反映强烈的突出问题，紧盯窗口单位和执法部门，紧盯领导干部这个“关键少数”。",
         "三个紧盯", "紧盯群众反映强烈的突出问题|紧盯窗口单位和执法部门|紧盯领导干部这个“关键少数”", "apposition"),
        # a compound slogan: each group's character in its members
        ("要坚持“四不两直”，不发通知、不打招呼、不听汇报、不用陪同接待，直奔基层、直插现场，多看原始台账。",
         "四不两直", "不发通知|不打招呼|不听汇报|不用陪同接待|直奔基层|直插现场", "apposition"),
        # the heads of the items that follow, without the term's head they open with
        ("回顾这一年，有三个关键词：\n第一个词是从容。这一年困难很多。\n第二个词是信心。我们坚定了信心。\n第三个词是感恩。我们得到了支持。",
         "三个关键词", "从容|信心|感恩", "headings"),
        # the clauses before it, each ending in the term's words
        ("要组织明察暗访，对作风好的单位表扬一批，对问题较多的单位约谈一批，对顶风违纪的问责一批，以“三个一批”传导压力。",
         "三个一批", "表扬一批|约谈一批|问责一批", "list_before"),
        # a list in the clause before a connective
        ("我们将加强业务培训，做到更加主动、更加务实、更加清廉，以“三个更加”打造一支过硬队伍。", "三个更加", "更加主动|更加务实|更加清廉", "list_before"),
        # the next sentence's run of members opening with the term's one character
        ("第一，坚持“四不”。我们要求调研人员下基层做到不打招呼、不要陪同、不看材料、不听汇报，直接进村入户、进企入厂。",
         "四不", "不打招呼|不要陪同|不看材料|不听汇报", "next_sentence"),
        # a quoted term of parts a 、 apart, each counted (work report 2003)
        ("1998年进一步提出“三项政策、一项改革”，即按保护价敞开收购农民余粮、国有粮食购销企业顺价销售、粮食收购资金实行封闭运行，加快国有粮食企业改革。",
         "三项政策、一项改革", "按保护价敞开收购农民余粮|国有粮食购销企业顺价销售|粮食收购资金实行封闭运行|加快国有粮食企业改革", "apposition"),
        # members joined by + right before the term (a 2024 provincial report)
        ("在全国率先实现所有行政村5G+千兆宽带“双千兆”网络覆盖。", "双千兆", "5G|千兆宽带", "list_before"),
        # names given one by one (seed 003)
        ("第五，要读好“两本书”。一本书叫“有字之书”，要熟悉政策法规。另一本书叫“无字之书”，就是社会实践。", "两本书", "有字之书|无字之书", "named"),
    ],
)
def test_members_wherever_the_speech_spells_them_out(text, formula, members, source):
    df = find_formulas("d", text)
    rows = df[(df["formula"] == formula) & (df["members_source"] == source)]
    assert len(rows), df[["formula", "members", "members_source"]]
    assert (rows["kind"] == "formulation").all()
    assert (rows["members"] == members).all()


@pytest.mark.parametrize(
    "text, formula, kind",
    [
        ("下面，我就办好这次培训班讲三点意见。", "三点意见", None),  # no point classifier formulation
        ("可以初步看出办公室具有以下七个明显特点：", "七个明显特点", "count"),
        ("办公室这个词的概念，有两种涵义：一为办公的屋子、场所；二为工作机构。", "两种涵义", "count"),
        ("要把思想和行动统一到党的二十大的要求上来。", "二十大", None),
        ("具体讲，就是要增强“四个意识”、坚定“四个自信”、做到“两个维护”。", "四个意识", "formulation"),
        ("办公室有三大服务职能，就是服务机关、服务领导，服务群众。", "三大服务职能", "formulation"),
        ("我们要抓好五大发展战略的落实。", "五大发展战略", "formulation"),  # a plan's set of strategies, named by 大
        ("我们有许多优势，其中两大优势要用好用足。", "两大优势", "count"),
        ("我还认真履行党风廉政建设“一岗双责”，定期听取汇报。", "一岗双责", "formulation"),  # a compound of 1 + 2
        ("开展“三个一批”行动：通报一批、约谈一批、问责一批。", "三个一批", "formulation"),  # three 一批s, no compound
        ("会务工作我一直记着三句话：细节决定成败、流程就是规矩、预案就是底气。", "三句话", "formulation"),  # sayings spelled out
        ("今天我讲三句话，供大家参考。", "三句话", "count"),
        ("最后，我用两句改编的诗句作结。", "两句改编", None),
        ("巩固提升“三保障”和饮水安全成果。", "三保障", "formulation"),
        ("实行“一区域一策、一类群体一策、一地块一策”。", "一区域一策、一类群体一策、一地块一策", None),  # a quoted term is the whole quotation, not the known 三保
    ],
)
def test_formulation_versus_count(text, formula, kind):
    df = find_formulas("d", text)
    got = df[df["formula"] == formula]
    if kind is None:
        assert got.empty or (got["kind"] == "count").all()
    else:
        assert not got.empty and got.iloc[0]["kind"] == kind


def test_a_list_of_the_wrong_size_gives_no_members():
    # three phrases before 的 but 四大: rejected, not kept
    df = find_formulas("d", "提出了改革开放大突破、经济结构大调整、区域发展大跨越的四大奋斗目标。")
    assert df.iloc[0]["members"] == "" and df.iloc[0]["kind"] == "count"
    # a sentence, not a list, before 的
    df = find_formulas("d", "工业和农业是国民经济的两个主要部门。")
    assert df.iloc[0]["members"] == ""


def test_known_formulations_are_marked_with_official_members():
    df = find_formulas("d", "坚定“四个自信”，增强“四个意识”。")
    row = df[df["formula"] == "四个意识"].iloc[0]
    assert row["known"] and row["members_source"] == "lexicon"
    assert row["members"] == "政治意识|大局意识|核心意识|看齐意识"


def test_known_lexicon_is_checked(tmp_path):
    p = tmp_path / "f.tsv"
    p.write_text("四个意识\t4\t意识\t政治意识|大局意识\t来源\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=":1: 四个意识 has 2 members"):
        load_known(p)
    assert len(load_known()) >= 15


@pytest.mark.parametrize(
    "text, members, frame",
    [
        ("领导就向我强调了办公室的定位——“服务领导，服务机关，服务基层”。", "服务领导|服务机关|服务基层", "服务*"),
        ("服务工作搞得好不好，能不能让领导满意、基层满意、群众满意，是衡量办公室工作的根本标准。", "领导满意|基层满意|群众满意", "*满意"),
        ("放下架子，坚决克服“门难进、脸难看、话难听、事难办”的衙门作风。", "门难进|脸难看|话难听|事难办", "*难*"),
        ("要少说空话、多办实事、不图虚名、不做表面文章，说老实话，办老实事，做老实人，不弄虚作假。", "说老实话|办老实事|做老实人", "*老实*"),
        (
            "特别是学会用新的视野看准办公室工作方向，用新的思维研究办公室工作要求，用新的观念谋划办公室工作思路，用新的方法提高办公室工作实效，以良好的精神状态做好工作。",
            "用新的视野看准办公室工作方向|用新的思维研究办公室工作要求|用新的观念谋划办公室工作思路|用新的方法提高办公室工作实效",
            "用新的*",
        ),
    ],
)
def test_parallels(text, members, frame):
    df = find_parallels("d", text)
    assert (members, frame) in set(zip(df["members"], df["frame"]))


@pytest.mark.parametrize(
    "text",
    [
        "诸如调查研究、公文撰写、文印收发、会务接待、信访工作、上下联络、档案管理等大量的工作。",
        "接待上级领导的视察、检查和兄弟单位的参观学习，处理各种公务往来，接待人民群众来访等等。",
        "办公室是一个单位的综合管理机构，具有多功能的性质，明显地有别于其他各类单位部门。",
    ],
)
def test_ordinary_lists_are_not_parallels(text):
    assert find_parallels("d", text).empty


def test_parallels_of_two_only_on_request():
    text = "要做起而行之的行动者、不做坐而论道的清谈客。既要参与政务，又要管理事务。"
    assert find_parallels("d", "服务领导、服务机关。").empty
    assert len(find_parallels("d", "服务领导、服务机关。", min_n=2)) == 1
    assert find_parallels("d", text).empty


@pytest.mark.parametrize(
    "text, source, source_type, quote",
    [
        ("习总书记指出：“干部的党性修养需要终生努力。”一要摒弃非分之想。", "习总书记", "leader", "干部的党性修养需要终生努力。"),
        ("孟子说，“尽信书，则不如无书”。", "孟子", "classic", "尽信书，则不如无书"),
        ("李嘉诚曾说过一段话：“别人是求学问，我是抢学问。”", "李嘉诚", "person", "别人是求学问，我是抢学问。"),
        ("俗话说得好：“没有精钢钻，勿揽瓷器活。”", "俗话", "saying", "没有精钢钻，勿揽瓷器活。"),
        ("古人讲，贪如火，不遏则燎原；欲如水，不遏则滔天。", "古人", "classic", "贪如火，不遏则燎原；欲如水，不遏则滔天。"),
        ("《论语》中讲：“君子坦荡荡。”", "《论语》", "book", ""),
    ],
)
def test_quotations(text, source, source_type, quote):
    df = find_quotes("d", text)
    assert (source, source_type, quote) in set(zip(df["source"], df["source_type"], df["quote"]))


# --------------------------------------------------------------------------- seeds


def test_seed_formulations(corpus):
    f = corpus.formulas
    got = {(fm, m) for fm, m, k in zip(f["formula"], f["members"], f["kind"]) if k == "formulation"}
    for expected in [
        ("五勤", "勤学|勤修|勤思|勤练|勤省"),
        ("四心", "忠心|诚心|细心|耐心"),
        ("三能", "能说|能写|能干"),
        ("六种意识", "大局意识|发展意识|服务意识|参谋意识|创新意识|奉献意识"),
        ("三个服务", "服务领导|服务基层|服务人民群众"),
        ("三大职能", "参谋助手职能|督促检查职能|综合协调职能"),
        ("四种意识", "政治意识|学习意识|服务意识|创新意识"),
        ("两本书", "有字之书|无字之书"),
    ]:
        assert expected in got, expected
    for f_ in ("四情", "两靠", "两个率先", "四个意识", "两个维护"):
        assert f_ in set(f[f["kind"] == "formulation"]["formula"])
    counts = set(f[f["kind"] == "count"]["formula"])
    assert {"七个明显特点", "两种涵义"} <= counts
    assert not {"七个明显特点", "两种涵义", "三点意见"} & set(f[f["kind"] == "formulation"]["formula"])


def test_seed_parallel_slogans(corpus):
    p = corpus.parallels
    got = set(p["members"])
    for m in ("服务领导|服务机关|服务基层", "领导满意|基层满意|群众满意", "门难进|脸难看|话难听|事难办", "说老实话|办老实事|做老实人"):
        assert m in got, m


def test_matrix_and_templates(corpus):
    m = formula_matrix(corpus.formulas, corpus.documents)
    assert m.loc["四个意识", "known"] and not m.loc["五勤", "known"]
    assert m.loc["五勤", "coinage"] and not m.loc["四个意识", "coinage"]
    t = templates_table(corpus.documents, corpus.sentences, parallels=corpus.parallels)
    ideas = t[t["template"] == "要有*意识"]
    assert {"大局", "全局", "服务"} <= set(ideas["filler"])
    assert (t[t["template"] == "服务*"]["filler"] == "领导").any()


@pytest.mark.parametrize("text, members, frame", [
    ("我们要做到嘴勤、腿勤、手勤、脑勤，把工作做好。", "嘴勤|腿勤|手勤|脑勤", "*勤"),
    ("实现零差错、零失误、零缺陷的工作目标。", "零差错|零失误|零缺陷", "零*"),
    ("要定项目、定单位、定人员、定完成标准、定完成时间，并进行全年跟踪督查。", "定项目|定单位|定人员|定完成标准|定完成时间", "定*"),
    ("推进我们X系统“强基础、转作风、树形象”专项行动。", "强基础|转作风|树形象", "V+O"),
    ("主要职责是“参与政务，管理事务，协调关系，搞好服务”，今天就以此为题。", "参与政务|管理事务|协调关系|搞好服务", "V+O"),
    ("对干部要高看一格、严管一层、厚爱一分。", "高看一格|严管一层|厚爱一分", "*一*"),
])
def test_structural_parallels_without_shared_words(text, members, frame):
    from tifa.rhetoric.parallels import find_parallels

    p = find_parallels("d", text)
    assert members in set(p["members"]), p
    assert p.set_index("members").loc[members, "frame"] == frame


@pytest.mark.parametrize("text", [
    "今年拟安排财政赤字135亿元，其中中央财政赤字95亿元，地方财政赤字40亿元。",
    "新建保障性住房80万套、改造棚户区60万套、新增公租房20万套。",
    "大力发展农业、工业、国防和科学技术。",
])
def test_figures_and_plain_lists_are_no_slogans(text):
    from tifa.rhetoric.parallels import find_parallels

    p = find_parallels("d", text)
    assert p[p["kind"] != "list"].empty, p


def test_templates_mined_from_real_reports_end_at_word_boundaries():
    from tifa.config import EXAMPLES
    from tifa.corpus.tables import load
    from tifa.rhetoric.templates import mine_templates

    files = sorted(EXAMPLES.glob("gwr-20*.txt"))  # the work reports of 2000–2025
    corpus = load(files, root=EXAMPLES, findings=False)
    mined = mine_templates(corpus.documents, corpus.sentences)
    frames = mined.drop_duplicates("template").set_index("template")
    # the genre's verb-object frames, used across many years
    for t in ("加大*力度", "发挥*作用", "在*的基础上"):
        assert t in frames.index and frames.loc[t, "template_docs"] >= 5, t
    assert "提*质量" not in frames.index  # never a frame cut through a word (提高质量)
    assert frames["template_docs"].is_monotonic_decreasing
    texts = dict(zip(corpus.documents["doc_id"], corpus.documents["text"]))
    row = mined[mined["template"] == "加大*力度"].iloc[0]
    assert texts[row.doc_id][row.start : row.end] == "加大" + row.filler + "力度"
    assert row.filler in row.example


def test_parallels_across_list_item_heads_and_not_across_arguments(corpus):
    par = corpus.parallels
    one = par[par["doc_id"] == "001_30538a9527e96dc1-01"]
    assert "通天气|接地气|聚人气|溢才气|显霸气" in set(one["members"])  # 第一，通天气。…第二，接地气。…
    three = par[par["doc_id"].str.startswith("003_")]
    # 不管是…还是…: clauses of an argument share 办公室工作 but are no slogan
    assert not three["members"].str.contains("不管是在基层办公室工作").any()
    assert three.set_index("members").loc["剪子|刀子|浆子", "kind"] == "list"
    # ordinals run into the text: 第一要学会夹尾巴，…第二个要学会摇尾巴，…第三要学会翘尾巴
    assert "要学会夹尾巴|要学会摇尾巴|要学会翘尾巴" in set(three["members"])


def test_verse_lines_are_parallels():
    text = "希望大家牢记嘱托。“春风化雨润心田，凝心聚力谱新篇，砥砺奋进担使命，携手同心创未来”。"
    got = find_parallels("d", text)
    row = got[got["kind"] == "verse"].iloc[0]
    assert row["members"] == "春风化雨润心田|凝心聚力谱新篇|砥砺奋进担使命|携手同心创未来" and row["frame"] == "7言"
    assert text[row["start"] : row["end"]].startswith("春风化雨")


# --------------------------------------------------------------------------- Step 4: rhetoric read in context
# Sentences from the 2019 and 2024 central work reports and the 2026 江苏/江西/甘肃 provincial reports.


def _runs(text):
    from tifa.rhetoric.parallels import accepted

    return accepted(find_parallels("d", text))


@pytest.mark.parametrize(
    "text, members",
    [
        # clause frames: 在…上…, 以…为…, 是…的结果, 向…
        ("主要目标是：在高质量发展上继续走在前列，在推动科技创新和产业创新融合上打头阵，在推进深层次改革和高水平开放上勇争先，在落实国家重大发展战略上走在前。",
         ["在高质量发展上继续走在前列", "在落实国家重大发展战略上走在前"]),
        ("坚持以经济建设为中心，以推动高质量发展为主题，以改革创新为根本动力，以全面从严治党为根本保障，推动经济实现质的有效提升。",
         ["以推动高质量发展为主题", "以全面从严治党为根本保障"]),
        ("各项成绩的取得，是全省上下深入贯彻落实总书记重要讲话精神的结果，是省委直接领导、科学决策、统筹调度的结果，是全省人民群众拼搏进取、团结奋斗的结果。",
         ["是省委直接领导、科学决策、统筹调度的结果"]),
        ("在此，我代表省政府，向全省人民，向各位人大代表、政协委员，向各民主党派、工商联、无党派人士和各人民团体，表示衷心感谢！",
         ["向全省人民", "向各民主党派、工商联、无党派人士和各人民团体"]),
        # slogans of one length without a shared character, across 、 and ，
        ("持续扩大内需、优化供给，做优增量、盘活存量，着力稳就业、稳企业、稳市场、稳预期。", ["扩大内需", "盘活存量"]),
        ("统筹稳增长、促改革、调结构、惠民生、防风险，稳妥应对中美经贸摩擦。", ["稳增长", "防风险"]),
        ("各级政府要深刻领悟“两个确立”的决定性意义，增强“四个意识”、坚定“四个自信”、做到“两个维护”，始终保持高度一致。",
         ["增强“四个意识”", "做到“两个维护”"]),
        # compact triads without separators
        ("因地制宜加快发展新质生产力，重点产业持续做大做优做强。", ["做大", "做优", "做强"]),
        ("加大强农惠农富农支持力度。", ["强农", "惠农", "富农"]),
        ("标本兼治、一体推进不敢腐不能腐不想腐。", ["不敢腐", "不想腐"]),
        # heads of paragraphs led by a dash
        ("——经济运行保持在合理区间。国内生产总值增长6.6%。\n——经济结构不断优化。消费拉动作用增强。\n——发展新动能快速成长。新兴产业蓬勃发展。",
         ["经济运行保持在合理区间", "发展新动能快速成长"]),
    ],
)
def test_paibi_by_structure(text, members):
    got = _runs(text)
    assert any(all(m in row for m in members) for row in got["members"]), got[["members", "frame", "kind"]]


@pytest.mark.parametrize(
    "text",
    [
        "不断增强人民群众的获得感、幸福感、安全感。",  # a shared affix
        "加快发展服务消费、数字消费、绿色消费、健康消费、体育消费。",  # a shared head noun
        "突出抓好一批重大战略任务、重大改革举措、重大工程项目、重大平台载体。",  # an attributive opening
        "推进产业结构、能源结构、交通运输结构、城乡建设发展绿色转型。",  # the governing verb on the first member
        "促进医保、医疗、医药协同发展和治理。",  # ordinary words sharing a character
        "提升全党全军全国各族人民的信心。",  # a compact run of nouns
    ],
)
def test_lists_of_nouns_are_no_paibi(text):
    assert _runs(text).empty, _runs(text)[["members", "frame", "kind"]]
    assert not find_parallels("d", text).empty or "全党" in text  # kept as kind = list (all but the last)


def test_members_are_cut_at_word_boundaries():
    got = find_parallels("d", "着力建设制造强省、质量强省、农业强省、教育强省。提升防灾减灾救灾能力。")
    assert "设制造强省" not in "|".join(got["members"])  # not a fragment of 建设
    assert "灾减" not in "|".join(got["members"])  # 防灾|减灾|救灾, not 灾减|灾救|灾能


def test_score_and_default_output():
    from tifa.rhetoric.parallels import ACCEPT

    got = find_parallels("d", "增强人民群众的获得感、幸福感、安全感。要坚持说老实话、办老实事、做老实人。")
    assert set(got.columns) >= {"score", "kind"}
    lists = got[got["kind"] == "list"]
    assert len(lists) and (lists["score"] < ACCEPT).all()
    assert "说老实话|办老实事|做老实人" in set(_runs("要坚持说老实话、办老实事、做老实人。")["members"])


@pytest.mark.parametrize(
    "text, absent",
    [
        ("在国家考核中获“六连优”，粮食产量实现“十连增”。", ["六连优", "十连增"]),  # streaks
        ("八闽大地、三秦儿女、八桂各族群众携手奋进。", ["八闽", "三秦", "八桂"]),  # numeral nicknames of places
        ("建设西部陆海新通道第三通道，打通断头路。", ["三通"]),  # a numeral inside a longer word
    ],
)
def test_numerals_that_name_no_set(text, absent):
    got = set(find_formulas("d", text)["formula"])
    assert not got & set(absent), got


def test_members_beside_the_term_come_first_and_senses_follow_the_context():
    got = formulas("电动汽车、锂电池、光伏产品“新三样”出口增长近30%。", "formulation")
    assert got["新三样"] == "电动汽车|锂电池|光伏产品"  # spelled out right before it, not the customs wording
    got = formulas("更好统筹国内国际两个大局，牢牢把握发展主动权。", "formulation")
    assert got["两个大局"] == "国内大局|国际大局"
    got = formulas("深刻认识两个大局，即中华民族伟大复兴战略全局和世界百年未有之大变局。", "formulation")
    assert got["两个大局"].startswith("中华民族伟大复兴战略全局")
    # a 五个必须 of economic work is not the 2015 discipline list
    econ = find_formulas("d", "我们将深入贯彻党中央提出的“五个必须”重大要求，持续扩大内需。", year=2026)
    assert econ.set_index("formula").loc["五个必须", "members"] == ""
    disc = formulas("严守政治纪律和政治规矩，做到“五个必须”。", "formulation")
    assert disc["五个必须"].startswith("必须维护党中央权威")


@pytest.mark.parametrize(
    "text, formula, members",
    [
        ("强化优土、优种、优产、优储、优销“五优联动”。", "五优联动", "优土|优种|优产|优储|优销"),
        ("建强用好产业、科技、服务业三支招商队伍。", "三支招商队伍", "产业|科技|服务业"),
        ("抓好外贸“五新”，加快引育新主体，引入平台；着力拓展新市场，稳住传统市场；积极发展新模式，扩容升级；更好畅通新渠道，争取订单；注重丰富新产品，扩大出口。",
         "五新", "新主体|新市场|新模式|新渠道|新产品"),
        ("在“巩固、增强、提升、畅通”八个字上下功夫。", "八个字", "巩固|增强|提升|畅通"),
        ("开展高新区和高等院校“双高协同”。", "双高协同", "高新区|高等院校"),
        ("继续推动东、中、西、东北地区“四大板块”协调发展。", "四大板块", "东|中|西|东北"),
        ("扎实办好“项目要落地、企业要减负、民生要兜底”三件大事，全年经济稳中有进。", "三件大事", "项目要落地|企业要减负|民生要兜底"),
        ("健全“考核、督查、激励”三项机制，推动各项工作落地见效。", "三项机制", "考核|督查|激励"),
        ("制定实施大气、水、土壤污染防治三个“十条”并取得成效。", "三个“十条”", "大气|水|土壤"),
        ("要做到“三个始终”：始终把对党忠诚放在首位，始终把维护核心作为根本，始终把贯彻落实作为己任，不断提高政治能力。", "三个始终",
         "始终把对党忠诚放在首位|始终把维护核心作为根本|始终把贯彻落实作为己任"),
        ("干部要做到“三个过硬”：政治过硬，始终同市委保持一致；业务过硬，样样拿得起；作风过硬，耐得住寂寞。", "三个过硬", "政治过硬|业务过硬|作风过硬"),
        ("我们承诺做到“三个当日”：来文当日登记，急件当日办理，请示当日呈报，决不让文件过夜。", "三个当日", "来文当日登记|急件当日办理|请示当日呈报"),
        ("写稿先要“三个吃透”。吃透上情，把精神学深悟透；吃透下情，把情况摸清摸准；吃透领导意图，把要讲什么弄明白。三者缺一不可。", "三个吃透",
         "吃透上情|吃透下情|吃透领导意图"),
        ("要落实“三防”措施——防火、防盗、防潮，定期开展安全检查。", "三防", "防火|防盗|防潮"),
        ("要以创建“四强”党支部为抓手：政治功能强，支部班子强，党员队伍强，作用发挥强。", "四强", "政治功能强|支部班子强|党员队伍强|作用发挥强"),
        ("要做到“三个读懂”：读懂上情，把上级的政策、要求学深悟透；读懂下情，把基层的情况摸清；读懂领导意图，把要讲什么弄明白。", "三个读懂",
         "读懂上情|读懂下情|读懂领导意图"),
        ("做到“三个看齐”：向党中央看齐，向党的理论和路线方针政策看齐，向党中央决策部署看齐，在任何时候都要站稳立场。", "三个看齐",
         "向党中央看齐|向党的理论和路线方针政策看齐|向党中央决策部署看齐"),
    ],
)
def test_members_spelled_out_beside_the_term(text, formula, members):
    assert formulas(text, "formulation")[formula] == members


@pytest.mark.parametrize("term", ["双碳", "双循环", "双一流", "双随机、一公开", "双创", "双招双引"])
def test_shuang_terms_are_formulations(term):
    text = f"坚持“{term}”引领，推动高质量发展。" if term in ("双碳", "双招双引") else f"推进{term}建设，推动高质量发展。"
    assert term in formulas(text, "formulation")


def test_a_second_sense_needs_a_context_or_years(tmp_path):
    p = tmp_path / "f.tsv"
    row = "两个大局\t2\t大局\t甲|乙\t来源\t"
    p.write_text(row + "\n" + row + "\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="listed twice"):
        load_known(p)
    p.write_text(row + "\n" + row + "\t国内国际\t\n", encoding="utf-8")
    assert load_known(p)["两个大局"].senses[0].context == "国内国际"


def test_ordinal_headings_of_the_genre():
    from tifa.structure.outline import parse

    text = "同志们：\n第一句话，要学习。大家要学。\n第二句话，要实干。大家要干。\n第三句话，要担当。大家要担。\n"
    assert [it.title[:3] for it in parse(text)] == ["要学习", "要实干", "要担当"]
    text = "讲三点。\n——第一，要有信心。信心重要。\n——第二，要有决心。决心重要。\n——第三，要有恒心。恒心重要。\n"
    assert [it.title[:4] for it in parse(text)] == ["要有信心", "要有决心", "要有恒心"]


def test_a_plans_named_set_is_a_formulation_and_a_pair_glued_to_a_term_no_list_before_it():
    text = "实施碳达峰十大工程和能源转型九大工程，推进农村基础设施八大行动。打造国内大循环战略支点、国内国际双循环战略枢纽。重点办好三件事：修路、建校、治水。"
    found = formulas(text, "formulation")
    assert {"十大工程", "九大工程", "八大行动"} <= set(found)
    belt = formulas("大运河、长城、西山永定河三条文化带建设扎实推进，深化三大红色文化主题片区发展，广州、深圳两大中心城市带动作用增强。", "formulation")
    assert belt["三条文化带"] == "大运河|长城|西山永定河" and "三大红色文化主题片区" in belt and "两大中心城市" in belt
    longer = formulas("全力打好汽车、钢铁、化工三大产业转型攻坚战。实施社保、就业等十大为民办实事工程。", "formulation")
    assert longer["三大产业转型攻坚战"] == "汽车|钢铁|化工" and "十大为民办实事工程" in longer
    assert "战略支点" not in found.get("双循环", "")
    assert "三件事" not in found  # a count of the things to do, however they are spelled out
