"""English: fillers matched as phrases ('like' as a verb is not a filler), hedges, repeats."""

from __future__ import annotations

import pytest
from transcript_kit import make

from interview_app.analysis import analyze_answer


def _fillers(script: str) -> list[str]:
    return [f["text"] for f in analyze_answer(make(script, language="en")).fillers["items"]]


@pytest.mark.parametrize(
    ("script", "expected"),
    [
        ("I like working with data.", []),
        ("I would like to join your team.", []),
        ("It looks like a simple problem.", []),
        ("It was, like, a huge project.", ["like,"]),
        ("Um, so, we had, uh, three weeks.", ["Um,", "so,", "uh,"]),
        ("We shipped it, you know, on time.", ["you know,"]),
        ("Do you know how it works?", []),
        ("So we started early.", []),
        ("Basically, I rewrote the parser.", ["Basically,"]),
    ],
)
def test_fillers(script: str, expected: list[str]) -> None:
    assert _fillers(script) == expected


def test_a_phrase_filler_is_one_item_spanning_its_words() -> None:
    result = analyze_answer(make("We shipped it, you know, on time.", language="en"))
    item = result.fillers["items"][0]
    assert item["words"] == [3, 5] and item["tier"] == "context" and item["weight"] == 0.5


def test_hedges_and_the_kind_of_noun() -> None:
    result = analyze_answer(make("I guess I am kind of organised. This is the kind of work I enjoy.", language="en"))
    assert [h["cue"] for h in result.hedges["items"]] == ["i guess", "kind of"]
    rewrite = result.hedges["items"][0]["rewrite"]
    assert rewrite == {"before": "I guess I am kind of organised.", "after": "I am kind of organised."}


def test_i_think_is_not_a_hedge_when_an_opinion_is_asked() -> None:
    asked = analyze_answer(make("I think remote work helps focus.", language="en"),
                           question="What do you think about remote work?")
    assert asked.hedges["count"] == 0
    unasked = analyze_answer(make("I think I am a good fit.", language="en"), question="Why should we hire you?")
    assert unasked.hedges["count"] == 1


def test_repeats_and_english_has_no_formality() -> None:
    result = analyze_answer(make("I I apologized to the the customer.", language="en"))
    assert [r["text"] for r in result.repeats["items"]] == ["I I", "the the"]
    assert result.formality["dominant"] is None
    assert result.pace["unit"] == "words_per_min"


def test_english_messages_count_in_the_singular_and_the_plural() -> None:
    once = analyze_answer(make("I guess we finished the project. <3.0> We shipped it on time and the client was glad.",
                               language="en"))
    messages = {f["id"]: f["message"] for f in once.findings}
    assert "appear once" in messages["hedges"], messages["hedges"]
    assert "or more once" in messages["pauses_long"], messages["pauses_long"]
    twice = analyze_answer(make("I guess we finished. <3.0> Maybe we shipped it. <3.0> The client was glad.",
                                language="en"))
    messages = {f["id"]: f["message"] for f in twice.findings}
    assert "appear 2 times" in messages["hedges"], messages["hedges"]
    assert "or more 2 times" in messages["pauses_long"], messages["pauses_long"]
