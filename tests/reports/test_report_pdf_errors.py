"""PDF export problems a user can fix get one line and the output exit code (no Qt needed to say so)."""

from __future__ import annotations

import pytest

from interview_app.errors import EXIT_OUTPUT
from interview_app.gui.pdf_export import PdfExportError, export_pdf


def test_exporting_a_report_that_is_not_there_says_to_write_it_first(tmp_path):
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4 last week's report")
    with pytest.raises(PdfExportError) as caught:
        export_pdf(tmp_path / "missing.html", pdf)
    assert "write the HTML report first" in caught.value.message and "\n" not in caught.value.message
    assert caught.value.exit_code == EXIT_OUTPUT
    assert pdf.read_bytes() == b"%PDF-1.4 last week's report"


def test_a_folder_as_the_pdf_target_is_refused(tmp_path):
    html = tmp_path / "report.html"
    html.write_text("<!DOCTYPE html><p>x</p>", encoding="utf-8")
    with pytest.raises(PdfExportError, match="is a folder"):
        export_pdf(html, tmp_path)
