"""The project's own transcript types, with a stable, versioned JSON form.

Shaped after faster-whisper's Segment/Word/TranscriptionInfo so a transcript written by
``interview-app transcribe`` and a hand-written transcript file for ``analyze`` read the same.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

TRANSCRIPT_SCHEMA = "interview-app/transcript/1"


class TranscriptFormatError(ValueError):
    """A transcript dict or file does not have the documented shape."""


@dataclass(frozen=True)
class Word:
    """One recognised word. ``word`` keeps faster-whisper's leading space."""

    start: float
    end: float
    word: str
    probability: float

    @property
    def text(self) -> str:
        return self.word.strip()

    @property
    def duration(self) -> float:
        return self.end - self.start

    def to_dict(self) -> dict[str, Any]:
        return {
            "word": self.word,
            "start": round(self.start, 3),
            "end": round(self.end, 3),
            "probability": round(self.probability, 4),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, where: str = "word") -> Word:
        try:
            word = data["word"]
            start = float(data["start"])
            end = float(data["end"])
            probability = float(data.get("probability", 1.0))
        except KeyError as missing:
            raise TranscriptFormatError(f"{where} lacks the field {missing}") from None
        except (TypeError, ValueError):
            raise TranscriptFormatError(f"{where} has a start, end or probability that is not a number") from None
        if not isinstance(word, str):
            raise TranscriptFormatError(f"{where}: 'word' must be text")
        return cls(start=start, end=end, word=word, probability=probability)


@dataclass(frozen=True)
class Segment:
    """A stretch of speech as the decoder returned it, with its words."""

    id: int
    start: float
    end: float
    text: str
    words: tuple[Word, ...] = ()
    avg_logprob: float = 0.0
    no_speech_prob: float = 0.0
    compression_ratio: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "start": round(self.start, 3),
            "end": round(self.end, 3),
            "text": self.text,
            "avg_logprob": round(self.avg_logprob, 4),
            "no_speech_prob": round(self.no_speech_prob, 4),
            "compression_ratio": round(self.compression_ratio, 4),
            "words": [w.to_dict() for w in self.words],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, index: int = 0) -> Segment:
        where = f"segment {index}"
        try:
            words = tuple(
                Word.from_dict(w, where=f"{where} word {i}") for i, w in enumerate(data.get("words", []))
            )
            return cls(
                id=int(data.get("id", index)),
                start=float(data["start"]),
                end=float(data["end"]),
                text=str(data.get("text", "".join(w.word for w in words))),
                words=words,
                avg_logprob=float(data.get("avg_logprob", 0.0)),
                no_speech_prob=float(data.get("no_speech_prob", 0.0)),
                compression_ratio=float(data.get("compression_ratio", 1.0)),
            )
        except KeyError as missing:
            raise TranscriptFormatError(f"{where} lacks the field {missing}") from None


@dataclass(frozen=True)
class DroppedSegment:
    """Text the guards removed (invented on silence, a loop, an echoed prompt), and why."""

    start: float
    end: float
    text: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": round(self.start, 3), "end": round(self.end, 3), "text": self.text, "reason": self.reason}


# Why a transcript is empty. ``None`` means it is not empty.
EMPTY_REASONS = ("silence", "too_short", "no_speech", "only_invented_text", "cancelled")


@dataclass(frozen=True)
class Transcript:
    """What was said in one recording.

    ``empty_reason`` is set when there are no words: the recording was silent, too short,
    held no speech, or everything decoded was invented text the guards removed.
    """

    language: str
    duration_s: float
    segments: tuple[Segment, ...] = ()
    language_probability: float = 1.0
    model: str = ""
    question: str | None = None
    empty_reason: str | None = None
    dropped: tuple[DroppedSegment, ...] = field(default_factory=tuple)
    source: str | None = None

    @property
    def words(self) -> list[Word]:
        return [w for s in self.segments for w in s.words]

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.segments).strip()

    @property
    def is_empty(self) -> bool:
        return not self.words

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": TRANSCRIPT_SCHEMA,
            "language": self.language,
            "language_probability": round(self.language_probability, 4),
            "duration_s": round(self.duration_s, 3),
            "model": self.model,
            "question": self.question,
            "source": self.source,
            "text": self.text,
            "empty_reason": self.empty_reason,
            "segments": [s.to_dict() for s in self.segments],
            "dropped": [d.to_dict() for d in self.dropped],
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Transcript:
        """Read a transcript: our own JSON (with ``segments``) or a flat word list.

        The flat form is what a person writes by hand for ``interview-app analyze``::

            {"language": "ko", "question": "...", "duration_s": 42.0,
             "words": [{"word": " 안녕하세요", "start": 0.4, "end": 1.1, "probability": 0.98}]}
        """
        if not isinstance(data, Mapping):
            raise TranscriptFormatError("a transcript must be a JSON object")
        schema = data.get("schema", TRANSCRIPT_SCHEMA)
        if schema != TRANSCRIPT_SCHEMA:
            raise TranscriptFormatError(
                f"unsupported transcript schema '{schema}' (this version reads '{TRANSCRIPT_SCHEMA}')"
            )
        for required in ("language", "duration_s"):
            if required not in data:
                raise TranscriptFormatError(f"the transcript lacks the field '{required}'")
        if "segments" in data:
            if not isinstance(data["segments"], list):
                raise TranscriptFormatError("'segments' must be a list")
            segments = tuple(Segment.from_dict(s, index=i) for i, s in enumerate(data["segments"]))
        elif "words" in data:
            if not isinstance(data["words"], list):
                raise TranscriptFormatError("'words' must be a list")
            words = tuple(Word.from_dict(w, where=f"word {i}") for i, w in enumerate(data["words"]))
            segments = _one_segment(words)
        else:
            raise TranscriptFormatError("the transcript has neither 'words' nor 'segments'")
        try:
            duration = float(data["duration_s"])
        except (TypeError, ValueError):
            raise TranscriptFormatError("'duration_s' must be a number of seconds") from None
        dropped = tuple(
            DroppedSegment(float(d["start"]), float(d["end"]), str(d["text"]), str(d["reason"]))
            for d in data.get("dropped", [])
        )
        return cls(
            language=str(data["language"]),
            duration_s=duration,
            segments=segments,
            language_probability=float(data.get("language_probability", 1.0)),
            model=str(data.get("model", "")),
            question=data.get("question"),
            empty_reason=data.get("empty_reason"),
            dropped=dropped,
            source=data.get("source"),
        )

    @classmethod
    def from_json(cls, text: str) -> Transcript:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise TranscriptFormatError(f"not valid JSON (line {error.lineno}: {error.msg})") from None
        return cls.from_dict(data)


def _one_segment(words: Iterable[Word]) -> tuple[Segment, ...]:
    words = tuple(words)
    if not words:
        return ()
    return (
        Segment(
            id=0,
            start=words[0].start,
            end=words[-1].end,
            text="".join(w.word for w in words),
            words=words,
        ),
    )
