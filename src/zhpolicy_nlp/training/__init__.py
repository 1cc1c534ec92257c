"""Retraining the NER models (``python -m zhpolicy_nlp train``); nothing at run time imports
this package."""
