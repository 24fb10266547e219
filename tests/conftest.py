"""Shared test set-up: Qt offscreen, a private data folder for every test, no network."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Qt must know there is no display before it starts.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Never reach a model hub from a test.
os.environ["HF_HUB_OFFLINE"] = "1"
# Subprocesses (`python -m interview_app ...`) import this checkout's code.
_SRC = str(Path(__file__).resolve().parents[1] / "src")
os.environ["PYTHONPATH"] = os.pathsep.join(
    [_SRC, *[p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p and p != _SRC]]
)


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets an empty data folder and config folder; the model cache is shared across the run."""
    data = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("INTERVIEW_APP_DATA_DIR", str(data))
    monkeypatch.setenv("INTERVIEW_APP_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))
    return data


@pytest.fixture
def movable_data_dir(private_data_dir: Path, monkeypatch: pytest.MonkeyPatch,
                     tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The private data folder chosen the way a moved one is (the pointer file), not by the variable,
    so the app may move it. (Logs then go to the platform's log folder: kept private on Linux too.)"""
    from interview_app import paths

    monkeypatch.delenv("INTERVIEW_APP_DATA_DIR")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path_factory.mktemp("state")))
    paths.set_data_dir_pointer(private_data_dir)
    assert paths.data_dir() == private_data_dir.resolve()
    return private_data_dir


@pytest.fixture(scope="session")
def transcriber():
    """One loaded copy of the bundled multilingual ``base`` model for the whole run."""
    from interview_app.transcription.transcriber import Transcriber

    model = Transcriber(model="base")
    model.load()
    return model
