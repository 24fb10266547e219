"""Reading the question aloud (QtTextToSpeech): which languages have a voice, say, stop, and "done".

Linux uses Qt's speechd plugin (speech-dispatcher with espeak-ng; scripts/setup.sh installs
them), Windows its own speech engine, macOS its system voices. A machine with no engine, or no
voice for a language, simply does not offer reading aloud in that language, and says why.

``finished`` comes once per ``say``: when the engine is back to Ready after speaking, when it
reports an error, when ``stop`` is called, or after a cap on the expected length, whichever is
first. The interview's preparation time starts on it, so a silent or stuck engine never holds
the person up.
"""

from __future__ import annotations

import logging
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
NO_ENGINE, NO_VOICE = "no_engine", "no_voice"
CAP_BASE_S, CAP_PER_CHARACTER_S, CAP_MAX_S = 4.0, 0.3, 60.0


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


class QuestionReader(QObject):
    """One text-to-speech engine for the whole run, with the voice chosen for each language."""

    finished = Signal()
    state_seen = Signal(str)  # "speaking", "ready", "error": what the engine reported (for the log and tests)

    def __init__(self, engine: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.engine_name = ""
        self.speech: Any = None
        self.voices: dict[str, Any] = {}
        self.problem = ""  # NO_ENGINE when there is no usable engine at all
        self.speaking = False
        self._heard_speaking = False
        self._cap = QTimer(self, singleShot=True)
        self._cap.timeout.connect(self._on_cap)
        self._start(engine)

    # --- what this machine offers ---------------------------------------------------------
    def _start(self, engine: str | None) -> None:
        try:
            from PySide6.QtTextToSpeech import QTextToSpeech
        except ImportError:
            self.problem = NO_ENGINE
            return
        engines = list(QTextToSpeech.availableEngines())
        if engine is None:  # Qt's "mock" engine is for Qt's own tests: never chosen by itself
            engine = next((e for e in engines if e != "mock"), None)
        if engine is None or engine not in engines:
            log.info("no text-to-speech engine (asked for %r, have %s)", engine, engines)
            self.problem = NO_ENGINE
            return
        speech = QTextToSpeech(engine, self)
        if speech.state() == QTextToSpeech.State.Error:
            log.info("text-to-speech engine %s cannot start: %s", engine, speech.errorString())
            speech.deleteLater()
            self.problem = NO_ENGINE
            return
        self.engine_name, self.speech = engine, speech
        for language, (qt_language, country) in LOCALES.items():
            voice = self._voice_for(qt_language, country, language)
            if voice is not None:
                self.voices[language] = voice
        log.info("text-to-speech engine %s; voices: %s", engine,
                 {k: v.name() for k, v in self.voices.items()} or "none for Korean or English")
        speech.stateChanged.connect(self._on_state)
        speech.errorOccurred.connect(self._on_error)

    def _voice_for(self, qt_language: QLocale.Language, country: QLocale.Country, language: str) -> Any | None:
        speech = self.speech
        locales = [loc for loc in speech.availableLocales() if loc.language() == qt_language]
        if not locales:
            return None
        wanted = QLocale(qt_language, country)
        speech.setLocale(next((loc for loc in locales if loc == wanted), locales[0]))
        if speech.locale().language() != qt_language:  # an engine may fall back to another language
            return None
        voices = [v for v in speech.availableVoices() if v.locale().language() == qt_language]
        return choose_voice(voices, language)

    def available(self, language: str) -> bool:
        return language in self.voices

    def problem_for(self, language: str) -> str:
        """"" when ``language`` can be read aloud; else NO_ENGINE or NO_VOICE."""
        if self.problem:
            return self.problem
        return "" if self.available(language) else NO_VOICE

    # --- reading --------------------------------------------------------------------------
    def say(self, text: str, language: str) -> bool:
        """Start reading ``text`` in ``language``; False (and no ``finished``) when it cannot be read."""
        self.stop()
        voice = self.voices.get(language)
        if self.speech is None or voice is None or not text.strip():
            return False
        self.speech.setLocale(voice.locale())
        self.speech.setVoice(voice)
        self.speaking, self._heard_speaking = True, False
        self._cap.start(speaking_cap_ms(text))
        self.speech.say(text)
        return True

    def stop(self) -> None:
        """Stop reading now (the answer started, a pause, quitting); ``finished`` follows at once."""
        if not self.speaking:
            return
        self.speech.stop()
        self._done()

    def _on_state(self, state: Any) -> None:
        from PySide6.QtTextToSpeech import QTextToSpeech

        name = {QTextToSpeech.State.Speaking: "speaking", QTextToSpeech.State.Ready: "ready",
                QTextToSpeech.State.Error: "error"}.get(state, "")
        if name:
            emit(self.state_seen, name)
        if not self.speaking:
            return
        if state == QTextToSpeech.State.Speaking:
            self._heard_speaking = True
        elif state == QTextToSpeech.State.Error or (state == QTextToSpeech.State.Ready and self._heard_speaking):
            # Ready before this text was heard is the end of an earlier, stopped one.
            self._done()

    def _on_error(self, _reason: Any, message: str) -> None:
        log.warning("text-to-speech error: %s", message)
        if self.speaking:
            self._done()

    def _on_cap(self) -> None:
        if self.speaking:
            log.info("reading the question took longer than expected; the preparation starts anyway")
            self.speech.stop()
            self._done()

    def _done(self) -> None:
        self._cap.stop()
        if self.speaking:
            self.speaking = False
            emit(self.finished)
