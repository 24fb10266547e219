"""English cues: phrase-aware fillers ('like' as a verb is not a filler), hedges, repeats, word counts."""

from __future__ import annotations

import re
from typing import Any

from interview_app.analysis.norms import Norms
from interview_app.analysis.text import Doc

# Words after which "like" is a verb or part of "would like" / "feel like" / "looks like".
_LIKE_VERB_BEFORE = {
    "i", "you", "we", "they", "would", "'d", "i'd", "we'd", "don't", "didn't", "do", "did", "to", "really",
    "also", "still", "always", "genuinely", "particularly", "especially", "people", "users", "customers",
    "might", "will", "should", "could", "feel", "felt", "look", "looks", "looked", "seem", "seems", "seemed",
    "sound", "sounds", "something", "things", "just", "much", "more", "exactly", "not", "doesn't",
}
# Words that, after "like", show a preposition ("like a", "like this") when the word before is a noun.
_YOU_KNOW_NOT_FILLER_AFTER = {"how", "what", "that", "the", "about", "why", "where", "who", "when", "which", "if"}
_YOU_KNOW_NOT_FILLER_BEFORE = {"do", "did", "don't", "didn't", "if", "as", "let", "to", "would", "will"}
_I_MEAN_NOT_FILLER_AFTER = {"that", "it", "to"}
_QUESTION_OPINION = re.compile(r"\b(what do you think|do you think|your opinion|your view|how do you feel)\b", re.I)


def _by_first_word(cues: tuple[str, ...]) -> dict[str, list[tuple[str, ...]]]:
    """Cue phrases indexed by their first word, longest first."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for cue in cues:
        words = tuple(cue.split())
        index.setdefault(words[0], []).append(words)
    for phrases in index.values():
        phrases.sort(key=len, reverse=True)
    return index


def _starts_sentence(doc: Doc, i: int) -> bool:
    if i == 0:
        return True
    prev = doc.words[i - 1].word.strip()
    return prev.endswith((".", "?", "!", ",")) and (prev.endswith((".", "?", "!")) or i == 1)


def _prev(doc: Doc, i: int) -> str:
    return doc.norm_word(i - 1) if i > 0 else ""


def _next(doc: Doc, i: int) -> str:
    return doc.norm_word(i + 1) if i + 1 < len(doc.words) else ""


def _has_comma(doc: Doc, i: int) -> bool:
    return doc.words[i].word.strip().endswith(",")


def find_fillers(doc: Doc, norms: Norms) -> list[dict[str, Any]]:
    always = set(norms.words("fillers.en.always"))
    context = norms.words("fillers.en.context")
    initial_only = set(norms.words("fillers.en.sentence_initial_only"))
    weight = norms.num("fillers.context_weight")
    phrases = _by_first_word(context)
    items: list[dict[str, Any]] = []
    n = len(doc.words)
    i = 0
    while i < n:
        word = doc.norm_word(i)
        if word in always:
            items.append(doc.evidence(i, i + 1, tier="always", weight=1.0))
            i += 1
            continue
        matched = 0
        for phrase in phrases.get(word, ()):
            k = len(phrase)
            if tuple(doc.norm_word(j) for j in range(i, min(n, i + k))) != phrase:
                continue
            # A phrase split by a sentence end inside it is not the phrase.
            if any(doc.words[j].word.strip().endswith((".", "?", "!")) for j in range(i, i + k - 1)):
                continue
            if _is_context_filler(doc, i, phrase, initial_only):
                matched = k
            break
        if matched:
            items.append(doc.evidence(i, i + matched, tier="context", weight=weight))
            i += matched
        else:
            i += 1
    return items


def _is_context_filler(doc: Doc, i: int, phrase: tuple[str, ...], initial_only: set[str]) -> bool:
    text = " ".join(phrase)
    before, after = _prev(doc, i), _next(doc, i + len(phrase) - 1)
    if text in initial_only:
        # "So, ..." / "Well, ..." opening a sentence; not "so that", "as well", "okay with".
        return _starts_sentence(doc, i) and (_has_comma(doc, i) or _prev(doc, i) in ("um", "uh"))
    if text == "like":
        if _has_comma(doc, i) or (i > 0 and _has_comma(doc, i - 1)):
            return True
        if before in _LIKE_VERB_BEFORE or before.endswith(("'d",)):
            return False
        return before in {"was", "is", "it's", "and", "but", "so", "um", "uh", "were", "just", "i'm", "we're",
                          "they're", "that's", "it", "really", ""} and after not in ("to", "that")
    if text == "you know":
        return not (before in _YOU_KNOW_NOT_FILLER_BEFORE or after in _YOU_KNOW_NOT_FILLER_AFTER)
    if text == "i mean":
        return after not in _I_MEAN_NOT_FILLER_AFTER and before != "what"
    if text in ("actually", "basically", "literally"):
        return _starts_sentence(doc, i) or _has_comma(doc, i) or (i > 0 and _has_comma(doc, i - 1))
    return True


def find_hedges(doc: Doc, norms: Norms, question: str | None) -> list[dict[str, Any]]:
    phrases = _by_first_word(norms.words("hedges.en_phrases"))
    opinion_asked = bool(question and _QUESTION_OPINION.search(question))
    items: list[dict[str, Any]] = []
    n = len(doc.words)
    i = 0
    while i < n:
        step = 1
        for phrase in phrases.get(doc.norm_word(i), ()):
            k = len(phrase)
            if tuple(doc.norm_word(j) for j in range(i, min(n, i + k))) != phrase:
                continue
            text = " ".join(phrase)
            if text in ("kind of", "sort of") and _prev(doc, i) in ("what", "this", "that", "the", "a", "which",
                                                                     "any", "some", "every", "same"):
                break  # "the kind of work" names a kind
            if text == "i think" and opinion_asked:
                break
            if text == "a little bit" and _next(doc, i + k - 1) in ("of", "about"):
                break
            items.append(doc.evidence(i, i + k, cue=text, rewrite=_hedge_rewrite(doc, i, k)))
            step = k
            break
        i += step
    # Tag questions at the end of a sentence: "..., right?" "isn't it?"
    for i in range(n):
        raw = doc.words[i].word.strip().lower()
        if raw.endswith("?") and normalise_tag(raw) in ("right", "isn't it", "you know", "correct") and i > 0:
            items.append(doc.evidence(i, i + 1, cue="tag question", rewrite=None))
    items.sort(key=lambda item: item["start"])
    return items


def normalise_tag(raw: str) -> str:
    return raw.rstrip("?").strip(" ,")


def _hedge_rewrite(doc: Doc, i: int, k: int) -> dict[str, str] | None:
    """Drop the hedge from its sentence: 'I think I'm a good fit.' -> 'I'm a good fit.'"""
    sentence = next((s for s in doc.sentences if s.first <= i < s.last), None)
    if sentence is None:
        return None
    before = sentence.text
    words = [doc.words[j].word.strip() for j in range(sentence.first, sentence.last)]
    rel = i - sentence.first
    kept = words[:rel] + words[rel + k:]
    if not kept:
        return None
    if rel == 0 and kept:
        kept[0] = kept[0][:1].upper() + kept[0][1:]
    after = " ".join(kept).replace(" ,", ",")
    after = re.sub(r"^,\s*", "", after)
    if after == before:
        return None
    return {"before": before, "after": after}


def find_repeats(doc: Doc) -> list[dict[str, Any]]:
    items = []
    for i in range(len(doc.words) - 1):
        a, b = doc.norm_word(i), doc.norm_word(i + 1)
        raw = doc.words[i].word.strip()
        same = a == b and a not in ("had", "that", "very", "really", "no")
        if a and (same or (raw.endswith("-") and b.startswith(a))):
            items.append(doc.evidence(i, i + 2))
    return items


def count_words(doc: Doc, norms: Norms) -> int:
    always = set(norms.words("fillers.en.always"))
    return sum(1 for i in range(len(doc.words)) if (w := doc.norm_word(i)) and w not in always
               and re.search(r"[a-z0-9]", w))


def content_lemmas(text: str, generic: set[str]) -> list[str]:
    out = []
    for word in re.findall(r"[a-z0-9']+", text.lower()):
        if word in generic or len(word) < 3:
            continue
        out.append(stem(word))
    return out


def stem(word: str) -> str:
    """A crude English stem so 'resolved', 'resolving' and 'resolve' meet."""
    for suffix in ("ments", "ment", "ings", "ing", "ies", "ied", "ed", "es", "s", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)]
            if suffix in ("ies", "ied"):
                base += "y"
            return base.rstrip("e")
    return word.rstrip("e") if len(word) > 3 else word
