"""Person and speaker recall on names the ner stage misses (rare surnames, names jieba cuts,
compound surnames), one test per construction, plus the common words that must stay no name.

All sentences are written for these tests in the style of government news; none comes from
the forum article.
"""
import pytest

from zhpolicy_nlp import result


def persons(doc) -> list[str]:
    return [e.text for e in doc.ents if e.label_ == "PERSON"]


def said(doc) -> list[tuple[str, str]]:
    """(kind, speaker) of every quote, in text order."""
    return [(q.kind, q.speaker) for q in result.quotes(doc)]


# ORG + TITLE + a name the ner stage missed or jieba cut (盛来|运在)
@pytest.mark.parametrize("text, name", [
    ("国家统计局副局长盛来运在会上表示，经济运行总体平稳。", "盛来运"),
    ("省生态环境厅厅长逯建国在发布会上表示，全省空气质量持续改善。", "逯建国"),
    ("市人力资源和社会保障局局长阎晓东指出，今年将开展职业技能培训十万人次。", "阎晓东"),
    ("国家发展改革委副主任盛明说，将进一步扩大有效投资。", "盛明"),
    ("县委书记郄少华在会上强调，要压实各级责任。", "郄少华"),
    ("财政部副部长禚志刚表示，今年将继续实施积极的财政政策。", "禚志刚"),
    ("市长郄文杰在政府工作报告中指出，全市经济保持平稳增长。", "郄文杰"),
])
def test_title_then_missed_name_speaks(nlp, text, name):
    doc = nlp(text)
    assert name in persons(doc)
    assert said(doc) == [("indirect", name)]


# speaker after a direct quote: “…”NAME说。
@pytest.mark.parametrize("text, name", [
    ("“我们有信心完成全年目标。”张三说。", "张三"),
    ("“我们有信心完成全年目标。”盛来运说。", "盛来运"),
    ("“我们将加大对小微企业的支持力度。”郄建华表示。", "郄建华"),
    ("“要把群众的事办好。”禚立平指出。", "禚立平"),
    ("“基层减负要落到实处。”阎军强调。", "阎军"),
    ("“就业是最大的民生。”人社部副部长逯晓明说。", "逯晓明"),
])
def test_speaker_after_quote(nlp, text, name):
    doc = nlp(text)
    assert said(doc) == [("direct", name)]
    assert result.quotes(doc)[0].text.startswith(text[1:4])


# speaker before the quote: NAME说：“…” and NAME表示，“…”
@pytest.mark.parametrize("text, name", [
    ("盛来运说：“今年以来经济持续恢复。”", "盛来运"),
    ("郄建华说：“今年全市新增就业岗位三万个。”", "郄建华"),
    ("亓秀芳指出：“要稳住农业基本盘。”", "亓秀芳"),
    ("蓝海涛表示，“下一步将重点推进老旧小区改造。”", "蓝海涛"),
    ("但王飞说：“这个问题必须解决。”", "王飞"),
])
def test_speaker_before_quote(nlp, text, name):
    assert said(nlp(text)) == [("direct", name)]


# speaker between two parts of one quotation: “…，”NAME说，“…。”
@pytest.mark.parametrize("text, name", [
    ("“这项改革关系千家万户，”蓝海涛说，“必须稳妥推进。”", "蓝海涛"),
    ("“我们将继续扩大开放，”亓秀芳表示，“欢迎各国企业来投资。”", "亓秀芳"),
])
def test_speaker_around_quote(nlp, text, name):
    assert said(nlp(text)) == [("direct", name), ("direct", name)]


# compound surnames, with one- and two-character given names
@pytest.mark.parametrize("text, name", [
    ("欧阳明高表示，新能源汽车产业发展势头良好。", "欧阳明高"),
    ("“改革只有进行时，没有完成时。”司马俊说。", "司马俊"),
    ("“数字经济是未来发展的重要引擎。”上官清表示。", "上官清"),
    ("“一定要把好事办好。”司马光明强调。", "司马光明"),
    ("欧阳红表示，“要让群众少跑腿。”", "欧阳红"),
])
def test_compound_surname(nlp, text, name):
    doc = nlp(text)
    assert name in persons(doc)
    assert [s for _, s in said(doc)] == [name]


# ORG + NAME with no title between: 县农业农村局禚海燕介绍
@pytest.mark.parametrize("text, name", [
    ("县农业农村局禚海燕介绍，全县已完成春播面积八成以上。", "禚海燕"),
    ("省卫生健康委阎丽说，目前全省医疗资源总体充足。", "阎丽"),
    ("市文化市场综合执法局颜鲲表示，相关违法网站已被依法关停。", "颜鲲"),
])
def test_org_then_name_speaks(nlp, text, name):
    doc = nlp(text)
    assert name in persons(doc)
    assert said(doc) == [("indirect", name)]


# NAME + title: 张三代表表示
@pytest.mark.parametrize("text, name, title", [
    ("张三代表表示，要进一步加强基层治理。", "张三", "代表"),
    ("蓝建华代表表示，要进一步加强基层医疗卫生服务。", "蓝建华", "代表"),
    ("禚光明委员在发言中指出，应加大对农村教育的投入。", "禚光明", "委员"),
])
def test_name_then_title(nlp, text, name, title):
    doc = nlp(text)
    (p,) = result.people(doc)
    assert p.name == name and [t.title for t in p.titles] == [title]
    assert said(doc) == [("indirect", name)]


@pytest.mark.parametrize("text, name, title", [
    ("“今年的目标一定能够实现。”逯建国厅长说。", "逯建国", "厅长"),
    ("“科技创新要坚持需求导向。”欧阳明高院士表示。", "欧阳明高", "院士"),
])
def test_quote_then_name_and_title(nlp, text, name, title):
    doc = nlp(text)
    assert [(p.name, [t.title for t in p.titles]) for p in result.people(doc)] == [(name, [title])]
    assert said(doc) == [("direct", name)]


# adverbials between the name and the cue
@pytest.mark.parametrize("text, name", [
    ("逯军在接受记者采访时表示，要加快推进乡村振兴。", "逯军"),
    ("司马俊在座谈会上表示，要持续优化营商环境。", "司马俊"),
    ("欧阳晓光在接受记者采访时表示，今年将新建保障性住房两万套。", "欧阳晓光"),
    ("上官清在调研时强调，要切实做好安全生产工作。", "上官清"),
    ("蓝海涛对记者说，新的补贴政策将于下月起实施。", "蓝海涛"),
    ("郄建华日前表示，全市将新建公园绿地五十处。", "郄建华"),
    ("会上，阎春生表示，要扎实推进共同富裕。", "阎春生"),
    ("3月5日，盛国华指出，要加快建设现代化产业体系。", "盛国华"),
])
def test_adverbial_between_name_and_cue(nlp, text, name):
    assert said(nlp(text)) == [("indirect", name)]


# 据NAME介绍/透露
@pytest.mark.parametrize("text, name", [
    ("据阎立新介绍，全省已建成各类养老机构三百余家。", "阎立新"),
    ("据禚立平介绍，该县已实现义务教育优质均衡发展。", "禚立平"),
    ("据蓝海涛透露，相关方案正在抓紧制定。", "蓝海涛"),
])
def test_according_to_name(nlp, text, name):
    assert said(nlp(text)) == [("indirect", name)]


# a pronoun in the next sentence continues the person recovered above
@pytest.mark.parametrize("text, name", [
    ("国家统计局副局长盛来运在会上表示，经济运行总体平稳。他指出，下一步将继续加大政策力度。", "盛来运"),
    ("“我们有信心完成全年目标。”亓秀芳说。她表示，全省将继续抓好粮食生产。", "亓秀芳"),
    ("上官清在调研时强调，要切实做好安全生产工作。他要求，各地要加强隐患排查。", "上官清"),
])
def test_pronoun_continues_recovered_speaker(nlp, text, name):
    assert [s for _, s in said(nlp(text))] == [name, name]


# precision: a surname character before two more characters is often a word, not a name
@pytest.mark.parametrize("text", [
    "王国表示，将进一步深化改革。",
    "马上说，这件事必须抓紧办。",
    "高度评价两国关系发展。",
    "万元以上的支出需集体研究决定。",
    "何时开工建设尚未确定。",
    "专家表示，今年经济增速有望保持稳定。",
    "代表们认为，报告实事求是。",
    "村民们高兴地说，日子越过越红火了。",
    "有消息说，该项目即将开工。",
    "一时间众说纷纭。",
    "中方表示，愿同各方一道努力。",
    "省教育厅基教处表示，今年将新建公办幼儿园一百所。",
    "市公安局交警支队表示，节日期间将加强路面管控。",
    "国务院常务会议指出，要加快推进新型城镇化。",
    "他在会见瓦国防部长时强调，两军关系发展良好。",
    "他逢人便说，今年的收成比往年好。",
    "有个说法是，基层干部最辛苦。",
    "《求是》杂志上撰文说，要坚持以人民为中心。",
    "该县官网透露，新的补贴标准已经出台。",
    "台彩董事长表示，将继续扩大公益金规模。",
])
def test_common_words_are_no_names(nlp, text):
    assert persons(nlp(text)) == []


def test_surname_and_title_stay_a_mention(nlp):
    """王副部长 is the earlier 王受文, not a person called 王副."""
    doc = nlp("商务部副部长王受文介绍有关情况。王副部长表示，外贸形势总体稳定。")
    assert [p.name for p in result.people(doc)] == ["王受文"]
    assert said(doc) == [("indirect", "王受文")]


def test_surname_with_title_is_no_new_name(nlp):
    """李总理 is a surname mention (coref), not a person called 李总理."""
    doc = nlp("国务院总理李强主持召开国务院常务会议。会上，李总理强调，要稳住经济大盘。")
    assert [p.name for p in result.people(doc)] == ["李强"]
    assert "李总理" not in persons(doc)


# a pronoun or description right after the closing mark means the person named before
@pytest.mark.parametrize("text, name", [
    ("国家统计局副局长盛来运出席发布会。“经济长期向好的基本面没有改变。”他说。", "盛来运"),
    ("市教育局局长郄文杰介绍了有关情况。“今年将新增学位两万个。”这位局长表示。", "郄文杰"),
    ("阎晓东说：“今年是关键之年。”他强调：“必须攻坚克难。”", "阎晓东"),
])
def test_pronoun_or_description_after_quote(nlp, text, name):
    assert [s for _, s in said(nlp(text))][-1] == name


# an unnamed official of a body whose name the ner stage cut (省粮食和|物资储备局)
def test_body_name_joined_by_he(nlp):
    doc = nlp("“目前全省库存粮食充足。”省粮食和物资储备局负责人表示。")
    assert said(doc) == [("direct", "省粮食和物资储备局负责人")]
