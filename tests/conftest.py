"""Shared fixtures: one pipeline per test session (loading costs ~2 s)."""
from pathlib import Path

import pytest

import zhpolicy_nlp

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def ex() -> zhpolicy_nlp.Extractor:
    return zhpolicy_nlp.load()


@pytest.fixture(scope="session")
def nlp(ex):
    return ex.nlp


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT
