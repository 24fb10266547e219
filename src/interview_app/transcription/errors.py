"""The transcription package's own exceptions."""

from __future__ import annotations

from interview_app.errors import EXIT_CANCELLED, EXIT_MODEL, EXIT_USAGE, UserError


class TranscriptionError(UserError):
    """Base of the problems a person can fix while choosing a model or transcribing."""

    exit_code = EXIT_USAGE


class ModelError(TranscriptionError):
    """The speech model is missing, damaged, cannot be downloaded, or cannot do what was asked."""

    exit_code = EXIT_MODEL


class TranscriptionCancelled(TranscriptionError):
    """The person stopped the transcription; nothing partial is returned."""

    exit_code = EXIT_CANCELLED

    def __init__(self, message: str = "transcription cancelled") -> None:
        super().__init__(message)
