"""The storage package's exception base."""

from __future__ import annotations

from interview_app.errors import EXIT_OUTPUT, UserError


class StorageError(UserError):
    """A session, the history database or an exported zip cannot be read or written as asked."""


class DataFolderError(StorageError):
    """The data folder cannot be moved as asked; says why in English and Korean (``message_ko``)."""

    exit_code = EXIT_OUTPUT

    def __init__(self, message: str, *, message_ko: str, exit_code: int | None = None) -> None:
        super().__init__(message, exit_code=exit_code)
        self.message_ko = message_ko
