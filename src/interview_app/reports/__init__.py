"""The self-contained HTML feedback report.

document = load_document("session.json")     # checks schema and required fields
html = render_html(document, language="ko")  # one HTML page, inline CSS and SVG, no scripts
write_report(document, "report.html")        # atomic: never leaves a half-written report
"""

from interview_app.reports.errors import ReportError, ReportInputError, ReportOutputError
from interview_app.reports.loader import ANALYSIS_SCHEMA, SESSION_SCHEMA, load_document, validate_document
from interview_app.reports.render import environment, render_html, write_report

__all__ = [
    "ANALYSIS_SCHEMA",
    "SESSION_SCHEMA",
    "ReportError",
    "ReportInputError",
    "ReportOutputError",
    "environment",
    "load_document",
    "render_html",
    "validate_document",
    "write_report",
]
