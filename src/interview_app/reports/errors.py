"""What can go wrong when making a report, in words the user can act on."""

from __future__ import annotations

from interview_app.errors import EXIT_INPUT, EXIT_OUTPUT, UserError


class ReportError(UserError):
    """Base of the report package's user-fixable problems."""


class ReportInputError(ReportError):
    """The input is not a readable analysis or session result of a known version."""

    exit_code = EXIT_INPUT


class ReportOutputError(ReportError):
    """The report (HTML or PDF) cannot be written where it was asked for."""

    exit_code = EXIT_OUTPUT
