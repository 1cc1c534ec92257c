"""Where a running indirect quote ends (issue #12, fourth quotes pass): sentences written for
these tests, on the quotes stage alone (see test_quotes.run)."""
from __future__ import annotations

from test_quotes import qnlp, run, said  # noqa: F401  (qnlp is a fixture)


def test_trailing_quotation_closing_its_own_sentence(qnlp):
    text = "马兰告诉记者，每次上门她都很小心，“前两天通电话，他们的小店复工了，我也就放心了。”除了家务，马兰还帮他们买菜。"
    qs = run(qnlp, text, [("马兰", "PERSON")])
    assert said(qs) == [("indirect", "马兰", "每次上门她都很小心"),
                        ("direct", "马兰", "前两天通电话，他们的小店复工了，我也就放心了")]


def test_quotation_after_someone_elses_colon_ends_the_running_quote(qnlp):
    text = "酒店经理韩松说，很多工作做在了前头。前台人员还会多叮嘱一句：“您如果有需要可以在前台领。”"
    qs = run(qnlp, text, [("韩松", "PERSON")])
    # docs/annotation.md "Extent": the words before the colon stay the manager's
    assert said(qs)[0] == ("indirect", "韩松", "很多工作做在了前头。前台人员还会多叮嘱一句")
    assert said(qs)[1][0] == "direct" and said(qs)[1][2] == "您如果有需要可以在前台领"


def test_quotation_after_a_colon_in_the_speakers_own_sentence_stays_inside(qnlp):
    text = "韩松说，来宾向纪念碑献了花圈，花圈上写着：“愿两国永远友好，祈祷和平”。"
    qs = run(qnlp, text, [("韩松", "PERSON")])
    assert said(qs) == [("indirect", "韩松", "来宾向纪念碑献了花圈，花圈上写着：“愿两国永远友好，祈祷和平")]


def test_service_staff_and_bystanders_are_sources(qnlp):
    qs = run(qnlp, "也有旁人冷冷地说：“搞工程在行，搞村子可不见得行！”")
    assert said(qs) == [("direct", "旁人", "搞工程在行，搞村子可不见得行！")]


def test_writers_comment_after_a_report_is_not_the_sources(qnlp):
    qs = run(qnlp, "历史学家说，往昔就是异乡。其实，对于公众而言，历史是精神的原乡。")
    assert said(qs) == [("indirect", "历史学家", "往昔就是异乡")]
    qs = run(qnlp, "他们相信，勤奋能够造就一位音乐家。于是，父母教会我识读音符。", [])
    assert [q[2] for q in said(qs)] == ["勤奋能够造就一位音乐家"]


def test_a_new_someone_ends_the_running_quote(qnlp):
    qs = run(qnlp, "有人觉得，政府花钱我享受，值得。也有人提意见，修这么漂亮，是不是浪费？")
    assert said(qs) == [("indirect", "有人", "政府花钱我享受，值得"),
                        ("indirect", "有人", "修这么漂亮，是不是浪费")]


def test_what_an_object_cue_is_followed_by_may_be_an_action(qnlp):
    assert run(qnlp, "两年前，当地居民曾一起向政府提意见，关闭了步行街上唯一的公厕。") == []


def test_document_issued_before_a_cue_with_no_subject_speaks(qnlp):
    text = "前不久，两部门印发了《关于改进社区治理的指导意见》，提出健全社区治理全民行动体系。"
    assert said(run(qnlp, text)) == [("indirect", "关于改进社区治理的指导意见", "健全社区治理全民行动体系")]
    text = "不久前，商务部办公厅发布关于推进快递物流协同发展工作的通知，要求各地统筹农村网络资源。"
    qs = run(qnlp, text, [("商务部办公厅", "ORG")])
    assert said(qs) == [("indirect", "关于推进快递物流协同发展工作的通知", "各地统筹农村网络资源")]


def test_a_talk_is_no_document(qnlp):
    text = "韩松4日就某市订立《某规例》发表谈话，表示制订这一法律很有必要。"
    qs = run(qnlp, text, [("韩松", "PERSON")])
    assert said(qs) == [("indirect", "韩松", "制订这一法律很有必要")]


def test_heading_after_a_headline_ending_in_its_cue(qnlp):
    text = "韩松在省税务局调研时强调\n落实宏观经济政策 服务微观经济运行\n本报北京2月18日电 韩松18日到省税务局调研。"
    qs = run(qnlp, text, [("韩松", "PERSON")])
    assert said(qs) == [("indirect", "韩松", "落实宏观经济政策 服务微观经济运行")]
    assert qs[0].cue.text == "强调"


def test_heading_after_a_noun_ending_line_is_no_quote(qnlp):
    text = "“互联网+公共服务”之各方建议\n九个主题发言两场对话共话公共服务\n这次论坛吸引了许多嘉宾。"
    assert run(qnlp, text) == []


def test_cue_words_used_as_nouns(qnlp):
    text = "在新理念引领下，陆军为适应联合作战要求，掀起了练兵备战的热潮。"
    assert run(qnlp, text, [("陆军", "ORG")]) == []
    text = "空军部队按照“攻防兼备”转型要求，正向现代化军种迈进。"
    assert run(qnlp, text, [("空军部队", "ORG")]) == []
    text = "会上，有25位代表围绕民营经济发展提出了建议，市人大常委会最终确定了重点督办的建议。"
    assert run(qnlp, text, [("市人大常委会", "ORG")]) == []
    text = "近年来，韩松就东北振兴作出一系列重要指示，对东北地区全面振兴寄予殷切希望。"
    assert run(qnlp, text, [("韩松", "PERSON")]) == []


def test_a_report_named_by_its_topic_is_no_content(qnlp):
    text = "会议听取了大会秘书处关于代表提出议案处理意见的报告。"
    assert run(qnlp, text, [("大会秘书处", "ORG")]) == []


def test_the_sources_next_act_ends_its_content(qnlp):
    text = "韩松建议批准修改后的工作报告，并代拟了关于工作报告的决议草案。"
    assert said(run(qnlp, text, [("韩松", "PERSON")])) == [("indirect", "韩松", "批准修改后的工作报告")]
    text = "韩松介绍，他们已与高校对接，进行相关研究，并搭建了面向待业人员的工作群。"
    qs = run(qnlp, text, [("韩松", "PERSON")])
    assert said(qs) == [("indirect", "韩松", "他们已与高校对接，进行相关研究，并搭建了面向待业人员的工作群")]


def test_another_someone_in_the_same_sentence_ends_the_content(qnlp):
    qs = run(qnlp, "它的起源颇为神秘，有人说是水手带来的，也有传说是街坊里传唱的。")
    assert said(qs) == [("indirect", "有人", "是水手带来的")]


def test_the_writers_question_after_a_report(qnlp):
    qs = run(qnlp, "有车主反映，撤站之后通行费变高了。为什么会出现这种情况？是收费方式变了吗？")
    assert said(qs) == [("indirect", "车主", "撤站之后通行费变高了")]


def test_a_sentence_opening_with_the_speakers_side_goes_on(qnlp):
    text = "韩松说，某国日前的军事冒险行为违背了国际关系准则。中方一贯反对在国际关系中使用武力，军事手段没有出路。"
    qs = run(qnlp, text, [("韩松", "PERSON")])
    assert said(qs) == [("indirect", "韩松", "某国日前的军事冒险行为违背了国际关系准则。"
                         "中方一贯反对在国际关系中使用武力，军事手段没有出路")]


def test_a_group_doing_something_is_narration(qnlp):
    text = "会议提出，学校党建工作要提高到新水平。与会代表认真学习了有关文件，深入研究了相关问题。"
    qs = run(qnlp, text)
    assert said(qs) == [("indirect", "会议", "学校党建工作要提高到新水平")]


def test_an_unnamed_study_is_no_source(qnlp):
    assert run(qnlp, "但让人意外的是，研究发现，老鼠和人类的骨骼结构非常相似。") == []


def test_a_source_inside_a_semicolon_list_speaks_for_its_item(qnlp):
    text = "多项新政策相继出台；市政府承诺两年内基本解决拖欠企业款项问题；落实企业减税降费政策。"
    qs = run(qnlp, text, [("市政府", "ORG")])
    assert said(qs) == [("indirect", "市政府", "两年内基本解决拖欠企业款项问题")]


def test_a_short_first_person_quotation_closing_its_sentence_is_speech(qnlp):
    text = "那年，老韩所在的工厂转制破产，他也一下没了工作，“缴社保的钱还要从我姐那儿借”。"
    qs = run(qnlp, text)
    assert [(q[0], q[2]) for q in said(qs)] == [("direct", "缴社保的钱还要从我姐那儿借")]
    assert run(qnlp, "全市开展“我为群众办实事主题实践”活动。") == []


def test_a_later_clause_with_its_own_subject_and_a_colon_ends_the_content(qnlp):
    text = "马兰赛后表示要多陪陪母亲，她也把感谢送给了教练：“教练辛苦了，感谢这几年对我的照顾。”"
    qs = run(qnlp, text, [("马兰", "PERSON")])
    assert said(qs) == [("indirect", "马兰", "要多陪陪母亲"),
                        ("direct", "马兰", "教练辛苦了，感谢这几年对我的照顾")]


def test_an_attitude_to_a_thing_is_no_quote(qnlp):
    assert run(qnlp, "代表们一致表示赞成这个报告。") == []
    qs = run(qnlp, "韩松表示支持各方保持克制。", [("韩松", "PERSON")])
    assert said(qs) == [("indirect", "韩松", "支持各方保持克制")]


def test_the_more_he_talks_is_no_report(qnlp):
    text = "“这里边，就有修路的一份功劳。”韩松越说越有骄傲劲儿。"
    qs = run(qnlp, text, [("韩松", "PERSON")])
    assert [q[0] for q in said(qs)] == ["direct"]


# -- precision audit on unseen articles (docs/quotes.md): sentences written for these tests

def test_a_question_cue_reports_up_to_its_question_mark(qnlp):
    text = "母亲总是打电话问，什么时候能回来啊？我每次都说快了，心里却很愧疚。"
    assert said(run(qnlp, text)) == [("indirect", "母亲", "什么时候能回来啊")]


def test_a_pronoun_addressee_of_a_question_is_no_part_of_it(qnlp):
    text = "登记的时候，一位患者问我，你们是从外地来的吧？我点点头，比了一个手势。"
    assert said(run(qnlp, text)) == [("indirect", "一位患者", "你们是从外地来的吧")]


def test_wen_yue_is_one_cue(qnlp):
    text = "学生张明问曰：“有没有一句话可以让人终身奉行呢？”"
    qs = run(qnlp, text, [("张明", "PERSON")])
    assert said(qs) == [("direct", "张明", "有没有一句话可以让人终身奉行呢？")]
    assert qs[0].cue.text == "问曰"


def test_a_speech_still_to_be_given_is_no_cue(qnlp):
    text = "队长王海说，这次有机会见到老师，还要代表全队发言，心情既激动又忐忑。"
    qs = run(qnlp, text, [("王海", "PERSON")])
    assert said(qs) == [("indirect", "王海", "这次有机会见到老师，还要代表全队发言，心情既激动又忐忑")]
    # a plan word inside a quotation before the source is no part of its clause
    text = "“月初通知报名，月末就考试，来不及准备”……督查组在某省发现，一些地方宣传不及时、针对性不强。"
    assert [q.speaker for q in run(qnlp, text) if q.kind == "indirect"] == ["督查组"]


def test_a_released_thing_says_nothing(qnlp):
    assert run(qnlp, "《某某城市发展规划》发布，旨在推动城市与区域良性互动，共同发展。") == []
    assert run(qnlp, "会上，某某投资联盟链正式发布，这是一条以投资机构为主体的联盟链。") == []
    text = "19日，《某某城市发展规划》（以下简称《规划》）发布，旨在推动城市与区域良性互动。"
    assert run(qnlp, text) == []


def test_no_heading_below_a_sign_off_or_above_a_name_line(qnlp):
    text = "——某省委书记王海日前在省委专题会议上说\n（本报记者  李明  整理）"
    assert run(qnlp, text, [("王海", "PERSON"), ("李明", "PERSON")]) == []
    text = "亲历者说\n王海：原某某出版社副总编辑，某丛书编委\n"
    assert all(q.speaker != "亲历者" for q in run(qnlp, text, [("王海", "PERSON")]))


def test_a_first_person_writer_narrates_after_the_report(qnlp):
    text = "一天回家后，我发现母亲在沙发上睡着了。我忙让她去床上休息，她连说自己还不困，最终还是没拗过我。咦？母亲竟然没打鼾？我心里有些小庆幸。"
    assert [q[2] for q in said(run(qnlp, text))] == ["自己还不困，最终还是没拗过我"]
    text = "医院灯光闪烁，护士长王丽告诉我，第一批病人就要来到我们的病区。听到这里，我一下子清醒了。"
    qs = run(qnlp, text, [("王丽", "PERSON")])
    assert said(qs) == [("indirect", "王丽", "第一批病人就要来到我们的病区")]


def test_a_view_framed_in_someones_eyes_stays_in_its_sentence(qnlp):
    text = "尽管天还下着雪，但在王海眼里，这是吉祥的象征。当王海敲响家门时，父母喜极而泣。"
    qs = run(qnlp, text, [("王海", "PERSON")])
    assert said(qs) == [("indirect", "王海", "这是吉祥的象征")]


def test_a_special_requirement_is_a_noun(qnlp):
    assert run(qnlp, "此外，《意见》还对解读回应工作作出专项要求，包括运用简明问答、图表图解等方式进行解读。") == []
