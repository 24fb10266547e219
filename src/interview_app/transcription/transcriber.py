"""A thin wrapper around faster-whisper that returns the project's own :class:`Transcript`.

Settings are fixed for interview answers (see :data:`DECODING` and docs/cli.md for why):
word timestamps always on, the voice-activity filter always on, no conditioning on the
previous window, a short fillers-only prompt. Before decoding, a recording that is too short
or silent yields an empty transcript with a reason; after decoding, the guards in
:mod:`interview_app.transcription.guards` drop invented text, loops and an echoed prompt.

Cancellation raises :class:`TranscriptionCancelled` (checked before decoding and between
segments): a half transcript is never mistaken for the whole answer.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ctranslate2
import numpy as np

from interview_app.audio.files import SAMPLE_RATE, load_audio
from interview_app.transcription.errors import ModelError, TranscriptionCancelled, TranscriptionError
from interview_app.transcription.guards import apply_guards
from interview_app.transcription.models import ModelInfo, resolve_model
from interview_app.transcription.types import Segment, Transcript, Word

log = logging.getLogger(__name__)

LANGUAGES = ("ko", "en", "auto")

# Shorter than this is not an answer (a click, a cough); Whisper would only invent text.
MIN_DURATION_S = 0.5
# If no 30 ms frame is louder than this, the recording is silent (a muted or unplugged mic).
SILENCE_MAX_FRAME_DBFS = -55.0
_FRAME = int(0.03 * SAMPLE_RATE)

# Fillers only, short, ending in a full stop (so the answer's first word keeps its capital).
# Whisper drops most fillers without a hint; a longer prompt gets echoed.
# No Korean prompt: on speech the model could not follow, "음, 어." came back as the whole
# transcript (measured on espeak-ng Korean), and an echo inside real text would show up as
# fillers the person never said. Korean hesitation is measured from timing instead.
FILLER_PROMPTS: dict[str, str] = {
    "en": "Um, uh.",
}


@dataclass(frozen=True)
class DecodeSettings:
    """The decoder and voice-activity settings used for every answer."""

    beam_size: int = 5
    condition_on_previous_text: bool = False
    # Off by default: on a 60 s espeak answer "Um, uh." sent one of four runs into invented text
    # ("Yeah. Ok. Um. Okay. Stay safe."), and an invented "Um" is a filler counted against the
    # person. Without it fillers were kept just as often; timing and the audio cover the rest.
    use_filler_prompt: bool = False
    # When a window falls back to higher temperatures the decoder samples; a fixed seed keeps runs
    # of the same recording alike (a consultant re-running gets what the person saw). Without it
    # four runs of one answer gave three different texts; with it four runs agreed on an idle
    # machine (the multi-threaded decoder is not guaranteed to be bit-for-bit repeatable).
    random_seed: int = 20261122
    vad_parameters: dict[str, Any] = field(default_factory=lambda: {
        "threshold": 0.5,
        "min_speech_duration_ms": 200,
        "min_silence_duration_ms": 1000,
        "speech_pad_ms": 200,
    })

    def faster_whisper_kwargs(self, language: str | None, prompt: str | None) -> dict[str, Any]:
        return {
            "language": language,
            "task": "transcribe",
            "beam_size": self.beam_size,
            "word_timestamps": True,
            "vad_filter": True,
            "vad_parameters": dict(self.vad_parameters),
            "condition_on_previous_text": self.condition_on_previous_text,
            "initial_prompt": prompt,
        }


DECODING = DecodeSettings()

ProgressCallback = Callable[[float], None]


def _default_threads() -> int:
    return max(1, min(4, os.cpu_count() or 1))


class Transcriber:
    """Load a Whisper model once, then transcribe answers with it (one at a time)."""

    def __init__(self, model: str | os.PathLike[str] = "base", *, cpu_threads: int | None = None,
                 compute_type: str = "int8", settings: DecodeSettings = DECODING) -> None:
        self.model_name = str(model)
        self.cpu_threads = cpu_threads or _default_threads()
        self.compute_type = compute_type
        self.settings = settings
        self._info: ModelInfo | None = None
        self._model: Any = None
        self._lock = threading.Lock()

    @property
    def info(self) -> ModelInfo:
        """The resolved model (resolving assembles the bundled one the first time)."""
        if self._info is None:
            self._info = resolve_model(self.model_name)
        return self._info

    @property
    def is_loaded(self) -> bool:
        return self._model is not None

    def load(self) -> Transcriber:
        """Load the model into memory (slow: call it off the GUI thread). Safe to call twice."""
        with self._lock:
            if self._model is not None:
                return self
            info = self.info
            from faster_whisper import WhisperModel  # heavy import, only when a model is really needed

            started = time.perf_counter()
            try:
                self._model = WhisperModel(str(info.path), device="cpu", compute_type=self.compute_type,
                                           cpu_threads=self.cpu_threads)
            except (RuntimeError, ValueError, OSError) as error:
                log.warning("loading model %s from %s failed: %s", info.name, info.path, error)
                raise ModelError(
                    f"cannot load the speech model '{info.name}' from {info.path} ({error}); "
                    "run 'interview-app model verify'"
                ) from None
            log.info("loaded model %s in %.2f s", info.name, time.perf_counter() - started)
        return self

    def check_language(self, language: str) -> str | None:
        """Validate ``language`` for this model; return the code to decode with (None = detect)."""
        if language not in LANGUAGES:
            raise TranscriptionError(f"unknown language '{language}'; use ko, en or auto")
        if self.info.multilingual:
            return None if language == "auto" else language
        if language == "ko":
            raise ModelError(
                f"the model '{self.info.name}' understands English only; choose 'base' (or another "
                "multilingual model) for Korean answers"
            )
        return "en"  # an English-only model can only answer "en", also for auto

    def _detect_ko_or_en(self, samples: np.ndarray) -> tuple[str, float] | None:
        """For "auto": Whisper's language detection on the speech, limited to Korean or English.

        Answers are in one of the two; an accent must not turn a Korean answer into Japanese or a
        Thai transcript. Returns None when the voice-activity filter finds no speech.
        """
        from faster_whisper.vad import VadOptions, get_speech_timestamps

        spans = get_speech_timestamps(samples, VadOptions(**self.settings.vad_parameters))
        if not spans:
            return None
        speech = np.concatenate([samples[span["start"]:span["end"]] for span in spans])
        _language, _probability, all_probabilities = self._model.detect_language(speech)
        return _pick_ko_or_en(all_probabilities)

    def transcribe(
        self,
        audio: str | os.PathLike[str] | np.ndarray,
        *,
        language: str = "ko",
        question: str | None = None,
        on_progress: ProgressCallback | None = None,
        cancel: threading.Event | None = None,
    ) -> Transcript:
        """Transcribe one answer: a file path, or float32 16 kHz mono samples.

        Raises AudioFileError for an unreadable file, ModelError for a model that cannot do the
        language, TranscriptionCancelled when ``cancel`` is set.
        """
        decode_language = self.check_language(language)
        source = None
        if isinstance(audio, np.ndarray):
            samples = np.ascontiguousarray(audio, dtype=np.float32).reshape(-1)
        else:
            source = str(audio)
            samples = load_audio(audio)
        duration = samples.size / SAMPLE_RATE
        report = _Progress(on_progress)
        report(0.0)

        def result(language_code: str, probability: float, **fields: Any) -> Transcript:
            return Transcript(language=language_code, language_probability=probability, duration_s=duration,
                              model=self.info.name, question=question, source=source, **fields)

        def empty(reason: str, language_code: str, probability: float = 1.0) -> Transcript:
            report(1.0)
            return result(language_code, probability, empty_reason=reason)

        fallback_language = decode_language or ("en" if language == "en" else "ko")
        if duration < MIN_DURATION_S:
            return empty("too_short", fallback_language)
        if _loudest_frame_dbfs(samples) < SILENCE_MAX_FRAME_DBFS:
            return empty("silence", fallback_language)
        _check_cancel(cancel)
        self.load()
        with self._lock:
            probability = 1.0
            if decode_language is None:
                detection = self._detect_ko_or_en(samples)
                if detection is None:
                    return empty("no_speech", fallback_language)
                decode_language, probability = detection
                _check_cancel(cancel)
            prompt = FILLER_PROMPTS.get(decode_language) if self.settings.use_filler_prompt else None
            ctranslate2.set_random_seed(self.settings.random_seed)
            segments_iter, info = self._model.transcribe(
                samples, **self.settings.faster_whisper_kwargs(decode_language, prompt)
            )
            detected = decode_language
            if info.duration_after_vad <= 0:
                return empty("no_speech", detected, probability)
            raw: list[Segment] = []
            _check_cancel(cancel)  # the voice-activity pass and language detection are done by now
            for segment in segments_iter:
                raw.append(_convert(segment, len(raw)))
                report(segment.end / duration if duration else 1.0)
                _check_cancel(cancel)
        kept, dropped = apply_guards(raw, detected, prompt=prompt)
        report(1.0)
        reason = None
        if not any(s.words for s in kept):
            reason = "only_invented_text" if dropped else "no_speech"
            kept = []
        if dropped:
            log.info("guards dropped %d piece(s): %s", len(dropped), [(d.reason, d.text) for d in dropped])
        return result(detected, probability, segments=tuple(kept), empty_reason=reason, dropped=tuple(dropped))


def _pick_ko_or_en(all_probabilities: list[tuple[str, float]]) -> tuple[str, float]:
    """The more likely of Korean and English, with its probability among the two."""
    scores = dict(all_probabilities)
    korean, english = scores.get("ko", 0.0), scores.get("en", 0.0)
    total = korean + english
    if total <= 0:
        return "ko", 0.5
    return ("ko", korean / total) if korean >= english else ("en", english / total)


class _Progress:
    """Forward a fraction 0..1 that never goes backwards."""

    def __init__(self, callback: ProgressCallback | None) -> None:
        self.callback = callback
        self.last = -1.0

    def __call__(self, fraction: float) -> None:
        fraction = min(1.0, max(0.0, fraction))
        if self.callback is not None and fraction > self.last:
            self.last = fraction
            self.callback(fraction)


def _check_cancel(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise TranscriptionCancelled()


def _loudest_frame_dbfs(samples: np.ndarray) -> float:
    frames = samples[: samples.size // _FRAME * _FRAME].reshape(-1, _FRAME) if samples.size >= _FRAME else \
        samples.reshape(1, -1)
    rms = np.sqrt(np.mean(np.square(frames, dtype=np.float64), axis=1))
    loudest = float(rms.max()) if rms.size else 0.0
    return 20.0 * np.log10(loudest) if loudest > 0 else -200.0


def _convert(segment: Any, index: int) -> Segment:
    words = tuple(Word(start=float(w.start), end=float(w.end), word=w.word, probability=float(w.probability))
                  for w in (segment.words or ()))
    return Segment(
        id=index,
        start=float(segment.start),
        end=float(segment.end),
        text=segment.text,
        words=words,
        avg_logprob=float(segment.avg_logprob),
        no_speech_prob=float(segment.no_speech_prob),
        compression_ratio=float(segment.compression_ratio),
    )


def transcribe_file(path: str | Path, *, model: str = "base", language: str = "ko") -> Transcript:
    """One-off convenience: load ``model`` and transcribe ``path``."""
    return Transcriber(model).load().transcribe(path, language=language)
