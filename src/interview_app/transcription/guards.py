"""Guards against Whisper's known failure modes, applied to every decoded segment.

1. **Invented text** on silence, noise or breath: subtitle credits and sign-offs the model
   learned from video captions. Phrases in ``ALWAYS_INVENTED`` are never part of an interview
   answer and are always dropped. Phrases in ``INVENTED_IF_WEAK`` ("감사합니다", "Thank you.")
   are also a real closing line, so they are dropped only when the decoder itself doubts them
   (see :data:`WEAK_EVIDENCE`).
2. **Repetition loops**: the same word or phrase many times in a row ("I think I think I think
   ..."), the same segment again and again, or one unit repeated inside a single word (Korean
   output without spaces). One occurrence is kept; the rest is dropped.
   People do repeat themselves ("그 그", "I I"), so only runs longer than a person makes count.
3. **An echoed prompt**: the filler prompt given to the decoder coming back as text.

Everything dropped is kept in ``Transcript.dropped`` with one of :data:`DROP_REASONS`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace

from interview_app.transcription.types import DroppedSegment, Segment, Word

DROP_REASONS = ("invented_text", "repetition_loop", "echoed_prompt")

# Phrases Whisper invents on silence or noise and nobody says in an interview answer.
# Source: faster-whisper/whisper issue threads on hallucinations (Korean YouTube sign-offs,
# broadcaster credits, subtitle credits); matched after normalisation (no spaces or punctuation).
ALWAYS_INVENTED: dict[str, tuple[str, ...]] = {
    "ko": (
        "시청해주셔서감사합니다",
        "시청해주셔서고맙습니다",
        "영상시청감사합니다",
        "끝까지시청해주셔서감사합니다",
        "오늘도시청해주셔서감사합니다",
        "구독과좋아요부탁드립니다",
        "구독과좋아요",
        "좋아요와구독",
        "구독좋아요알림설정",
        "다음영상에서만나요",
        "다음시간에만나요",
        "mbc뉴스",
        "kbs뉴스",
        "sbs뉴스",
        "자막제공",
        "한글자막",
        "자막by",
    ),
    "en": (
        "thanksforwatching",
        "thankyouforwatching",
        "thankyousomuchforwatching",
        "pleasesubscribe",
        "likeandsubscribe",
        "dontforgettosubscribe",
        "subtitlesby",
        "subtitlesbytheamaraorgcommunity",
        "transcribedby",
        "captionsby",
        "seeyouinthenextvideo",
        "amaraorg",
    ),
}

# Sign-offs with a name in them, matched on the normalised text as a whole.
ALWAYS_INVENTED_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(r"(mbc|kbs|sbs|jtbc|ytn|mbn)뉴스\w{2,4}(입니다|기자입니다)"),  # "MBC 뉴스 김지훈입니다"
    re.compile(r"(자막|번역)(제공|by)\w{0,20}"),
)

# Short phrases that are invented on noise but are also what a person says (a closing
# "감사합니다" / "Thank you."): dropped only when the segment is weak (below).
INVENTED_IF_WEAK: dict[str, tuple[str, ...]] = {
    "ko": ("감사합니다", "고맙습니다", "감사합니다감사합니다"),
    "en": ("thankyou", "thanks", "thankyouverymuch", "thankyousomuch", "bye", "byebye", "you"),
}
# Fillers on their own ("음.", "Um.") are not on the list: they are what the analysis counts,
# and the voice-activity filter already keeps noise away from the decoder.


@dataclass(frozen=True)
class WeakEvidence:
    """When a short suspicious phrase counts as invented (any one condition is enough).

    ``no_speech_prob`` and ``avg_logprob`` belong to the whole 30 s decoding window, so a real
    closing "Thank you." after a long answer shares them with the sentences before it (seen:
    0.41 and -0.38 on a clear espeak-ng answer); the per-word probabilities are the segment's
    own. Whisper itself calls a window silent above 0.6. Besides these, a transcript made of
    nothing but such phrases is dropped whole (no answer says only "Thank you.").
    """

    no_speech_prob: float = 0.6
    mean_word_probability: float = 0.5


WEAK_EVIDENCE = WeakEvidence()

# A run of the same n-gram counts as a loop when it repeats at least this many times in a row.
LOOP_MIN_REPEATS_SINGLE_WORD = 4  # "the the the the"; people say "그 그" or "I I I" at most
LOOP_MIN_REPEATS_PHRASE = 3  # two- to eight-word phrases
LOOP_MAX_NGRAM = 8
# A segment identical to the one before it is a loop when it is at least this long (normalised
# characters); short ones ("네." "Yes.") are what people say twice.
IDENTICAL_SEGMENT_MIN_CHARS = 10

_PUNCTUATION_OR_SPACE = re.compile(r"[\W_]+", re.UNICODE)


def normalise(text: str) -> str:
    """Lower case, no spaces or punctuation: how phrases are compared."""
    return _PUNCTUATION_OR_SPACE.sub("", unicodedata.normalize("NFKC", text).casefold())


def _language_key(language: str) -> str:
    return "ko" if language == "ko" else "en"


def _is_weak(segment: Segment, evidence: WeakEvidence) -> bool:
    words = segment.words
    mean_probability = sum(w.probability for w in words) / len(words) if words else 0.0
    return segment.no_speech_prob >= evidence.no_speech_prob or mean_probability < evidence.mean_word_probability


def _keys(language: str) -> tuple[str, ...]:
    # Check both lists: a Korean answer can still get an English sign-off invented, and back.
    return tuple(dict.fromkeys((_language_key(language), "ko", "en")))


def is_suspicious_phrase(segment: Segment, language: str) -> bool:
    """True when the whole segment is one of :data:`INVENTED_IF_WEAK`."""
    text = normalise(segment.text)
    return bool(text) and any(text in INVENTED_IF_WEAK[key] for key in _keys(language))


def invented_reason(segment: Segment, language: str, *, evidence: WeakEvidence = WEAK_EVIDENCE) -> str | None:
    """Return "invented_text" when ``segment`` is a known invented phrase, else None."""
    text = normalise(segment.text)
    if not text:
        return None
    for key in _keys(language):
        for phrase in ALWAYS_INVENTED[key]:
            # The phrase makes up most of the segment (a real sentence that mentions it is kept).
            if phrase in text and len(phrase) >= 0.6 * len(text):
                return "invented_text"
    if any(pattern.fullmatch(text) for pattern in ALWAYS_INVENTED_PATTERNS):
        return "invented_text"
    if is_suspicious_phrase(segment, language) and _is_weak(segment, evidence):
        return "invented_text"
    return None


def is_echoed_prompt(segment: Segment, prompt: str | None) -> bool:
    """True when the segment is the decoder prompt coming back (most of the prompt, nothing else)."""
    if not prompt:
        return False
    text, wanted = normalise(segment.text), normalise(prompt)
    if not text or not wanted:
        return False
    return text in wanted and len(text) >= 0.6 * len(wanted)


def collapse_word_loops(words: Sequence[Word]) -> tuple[list[Word], list[list[Word]]]:
    """Remove runs where an n-gram repeats in a row more than people do; keep one copy.

    Returns the kept words and the removed runs (each a list of consecutive words).
    """
    tokens = [normalise(w.word) for w in words]
    kept: list[Word] = []
    removed: list[list[Word]] = []
    i = 0
    while i < len(words):
        loop = _loop_at(tokens, i)
        if loop is None:
            kept.append(words[i])
            i += 1
            continue
        size, repeats = loop
        kept.extend(words[i:i + size])
        removed.append(list(words[i + size:i + size * repeats]))
        i += size * repeats
    return kept, removed


# A loop inside one word, as Korean output without spaces shows it ("네네네네네네", "감사합니다감사합니다
# 감사합니다..."): a unit of up to ten characters five or more times over, ten characters at least.
_LOOP_INSIDE_WORD = re.compile(r"(.{1,10}?)\1{4,}(.*)", re.DOTALL)
LOOP_INSIDE_WORD_MIN_CHARS = 10


def collapse_loop_inside_word(word: Word) -> tuple[Word, str] | None:
    """Shorten a word that is one unit repeated many times to one unit; return it and what was cut."""
    core = word.word.strip()
    match = _LOOP_INSIDE_WORD.fullmatch(core)
    if len(core) < LOOP_INSIDE_WORD_MIN_CHARS or match is None:
        return None
    unit, rest = match.group(1), match.group(2)
    leading = word.word[: len(word.word) - len(word.word.lstrip())]
    return replace(word, word=leading + unit + rest), core[len(unit): len(core) - len(rest)]


def _loop_at(tokens: Sequence[str], start: int) -> tuple[int, int] | None:
    """The (n-gram size, repeat count) of a loop starting at ``start``, or None."""
    for size in range(1, LOOP_MAX_NGRAM + 1):
        gram = tokens[start:start + size]
        if len(gram) < size or not all(gram):
            break
        repeats = 1
        while tokens[start + size * repeats:start + size * (repeats + 1)] == gram:
            repeats += 1
        needed = LOOP_MIN_REPEATS_SINGLE_WORD if size == 1 else LOOP_MIN_REPEATS_PHRASE
        if repeats >= needed:
            return size, repeats
    return None


def apply_guards(
    segments: Sequence[Segment], language: str, *, prompt: str | None = None,
    evidence: WeakEvidence = WEAK_EVIDENCE,
) -> tuple[list[Segment], list[DroppedSegment]]:
    """Run every guard over decoded segments; return what is kept (renumbered) and what was dropped."""
    kept: list[Segment] = []
    dropped: list[DroppedSegment] = []
    previous_text: str | None = None
    for segment in segments:
        if not normalise(segment.text):  # a lone "." or "..." with nothing said
            if segment.text.strip():
                dropped.append(DroppedSegment(segment.start, segment.end, segment.text.strip(), "invented_text"))
            continue
        if is_echoed_prompt(segment, prompt):
            dropped.append(DroppedSegment(segment.start, segment.end, segment.text.strip(), "echoed_prompt"))
            continue
        reason = invented_reason(segment, language, evidence=evidence)
        if reason:
            dropped.append(DroppedSegment(segment.start, segment.end, segment.text.strip(), reason))
            continue
        text = normalise(segment.text)
        repeated = len(text) >= IDENTICAL_SEGMENT_MIN_CHARS and text == previous_text
        previous_text = text
        if repeated:
            dropped.append(DroppedSegment(segment.start, segment.end, segment.text.strip(), "repetition_loop"))
            continue
        words, loops = collapse_word_loops(segment.words)
        for run in loops:
            dropped.append(DroppedSegment(run[0].start, run[-1].end, "".join(w.word for w in run).strip(),
                                          "repetition_loop"))
        for index, word in enumerate(words):
            shortened = collapse_loop_inside_word(word)
            if shortened is not None:
                words[index], cut = shortened
                dropped.append(DroppedSegment(word.start, word.end, cut, "repetition_loop"))
                loops.append([word])
        if loops:
            segment = replace(segment, words=tuple(words), text="".join(w.word for w in words))
        kept.append(replace(segment, id=len(kept)))
    if kept and all(is_suspicious_phrase(segment, language) for segment in kept):
        # "Thank you." alone, or "감사합니다" alone: what Whisper says to noise, not an answer.
        dropped.extend(DroppedSegment(s.start, s.end, s.text.strip(), "invented_text") for s in kept)
        kept = []
    dropped.sort(key=lambda d: d.start)
    return kept, dropped
