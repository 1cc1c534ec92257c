"""Stage 2, named entities (PERSON/ORG/LOC/DATE): the ``zhpolicy_ner`` component, its
BiLSTM-CRF and linear-CRF backends, the rule spans and the date rules."""
