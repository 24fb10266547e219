"""Saved practice sessions for the storage tests: real WAV answers and documents of the published shape."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

import speechkit
from interview_app.storage.history import History
from interview_app.storage.sessions import SESSION_SCHEMA, SessionFolder, SessionStore

ANSWER_TEXTS = (
    "저는 데이터 분석 직무에 지원한 김민지입니다. 결론부터 말씀드리면 저는 숫자로 문제를 푸는 사람입니다.",
    "동아리 회원이 30퍼센트 줄었을 때 설문 120건을 분석해서 가입률을 두 배로 올렸습니다.",
)


@pytest.fixture(scope="session")
def spoken_wavs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Two short spoken answers (espeak-ng), made once per run."""
    folder = tmp_path_factory.mktemp("speech")
    return [
        speechkit.speak("I am applying for the data analyst role.", folder / "one.wav"),
        speechkit.speak("I analysed one hundred and twenty surveys.", folder / "two.wav"),
    ]


def session_document(
    session_id: str,
    *,
    created_at: str = "2026-11-22T10:15:03+09:00",
    person: str | None = "김민지",
    scores: dict[str, int] | None = None,
    pace: float = 300.0,
    fillers_per_min: float = 4.0,
    conclusion_first: Sequence[bool] = (True, False),
    texts: Sequence[str] = ANSWER_TEXTS,
) -> dict[str, Any]:
    scores = scores if scores is not None else {"delivery": 70, "structure": 60, "content": 55, "language": 80}
    answers = []
    for index, text in enumerate(texts, start=1):
        answers.append(
            {
                "index": index,
                "question_id": f"ko-common-00{index}",
                "question": "1분 자기소개를 해 주세요." if index == 1 else "어려움을 극복한 경험을 말씀해 주세요.",
                "audio": f"answers/{index:02d}.wav",
                "analysis": {
                    "schema": "interview-app/analysis/1",
                    "language": "ko",
                    "transcript": {"text": text, "words": []},
                    "length": {"seconds": 50.0 + index, "verdict": "ok"},
                    "pace": {"value": pace, "unit": "syllables_per_min", "verdict": "ok"},
                    "fillers": {"count": 3, "weighted": 3.0, "per_min": fillers_per_min, "items": []},
                    "structure": {"conclusion_first": conclusion_first[index - 1], "closing": True, "numbers": 2},
                    "findings": [{"id": "pace_ok", "category": "expression", "severity": "strength"}],
                },
            }
        )
    return {
        "schema": SESSION_SCHEMA,
        "id": session_id,
        "created_at": created_at,
        "language": "ko",
        "mode": "mock",
        "bank": {"id": "ko-common", "title": "공통 질문"},
        "person": {"label": person},
        "answers": answers,
        "summary": {
            "dimensions": [{"id": d, "score": s, "reasons": []} for d, s in scores.items()],
            "strengths": [],
            "improvements": [],
        },
    }


SaveSession = Callable[..., tuple[SessionFolder, dict[str, Any]]]


@pytest.fixture
def store() -> SessionStore:
    return SessionStore()


@pytest.fixture
def history(store: SessionStore) -> History:
    return History(store=store)


@pytest.fixture
def save_session(store: SessionStore, history: History, spoken_wavs: list[Path]) -> SaveSession:
    """Record, save and index a session the way the app does; returns its folder and document."""

    def save(session_id: str | None = None, **document_fields: Any) -> tuple[SessionFolder, dict[str, Any]]:
        folder = store.create(session_id)
        document = session_document(folder.session_id, **document_fields)
        texts = [answer["analysis"]["transcript"]["text"] for answer in document["answers"]]
        for index, text in enumerate(texts, start=1):
            shutil.copyfile(spoken_wavs[(index - 1) % len(spoken_wavs)], folder.audio_path(index))
            folder.transcript_path(index).write_text(json.dumps({"text": text}, ensure_ascii=False), encoding="utf-8")
        store.save_document(folder, document)
        folder.report_path.write_text(
            f"<html><body><h1>{folder.session_id}</h1><p>{texts[0]}</p></body></html>", encoding="utf-8"
        )
        history.add_session(document, folder)
        return folder, document

    return save


@pytest.fixture
def make_document() -> Callable[..., dict[str, Any]]:
    """Build a session document without saving it."""
    return session_document
