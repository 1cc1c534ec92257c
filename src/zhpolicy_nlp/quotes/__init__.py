"""Stage 4, attributed quotes: the ``zhpolicy_quotes`` component, speech cues and quote
content."""
