"""Shared test set-up: Qt offscreen, a private data folder for every test, no network."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Qt must know there is no display before it starts.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Never reach a model hub from a test.
os.environ["HF_HUB_OFFLINE"] = "1"


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets an empty data folder; the model cache is shared across the run."""
    data = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("INTERVIEW_APP_DATA_DIR", str(data))
    return data
