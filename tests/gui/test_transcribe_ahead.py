"""While an answer is being recorded, the pipeline transcribes it in pieces from the growing WAV;
at the answer's end only the rest is transcribed, and the result is the whole answer."""

from __future__ import annotations

from pathlib import Path

import pytest
from feed import WavFeed

import speechkit
from interview_app.gui import workers
from interview_app.gui.services import QuestionView
from interview_app.gui.workers import Pipeline, RecorderBridge

pytest.importorskip("interview_app.transcription.transcriber")
pytest.importorskip("interview_app.analysis")

pytestmark = [pytest.mark.gui, pytest.mark.model, pytest.mark.audio]

TEXT = ("In my last internship I analysed customer surveys every week. "
        "I presented the results to the marketing team with clear numbers. "
        "When a colleague disagreed with my method, we met and compared our data.")


def test_the_answer_is_transcribed_ahead_while_it_is_recorded(qtbot, tmp_path, transcriber, monkeypatch):
    monkeypatch.setattr(workers, "AHEAD_EVERY_MS", 300)
    speech = speechkit.speak(TEXT, tmp_path / "speech.wav", words_per_min=140)
    assert speechkit.duration(speech) > 12
    pipeline = Pipeline()
    pipeline.adopt_model(transcriber, "base")
    bridge = RecorderBridge(stream_factory=WavFeed([speech]))  # the speech at once, then room noise
    finished = []
    try:
        wav = tmp_path / "01.wav"
        question = QuestionView(id="q1", text="Tell me about a project.")
        with qtbot.waitSignal(bridge.started, timeout=10_000):
            bridge.start(wav)
        pipeline.begin_answer({"index": 1, "wav": str(wav), "question": question, "language": "en",
                               "model": "base"})
        # Pieces are transcribed while the recorder is still writing the file.
        qtbot.waitUntil(lambda: bool((pipeline.worker._ahead or {}).get("incremental")
                                     and pipeline.worker._ahead["incremental"].cuts), timeout=30_000)
        incremental = pipeline.worker._ahead["incremental"]
        original_finish = incremental.finish

        def spy(samples, **kwargs):
            finished.append(samples.size)
            return original_finish(samples, **kwargs)

        monkeypatch.setattr(incremental, "finish", spy)
        with qtbot.waitSignal(bridge.stopped, timeout=10_000) as stopped:
            bridge.stop()
        recording = stopped.args[0]
        with qtbot.waitSignal(pipeline.answer_done, timeout=60_000) as done:
            pipeline.submit_answer({"index": 1, "wav": str(recording.path), "question": question,
                                    "language": "en", "model": "base"})
    finally:
        pipeline.shutdown()
        bridge.shutdown()
    assert finished, "the answer's end used the pieces transcribed ahead"
    result = done.args[1]
    transcript = result["transcript"]
    assert result["analysis"] is not None
    assert transcript["duration_s"] == pytest.approx(recording.duration_s, abs=0.01)
    text = transcript["text"].lower()
    assert "marketing team" in text and "colleague" in text and "compared our data" in text
    starts = [w["start"] for s in transcript["segments"] for w in s["words"]]
    assert starts == sorted(starts) and starts[-1] < speechkit.duration(speech)
    assert Path(recording.path) == wav
