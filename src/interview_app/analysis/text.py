"""The answer as text: words joined with character offsets, tokens and sentences mapped back to words.

Every later stage works on a :class:`Doc`, so each thing it finds can name the transcript words
(indices) and the time span it came from.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from interview_app.transcription.types import Word


@dataclass(frozen=True)
class Token:
    """A morpheme (Korean, from kiwipiepy) or a word/punctuation mark (English), with its offsets."""

    form: str
    tag: str
    start: int  # character offset in Doc.text
    end: int
    lemma: str = ""
    full_tag: str = ""  # kiwipiepy's tag with its irregular-conjugation mark (VV-I), for re-joining


@dataclass
class Sentence:
    """One sentence: its word range (``first``..``last`` exclusive), tokens, and final ending."""

    first: int
    last: int
    text: str
    tokens: list[Token] = field(default_factory=list)
    style: str = "other"  # formal | polite | casual | other (Korean); None-like "other" for English
    ending: str = ""


@dataclass
class Doc:
    language: str
    words: list[Word]
    text: str
    word_starts: list[int]  # character offset of each word in ``text``
    word_ends: list[int]
    low_confidence: list[bool]
    tokens: list[Token] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    normalised: list[str] = field(default_factory=list)  # each word without punctuation, lower-cased

    def word_at(self, char: int) -> int:
        """Index of the word holding character ``char`` (the next word when it is a space)."""
        i = bisect.bisect_right(self.word_starts, char) - 1
        if i < 0:
            return 0
        if char >= self.word_ends[i] and i + 1 < len(self.words):
            return i + 1
        return i

    def words_for_chars(self, start: int, end: int) -> tuple[int, int]:
        """Word range ``[i, j)`` covering characters ``start..end``."""
        first = self.word_at(start)
        last = self.word_at(max(start, end - 1))
        return first, max(first, last) + 1

    def evidence(self, first: int, last: int, text: str | None = None, **extra: Any) -> dict[str, Any]:
        """The evidence item of docs/analysis-result.md for words ``first..last`` (exclusive)."""
        last = max(last, first + 1)
        last = min(last, len(self.words))
        first = min(first, last - 1)
        item: dict[str, Any] = {
            "text": text if text is not None else self.span_text(first, last),
            "start": round(self.words[first].start, 2),
            "end": round(self.words[last - 1].end, 2),
            "words": [first, last],
        }
        item.update(extra)
        return item

    def span_text(self, first: int, last: int) -> str:
        if first >= last:
            return ""
        return self.text[self.word_starts[first] : self.word_ends[last - 1]]

    def norm_word(self, i: int) -> str:
        return self.normalised[i]


_EDGE_PUNCT = re.compile(r"^[\s\"'“”‘’(\[{<«]+|[\s\"'“”‘’)\]}>».,!?;:…~\-]+$")


def normalise(word: str) -> str:
    """A word without surrounding spaces and punctuation, lower-cased."""
    return _EDGE_PUNCT.sub("", word.strip()).lower()


def build_doc(words: Sequence[Word], language: str, *, low_confidence_below: float) -> Doc:
    """Join words into text (one space where the word carries its leading space) and index them."""
    parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    length = 0
    for i, word in enumerate(words):
        piece = word.word.strip()
        if i > 0 and (word.word[:1].isspace() or not piece):
            parts.append(" ")
            length += 1
        starts.append(length)
        parts.append(piece)
        length += len(piece)
        ends.append(length)
    text = "".join(parts)
    low = [w.probability < low_confidence_below for w in words]
    return Doc(language, list(words), text, starts, ends, low, normalised=[normalise(w.word) for w in words])


_EN_TOKEN = re.compile(r"[A-Za-z0-9]+(?:['’\-.][A-Za-z0-9]+)*%?|[.,!?;:]")


def english_tokens(doc: Doc) -> list[Token]:
    return [Token(m.group(), "P" if m.group() in ".,!?;:" else "W", m.start(), m.end(), m.group().lower())
            for m in _EN_TOKEN.finditer(doc.text)]


def english_sentences(doc: Doc, *, split_gap_s: float = 1.0) -> list[Sentence]:
    """Split at sentence punctuation; unpunctuated stretches are split at long gaps."""
    sentences: list[Sentence] = []
    first = 0
    n = len(doc.words)
    punctuated = _has_punctuation(doc)
    for i in range(n):
        raw = doc.words[i].word.strip()
        at_end = i == n - 1
        ends_sentence = raw.endswith((".", "?", "!"))
        gap_after = (doc.words[i + 1].start - doc.words[i].end) if not at_end else 0.0
        if not ends_sentence and not at_end and gap_after >= split_gap_s and not punctuated:
            ends_sentence = True
        if ends_sentence or at_end:
            sentences.append(Sentence(first, i + 1, doc.span_text(first, i + 1)))
            first = i + 1
    for s in sentences:
        lo, hi = doc.word_starts[s.first], doc.word_ends[s.last - 1]
        s.tokens = [t for t in doc.tokens if lo <= t.start < hi]
    return sentences


def _has_punctuation(doc: Doc) -> bool:
    return any(w.word.strip().endswith((".", "?", "!")) for w in doc.words)
