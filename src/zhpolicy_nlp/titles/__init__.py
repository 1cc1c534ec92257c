"""Stage 3, people and their titles: the ``zhpolicy_titles`` component, designation
finding and the title lexicon."""
