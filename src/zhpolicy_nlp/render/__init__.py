"""The HTML view of results (``python -m zhpolicy_nlp render``)."""
