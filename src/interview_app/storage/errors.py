"""The storage package's exception base."""

from __future__ import annotations

from interview_app.errors import UserError


class StorageError(UserError):
    """A session, the history database or an exported zip cannot be read or written as asked."""
