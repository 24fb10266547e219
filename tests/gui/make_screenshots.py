"""Screenshots of every screen in Korean and English (docs/screenshots/gui-<screen>-<lang>.png).

Run by hand: ``python tests/gui/make_screenshots.py`` (offscreen, 1366x768, a temporary data folder).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests"), str(HERE)]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# A temporary data folder chosen the way a moved one is (so the settings offer to move it).
os.environ.pop("INTERVIEW_APP_DATA_DIR", None)
os.environ["INTERVIEW_APP_CONFIG_DIR"] = tempfile.mkdtemp(prefix="ic-shots-config-")
DATA = Path(tempfile.mkdtemp(prefix="ic-shots-"))

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402

from interview_app.gui.app import apply_look, create_app  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
SIZE = (1366, 768)


def wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_until(check, timeout_ms: int = 30_000) -> None:
    waited = 0
    while not check() and waited < timeout_ms:
        wait(50)
        waited += 50


def capture(language: str, voice: Path, older: Path, newer: Path) -> None:
    from feed import WavFeed
    from PySide6.QtCore import QItemSelectionModel
    from sessionkit import fixture_document

    from interview_app.banks import get_bank
    from interview_app.gui import i18n
    from interview_app.gui.main_window import MainWindow
    from interview_app.gui.session_controller import ANSWERING
    from interview_app.storage.settings import Settings

    window = MainWindow(Settings(mic_checked=True, ui_language=language, last_person="하늘"),
                        stream_factory=WavFeed([voice]),
                        load_model=False, check_tts=False, prep_seconds=30, answer_seconds=90)
    window.resize(*SIZE)
    window.show()
    wait(200)

    def shot(name: str) -> None:
        wait(300)
        window.grab().save(str(OUT / f"gui-{name}-{language}.png"))
        print("saved", f"gui-{name}-{language}.png")

    window.start_screen.set_language(language)
    window.start_screen.count.setValue(3)
    shot("start")
    window.show_screen(window.mic_screen)
    window.mic_screen.start.click()
    wait_until(lambda: not window.mic_screen.running, 20_000)
    shot("mic_check")
    bank = get_bank("ko-common" if language == "ko" else "en-common-behavioural")
    window.start_session({"language": language, "mode": "mock", "bank": bank, "count": 3, "random": False,
                          "read_aloud": False})
    wait(1200)
    shot("interview_prep")
    window.controller.begin_answer()
    wait_until(lambda: window.controller.state == ANSWERING)
    wait(1500)
    window.interview_screen.show_warning("too_quiet")
    shot("interview_answer")
    window.controller.pause()
    window.interview_screen.quit_button.click()
    shot("interview_paused")
    window.abort_session()
    document = fixture_document("session_ko.json" if language == "ko" else "session_en.json")
    answer = document["answers"][0]
    window.feedback_screen.show_waiting(answer["question"], last=False)
    window.feedback_screen.show_result({"analysis": answer["analysis"]})
    window.show_screen(window.feedback_screen)
    shot("feedback")
    window.processing_screen.reset(3)
    window.processing_screen.set_done(2, 3)
    window.processing_screen.set_stage(3, "transcribing")
    window.show_screen(window.processing_screen)
    shot("processing")
    loaded = []
    window.results_screen.report_loaded.connect(loaded.append)
    window.open_session(newer)
    wait_until(lambda: bool(loaded))
    wait(800)
    shot("results")
    window.show_history()
    model = window.history_screen.table.selectionModel()
    model.select(window.history_screen.table.model().index(0, 0),
                 QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    window.history_screen.show_progress()
    shot("history")
    window.consultant_screen.open_session(older)
    window.consultant_screen.answer_notes["1"].setPlainText(
        "두괄식으로 시작한 점이 좋습니다." if language == "ko" else "Good: the conclusion comes first.")
    window.consultant_screen.signer.setText("박상담" if language == "ko" else "Jamie Park")
    window.show_screen(window.consultant_screen)
    shot("consultant")
    window.settings_screen.load(window.settings)
    window.show_screen(window.settings_screen)
    shot("settings")
    window.kiosk = False
    window.shutdown()
    window.close()
    i18n.set_language("ko")


def main() -> None:
    app = create_app([sys.argv[0]])
    apply_look(app, 1.0)
    from sessionkit import save_session

    import speechkit
    from interview_app import paths

    paths.set_data_dir_pointer(DATA)

    OUT.mkdir(parents=True, exist_ok=True)
    older = save_session(created_at="2026-11-01T10:00:00+09:00", person="하늘",
                         scores={"delivery": 52, "structure": 41, "content": 60, "language": 70})
    save_session(created_at="2026-11-08T10:00:00+09:00", person="민지",
                 scores={"delivery": 80, "structure": 62, "content": 55, "language": 75})
    save_session(created_at="2026-11-12T10:00:00+09:00", person=None,
                 scores={"delivery": 61, "structure": 70, "content": 48, "language": 66})
    newer = save_session(created_at="2026-11-20T10:00:00+09:00", person="하늘")
    voice = speechkit.speak("I led a team of four students and we finished early.",
                            Path(tempfile.mkdtemp()) / "v.wav")
    for language in ("ko", "en"):
        capture(language, voice, older, newer)
    app.processEvents()


if __name__ == "__main__":
    main()
