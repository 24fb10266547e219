"""Small helpers for analysis tests: transcripts from a script, with consistent word timings."""

from __future__ import annotations

from interview_app.transcription.types import Transcript


def make(script: str, *, language: str = "ko", seconds_per_word: float = 0.5, gap: float = 0.08,
         low: tuple[int, ...] = (), start: float = 0.6, question: str | None = None) -> Transcript:
    """One word per space-separated token; ``<1.8>`` inserts a silence; ``low`` marks unsure words."""
    words = []
    t = start
    for token in script.split():
        if token.startswith("<") and token.endswith(">"):
            t += float(token[1:-1])
            continue
        index = len(words)
        words.append({"word": " " + token, "start": round(t, 3), "end": round(t + seconds_per_word, 3),
                      "probability": 0.2 if index in low else 0.95})
        t += seconds_per_word + gap
    return Transcript.from_dict({"language": language, "duration_s": t + 0.5, "question": question,
                                 "words": words})
