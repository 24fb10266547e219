"""History: past sessions listed with date, set and scores; open, delete, compare two, progress."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel
from sessionkit import save_session

from interview_app.gui import i18n
from interview_app.gui.screens.history import HistoryScreen
from interview_app.storage.history import History

pytestmark = pytest.mark.gui


@pytest.fixture
def two_sessions():
    older = save_session(created_at="2026-11-01T10:00:00+09:00", person="하늘",
                         scores={"delivery": 50, "structure": 40, "content": 60, "language": 70})
    newer = save_session(created_at="2026-11-20T10:00:00+09:00", person="하늘",
                         scores={"delivery": 72, "structure": 55, "content": 58, "language": 70})
    return older, newer


def _select(screen: HistoryScreen, *rows: int) -> None:
    model = screen.table.selectionModel()
    model.clearSelection()
    for row in rows:
        model.select(screen.table.model().index(row, 0),
                     QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)


def test_lists_sessions_newest_first_with_scores(qtbot, two_sessions):
    i18n.set_language("ko")
    screen = HistoryScreen()
    qtbot.addWidget(screen)
    screen.refresh()
    assert screen.table.rowCount() == 2
    assert screen.table.item(0, 0).text().startswith("2026-11-20")
    assert screen.table.item(0, 1).text() == "공통 질문"
    assert screen.table.item(0, 2).text() == "모의 면접"
    assert [screen.table.item(0, c).text() for c in range(3, 7)] == ["72", "55", "58", "70"]
    assert screen.table.horizontalHeaderItem(3).text() == "전달력"
    assert screen.empty.isHidden()


def test_compare_two_shows_the_change_in_each_dimension(qtbot, two_sessions):
    i18n.set_language("en")
    screen = HistoryScreen()
    qtbot.addWidget(screen)
    screen.refresh()
    _select(screen, 0)
    assert not screen.compare_button.isEnabled()
    _select(screen, 0, 1)
    assert screen.compare_button.isEnabled()
    screen.compare_button.click()
    text = screen.detail.toPlainText()
    assert "Delivery" in text and "+22" in text  # 50 -> 72
    assert "+15" in text  # structure 40 -> 55
    assert "-2" in text  # content 60 -> 58
    i18n.set_language("ko")


def test_progress_over_time_for_the_same_person(qtbot, two_sessions):
    i18n.set_language("ko")
    screen = HistoryScreen()
    qtbot.addWidget(screen)
    screen.refresh()
    _select(screen, 0)
    screen.progress_button.click()
    text = screen.detail.toPlainText()
    assert "변화 추이" in text
    assert text.index("2026-11-01") < text.index("2026-11-20")  # oldest first
    assert "50" in text and "72" in text


def test_delete_removes_the_folder_and_the_row(qtbot, two_sessions):
    older, newer = two_sessions
    screen = HistoryScreen()
    qtbot.addWidget(screen)
    screen.refresh()
    _select(screen, 1)  # the older one
    screen.delete_selected(confirm=False)
    assert not older.exists()
    assert newer.exists()
    assert screen.table.rowCount() == 1
    assert [row.id for row in History().list_sessions()] == [newer.name]


def test_open_emits_the_session_folder(qtbot, two_sessions):
    screen = HistoryScreen()
    qtbot.addWidget(screen)
    screen.refresh()
    _select(screen, 0)
    with qtbot.waitSignal(screen.open_requested) as opened:
        screen.open_button.click()
    assert opened.args[0] == two_sessions[1]
