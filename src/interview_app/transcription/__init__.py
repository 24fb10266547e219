"""Local speech-to-text with faster-whisper, returning the project's own transcript types."""

from interview_app.transcription.types import (
    TRANSCRIPT_SCHEMA,
    DroppedSegment,
    Segment,
    Transcript,
    TranscriptFormatError,
    Word,
)

__all__ = ["TRANSCRIPT_SCHEMA", "DroppedSegment", "Segment", "Transcript", "TranscriptFormatError", "Word"]
