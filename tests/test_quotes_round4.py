"""Issue #12, third dev pass (round-4 dev articles): quote detection and extent, on sentences
written for these tests (no article text), with the quotes stage alone (see test_quotes.run)."""
from __future__ import annotations

from test_quotes import qnlp, run, said  # noqa: F401  (qnlp is a fixture)


def test_as_said_frame_before_a_colon_or_comma(qnlp):
    qs = run(qnlp, "正如某国际组织总干事马兰所指出：“各国必须携手应对挑战。”", [("马兰", "PERSON")])
    assert said(qs) == [("direct", "马兰", "各国必须携手应对挑战")]
    qs = run(qnlp, "正如韩松所强调，城市的活力来自每一条小巷。", [("韩松", "PERSON")])
    assert said(qs) == [("indirect", "韩松", "城市的活力来自每一条小巷")]


def test_as_said_frame_does_not_claim_the_quotation_before_it(qnlp):
    text = "“湿地不是荒地，更不是废地。”正如某保护区管理局的报告所指出，保护湿地是刻不容缓的共同任务。"
    qs = run(qnlp, text)
    assert [(q.kind, q.speaker) for q in qs] == [("indirect", "报告")]


def test_body_issuing_a_statement_speaks(qnlp):
    qs = run(qnlp, "某国政府发表声明说，该国愿与各方加强合作，解决有关问题。")
    assert said(qs) == [("indirect", "某国政府", "该国愿与各方加强合作，解决有关问题")]


def test_world_community_is_a_source_and_ends_the_running_quote(qnlp):
    text = "马兰回应称，如果对方继续施压，他们将退出谈判。国际社会呼吁各方保持克制，通过对话解决分歧。"
    qs = run(qnlp, text, [("马兰", "PERSON")])
    assert said(qs) == [("indirect", "马兰", "如果对方继续施压，他们将退出谈判"),
                        ("indirect", "国际社会", "各方保持克制，通过对话解决分歧")]


def test_plural_pronoun_inside_a_persons_running_quote_is_his_side(qnlp):
    text = "韩松说，为减少扬尘，他们要求工地每天洒水三次。“这样做，空气质量明显好转。”"
    qs = run(qnlp, text, [("韩松", "PERSON")])
    assert said(qs) == [("indirect", "韩松", "为减少扬尘，他们要求工地每天洒水三次"),
                        ("direct", "韩松", "这样做，空气质量明显好转")]


def test_cue_word_inside_a_book_title_is_no_cue(qnlp):
    text = "马兰、韩松将合作小品《你说，我听》，讲述一个关于陪伴的故事。"
    assert run(qnlp, text, [("马兰", "PERSON"), ("韩松", "PERSON")]) == []


def test_quotation_opening_a_paragraph_before_a_full_stop_goes_to_the_person_after(qnlp):
    text = "“我在那块木板上刻了十只喜鹊，盼着家里年年有喜事”。从去年开始，韩松每天都要刻上两个小时。"
    qs = run(qnlp, text, [("韩松", "PERSON")])
    assert [(q.kind, q.speaker) for q in qs] == [("direct", "韩松")]


def test_requirement_after_a_comparison_frame_is_a_noun(qnlp):
    assert run(qnlp, "下一步，市民政局将对照标准要求逐项细化，形成便于操作的检查表。", [("市民政局", "ORG")]) == []


def test_directive_after_its_addressee_is_one_sentence(qnlp):
    text = "马兰当即指示市卫生局有关负责人，马上增派医疗力量支援灾区。目前，当地医疗队已增至391人。"
    qs = run(qnlp, text, [("马兰", "PERSON"), ("市卫生局", "ORG")])
    assert said(qs) == [("indirect", "马兰", "马上增派医疗力量支援灾区")]
    text = "多家协会呼吁华侨华人积极捐款捐物。目前已收到来自企业和个人的捐赠200余次。"
    assert said(run(qnlp, text)) == [("indirect", "多家协会", "华侨华人积极捐款捐物")]


def test_answering_a_call_is_no_report(qnlp):
    assert run(qnlp, "广大志愿者响应市委号召，连夜赶到各个社区帮助居民。", [("市委", "ORG")]) == []


def test_document_issued_inside_a_persons_running_quote_stays_his(qnlp):
    text = "马兰介绍，为了做好防汛工作，市防汛指挥部印发了《关于做好汛期安全工作的通知》，提出了三方面措施。"
    qs = run(qnlp, text, [("马兰", "PERSON"), ("市防汛指挥部", "ORG")])
    assert [(q.speaker, q.text) for q in qs] == [
        ("马兰", "为了做好防汛工作，市防汛指挥部印发了《关于做好汛期安全工作的通知》，提出了三方面措施")]


def test_saying_into_someones_heart_is_no_report(qnlp):
    assert run(qnlp, "代表委员才能把话说到群众的心坎里；他们才能在镜头前自信从容。") == []


def test_a_date_inside_a_verbs_object_does_not_make_narration(qnlp):
    text = "马兰表示，两国是好伙伴。建交45年来，双方合作不断深化。"
    qs = run(qnlp, text, [("马兰", "PERSON"), ("45年来", "DATE")])
    assert said(qs) == [("indirect", "马兰", "两国是好伙伴。建交45年来，双方合作不断深化")]
    text = "马兰表示，两国是好伙伴。去年10月，某代表团访问了该国。"
    qs = run(qnlp, text, [("马兰", "PERSON"), ("去年10月", "DATE")])
    assert said(qs) == [("indirect", "马兰", "两国是好伙伴")]


def test_content_opening_with_a_book_title_keeps_its_mark(qnlp):
    qs = run(qnlp, "马兰认为，《山海经》记录了大量远古神话。", [("马兰", "PERSON")])
    assert said(qs) == [("indirect", "马兰", "《山海经》记录了大量远古神话")]


def test_statement_issued_before_a_cue_is_the_issuers(qnlp):
    qs = run(qnlp, "市政府当天发表联合声明，宣布即日起暂停所有大型活动。", [("市政府", "ORG")])
    assert said(qs) == [("indirect", "市政府", "即日起暂停所有大型活动")]


def test_asking_a_class_questions(qnlp):
    text = "韩老师在课上接连向学生发问：城市为什么会堵车、公交车该怎样排班才合理？学生们讨论得很热烈。"
    qs = run(qnlp, text, [("韩老师", "PERSON")])
    assert said(qs) == [("indirect", "韩老师", "城市为什么会堵车、公交车该怎样排班才合理")]


def test_named_source_of_the_reporters_information(qnlp):
    text = "记者13日从市政府新闻发布会上获悉：全市将新建中小学15所。"
    qs = run(qnlp, text)
    assert [(q.speaker, q.cue.text, q.text) for q in qs] == [("市政府新闻发布会", "获悉", "全市将新建中小学15所")]
    assert run(qnlp, "记者获悉，全市将新建中小学15所。") == []  # no source named
