"""The analysis package's exceptions: bad input and bad threshold files are things a person can fix."""

from __future__ import annotations

from interview_app.errors import EXIT_INPUT, UserError


class AnalysisError(UserError):
    """Base of every problem the analysis package reports."""

    exit_code = EXIT_INPUT


class AnalysisInputError(AnalysisError):
    """A transcript or audio given to the analyzer cannot be analysed (one-line message)."""


class NormsError(AnalysisError):
    """A thresholds file (bundled or a site override) is unreadable or names an unknown key."""
