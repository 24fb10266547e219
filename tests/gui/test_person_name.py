"""Who is practising: an optional name or nickname on the start screen, carried into the history,
remembered at home, never asked or kept in kiosk mode."""

from __future__ import annotations

import pytest
from sessionkit import save_session

import speechkit
from interview_app.gui import i18n
from interview_app.gui.kiosk import hash_pin
from interview_app.gui.session_controller import PREP
from interview_app.storage.history import History
from interview_app.storage.settings import Settings

pytestmark = pytest.mark.gui

KIOSK = {"kiosk_mode": True, "kiosk_pin_hash": hash_pin("4821")}


def _choose_english_set(window, count: int = 1) -> None:
    start = window.start_screen
    start.language.setCurrentIndex(start.language.findData("en"))
    start.bank.setCurrentIndex(
        next(i for i in range(start.bank.count()) if start.bank.itemData(i).id == "en-common-behavioural"))
    start.count.setValue(count)


@pytest.fixture(scope="module")
def spoken_answer(tmp_path_factory):
    folder = tmp_path_factory.mktemp("answer")
    return speechkit.speak("I led a team of four students and we finished the project two weeks early.",
                           folder / "answer.wav")


@pytest.mark.model
@pytest.mark.parametrize("kiosk", [False, True], ids=["home", "kiosk"])
def test_a_session_carries_the_name_into_the_history_and_the_report(qtbot, make_window, transcriber,
                                                                   spoken_answer, kiosk):
    settings = Settings(mic_checked=True, **(KIOSK if kiosk else {}))
    window = make_window(settings, prep_seconds=300, answer_seconds=60)
    window.pipeline.adopt_model(transcriber, "base")
    start = window.start_screen
    assert start.person.isVisible() is not kiosk
    _choose_english_set(window)
    start.person.setEditText("  하늘   별  ")  # typed with stray spaces (in kiosk mode the field is hidden)
    start.begin.click()
    controller = window.controller
    assert controller.plan.person == (None if kiosk else "하늘 별")
    qtbot.waitUntil(lambda: controller.state == PREP, timeout=5000)
    controller.use_audio_file(str(spoken_answer))  # the one boundary: no microphone here
    qtbot.waitUntil(lambda: window.current_screen() is window.results_screen, timeout=120_000)

    [row] = History().list_sessions()
    report = (row.folder / "report.html").read_text(encoding="utf-8")
    if kiosk:
        assert row.person_label is None and "하늘" not in report
        settings_text = Settings.path().read_text(encoding="utf-8") if Settings.path().exists() else ""
        assert "하늘" not in settings_text
        return
    assert row.person_label == "하늘 별"
    assert "하늘 별" in report  # the report's header already has a place for the name
    # Consultant mode shows it too.
    window.consultant_screen.open_session(row.folder)
    assert "하늘 별" in window.consultant_screen.session_label.text()


def test_the_name_is_remembered_at_home_and_the_names_used_here_are_offered(make_window):
    save_session(created_at="2026-11-01T10:00:00+09:00", person="민지")
    save_session(created_at="2026-11-05T10:00:00+09:00", person="하늘")
    save_session(created_at="2026-11-06T10:00:00+09:00", person=None)
    window = make_window()
    start = window.start_screen
    assert start.person.isVisible() and start.person.currentText() == ""
    assert [start.person.itemText(i) for i in range(start.person.count())] == ["하늘", "민지"]
    start.person.setCurrentIndex(1)  # picks 민지 from the list
    start.begin.click()
    assert window.controller.plan.person == "민지"
    window.abort_session()
    assert Settings.load().last_person == "민지"

    again = make_window(Settings.load())  # the next time the app opens
    assert again.start_screen.person.currentText() == "민지"
    again.start_screen.person.setEditText("")  # leaving it empty is fine, and is remembered too
    again.start_screen.begin.click()
    assert again.controller.plan.person is None
    again.abort_session()
    assert Settings.load().last_person is None


def test_a_long_name_is_cut_and_the_field_never_blocks_the_start(make_window):
    window = make_window()
    start = window.start_screen
    start.person.setEditText("가" * 100)
    assert len(start.person.currentText()) == 40  # the field itself takes no more
    assert start.begin.isEnabled()
    start.begin.click()
    assert window.controller.plan.person == "가" * 40
    window.abort_session()


def test_kiosk_mode_asks_no_name_and_forgets_the_one_from_home_use(make_window):
    save_session(person="하늘")
    i18n.set_language("ko")
    window = make_window(Settings(mic_checked=True, last_person="하늘", **KIOSK))
    start = window.start_screen
    assert not start.person.isVisible() and not start.labels["start.person"].isVisible()
    assert start.person.count() == 0 and start.person.currentText() == ""  # nothing offered
    assert Settings.load().last_person is None  # the home user's name is not kept on a shared machine
    start.begin.click()
    assert window.controller.plan.person is None
    window.abort_session()
    # The consultant unlocks the machine: the field is there again, empty.
    assert window.leave_kiosk("4821")
    assert start.person.isVisible() and start.person.currentText() == ""
