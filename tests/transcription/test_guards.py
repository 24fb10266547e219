from __future__ import annotations

import pytest

from interview_app.transcription.guards import ALWAYS_INVENTED, apply_guards, normalise
from interview_app.transcription.types import Segment, Word


def segment(text: str, start: float = 0.0, *, probability: float = 0.95, no_speech: float = 0.05) -> Segment:
    words, t = [], start
    for token in text.split():
        words.append(Word(t, t + 0.3, " " + token, probability))
        t += 0.35
    return Segment(0, start, t, " " + text, tuple(words), avg_logprob=-0.2, no_speech_prob=no_speech)


ANSWER = "I led the migration and cut the build time by half."


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("시청해주셔서 감사합니다.", "ko"),
        ("시청해 주셔서 감사합니다!", "ko"),
        ("구독과 좋아요 부탁드립니다.", "ko"),
        ("MBC 뉴스 김지훈입니다.", "ko"),
        ("Thanks for watching!", "en"),
        ("Subtitles by the Amara.org community", "en"),
        ("Thank you for watching.", "ko"),  # invented in the other language
    ],
)
def test_known_invented_phrases_are_dropped_with_a_reason(text, language):
    kept, dropped = apply_guards([segment(ANSWER), segment(text, 5.0)], language)
    assert [s.text for s in kept] == [" " + ANSWER]
    assert [(d.text, d.reason) for d in dropped] == [(text, "invented_text")]


def test_a_sentence_that_mentions_a_phrase_is_kept():
    text = "저는 MBC 뉴스 인턴 기자로 일하며 매일 기사 세 건을 작성했습니다."
    kept, dropped = apply_guards([segment(text)], "ko")
    assert len(kept) == 1 and not dropped


def test_a_real_closing_thank_you_is_kept_after_an_answer():
    kept, dropped = apply_guards([segment(ANSWER), segment("Thank you.", 4.0)], "en")
    assert [s.text.strip() for s in kept] == [ANSWER, "Thank you."]
    assert not dropped


def test_a_doubtful_closing_phrase_is_dropped():
    weak = segment("감사합니다.", 4.0, probability=0.3)
    kept, dropped = apply_guards([segment("저는 고객 응대 경험이 많습니다."), weak], "ko")
    assert len(kept) == 1 and dropped[0].reason == "invented_text"


@pytest.mark.parametrize("text", ["Thank you.", "감사합니다.", "You"])
def test_a_transcript_of_only_thank_you_is_no_answer(text):
    kept, dropped = apply_guards([segment(text, 1.0)], "ko")
    assert kept == []
    assert dropped[0].reason == "invented_text"


def test_a_word_loop_keeps_one_copy():
    looped = "I think " * 7 + "we shipped it."
    kept, dropped = apply_guards([segment(looped)], "en")
    assert normalise(kept[0].text) == normalise("I think we shipped it.")
    assert [d.reason for d in dropped] == ["repetition_loop"]
    assert normalise(dropped[0].text) == normalise("I think " * 6)
    # The kept words still carry their own timestamps.
    assert [w.text for w in kept[0].words] == ["I", "think", "we", "shipped", "it."]


def test_human_repeats_are_not_loops():
    for text in ("그 그 저희가 저 저희가 준비했습니다.", "I I I really enjoyed it.", "very very good"):
        kept, dropped = apply_guards([segment(text)], "ko")
        assert normalise(kept[0].text) == normalise(text) and not dropped


def test_a_repeated_segment_is_dropped_once_it_loops():
    sentence = "We checked the logs again."
    kept, dropped = apply_guards([segment(sentence), segment(sentence, 2.0), segment(sentence, 4.0)], "en")
    assert len(kept) == 1 and [d.reason for d in dropped] == ["repetition_loop"] * 2
    assert [s.id for s in kept] == [0]


def test_an_echoed_prompt_is_dropped_but_a_lone_filler_in_speech_is_kept():
    kept, dropped = apply_guards([segment("Um, uh."), segment(ANSWER, 1.0)], "en", prompt="Um, uh.")
    assert [d.reason for d in dropped] == ["echoed_prompt"]
    kept, dropped = apply_guards([segment("Um, " + ANSWER)], "en", prompt="Um, uh.")
    assert kept[0].text.startswith(" Um,") and not dropped


def test_phrase_lists_are_normalised():
    for phrases in ALWAYS_INVENTED.values():
        assert all(p == normalise(p) for p in phrases)


def test_a_punctuation_only_segment_is_dropped():
    dot = Segment(0, 3.0, 3.4, " .", (Word(3.0, 3.4, " .", 0.4),))
    kept, dropped = apply_guards([segment(ANSWER), dot], "en")
    assert len(kept) == 1 and dropped[0].text == "."


def test_the_korean_sample_answer_passes_the_guards_untouched():
    import json

    from interview_app.paths import content_dir
    from interview_app.transcription.types import Transcript

    data = json.loads((content_dir("samples") / "answer_ko.transcript.json").read_text(encoding="utf-8"))
    words = Transcript.from_dict(data).words
    # One segment per sentence, as the decoder would return them; the closing "감사합니다." alone.
    sentences, current = [], []
    for word in words:
        current.append(word)
        if word.word.endswith("."):
            sentences.append(current)
            current = []
    segments = [Segment(i, s[0].start, s[-1].end, "".join(w.word for w in s), tuple(s))
                for i, s in enumerate(sentences)]
    assert segments[-1].text == " 감사합니다."
    kept, dropped = apply_guards(segments, "ko")
    assert dropped == [] and [w for s in kept for w in s.words] == words


def test_a_loop_inside_one_word_is_cut_to_one_copy():
    kept, dropped = apply_guards([segment("저는 " + "감사합니다" * 6 + " 열심히 하겠습니다.")], "ko")
    assert kept[0].text == " 저는 감사합니다 열심히 하겠습니다."
    assert [w.text for w in kept[0].words] == ["저는", "감사합니다", "열심히", "하겠습니다."]
    assert dropped[0].reason == "repetition_loop" and dropped[0].text == "감사합니다" * 5
    # Ordinary words and short laughs are left alone.
    for text in ("하하하 정말 즐거웠습니다.", "Mississippi", "아아아아아"):
        kept, dropped = apply_guards([segment(text)], "ko")
        assert normalise(kept[0].text) == normalise(text) and not dropped
