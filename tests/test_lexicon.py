"""The lexicon reader: a missing file is an error, kinds select each reader's set."""
from __future__ import annotations

from importlib import resources

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
