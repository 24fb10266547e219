"""analyze_answer: one transcribed answer (and its audio, if any) in, one AnswerAnalysis out."""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from interview_app import __version__
from interview_app.analysis import english, expression, findings, korean, structure
from interview_app.analysis.errors import AnalysisInputError
from interview_app.analysis.norms import Norms, load_norms
from interview_app.analysis.text import Doc, build_doc, english_sentences, english_tokens
from interview_app.transcription.types import Transcript, Word

log = logging.getLogger(__name__)

ANALYSIS_SCHEMA = "interview-app/analysis/1"
LANGUAGES = ("ko", "en")
_OVERLAP_TOLERANCE_S = 0.02


@dataclass(frozen=True)
class AnswerAnalysis:
    """The analysis of one answer; ``to_dict()`` is the documented JSON (docs/analysis-result.md)."""

    language: str
    question: str | None
    question_id: str | None
    bank_id: str | None
    duration_s: float
    speech_s: float
    transcript: dict[str, Any]
    length: dict[str, Any]
    pace: dict[str, Any]
    latency: dict[str, Any]
    fillers: dict[str, Any]
    repeats: dict[str, Any]
    hesitations: dict[str, Any]
    pauses: dict[str, Any]
    hedges: dict[str, Any]
    formality: dict[str, Any]
    voice: dict[str, Any] | None
    structure: dict[str, Any]
    relevance: dict[str, Any]
    blind_hiring: dict[str, Any]
    findings: tuple[dict[str, Any], ...] = ()
    skipped: tuple[dict[str, str], ...] = ()
    norms: dict[str, Any] = field(default_factory=dict)
    competencies: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": ANALYSIS_SCHEMA,
            "app_version": __version__,
            "language": self.language,
            "question": self.question,
            "question_id": self.question_id,
            "bank_id": self.bank_id,
            "competencies": list(self.competencies),
            "duration_s": round(self.duration_s, 2),
            "speech_s": round(self.speech_s, 2),
            "transcript": self.transcript,
            "length": self.length,
            "pace": self.pace,
            "latency": self.latency,
            "fillers": self.fillers,
            "repeats": self.repeats,
            "hesitations": self.hesitations,
            "pauses": self.pauses,
            "hedges": self.hedges,
            "formality": self.formality,
            "voice": self.voice,
            "structure": self.structure,
            "relevance": self.relevance,
            "blind_hiring": self.blind_hiring,
            "findings": list(self.findings),
            "skipped": list(self.skipped),
            "norms": self.norms,
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def finding(self, finding_id: str) -> dict[str, Any] | None:
        return next((f for f in self.findings if f["id"] == finding_id), None)


def check_words(words: Sequence[Word], duration_s: float, empty_reason: str | None = None) -> None:
    """Refuse word lists a report could not trust: empty, out of order, overlapping, negative."""
    if not words:
        why = f" ({empty_reason.replace('_', ' ')})" if empty_reason else ""
        raise AnalysisInputError(
            f"the transcript has no words{why}; record the answer again or check the transcript file"
        )
    previous: Word | None = None
    for i, word in enumerate(words):
        if word.start < 0 or word.end < word.start:
            raise AnalysisInputError(
                f"word {i} ('{word.text}') has an impossible time span {word.start:.2f}-{word.end:.2f} s"
            )
        if previous is not None:
            if word.start < previous.start:
                raise AnalysisInputError(
                    f"words are out of order: word {i} ('{word.text}') starts at {word.start:.2f} s, "
                    f"before word {i - 1} ({previous.start:.2f} s); sort the words by start time"
                )
            if word.start < previous.end - _OVERLAP_TOLERANCE_S:
                raise AnalysisInputError(
                    f"words overlap: word {i} ('{word.text}') starts at {word.start:.2f} s, before word {i - 1} "
                    f"ends ({previous.end:.2f} s)"
                )
        previous = word
    if duration_s + 0.5 < words[-1].end:
        raise AnalysisInputError(
            f"'duration_s' ({duration_s:.2f} s) is shorter than the last word's end ({words[-1].end:.2f} s)"
        )


def resolve_language(transcript: Transcript, language: str | None) -> str:
    lang = (language or "auto").lower()
    if lang == "auto":
        lang = (transcript.language or "").lower()
    if lang not in LANGUAGES:
        raise AnalysisInputError(
            f"the answer's language '{lang or '?'}' is not one the analyzer knows (ko, en); "
            "pass --lang ko or --lang en if the transcript is mislabelled"
        )
    return lang


def analyze_answer(
    transcript: Transcript,
    *,
    audio: np.ndarray | None = None,
    question: str | None = None,
    question_id: str | None = None,
    bank_id: str | None = None,
    key_points: Sequence[str] = (),
    keywords: Sequence[str] = (),
    competencies: Sequence[str] = (),
    language: str | None = None,
    norms: Norms | None = None,
    blind_hiring: bool = False,
) -> AnswerAnalysis:
    """Analyse one answer. ``audio`` is float32 16 kHz mono samples, or None for a transcript alone."""
    norms = norms or load_norms()
    lang = resolve_language(transcript, language)
    words = transcript.words
    check_words(words, transcript.duration_s, transcript.empty_reason)
    # An answer in the other language (English spoken in a Korean session, say) is analysed in the
    # language actually spoken, and the person is told first.
    expected_lang = lang
    spoken_lang = findings.spoken_language(words, norms)
    if spoken_lang is not None and spoken_lang != lang:
        lang = spoken_lang
    question = question if question is not None else transcript.question
    doc = build_doc(words, lang, low_confidence_below=norms.num("confidence.low_below"))
    if lang == "ko":
        korean.analyse(doc, norms)
    else:
        doc.tokens = english_tokens(doc)
        doc.sentences = english_sentences(doc)
    skipped: list[dict[str, str]] = []
    used: set[str] = set()

    audio_measures: expression.AudioMeasures | None = None
    if audio is not None:
        samples = np.asarray(audio, dtype=np.float32).reshape(-1)
        if samples.size == 0:
            raise AnalysisInputError("the audio is empty; record the answer again")
        audio_measures = expression.measure(samples, doc, norms)
    else:
        for what in ("voice", "pauses.audio", "hesitations.voiced_unworded"):
            skipped.append({"what": what, "why": "no audio given; measured from word timings only"
                            if what != "voice" else "no audio given"})

    words_speaking_s = expression.speaking_time_from_words(doc, norms)
    speech_s = audio_measures.speech_s if audio_measures and audio_measures.speech_s > 0 else words_speaking_s

    # Length of the answer itself: first word to last.
    answer_s = words[-1].end - words[0].start
    short, long_ = norms.num("length.short_below_s"), norms.num("length.long_above_s")
    length = {"seconds": round(answer_s, 2),
              "verdict": expression.verdict_band(answer_s, short, long_, ("short", "ok", "long")),
              "band": {"short_below": short, "long_above": long_}}
    used |= {"length.short_below_s", "length.long_above_s"}

    # Pace.
    if lang == "ko":
        always = set(norms.words("fillers.ko.always"))
        units = [0.0 if doc.norm_word(i) in always else float(korean.spoken_syllables(w.word))
                 for i, w in enumerate(words)]
        unit = "syllables_per_min"
    else:
        always = set(norms.words("fillers.en.always"))
        units = [0.0 if (n := doc.norm_word(i)) in always or not n else 1.0 for i in range(len(words))]
        unit = "words_per_min"
    band_ids = [f"pace.{lang}.{k}" for k in ("slow_below", "target_low", "target_high", "fast_above")]
    used |= set(band_ids) | {"pace.exclude_gaps_from_s", "pace.window_s"}
    pace_value = sum(units) / words_speaking_s * 60 if words_speaking_s > 0 else 0.0
    slow, fast = norms.num(band_ids[0]), norms.num(band_ids[3])
    pace = {"value": round(pace_value), "unit": unit,
            "verdict": expression.verdict_band(pace_value, slow, fast, ("slow", "ok", "fast")),
            "band": {"slow_below": slow, "target_low": norms.num(band_ids[1]),
                     "target_high": norms.num(band_ids[2]), "fast_above": fast},
            "speaking_s": round(words_speaking_s, 2),
            "series": expression.pace_series(doc, norms, units)}

    # Latency.
    # Whisper can place the first word seconds early after a silence: the audio knows better.
    latency_s = words[0].start
    if audio_measures and audio_measures.start_latency_s is not None:
        latency_s = float(audio_measures.start_latency_s)
    latency = {"seconds": round(latency_s, 2),
               "verdict": "slow" if latency_s > norms.num("latency.slow_above_s") else "ok"}
    used.add("latency.slow_above_s")

    # Fillers, repeats, hedges (never on words Whisper was unsure of).
    if lang == "ko":
        filler_items = korean.find_fillers(doc, norms)
        repeat_items = korean.find_repeats(doc)
        hedge_items = korean.find_hedges(doc, norms)
    else:
        filler_items = english.find_fillers(doc, norms)
        repeat_items = english.find_repeats(doc)
        hedge_items = english.find_hedges(doc, norms, question)
    filler_items, repeat_items, hedge_items = (
        [item for item in items if not any(doc.low_confidence[i] for i in range(*item["words"]))]
        for items in (filler_items, repeat_items, hedge_items)
    )
    minutes = max(speech_s, 1.0) / 60
    weighted = sum(f["weight"] for f in filler_items)
    fillers = {"count": len(filler_items), "weighted": round(weighted, 2), "per_min": round(weighted / minutes, 2),
               "items": filler_items}
    used |= {"fillers.ok_per_min", "fillers.many_per_min", "fillers.context_weight", f"fillers.{lang}.always",
             f"fillers.{lang}.context", "confidence.low_below"}
    repeats = {"count": len(repeat_items), "items": repeat_items}
    hedges = {"count": len(hedge_items), "items": hedge_items}
    used.add("hedges.many")

    hesitation_items = expression.find_hesitations(doc, norms, audio_measures)
    hesitations = {"count": len(hesitation_items), "items": hesitation_items}
    pauses = expression.find_pauses(doc, norms, audio_measures)
    used |= {"hesitations.gap_s", "hesitations.long_gap_s", "hesitations.stretched_word_s",
             "hesitations.many_per_min", "pauses.long_s", "pauses.min_s", "pauses.cross_check_s"}

    # Formality (Korean only).
    formality = _formality(doc, lang)
    if lang == "ko":
        used |= {"formality.formal_good_ratio", "formality.casual_flag_count"}

    voice = _voice(audio_measures, norms)
    if voice is not None:
        used |= {"voice.quiet_below_dbfs", "voice.loud_above_dbfs", "voice.monotone_below_semitones"}

    built = structure.analyse(doc, norms, question=question, key_points=key_points, keywords=keywords,
                              blind_hiring=blind_hiring, speaking_s=words_speaking_s)
    used |= {"structure.situation_heavy_share", "relevance.high_from", "relevance.medium_from"}
    if built["relevance"]["level"] is None:
        skipped.append({"what": "relevance", "why": "no question, key points or keywords given"})

    result: dict[str, Any] = {
        "speech_s": speech_s, "length": length, "pace": pace, "latency": latency, "fillers": fillers,
        "repeats": repeats, "hesitations": hesitations, "pauses": pauses, "hedges": hedges,
        "formality": formality, "voice": voice, **built,
    }
    found = findings.build(doc, result, norms)
    if lang != expected_lang:
        found.insert(0, findings.language_mismatch(doc, expected_lang))
        skipped.append({"what": "language",
                        "why": f"answered in {lang} although {expected_lang} was chosen; analysed as {lang}"})
    for finding in found:
        used.update(finding["norms"])

    transcript_out = {
        "text": doc.text,
        "words": [{**w.to_dict(), "low_confidence": doc.low_confidence[i]} for i, w in enumerate(words)],
        "sentences": [doc.evidence(s.first, s.last) for s in doc.sentences],
    }
    return AnswerAnalysis(
        language=lang, question=question, question_id=question_id, bank_id=bank_id,
        duration_s=transcript.duration_s, speech_s=speech_s, transcript=transcript_out,
        length=length, pace=pace, latency=latency, fillers=fillers, repeats=repeats,
        hesitations=hesitations, pauses=pauses, hedges=hedges, formality=formality, voice=voice,
        structure=built["structure"], relevance=built["relevance"], blind_hiring=built["blind_hiring"],
        findings=tuple(found), skipped=tuple(skipped), norms=norms.cite(*sorted(n for n in used if n in norms)),
        competencies=tuple(competencies),
    )


def _formality(doc: Doc, lang: str) -> dict[str, Any]:
    if lang != "ko":
        return {"dominant": None, "formal_ratio": None, "casual_count": 0,
                "counts": {"formal": 0, "polite": 0, "casual": 0, "other": 0}, "sentences": []}
    counts = {"formal": 0, "polite": 0, "casual": 0, "other": 0}
    sentences = []
    for s in doc.sentences:
        if s.style == "greeting":
            continue
        low = doc.low_confidence[s.last - 1]
        style = "other" if low else s.style
        counts[style] += 1
        sentences.append(doc.evidence(s.first, s.last, style=style, ending=s.ending))
    classified = counts["formal"] + counts["polite"] + counts["casual"]
    # On a tie the style to work on wins: casual over polite over formal.
    order = ("formal", "polite", "casual")
    dominant = max(order, key=lambda k: (counts[k], order.index(k))) if classified else None
    return {"dominant": dominant, "formal_ratio": round(counts["formal"] / classified, 2) if classified else None,
            "casual_count": counts["casual"], "counts": counts, "sentences": sentences}


def _voice(m: expression.AudioMeasures | None, norms: Norms) -> dict[str, Any] | None:
    if m is None:
        return None
    verdict = None
    if m.volume_dbfs is not None:
        verdict = ("quiet" if m.volume_dbfs < norms.num("voice.quiet_below_dbfs")
                   else "loud" if m.volume_dbfs > norms.num("voice.loud_above_dbfs") else "ok")

    def r(x: float | None, nd: int = 1) -> float | None:
        return None if x is None else round(float(x), nd)

    return {"volume_dbfs": r(m.volume_dbfs), "volume_variation_db": r(m.volume_variation_db),
            "volume_verdict": verdict, "pitch_median_hz": r(m.pitch_median_hz),
            "pitch_range_semitones": r(m.pitch_range_semitones), "monotone": m.monotone}
