"""Sessions built by the real analyzer from the word-timed transcripts in fixtures/transcripts."""

from __future__ import annotations

from pathlib import Path

from interview_app.analysis import analyze_answer
from interview_app.analysis.session import build_session
from interview_app.transcription.types import Transcript

TRANSCRIPTS = Path(__file__).resolve().parent / "fixtures" / "transcripts"
ANSWERS = {"ko": 3, "en": 2}


def real_session(lang: str) -> dict:
    answers = []
    for index in range(1, ANSWERS[lang] + 1):
        transcript = Transcript.from_json((TRANSCRIPTS / f"{lang}_{index}.json").read_text(encoding="utf-8"))
        analysis = analyze_answer(transcript, question=transcript.question, language=lang).to_dict()
        answers.append({"index": index, "question_id": None, "question": transcript.question,
                        "audio": f"answers/{index:02d}.wav", "analysis": analysis})
    bank = {"id": f"{lang}-common", "title": "공통 질문" if lang == "ko" else "Common questions"}
    return build_session(answers, language=lang, mode="mock", bank=bank)
