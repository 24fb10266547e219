"""Questions read aloud with a real QTextToSpeech: speech-dispatcher + espeak-ng into a null sink.

The preparation countdown starts when the reading ends; speech stops when the answer starts or
the interview pauses; with no engine, or no voice for the language, the option is disabled and
says why. Nothing here mocks QTextToSpeech: the engine is named, and a name that does not exist
is the "no engine" case.
"""

from __future__ import annotations

import pytest
from feed import WavFeed
from PySide6.QtCore import QLocale

import speechd
import speechkit
from interview_app.banks import get_bank
from interview_app.gui import i18n
from interview_app.gui.i18n import tr
from interview_app.gui.session_controller import ANSWERING, PAUSED, PREP
from interview_app.gui.speech import CHECKING, NO_ENGINE, NO_VOICE, QuestionReader, choose_voice, speaking_cap_ms

pytestmark = [pytest.mark.gui, pytest.mark.audio]

KOREAN_QUESTION = "자기소개를 해 주세요."


@pytest.fixture(scope="module")
def speech_server(tmp_path_factory):
    try:
        server = speechd.start(tmp_path_factory.mktemp("speechd"))
    except (speechd.SpeechdUnavailable, speechd.pulse.PulseUnavailable) as missing:
        pytest.skip(str(missing))
    try:
        yield server
    finally:
        speechd.stop(server)


@pytest.fixture
def speech(speech_server, monkeypatch):
    """The private speech-dispatcher is the one libspeechd connects to in this test."""
    monkeypatch.setenv("SPEECHD_ADDRESS", speech_server.address)
    return speech_server


@pytest.fixture(scope="module")
def spoken(tmp_path_factory):
    return speechkit.speak("I led a team of four students.", tmp_path_factory.mktemp("spoken") / "a.wav")


def _window_with_speech(make_window, qtbot, **kwargs):
    window = make_window(check_tts=True, prep_seconds=30, answer_seconds=30, **kwargs)
    qtbot.waitUntil(lambda: window.reader is not None and window.reader.is_ready, timeout=30_000)
    return window


def _start(window, *, language="ko", read_aloud=True):
    bank = "ko-common" if language == "ko" else "en-common-behavioural"
    window.start_session({"language": language, "mode": "mock", "bank": get_bank(bank), "count": 2,
                          "random": False, "read_aloud": read_aloud})
    return window.controller


def test_a_korean_question_is_read_with_a_korean_voice(qtbot, speech):
    reader = QuestionReader()
    assert reader.problem_for("ko") == CHECKING  # the engine opens in a helper process
    with qtbot.waitSignal(reader.ready, timeout=30_000):
        pass
    assert reader.engine_name == "speechd" and reader.problem == ""
    assert QLocale(reader.voices["ko"][1]).language() == QLocale.Language.Korean
    assert QLocale(reader.voices["en"][1]).language() == QLocale.Language.English
    assert "+" not in reader.voices["en"][0]  # espeak-ng's plain voice, not a "+variant"
    qtbot.waitUntil(lambda: not reader.running, timeout=10_000)  # the launch-time check ends by itself
    seen = []
    reader.state_seen.connect(seen.append)
    reader.finished.connect(lambda: seen.append("finished"))
    with qtbot.waitSignal(reader.finished, timeout=30_000):
        assert reader.say(KOREAN_QUESTION, "ko")
    assert seen == ["speaking", "ready", "finished"]  # ended by the engine, not by the cap
    assert reader.voice_used == reader.voices["ko"]
    assert reader.running  # reading started the helper again; closing ends it
    process = reader._process
    reader.shutdown()  # close() and wait for the helper to exit
    assert not reader.running and not process.is_alive()


def test_the_preparation_starts_when_the_reading_ends(qtbot, make_window, speech, spoken):
    i18n.set_language("ko")
    window = _window_with_speech(make_window, qtbot, stream_factory=WavFeed([spoken]))
    assert window.start_screen.read_aloud.isEnabled()
    events = []
    window.reader.state_seen.connect(events.append)
    controller = _start(window)
    controller.prep_hold.connect(lambda held: events.append(f"hold {held}"))
    screen = window.interview_screen
    assert controller.state == PREP and controller.prep_held
    assert screen.phase.text() == tr("interview.reading")
    qtbot.waitUntil(lambda: "speaking" in events, timeout=15_000)
    assert screen.countdown.text() == "0:30"  # the clock waits while the question is read
    assert controller.prep_held
    qtbot.waitUntil(lambda: "hold 0" in events, timeout=30_000)
    assert events.index("speaking") < events.index("ready") < events.index("hold 0")
    assert screen.phase.text() == tr("interview.prep")
    qtbot.waitUntil(lambda: screen.countdown.text() == "0:29", timeout=5000)  # and now it runs
    window.abort_session()


def test_speech_stops_when_the_answer_starts_and_on_pause(qtbot, make_window, speech, spoken):
    window = _window_with_speech(make_window, qtbot, stream_factory=WavFeed([spoken, spoken]))
    events = []
    window.reader.state_seen.connect(events.append)
    controller = _start(window, language="en")
    qtbot.waitUntil(lambda: window.reader.speaking and "speaking" in events, timeout=15_000)
    controller.toggle()  # Space: answer now, before the reading ends
    assert controller.state == ANSWERING
    assert not window.reader.speaking and not controller.prep_held
    qtbot.waitUntil(lambda: events[-1] == "ready", timeout=10_000)  # the engine really stopped
    controller.finish_answer()
    qtbot.waitUntil(lambda: controller.index == 1 and controller.state == PREP, timeout=15_000)
    assert controller.prep_held  # the second question is read too
    qtbot.waitUntil(lambda: events.count("speaking") == 2, timeout=15_000)
    controller.pause()  # Esc while the question is read
    assert controller.state == PAUSED and not window.reader.speaking and not controller.prep_held
    qtbot.waitUntil(lambda: events[-1] == "ready", timeout=10_000)
    controller.resume()
    assert controller.state == PREP and not window.reader.speaking  # no second reading; prep runs
    assert window.interview_screen.phase.text() == tr("interview.prep")
    window.abort_session()


def test_the_option_waits_for_the_engine_without_holding_the_window(qtbot, make_window, speech):
    i18n.set_language("ko")
    window = make_window(check_tts=False, prep_seconds=30, answer_seconds=30)
    window.start_speech()
    # The engine opens in a helper process (seconds, with speech-dispatcher): start_speech has
    # returned before it answered, and meanwhile the option says why it waits.
    assert not window.reader.is_ready and window.reader.running
    assert not window.start_screen.read_aloud.isEnabled()
    assert window.start_screen.read_aloud.toolTip() == tr("start.read_aloud_checking")
    with qtbot.waitSignal(window.reader.ready, timeout=30_000):
        pass
    window.start_screen.set_language("ko")
    assert window.start_screen.read_aloud.isEnabled() and window.start_screen.read_aloud.toolTip() == ""


def test_no_engine_disables_the_option_and_says_why(qtbot, make_window):
    i18n.set_language("ko")
    window = _window_with_speech(make_window, qtbot, tts_engine="no-such-engine")
    assert window.reader.problem == NO_ENGINE
    box = window.start_screen.read_aloud
    assert not box.isEnabled()
    assert box.toolTip() == tr("start.read_aloud_no_engine")
    assert not window.settings_screen.read_aloud.isEnabled()
    assert window.settings_screen.read_aloud.toolTip() == tr("start.read_aloud_no_engine")
    window.start_screen.read_aloud.setChecked(True)
    started = []
    window.start_screen.start_requested.connect(started.append)
    window.start_screen.begin.click()
    assert started[0]["read_aloud"] is False
    # Asked to read anyway, nothing breaks: the preparation simply runs.
    controller = _start(window, read_aloud=True)
    assert not controller.prep_held
    qtbot.waitUntil(lambda: window.interview_screen.countdown.text() == "0:29", timeout=5000)
    window.abort_session()


def test_a_language_without_a_voice_is_not_offered(qtbot, make_window):
    # Qt's own test engine has English voices only: Korean has no voice on it.
    i18n.set_language("ko")
    window = _window_with_speech(make_window, qtbot, tts_engine="mock")
    assert window.reader.problem_for("ko") == NO_VOICE and window.reader.problem_for("en") == ""
    box = window.start_screen.read_aloud
    window.start_screen.set_language("ko")
    assert not box.isEnabled()
    assert box.toolTip() == "이 컴퓨터에는 한국어 음성이 없어 질문을 읽어 줄 수 없습니다."
    window.start_screen.set_language("en")
    assert box.isEnabled() and box.toolTip() == ""
    assert window.settings_screen.read_aloud.isEnabled()


def test_voice_choice_and_the_cap():
    class Voice:
        def __init__(self, name):
            self._name = name

        def name(self):
            return self._name

    voices = [Voice(n) for n in ("English (Caribbean)", "English (Caribbean)+Adam", "English (America)")]
    assert choose_voice(voices, "en").name() == "English (America)"
    assert choose_voice([Voice("Korean+Adam"), Voice("Korean")], "ko").name() == "Korean"
    assert choose_voice([], "ko") is None
    assert speaking_cap_ms("") == 4000
    assert speaking_cap_ms(KOREAN_QUESTION) > 4000
    assert speaking_cap_ms("가" * 1000) == 60_000
