"""Saved sessions for the GUI tests: the report fixtures' documents, real spoken WAVs, a real report."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import speechkit
from interview_app.gui import services
from interview_app.storage.history import History
from interview_app.storage.sessions import SessionFolder, SessionStore

FIXTURES = Path(__file__).resolve().parents[1] / "reports" / "fixtures"


def fixture_document(name: str = "session_ko.json") -> dict[str, Any]:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def save_session(*, name: str = "session_ko.json", created_at: str | None = None,
                 scores: dict[str, int] | None = None, person: str | None = None) -> Path:
    """Store a finished session the way the app does (folder, history row, report) and return its folder."""
    document = copy.deepcopy(fixture_document(name))
    store = SessionStore()
    folder: SessionFolder = store.create()
    document["id"] = folder.session_id
    document.pop("notes", None)
    document.pop("history", None)
    if created_at:
        document["created_at"] = created_at
    document["person"] = {"label": person}
    if scores:
        for dimension in document["summary"]["dimensions"]:
            dimension["score"] = scores.get(dimension["id"], dimension["score"])
    for answer in document["answers"]:
        if answer.get("audio"):
            speechkit.speak(f"Answer number {answer['index']}.", folder.audio_path(answer["index"]))
    store.save_document(folder, document)
    History().add_session(document, folder)
    services.rerender_report(folder.path)
    return folder.path
