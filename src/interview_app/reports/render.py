"""Render a report from a session or analysis document, and write it atomically."""

from __future__ import annotations

import logging
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

from interview_app import paths
from interview_app.fileio import write_text_atomic
from interview_app.reports import view
from interview_app.reports.errors import ReportInputError, ReportOutputError
from interview_app.reports.loader import LANGUAGES, validate_document

log = logging.getLogger(__name__)

BASE_TEMPLATE = "report.html.j2"


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The one template environment: autoescape on, StrictUndefined, bundled templates."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(paths.content_dir("report_templates"))),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return env


def render_html(document: dict[str, Any], *, language: str | None = None) -> str:
    """The report as one self-contained HTML page (no scripts, no external URLs).

    ``language`` (ko or en) overrides the session's own language for the report's labels.
    """
    validate_document(document)
    if language is not None and language not in LANGUAGES:
        raise ReportInputError(f"unknown report language {language!r}; use 'ko' or 'en'")
    context = view.build(document, language)
    html = environment().get_template(BASE_TEMPLATE).render(**context)
    log.info("rendered a report of %d answers (%d characters)", len(context["answers"]), len(html))
    return html


def write_report(document: dict[str, Any], out_path: str | os.PathLike[str], *, language: str | None = None) -> Path:
    """Render ``document`` and write it to ``out_path`` atomically; return the path written.

    The page is rendered completely before anything touches the disk, and the file is replaced
    in one rename: an existing report is never left half-written or removed on failure.
    """
    html = render_html(document, language=language)
    target = Path(out_path)
    if target.is_dir():
        raise ReportOutputError(f"{target} is a folder; give a file name such as report.html")
    try:
        write_text_atomic(target, html)
    except OSError as error:
        reason = error.strerror or str(error)
        raise ReportOutputError(f"cannot write the report to {target} ({reason}); choose another place") from None
    log.info("report written to %s", target)
    return target
