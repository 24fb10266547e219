"""Report inputs: session and analysis results for Korean and English practice."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def fixture_document(name: str) -> dict:
    return json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))


_CACHE: dict[str, dict] = {}


@pytest.fixture
def documents():
    """A fresh copy of a named input each time: session_ko, session_en, analysis_ko."""

    def get(name: str) -> dict:
        if name not in _CACHE:
            _CACHE[name] = fixture_document(name)
        return copy.deepcopy(_CACHE[name])

    return get
