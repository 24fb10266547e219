"""Transcribe an answer in pieces while it is being recorded.

:class:`IncrementalTranscriber` is fed the answer's audio so far (float32, 16 kHz) every few
seconds. Whenever enough untranscribed audio has piled up, it cuts it in the quietest short
stretch near its end (a pause between words, never inside one), transcribes the piece and keeps
its words with their times shifted to the whole answer. :meth:`~IncrementalTranscriber.finish`
then only has the last few seconds left to transcribe, and merges everything into one
:class:`Transcript` covering the whole recording.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import replace
from typing import Any

import numpy as np

from interview_app.audio.files import SAMPLE_RATE
from interview_app.transcription.types import DroppedSegment, Segment, Transcript, Word

log = logging.getLogger(__name__)

MIN_PIECE_S = 10.0  # untranscribed audio needed before a piece is cut off (each piece costs about 1 s extra)
SEARCH_S = 5.0  # the cut is searched in this many seconds at the end of the pending audio
KEEP_S = 0.5  # never cut this close to the newest audio (the word there may not be finished)
QUIET_WINDOW_S = 0.3  # the cut is in the middle of the quietest window of this length
_HOP = int(0.02 * SAMPLE_RATE)


def quietest_cut(samples: np.ndarray, start: int, stop: int) -> int:
    """The sample index in the middle of the quietest :data:`QUIET_WINDOW_S` window in ``samples[start:stop]``."""
    window = int(QUIET_WINDOW_S * SAMPLE_RATE)
    region = np.asarray(samples[start:stop], dtype=np.float64)
    if region.size <= window:
        return (start + stop) // 2
    energy = np.concatenate(([0.0], np.cumsum(np.square(region))))
    starts = np.arange(0, region.size - window + 1, _HOP)
    totals = energy[starts + window] - energy[starts]
    best = int(starts[int(np.argmin(totals))])
    return start + best + window // 2


def _shift_segment(segment: Segment, offset: float, index: int) -> Segment:
    words = tuple(Word(start=w.start + offset, end=w.end + offset, word=w.word, probability=w.probability)
                  for w in segment.words)
    return replace(segment, id=index, start=segment.start + offset, end=segment.end + offset, words=words)


class IncrementalTranscriber:
    """Transcribe one answer piece by piece as it grows; :meth:`finish` returns the whole transcript.

    ``transcriber`` is a :class:`~interview_app.transcription.transcriber.Transcriber` (anything with
    its ``transcribe(samples, language=, question=, on_progress=, cancel=)``).
    """

    def __init__(self, transcriber: Any, language: str, question: str | None = None, *,
                 min_piece_s: float = MIN_PIECE_S) -> None:
        self.transcriber = transcriber
        self.language = language
        self.question = question
        self.min_piece_s = min_piece_s
        self.cuts: list[int] = []  # sample indices where a piece ends
        self._parts: list[tuple[float, Transcript]] = []  # (offset in seconds, piece transcript)
        self._language: str | None = None  # after the first piece with words, for "auto"

    @property
    def done_samples(self) -> int:
        return self.cuts[-1] if self.cuts else 0

    @property
    def done_s(self) -> float:
        return self.done_samples / SAMPLE_RATE

    def _transcribe(self, samples: np.ndarray, **kwargs: Any) -> Transcript:
        return self.transcriber.transcribe(samples, language=self._language or self.language,
                                           question=self.question, **kwargs)

    def feed(self, samples: np.ndarray, *, cancel: threading.Event | None = None) -> bool:
        """Given all the audio so far, transcribe one more piece if enough is pending. True if it did."""
        samples = np.asarray(samples, dtype=np.float32).reshape(-1)
        done = self.done_samples
        pending = samples.size - done
        if pending < self.min_piece_s * SAMPLE_RATE:
            return False
        stop = samples.size - int(KEEP_S * SAMPLE_RATE)
        start = max(done + int(self.min_piece_s * SAMPLE_RATE / 2), stop - int(SEARCH_S * SAMPLE_RATE))
        cut = quietest_cut(samples, start, stop)
        piece = self._transcribe(samples[done:cut], cancel=cancel)
        self.cuts.append(cut)
        self._parts.append((done / SAMPLE_RATE, piece))
        if self._language is None and piece.words and self.language == "auto":
            self._language = piece.language
        log.info("transcribed %.1f-%.1f s of the answer ahead (%d words)", done / SAMPLE_RATE,
                 cut / SAMPLE_RATE, len(piece.words))
        return True

    def finish(self, samples: np.ndarray, *, on_progress: Any = None,
               cancel: threading.Event | None = None) -> Transcript:
        """Transcribe what is left after the last cut and return the whole answer's transcript."""
        samples = np.asarray(samples, dtype=np.float32).reshape(-1)
        if not self.cuts or samples.size < self.done_samples:
            # Nothing done ahead (or the audio is not the one fed): exactly a normal transcription.
            return self.transcriber.transcribe(samples, language=self.language, question=self.question,
                                               on_progress=on_progress, cancel=cancel)
        done = self.done_samples
        tail = self._transcribe(samples[done:], on_progress=on_progress, cancel=cancel)
        parts = [*self._parts, (done / SAMPLE_RATE, tail)]
        return merge(parts, duration_s=samples.size / SAMPLE_RATE)


def merge(parts: list[tuple[float, Transcript]], *, duration_s: float) -> Transcript:
    """One transcript from consecutive pieces, each given with its start (seconds) in the whole."""
    segments: list[Segment] = []
    dropped: list[DroppedSegment] = []
    for offset, part in parts:
        for segment in part.segments:
            segments.append(_shift_segment(segment, offset, len(segments)))
        dropped.extend(replace(d, start=d.start + offset, end=d.end + offset) for d in part.dropped)
    spoken = [part for _offset, part in parts if part.words]
    first = spoken[0] if spoken else parts[0][1]
    reason = None
    if not any(s.words for s in segments):
        segments = []
        if all(part.empty_reason in ("silence", "too_short") for _offset, part in parts):
            reason = "silence"
        else:
            reason = "only_invented_text" if dropped else "no_speech"
    return Transcript(
        language=first.language, duration_s=duration_s, segments=tuple(segments),
        language_probability=first.language_probability, model=first.model, question=first.question,
        empty_reason=reason, dropped=tuple(dropped), source=None,
    )
