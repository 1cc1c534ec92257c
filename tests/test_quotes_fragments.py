"""Quoted fragments after a cue and the addressee of 告诉 (issue #12, fourth quotes pass):
sentences written for these tests, on the quotes stage alone (see test_quotes.run)."""
from __future__ import annotations

from test_quotes import qnlp, run, said  # noqa: F401  (qnlp is a fixture)


def test_short_fragment_right_after_a_cue_is_a_direct_quote(qnlp):
    qs = run(qnlp, "说起那场大火，所有的受访者都表示“难过”。")
    assert said(qs) == [("direct", "所有的受访者", "难过")]


def test_fragment_after_a_short_object_of_the_cue(qnlp):
    qs = run(qnlp, "议员韩松指责该法案“对普通家庭的福祉漠不关心”。", [("韩松", "PERSON")])
    assert said(qs) == [("direct", "韩松", "对普通家庭的福祉漠不关心")]


def test_fragments_one_after_another_are_each_a_quote(qnlp):
    qs = run(qnlp, "韩松强调“稳中求进”“久久为功”。", [("韩松", "PERSON")])
    assert said(qs) == [("direct", "韩松", "稳中求进"), ("direct", "韩松", "久久为功")]


def test_fragment_closed_by_a_topic_noun(qnlp):
    text = "交通运输部在《三年行动方案》中，明确提出“到2025年底基本实现全覆盖”的要求，各地纷纷落实。"
    qs = run(qnlp, text, [("交通运输部", "ORG")])
    assert said(qs) == [("direct", "交通运输部", "到2025年底基本实现全覆盖")]


def test_slogans_closed_by_a_topic_noun_are_no_quote(qnlp):
    qs = run(qnlp, "村长韩松提出“专群结合、群防群治”的思路。", [("韩松", "PERSON")])
    assert qs == []


def test_marks_inside_a_clause_are_no_fragment(qnlp):
    qs = run(qnlp, "从此，韩松一直称马兰为“马妈妈”。", [("韩松", "PERSON"), ("马兰", "PERSON")])
    assert qs == []
    qs = run(qnlp, "一位女孩表示自己已经被“圈粉”，以后还会再来。")
    assert said(qs) == [("indirect", "一位女孩", "自己已经被“圈粉”，以后还会再来")]


def test_named_thing_in_marks_after_a_cue_is_no_quote(qnlp):
    assert run(qnlp, "韩松提出“一带一路”倡议。", [("韩松", "PERSON")]) == []


def test_tell_with_an_addressee_then_a_comma(qnlp):
    qs = run(qnlp, "老支书韩松告诉青年干部，最要紧的是在实践中不断学习。", [("韩松", "PERSON")])
    assert said(qs) == [("indirect", "韩松", "最要紧的是在实践中不断学习")]


def test_tell_with_an_addressee_then_a_quotation(qnlp):
    qs = run(qnlp, "韩松找到同事，告诉对方“这是了不起的成就，我们一起来做”。", [("韩松", "PERSON")])
    assert said(qs) == [("direct", "韩松", "这是了不起的成就，我们一起来做")]


def test_tell_with_a_thing_as_object_is_no_report(qnlp):
    assert run(qnlp, "韩松告诉他们一个好办法。", [("韩松", "PERSON")]) == []


def test_memory_and_idea_frames_name_their_source(qnlp):
    qs = run(qnlp, "在韩松的记忆中，多年前村里第一次修路时，村民就分成了两派。", [("韩松", "PERSON")])
    assert said(qs) == [("indirect", "韩松", "多年前村里第一次修路时，村民就分成了两派")]
    qs = run(qnlp, "按照韩松的想法，当地的优质大米不能再走低端路线了。", [("韩松", "PERSON")])
    assert said(qs) == [("indirect", "韩松", "当地的优质大米不能再走低端路线了")]
    assert run(qnlp, "在韩松的帮助下，村里修了路。", [("韩松", "PERSON")]) == []


def test_statistics_and_releases_of_a_named_body(qnlp):
    qs = run(qnlp, "据市气象台统计，去年12月以来，全市降水日数为历史同期最多。", [("市气象台", "ORG")])
    assert said(qs) == [("indirect", "市气象台", "去年12月以来，全市降水日数为历史同期最多")]
    assert run(qnlp, "据统计，去年12月以来，全市降水日数为历史同期最多。") == []
    qs = run(qnlp, "9日，省统计局对外发布，全省居民消费价格比上年上涨2.9%。", [("省统计局", "ORG")])
    assert said(qs) == [("indirect", "省统计局", "全省居民消费价格比上年上涨2.9%")]


def test_news_once_released_is_no_report(qnlp):
    text = "训练的消息一经发布，立即在网上掀起热议，网友纷纷点赞。"
    assert run(qnlp, text) == []


def test_a_modifier_ending_like_a_measure_word_keeps_its_cue(qnlp):
    qs = run(qnlp, "结合发展史，韩松重点谈道，年画通俗易懂，群众常常将它当作精神食粮。", [("韩松", "PERSON")])
    assert said(qs) == [("indirect", "韩松", "年画通俗易懂，群众常常将它当作精神食粮")]
    assert run(qnlp, "他提出的八项主张得到了广泛认同。") == []


def test_adverb_before_a_second_cue_word(qnlp):
    text = "《关于加强学校体育的意见》明确提到：“中小学要合理安排家庭体育作业。”"
    qs = run(qnlp, text)
    assert said(qs) == [("direct", "关于加强学校体育的意见", "中小学要合理安排家庭体育作业")]
    assert qs[0].cue.text == "提到"


def test_group_noun_glued_to_its_cue(qnlp):
    qs = run(qnlp, "为此，专家建议，目前要及时清沟排渍，做好病害防治工作。")
    assert said(qs) == [("indirect", "专家", "目前要及时清沟排渍，做好病害防治工作")]


def test_existential_you_introduces_the_bare_noun(qnlp):
    qs = run(qnlp, "有学生直言：“这首歌就是学不像。”")
    assert said(qs) == [("direct", "学生", "这首歌就是学不像")]


def test_weak_cue_after_a_comma_before_a_clause_with_its_own_subject(qnlp):
    text = "韩松又开始张罗着给低保户寻找就业机会，希望他们能够通过自己的劳动增加收入。"
    qs = run(qnlp, text, [("韩松", "PERSON")])
    assert said(qs) == [("indirect", "韩松", "他们能够通过自己的劳动增加收入")]
    assert run(qnlp, "韩松又开始张罗着给低保户寻找就业机会，希望通过劳动增加收入。", [("韩松", "PERSON")]) == []


def test_kanlai_with_a_long_description_of_its_source(qnlp):
    text = "在美国某某州立大学新闻与传播研究学院教授韩松看来，“这样的报道更加耸人听闻”。"
    qs = run(qnlp, text, [("韩松", "PERSON")])
    assert [q[1:] for q in said(qs)] == [("韩松", "这样的报道更加耸人听闻")]


def test_an_old_text_records(qnlp):
    qs = run(qnlp, "五代时捐税巧立名目，《某史·食货志》记载除常规税项之外，还有不少附加税。")
    assert said(qs) == [("indirect", "某史·食货志", "除常规税项之外，还有不少附加税")]
    assert run(qnlp, "据记载，这座桥已有三百多年的历史。") == []


def test_speaking_up_at_a_meeting(qnlp):
    qs = run(qnlp, "座谈会上，韩松积极发言，要和大家伙儿一起干，为村里干出一番事业来。", [("韩松", "PERSON")])
    assert said(qs) == [("indirect", "韩松", "要和大家伙儿一起干，为村里干出一番事业来")]
    assert run(qnlp, "韩松作了发言，会议随后通过了决议。", [("韩松", "PERSON")]) == []


def test_asking(qnlp):
    qs = run(qnlp, "在国外，经常有人问，“普通家庭出身的孩子如何成了钢琴家？”")
    assert said(qs) == [("direct", "有人", "普通家庭出身的孩子如何成了钢琴家？")]
    qs = run(qnlp, "“搬下来住，满意吗？还有什么要求？”韩松问。", [("韩松", "PERSON")])
    assert said(qs) == [("direct", "韩松", "搬下来住，满意吗？还有什么要求？")]
    qs = run(qnlp, "在老职工家里，韩松关切询问社区服务好不好、家里还有什么困难。", [("韩松", "PERSON")])
    assert said(qs) == [("indirect", "韩松", "社区服务好不好、家里还有什么困难")]


def test_a_cue_inside_a_per_frame_is_no_report(qnlp):
    # precision audit on unseen articles (docs/quotes.md): 按照X提出“…”的要求，… is an adverbial
    text = "按照《某某改革方案》提出“构建产业工人技能形成体系”的要求，一项项举措陆续推出。"
    assert run(qnlp, text) == []
    qs = run(qnlp, "《某某改革方案》提出“构建产业工人技能形成体系”的要求。")
    assert [q.kind for q in qs] == ["direct"]
