"""Reading the question aloud (QtTextToSpeech): which languages have a voice, say, stop, and "done".

Linux uses Qt's speechd plugin (speech-dispatcher with espeak-ng; scripts/setup.sh installs
them), Windows its own speech engine, macOS its system voices. A machine with no engine, or no
voice for a language, simply does not offer reading aloud in that language, and says why.

Opening the engine takes about 2 s with speech-dispatcher (it lists the 1,500 voices and variants
espeak-ng offers), and Qt holds the interpreter lock all that time, in whichever thread: the window
would freeze. So the engine lives in a small helper process (about 45 MB) that the app talks to
through a pipe: at launch it opens once to learn which languages have a voice and closes; it is
started again when a session that reads its questions aloud begins, and closed when that session
ends. The reading-aloud option is offered once the engine has answered (``ready``).

``finished`` comes once per ``say``: when the engine is back to Ready after speaking, when it
reports an error, when ``stop`` is called, or after a cap on the expected length, whichever is
first. The interview's preparation time starts on it, so a silent or stuck engine never holds
the person up.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import threading
from multiprocessing.connection import Connection
from typing import Any

from PySide6.QtCore import QLocale, QObject, QTimer, Signal

from interview_app.gui.qtfix import emit

log = logging.getLogger(__name__)

LOCALES = {
    "ko": (QLocale.Language.Korean, QLocale.Country.SouthKorea),
    "en": (QLocale.Language.English, QLocale.Country.UnitedStates),
}
# Among several voices of a language, the first whose name contains one of these words (espeak-ng
# names its English voices "English (America)", "English (Caribbean)", ...); else the first voice.
PREFERRED_VOICE_WORDS = {"en": ("America", "United States", "US", "Great Britain", "UK")}
NO_ENGINE, NO_VOICE, CHECKING = "no_engine", "no_voice", "checking"
CAP_BASE_S, CAP_PER_CHARACTER_S, CAP_MAX_S = 4.0, 0.3, 60.0
OPENING_S = 5.0  # added to the cap when the engine is still opening as the reading is asked for
POLL_MS = 50  # how often the app looks at the helper's pipe


def speaking_cap_ms(text: str) -> int:
    """How long reading ``text`` may take before the preparation starts anyway.

    espeak-ng reads Korean at about 0.22 s a character and English at about 0.07 s; the cap
    leaves room for slower voices and never exceeds a minute.
    """
    return int(1000 * min(CAP_MAX_S, CAP_BASE_S + CAP_PER_CHARACTER_S * len(text)))


def choose_voice(voices: list[Any], language: str) -> Any | None:
    """The voice to read ``language`` with: a plain voice (not an espeak "+variant") if there is one."""
    plain = [v for v in voices if "+" not in v.name()] or list(voices)
    for word in PREFERRED_VOICE_WORDS.get(language, ()):
        for voice in plain:
            if word in voice.name():
                return voice
    return plain[0] if plain else None


def _choose_voices(speech: Any) -> dict[str, Any]:
    """The voice for each language this engine can read, chosen the same way every time."""
    voices = {}
    for language, (qt_language, country) in LOCALES.items():
        locales = [loc for loc in speech.availableLocales() if loc.language() == qt_language]
        if not locales:
            continue
        wanted = QLocale(qt_language, country)
        speech.setLocale(next((loc for loc in locales if loc == wanted), locales[0]))
        if speech.locale().language() != qt_language:  # an engine may fall back to another language
            continue
        voice = choose_voice([v for v in speech.availableVoices() if v.locale().language() == qt_language],
                             language)
        if voice is not None:
            voices[language] = voice
    return voices


def serve(engine: str | None, connection: Connection, probe_only: bool) -> None:
    """The helper process: open the engine, report its voices, then read and speak until told to quit.

    Messages in: ``("say", text, language)``, ``("stop",)``, ``("quit",)``. Messages out:
    ``("opened", engine or "", {language: (voice name, locale name)})``, ``("state", name)``,
    ``("said", voice name, locale name)``, ``("error", message)``.
    """
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtTextToSpeech import QTextToSpeech

    app = QCoreApplication.instance() or QCoreApplication([])
    engines = list(QTextToSpeech.availableEngines())
    if engine is None:  # Qt's "mock" engine is for Qt's own tests: never chosen by itself
        engine = next((e for e in engines if e != "mock"), None)
    speech = QTextToSpeech(engine) if engine in engines else None
    if speech is None or speech.state() == QTextToSpeech.State.Error:
        connection.send(("opened", "", {}))
        return
    voices = _choose_voices(speech)
    connection.send(("opened", engine, {k: (v.name(), v.locale().name()) for k, v in voices.items()}))
    if probe_only:
        return
    names = {QTextToSpeech.State.Speaking: "speaking", QTextToSpeech.State.Ready: "ready",
             QTextToSpeech.State.Error: "error"}
    speech.stateChanged.connect(lambda state: state in names and connection.send(("state", names[state])))
    speech.errorOccurred.connect(lambda _reason, message: connection.send(("error", str(message))))

    def read_pipe() -> None:
        try:
            while connection.poll():
                message = connection.recv()
                if message[0] == "say" and message[2] in voices:
                    voice = voices[message[2]]
                    speech.setLocale(voice.locale())
                    speech.setVoice(voice)
                    connection.send(("said", speech.voice().name(), speech.locale().name()))
                    speech.say(message[1])
                elif message[0] == "stop":
                    speech.stop()
                elif message[0] == "quit":
                    app.quit()
        except (EOFError, OSError):  # the app has gone
            app.quit()

    timer = QTimer()
    timer.timeout.connect(read_pipe)
    timer.start(POLL_MS)
    app.exec()
    speech.stop()


def _reap(process: Any) -> None:
    """Wait for a helper told to quit; one that does not is killed."""
    process.join(2)
    if process.is_alive():
        process.kill()
        process.join(1)


class QuestionReader(QObject):
    """Reads questions aloud through the helper process; ``say`` and ``stop`` return at once."""

    ready = Signal()  # the engine answered: ``problem_for`` is final
    finished = Signal()
    state_seen = Signal(str)  # "speaking", "ready", "error": what the engine reported (for the log and tests)

    def __init__(self, engine: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.requested_engine = engine
        self.engine_name = ""
        self.voices: dict[str, tuple[str, str]] = {}  # language -> (voice name, locale name)
        self.problem = CHECKING  # until the engine has answered; NO_ENGINE when there is none
        self.speaking = False
        self.voice_used = ("", "")  # the voice's and the locale's name of the last text read
        self._heard_speaking = False
        self._opened = False  # the running helper has reported its voices
        self._pending: tuple[str, str] | None = None
        self._probe = False  # the running helper only reports the voices and ends
        self._process: Any = None
        self._connection: Connection | None = None
        self._cap = QTimer(self, singleShot=True)
        self._cap.timeout.connect(self._on_cap)
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._read_pipe)
        self._start_helper(probe_only=True)

    # --- the helper process ---------------------------------------------------------------
    def _start_helper(self, *, probe_only: bool) -> None:
        context = multiprocessing.get_context("spawn")
        ours, theirs = context.Pipe()
        process = context.Process(target=serve, args=(self.requested_engine, theirs, probe_only), daemon=True,
                                  name="speech")
        try:
            process.start()
        except OSError as error:
            log.warning("the text-to-speech helper could not start: %s", error)
            self._on_opened("", {})
            return
        theirs.close()
        self._process, self._connection, self._opened, self._probe = process, ours, False, probe_only
        self._poll.start()

    @property
    def running(self) -> bool:
        return self._process is not None

    def open(self) -> None:
        """Start the engine for a session that reads its questions aloud (it takes a few seconds)."""
        if self._process is not None and self._probe:
            self._end_helper(wait=False)  # the launch-time probe, ending anyway
        if self._process is None and self.problem == "":
            self._start_helper(probe_only=False)

    def close(self) -> None:
        """End the helper process (a session ended); its memory is freed. Returns at once: the
        process is waited for on a thread of its own (it takes 40-50 ms to exit)."""
        self.stop()
        self._pending = None
        self._end_helper(wait=False)

    def shutdown(self) -> None:
        """End the helper process and wait for it (the app exits)."""
        self.stop()
        self._pending = None
        self._end_helper(wait=True)

    def _end_helper(self, *, wait: bool) -> None:
        """Tell the helper to quit and let go of it; its exit is waited for here or on a thread."""
        process, connection = self._process, self._connection
        self._process = self._connection = None
        self._poll.stop()
        if connection is not None:
            with contextlib.suppress(OSError, ValueError):  # it may have gone already
                connection.send(("quit",))
            connection.close()
        if process is None:
            return
        if wait:
            _reap(process)
        else:
            threading.Thread(target=_reap, args=(process,), name="speech-reaper", daemon=True).start()

    def _send(self, *message: Any) -> None:
        if self._connection is not None:
            try:
                self._connection.send(message)
            except (OSError, ValueError) as error:
                log.warning("the text-to-speech helper has gone: %s", error)
                self._helper_gone()

    def _read_pipe(self) -> None:
        connection = self._connection
        if connection is None:
            return
        try:
            while connection.poll():
                self._handle(connection.recv())
        except (EOFError, OSError):
            self._helper_gone()

    def _helper_gone(self) -> None:
        was_probe = not self._opened
        process = self._process
        self._process = self._connection = None
        self._poll.stop()
        if process is not None:
            process.join(1)
        if was_probe and not self.is_ready:
            self._on_opened("", {})  # it ended before it could say anything: no usable engine
        if self.speaking:
            self._done()

    def _handle(self, message: tuple[Any, ...]) -> None:
        kind = message[0]
        if kind == "opened":
            self._opened = True
            self._on_opened(message[1], message[2])
            if self._pending is not None:
                text, language = self._pending
                self._pending = None
                self._send("say", text, language)
        elif kind == "state":
            self._on_state(message[1])
        elif kind == "said":
            self.voice_used = (message[1], message[2])
        elif kind == "error":
            self._on_error(message[1])

    # --- what this machine offers ---------------------------------------------------------
    @property
    def is_ready(self) -> bool:
        return self.problem != CHECKING

    def _on_opened(self, engine: str, voices: dict[str, tuple[str, str]]) -> None:
        first = not self.is_ready
        self.engine_name, self.voices = engine, dict(voices)
        self.problem = "" if engine else NO_ENGINE
        if first:
            emit(self.ready)

    def available(self, language: str) -> bool:
        return language in self.voices

    def problem_for(self, language: str) -> str:
        """"" when ``language`` can be read aloud; else CHECKING, NO_ENGINE or NO_VOICE."""
        if self.problem:
            return self.problem
        return "" if self.available(language) else NO_VOICE

    # --- reading --------------------------------------------------------------------------
    def say(self, text: str, language: str) -> bool:
        """Start reading ``text`` in ``language``; False (and no ``finished``) when it cannot be read."""
        self.stop()
        if not self.available(language) or not text.strip():
            return False
        self.speaking, self._heard_speaking = True, False
        opening = self._process is None or self._probe or not self._opened
        self._cap.start(speaking_cap_ms(text) + (int(OPENING_S * 1000) if opening else 0))
        if opening:
            self._pending = (text, language)
            self.open()
        else:
            self._send("say", text, language)
        return True

    def stop(self) -> None:
        """Stop reading now (the answer started, a pause, quitting); ``finished`` follows at once."""
        if not self.speaking:
            return
        self._pending = None
        self._send("stop")
        self._done()

    def _on_state(self, name: str) -> None:
        emit(self.state_seen, name)
        if not self.speaking:
            return
        if name == "speaking":
            self._heard_speaking = True
        elif name == "error" or (name == "ready" and self._heard_speaking):
            # Ready before this text was heard is the end of an earlier, stopped one.
            self._done()

    def _on_error(self, message: str) -> None:
        log.warning("text-to-speech error: %s", message)
        if self.speaking:
            self._done()

    def _on_cap(self) -> None:
        if self.speaking:
            log.info("reading the question took longer than expected; the preparation starts anyway")
            self._pending = None
            self._send("stop")
            self._done()

    def _done(self) -> None:
        self._cap.stop()
        if self.speaking:
            self.speaking = False
            emit(self.finished)
