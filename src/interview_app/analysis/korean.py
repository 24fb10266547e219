"""Korean text analysis through kiwipiepy: sentences, endings (formality), fillers, hedges, syllables.

One Kiwi instance per process, loaded lazily (about a second) and shared by every answer.
Pitfalls handled here: sentences are split first and only then is the last ending classified
(run-on speech leaves many finals tagged EC); 제 comes back as 저+의, so tokens are mapped to
transcript words by character offsets, never by their forms; a surface list sits beside the tags.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from typing import TYPE_CHECKING, Any

from interview_app.analysis.norms import Norms
from interview_app.analysis.text import Doc, Sentence, Token

if TYPE_CHECKING:
    from kiwipiepy import Kiwi

log = logging.getLogger(__name__)

_KIWI: Kiwi | None = None
_KIWI_LOCK = threading.Lock()
KIWI_LOAD_SECONDS: float | None = None


def kiwi() -> Kiwi:
    """The shared Kiwi analyser, loaded (and warmed up) on first use."""
    global _KIWI, KIWI_LOAD_SECONDS
    with _KIWI_LOCK:
        if _KIWI is None:
            from kiwipiepy import Kiwi

            started = time.perf_counter()
            # The multi-word dictionary (proper nouns and set phrases of several words) takes 180 of the
            # analyser's 480 MB and half its load time; the labelled set scores the same without it.
            instance = Kiwi(load_multi_dict=False)
            instance.tokenize("저는 준비했습니다.")  # the first call builds internal tables
            KIWI_LOAD_SECONDS = time.perf_counter() - started
            log.info("Korean analyser loaded in %.2f s", KIWI_LOAD_SECONDS)
            _KIWI = instance
        return _KIWI


def warm_up() -> float:
    """Load the Korean analyser now (in a worker, before the first answer); returns its load seconds."""
    kiwi()
    return KIWI_LOAD_SECONDS or 0.0


CONTENT_TAGS = ("NNG", "NNP", "SL", "XR", "VV", "VA", "SH")


def base_tag(tag: str) -> str:
    """VV-R / VV-I (regular / irregular conjugation) -> VV."""
    return tag.split("-", 1)[0]


def _morph(token: Token) -> tuple[str, str]:
    return token.form, token.full_tag or token.tag
_GREETING = re.compile(r"^(네[,.]?\s*)?(안녕하(세요|십니까)|반갑습니다)")


def analyse(doc: Doc, norms: Norms) -> None:
    """Fill ``doc.tokens`` and ``doc.sentences`` (with each sentence's formality style)."""
    analyser = kiwi()
    doc.tokens = []
    doc.sentences = []
    for sent in analyser.split_into_sents(doc.text, return_tokens=True):
        tokens = [
            Token(t.form, base_tag(t.tag), t.start, t.start + t.len, getattr(t, "lemma", t.form) or t.form, t.tag)
            for t in (sent.tokens or [])
        ]
        if not tokens:
            continue
        doc.tokens.extend(tokens)
        start = tokens[0].start
        end = max(t.end for t in tokens)
        first, last = doc.words_for_chars(start, end)
        if doc.sentences and first < doc.sentences[-1].last:
            # A word split across two sentences belongs to the first.
            first = doc.sentences[-1].last
            if first >= last:
                doc.sentences[-1].tokens.extend(tokens)
                continue
        sentence = Sentence(first, last, doc.span_text(first, last), tokens)
        sentence.style, sentence.ending = classify_ending(tokens, norms)
        if _GREETING.match(sentence.text) and last - first <= 3:
            sentence.style = "greeting"
        doc.sentences.append(sentence)


def classify_ending(tokens: list[Token], norms: Norms) -> tuple[str, str]:
    """The sentence's speech level from its last ending: formal, polite, casual or other."""
    formal = norms.words("formality.formal_endings")
    polite = norms.words("formality.polite_endings")
    casual = norms.words("formality.casual_endings")
    body = [t for t in tokens if not t.tag.startswith("S") or t.tag in ("SN", "SL", "SH")]
    if not body:
        return "other", ""
    last = body[-1]
    if last.tag == "JX" and last.form == "요":
        return "polite", "요"
    endings = [t for t in body if t.tag.startswith("E") and t.tag != "ETM" and t.tag != "ETN"]
    if not endings or endings[-1] is not body[-1]:
        return "other", ""
    ending = endings[-1]
    form = ending.form
    if form in formal or form.endswith(("니다", "니까", "시오", "시다")):
        return "formal", form
    if form in polite or form.endswith("요") or form in ("죠", "지요"):
        return "polite", form
    if ending.tag == "EF" or form in casual:
        if ending.tag == "EC" and form not in casual:
            return "other", form
        return "casual", form
    return "other", form


def find_fillers(doc: Doc, norms: Norms) -> list[dict[str, Any]]:
    always = set(norms.words("fillers.ko.always"))
    when_ic = set(norms.words("fillers.ko.always_when_interjection"))
    context = norms.words("fillers.ko.context")
    context_single = {c for c in context if " " not in c}
    context_phrases = [tuple(c.split()) for c in context if " " in c]
    weight = norms.num("fillers.context_weight")
    ic_starts = {t.start for t in doc.tokens if t.tag == "IC"}
    items: list[dict[str, Any]] = []
    n = len(doc.words)
    i = 0
    while i < n:
        word = _strip_drawl(doc.norm_word(i))
        matched = False
        for phrase in context_phrases:
            k = len(phrase)
            if tuple(_strip_drawl(doc.norm_word(j)) for j in range(i, min(n, i + k))) == phrase:
                items.append(doc.evidence(i, i + k, tier="context", weight=weight))
                i += k
                matched = True
                break
        if matched:
            continue
        if word in always:
            items.append(doc.evidence(i, i + 1, tier="always", weight=1.0))
        elif word in when_ic and (doc.word_starts[i] in ic_starts or (
                i + 1 < n and len(doc.norm_word(i + 1)) > len(word) and doc.norm_word(i + 1).startswith(word))):
            # 그/저 as an interjection, or restarting the next word ('그 그때', '저 저는').
            items.append(doc.evidence(i, i + 1, tier="always", weight=1.0))
        elif word == "뭐" and doc.word_starts[i] in ic_starts or word in context_single and word != "뭐":
            items.append(doc.evidence(i, i + 1, tier="context", weight=weight))
        i += 1
    return items


def _strip_drawl(word: str) -> str:
    """'음...' and '어어' as Whisper writes a drawn-out filler."""
    word = word.rstrip(".~…-")
    if len(word) >= 2 and len(set(word)) == 1 and word[0] in "음어아으에":
        return word[0]
    return word


def find_repeats(doc: Doc) -> list[dict[str, Any]]:
    """Immediate repeats: 그 그, 제가 제가, 저 저희가."""
    items = []
    ic_starts = {t.start for t in doc.tokens if t.tag == "IC"}
    for i in range(len(doc.words) - 1):
        a, b = doc.norm_word(i), doc.norm_word(i + 1)
        if not a or not b or a.isdigit():
            continue
        same = a == b
        restart = len(a) <= 2 and len(b) > len(a) and b.startswith(a) and (
            doc.word_starts[i] in ic_starts or a in ("저", "제", "그게", "제가")
        )
        if same or restart:
            items.append(doc.evidence(i, i + 2))
    return items


def find_hedges(doc: Doc, norms: Norms) -> list[dict[str, Any]]:
    """것 같다 / 듯하다 / ~지 않을까 싶다 and surface cues (아마, 나름)."""
    items: list[dict[str, Any]] = []
    tokens = doc.tokens
    for k, token in enumerate(tokens[:-1]):
        nxt = tokens[k + 1]
        cue = None
        if token.tag == "NNB" and token.form in ("것", "거") and nxt.form == "같" and nxt.tag.startswith("VA"):
            cue = "것 같다"
        elif token.tag == "NNB" and token.form == "듯" and nxt.form in ("하", "싶"):
            cue = "듯하다"
        elif token.form == "않" and nxt.form in ("을까", "ᆯ까") and k + 2 < len(tokens) and tokens[k + 2].form in (
            "싶", "생각"
        ):
            cue = "~지 않을까 싶다"
        if cue:
            first = doc.word_at(token.start)
            # Quote from the predicate before 것 to the end of 같다's word.
            first = max(0, first - 1) if cue != "~지 않을까 싶다" else first
            last = doc.word_at(nxt.end - 1) + 1
            if cue == "~지 않을까 싶다":
                last = doc.word_at(tokens[k + 2].start) + 1
            items.append(doc.evidence(first, last, cue=cue, rewrite=_hedge_rewrite(doc, k)))
    surface = norms.words("hedges.ko_surface")
    for phrase in surface:
        parts = phrase.split()
        for i in range(len(doc.words) - len(parts) + 1):
            if all(doc.norm_word(i + j) == parts[j] for j in range(len(parts))):
                items.append(doc.evidence(i, i + len(parts), cue=phrase, rewrite=None))
    items.sort(key=lambda item: item["start"])
    return items


def _hedge_rewrite(doc: Doc, k: int) -> dict[str, str] | None:
    """'좋은 것 같습니다' -> '좋습니다': the predicate stated directly, same ending."""
    tokens = doc.tokens
    if k < 1 or tokens[k - 1].tag != "ETM":
        return None
    etm = tokens[k - 1]
    pred_word = doc.word_at(etm.start)
    word_start = doc.word_starts[pred_word]
    stem = [t for t in tokens[:k - 1] if t.start >= word_start]
    if not stem:
        return None
    same_word_end = doc.word_ends[doc.word_at(tokens[k + 1].start)]
    after = [t for t in tokens[k + 2:] if t.start < same_word_end]
    if not after or not any(t.tag in ("EF", "EC") for t in after):
        return None
    morphs = [_morph(t) for t in stem]
    if etm.form in ("ᆫ", "은") and stem[-1].tag in ("VV", "XSV") and not any(t.tag == "EP" for t in after):
        morphs.append(("었", "EP"))
    morphs.extend(_morph(t) for t in after)
    try:
        joined = kiwi().join(morphs)
    except Exception:  # noqa: BLE001 - a rewrite is a nicety; never fail the analysis for it
        return None
    prefix = doc.text[word_start:stem[0].start]
    last_word = doc.word_at(tokens[k + 1].start)
    before = doc.span_text(pred_word, last_word + 1)
    trailing = doc.text[after[-1].end:doc.word_ends[last_word]]
    return {"before": before, "after": prefix + joined + trailing}


def to_formal(doc: Doc, sentence: Sentence) -> dict[str, str] | None:
    """Rewrite a sentence's last word in 합니다체 ('했어요' -> '했습니다', '했어' -> '했습니다')."""
    body = [t for t in sentence.tokens if not t.tag.startswith("S") or t.tag in ("SN", "SL", "SH")]
    if not body:
        return None
    last_word = doc.word_at(body[-1].start)
    word_start = doc.word_starts[last_word]
    word_tokens = [t for t in body if t.start >= word_start]
    while word_tokens and (word_tokens[-1].tag == "JX" and word_tokens[-1].form == "요"):
        word_tokens.pop()
    if not word_tokens or not word_tokens[-1].tag.startswith("E"):
        return None
    morphs = [("것", "NNB") if (t.form, t.tag) == ("거", "NNB") else _morph(t) for t in word_tokens[:-1]]
    if not morphs:
        return None
    if morphs[-1][1] in ("NNG", "NNP", "NNB", "NP", "ETN"):
        morphs.append(("이", "VCP"))
    morphs.append(("습니다", "EF"))
    try:
        joined = kiwi().join(morphs)
    except Exception:  # noqa: BLE001
        return None
    prefix = doc.text[word_start:word_tokens[0].start]
    before = sentence.text
    after = doc.text[doc.word_starts[sentence.first]:word_start] + prefix + joined + "."
    return {"before": before, "after": after}


def spoken_syllables(text: str) -> int:
    """Syllables as spoken: Hangul syllables, digits read out (15% = 십오 퍼센트 = 5), Latin words."""
    count = 0
    for match in re.finditer(r"[\uac00-\ud7a3]+|\d+(?:[.,]\d+)?%?|[A-Za-z]+", text):
        piece = match.group()
        if "\uac00" <= piece[0] <= "\ud7a3":
            count += len(piece)
        elif piece[0].isdigit():
            following = text[match.end():match.end() + 1]
            # "1만 건" is read 만 건, "1천" 천: a leading 1 before a unit is silent.
            count += 0 if piece == "1" and following and following in "십백천만억" else _number_syllables(piece)
        else:
            count += _latin_syllables(piece)
    return count


_DIGIT_READINGS = "영일이삼사오육칠팔구"


def sino_korean(number: int) -> str:
    """A whole number read the Sino-Korean way (2023 -> 이천이십삼)."""
    if number == 0:
        return "영"
    out = []
    groups = ["", "만", "억", "조"]
    group = 0
    while number > 0 and group < len(groups):
        chunk = number % 10000
        number //= 10000
        if chunk:
            words = []
            for unit, place in (("천", 1000), ("백", 100), ("십", 10), ("", 1)):
                digit = chunk // place % 10
                if digit:
                    words.append(("" if digit == 1 and unit else _DIGIT_READINGS[digit]) + unit)
            text = "".join(words)
            if groups[group] == "만" and text == "일":
                text = ""
            out.append(text + groups[group])
        group += 1
    return "".join(reversed(out))


def _number_syllables(piece: str) -> int:
    percent = 3 if piece.endswith("%") else 0
    piece = piece.rstrip("%").replace(",", "")
    whole, _, fraction = piece.partition(".")
    count = len(sino_korean(int(whole))) if whole else 0
    if fraction:
        count += 1 + len(fraction)  # 점 + each digit
    return count + percent


def _latin_syllables(word: str) -> int:
    if word.isupper() and len(word) <= 5:
        return len(word)  # acronyms are spelled out (SQL)
    groups = re.findall(r"[aeiouy]+", word.lower())
    return max(1, len(groups))


def content_lemmas(tokens: list[Token]) -> list[str]:
    """Content words for relevance: nouns, roots, foreign words and verb/adjective stems."""
    out = []
    for t in tokens:
        if t.tag.startswith(CONTENT_TAGS):
            out.append(t.form.lower())
    return out
