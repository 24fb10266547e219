"""The same recording gives the same transcript every time (a consultant re-running sees what the person saw)."""

from __future__ import annotations

import pytest

import speechkit

pytestmark = pytest.mark.model

SCRIPT = ("In my last internship I analysed customer surveys every week, and I presented the results "
          "to the marketing team with clear numbers. ")


def test_two_runs_of_one_long_answer_agree_and_invent_no_fillers(transcriber, tmp_path):
    speech = speechkit.speak(SCRIPT * 4, tmp_path / "speech.wav", words_per_min=150)
    pad = speechkit.silence(8.0, tmp_path / "pad.wav")
    answer = speechkit.concat([speech, pad], tmp_path / "answer.wav")
    first = transcriber.transcribe(answer, language="en")
    second = transcriber.transcribe(answer, language="en")
    assert first.text == second.text
    assert [w.start for w in first.words] == [w.start for w in second.words]
    spoken = {w.text.strip(".,").lower() for w in first.words}
    assert not spoken & {"um", "uh", "yeah", "okay"}, first.text
    assert "internship" in first.text.lower()
