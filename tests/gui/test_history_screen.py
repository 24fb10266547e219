"""History: past sessions listed with date, set and scores; open, delete, compare two, progress."""

from __future__ import annotations

import re

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
    assert screen.table.item(0, 1).text() == "하늘"
    assert screen.table.item(0, 2).text() == "공통 질문"
    assert screen.table.item(0, 3).text() == "모의 면접"
    assert [screen.table.item(0, c).text() for c in range(4, 8)] == ["72", "55", "58", "70"]
    assert screen.table.horizontalHeaderItem(1).text() == "이름"
    assert screen.table.horizontalHeaderItem(4).text() == "전달력"
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


@pytest.fixture
def three_people():
    """하늘 twice, 민지 once in between, and one session without a name."""
    return {
        "haneul_old": save_session(created_at="2026-11-01T10:00:00+09:00", person="하늘",
                                   scores={"delivery": 50, "structure": 40, "content": 60, "language": 70}),
        "minji": save_session(created_at="2026-11-10T10:00:00+09:00", person="민지",
                              scores={"delivery": 99, "structure": 98, "content": 97, "language": 96}),
        "nobody": save_session(created_at="2026-11-15T10:00:00+09:00", person=None,
                               scores={"delivery": 33, "structure": 34, "content": 35, "language": 36}),
        "haneul_new": save_session(created_at="2026-11-20T10:00:00+09:00", person="하늘",
                                   scores={"delivery": 72, "structure": 55, "content": 58, "language": 71}),
    }


def _dates(text: str) -> list[str]:
    return re.findall(r"2026-\d\d-\d\d", text)


def test_progress_of_a_chosen_session_shows_exactly_that_persons_sessions_oldest_first(qtbot, three_people):
    i18n.set_language("ko")
    screen = HistoryScreen()
    qtbot.addWidget(screen)
    screen.refresh()
    assert [screen.table.item(r, 1).text() for r in range(4)] == ["하늘", "", "민지", "하늘"]
    _select(screen, 0)  # 하늘's newer session
    screen.progress_button.click()
    text = screen.detail.toPlainText()
    assert "변화 추이: 하늘" in text
    # Each of the four dimensions lists 하늘's two dates, oldest first, and nobody else's.
    assert _dates(text) == ["2026-11-01", "2026-11-20"] * 4
    delivery = text[text.index("전달력"):text.index("구조")]
    assert "50" in delivery and "72" in delivery and "99" not in delivery and "33" not in delivery


def test_the_person_filter_lists_one_person_and_shows_their_progress(qtbot, three_people):
    i18n.set_language("en")
    screen = HistoryScreen()
    qtbot.addWidget(screen)
    screen.refresh()
    choices = [screen.person_filter.itemText(i) for i in range(screen.person_filter.count())]
    assert choices == ["Everyone", "하늘", "민지", "Sessions without a name"]  # the most recent first
    screen.person_filter.setCurrentIndex(1)
    assert screen.table.rowCount() == 2
    assert {screen.table.item(r, 1).text() for r in range(2)} == {"하늘"}
    text = screen.detail.toPlainText()  # shown at once, nothing else to click
    assert "Progress over time: 하늘" in text and _dates(text) == ["2026-11-01", "2026-11-20"] * 4
    screen.filter_person("민지")
    assert screen.table.rowCount() == 1
    assert _dates(screen.detail.toPlainText()) == ["2026-11-10"] * 4
    screen.person_filter.setCurrentIndex(0)
    assert screen.table.rowCount() == 4 and screen.detail.toPlainText() == ""
    i18n.set_language("ko")


def test_sessions_without_a_name_can_still_be_opened_compared_and_deleted(qtbot, three_people):
    screen = HistoryScreen()
    qtbot.addWidget(screen)
    screen.refresh()
    _select(screen, 1, 2)  # the session without a name and 민지's
    assert screen.compare_button.isEnabled()
    screen.compare_button.click()
    assert "-66" in screen.detail.toPlainText()  # delivery 99 (민지's, older) -> 33
    screen.filter_person(None)
    assert screen.table.rowCount() == 1 and screen.table.item(0, 1).text() == ""
    _select(screen, 0)
    with qtbot.waitSignal(screen.open_requested) as opened:
        screen.open_button.click()
    assert opened.args[0] == three_people["nobody"]
    screen.delete_selected(confirm=False)
    assert not three_people["nobody"].exists()
    assert [row.person_label for row in History().list_sessions()] == ["하늘", "민지", "하늘"]
    # No session without a name is left, so that choice goes; everyone is listed again.
    choices = [screen.person_filter.itemText(i) for i in range(screen.person_filter.count())]
    assert choices == ["모두", "하늘", "민지"] and screen.table.rowCount() == 3
