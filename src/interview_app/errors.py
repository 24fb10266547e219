"""Errors the user can fix, kept apart from bugs.

Every package raises a subclass of :class:`UserError` for problems a person can act on
(a missing file, a broken bank, no microphone). The command line prints ``message`` on one
line and exits with ``exit_code``; the GUI shows it in plain words. Anything else is a bug.
"""

from __future__ import annotations

# Documented exit codes of ``interview-app`` (see docs/cli.md).
EXIT_OK = 0
EXIT_BUG = 1  # an unexpected error: a bug, reported with the log path
EXIT_USAGE = 2  # wrong arguments (argparse uses 2 as well)
EXIT_INPUT = 3  # an input file is missing, empty, corrupt, unsupported or invalid
EXIT_MODEL = 4  # the speech model is missing, damaged or cannot be downloaded
EXIT_DEVICE = 5  # no microphone, no permission, or the device failed
EXIT_OUTPUT = 6  # the output cannot be written (permissions, disk full)
EXIT_CANCELLED = 130  # stopped by the user (Ctrl+C)


class UserError(Exception):
    """A problem the user can fix; ``message`` says what happened and what to do."""

    exit_code = EXIT_INPUT

    def __init__(self, message: str, *, exit_code: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        if exit_code is not None:
            self.exit_code = exit_code

    def __str__(self) -> str:
        return self.message
