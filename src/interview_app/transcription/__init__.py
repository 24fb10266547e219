"""Local speech-to-text with faster-whisper, returning the project's own transcript types.

- :mod:`.types`: Transcript, Segment, Word, DroppedSegment and their versioned JSON form.
- :mod:`.models`: which model, where it lives (assembling the bundled one, downloads on request).
- :mod:`.transcriber`: ``Transcriber(model).load().transcribe(audio, language=...)``.
- :mod:`.guards`: the checks against invented text, repetition loops and an echoed prompt.

Importing this package stays light (no faster-whisper, no audio decoding) so readers of
transcript files do not pay for the model.
"""

from interview_app.transcription.errors import ModelError, TranscriptionCancelled, TranscriptionError
from interview_app.transcription.types import (
    TRANSCRIPT_SCHEMA,
    DroppedSegment,
    Segment,
    Transcript,
    TranscriptFormatError,
    Word,
)

__all__ = [
    "TRANSCRIPT_SCHEMA",
    "DroppedSegment",
    "ModelError",
    "Segment",
    "Transcript",
    "TranscriptFormatError",
    "TranscriptionCancelled",
    "TranscriptionError",
    "Word",
]
