"""The lexicon reader: a missing file is an error, kinds select each reader's set."""
from __future__ import annotations

import re
import runpy
from importlib import resources
from pathlib import Path

import pytest

from zhpolicy_nlp import lexicon
from zhpolicy_nlp.ner import rules


def test_missing_lexicon_raises_with_its_name():
    with pytest.raises(FileNotFoundError, match="speech_cue"):
        lexicon.words("speech_cue")   # a typo of speech_cues must not read as an empty set
    with pytest.raises(FileNotFoundError, match="no_such_list"):
        lexicon.rows("no_such_list")


def test_every_lexicon_opens_with_its_sources():
    folder = resources.files("zhpolicy_nlp").joinpath("lexicons")
    for path in folder.iterdir():
        if path.name.endswith(".txt"):
            assert path.read_text(encoding="utf-8").startswith("#"), path.name


def test_kinds_select_entries():
    assert "有限公司" in lexicon.words("org_endings", "legal")
    assert "有限公司" not in lexicon.words("org_endings", "office")
    assert "司" in lexicon.words("org_endings", "office")
    assert lexicon.words("speech_cues", "epistemic", field=2) == {"预计", "预测", "估计", "判断"}


def test_surname_sets_keep_their_sizes():
    """One surnames file serves three readers; each keeps the set it had as its own file."""
    assert len(lexicon.words("surnames")) == 1074
    assert len(lexicon.words("surnames", "crf", field=2)) == 270
    assert len(rules.name_surnames()) == 156
    assert "向" in lexicon.words("surnames") and "向" not in rules.name_surnames()


def test_alternation_keeps_file_order():
    """A regex tries alternatives left to right: 国内外 must stay before 国内, 本报讯 before 本报."""
    mods = lexicon.alternation("rule_words", "list_modifier").split("|")
    assert mods.index("国内外") < mods.index("国内")
    assert lexicon.alternation("title_words", "dateline") == "本报讯|本报|电讯"
    assert re.fullmatch(f"(?:{lexicon.alternation('cue_words', 'first_person')})", "咱们")


def test_every_kind_a_reader_asks_for_has_entries():
    """A kind misspelt in code reads as an empty set; these are the kinds the stages ask for."""
    for name, kinds in {
        "rule_words": ("chain_stop_char", "continuation", "left_stop_char", "deictic", "before_name",
                       "full_place_end", "xiang_word", "gov_chain", "country_body", "team_chain",
                       "list_modifier", "list_kind"),
        "title_words": ("not_after_title", "name_stop", "not_given_char", "not_given_word",
                        "not_org_ending", "cue_lead", "generic_org", "company_title", "byline_title",
                        "byline_before", "byline_after", "dateline", "post_time"),
        "speaker_words": ("determiner", "desc_determiner", "courtesy", "collective_modifier",
                          "indefinite", "person_noun", "names_doc", "publishes", "publishes_before",
                          "doc_qualifier", "adverbial_end", "topic_noun", "conj", "via", "speech_noun",
                          "role_end", "honour", "not_subject_char", "not_subject_before",
                          "takes_person", "lead_function_char", "body_word"),
        "cue_words": ("noun_before", "coord", "measure", "locative", "frame_before", "frame_after",
                      "glued_before", "as_said", "topic_end", "narration", "enum_word",
                      "person_modifier", "first_person"),
    }.items():
        for kind in kinds:
            assert lexicon.words(name, kind), (name, kind)


def test_ner_places_is_what_its_script_builds():
    """ner_places.txt is frozen with the NER models: it must stay what its sources give."""
    script = Path(__file__).resolve().parents[1] / "scripts" / "build_ner_places.py"
    build = runpy.run_path(str(script))
    if not (build["DATA"] / "JioNLP" / "china_location.txt").is_file():
        pytest.skip("../shared/data/lexicons is not here")
    assert build["OUT"].read_text(encoding="utf-8") == build["render"](build["build"]())


def test_by_length_finds_the_longest_word_at_and_before_a_position():
    from zhpolicy_nlp.lexicon import ByLength
    table = ByLength.of({"部长", "副部长", "长"})
    assert table.at("副部长说", 0) == "副部长" and table.at("副部长说", 3) == ""
    assert table.before("他是副部长", 5) == "副部长"
    assert table.before("他是副部长", 5, floor=3) == "部长"  # nothing starting before floor
