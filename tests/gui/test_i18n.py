"""Every interface string exists in Korean and English, with the same placeholders."""

from __future__ import annotations

import string

import pytest

from interview_app.gui import i18n


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("message_id", sorted(i18n.MESSAGES))
def test_every_message_has_korean_and_english(message_id):
    entry = i18n.MESSAGES[message_id]
    assert entry.get("ko", "").strip(), f"{message_id} lacks Korean"
    assert entry.get("en", "").strip(), f"{message_id} lacks English"
    assert _placeholders(entry["ko"]) == _placeholders(entry["en"])


def test_korean_messages_are_korean():
    hangul = [mid for mid, e in i18n.MESSAGES.items() if any("가" <= ch <= "힣" for ch in e["ko"])]
    # Language names and a few symbols aside, the Korean table really is Korean.
    assert len(hangul) >= len(i18n.MESSAGES) - 2


def test_tr_follows_the_current_language():
    i18n.set_language("en")
    assert i18n.tr("interview.question_n", n=2, total=5) == "Question 2 of 5"
    i18n.set_language("ko")
    assert i18n.tr("interview.question_n", n=2, total=5) == "질문 2 / 5"
    i18n.set_language("fr")  # unknown: Korean first
    assert i18n.language() == "ko"


def test_countdown_text_rounds_up_and_never_goes_negative():
    assert i18n.format_seconds(75.2) == "1:16"
    assert i18n.format_seconds(60) == "1:00"
    assert i18n.format_seconds(0.01) == "0:01"
    assert i18n.format_seconds(-3) == "0:00"
