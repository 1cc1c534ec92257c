"""Text utilities: one trim with two strip rules, sentence pieces, Han."""
from zhpolicy_nlp.text import SENTENCE_RE, is_han, not_alnum, trim


def test_trim_drops_quote_punctuation_but_keeps_symbols():
    text = "“增长5%，”"
    s, e = trim(text, 0, len(text))
    assert text[s:e] == "增长5%"


def test_trim_for_ner_spans_drops_everything_not_alphanumeric():
    """A model can tag runs of spaces or symbols it never saw: the span keeps only its word."""
    text = " \u3000《李强%》 "
    s, e = trim(text, 0, len(text), not_alnum)
    assert text[s:e] == "李强"
    assert trim("。，", 0, 2, not_alnum)[0] == trim("。，", 0, 2, not_alnum)[1]  # nothing left


def test_sentence_pieces_cover_the_text():
    text = "他说：“好。”\n会议结束！！再见"
    pieces = [m.group() for m in SENTENCE_RE.finditer(text)]
    assert "".join(pieces) == text and pieces[0] == "他说：“好。"


def test_han_includes_extension_characters():
    assert is_han("〇") and is_han("𠀀") and not is_han("a")
