"""Short real recordings made once per run with espeak-ng and sox."""

from __future__ import annotations

import pytest

import speechkit

SCRIPT = (
    "I enjoy working with people who share their ideas openly. "
    "In my last project, I organised weekly meetings and wrote clear notes for the whole team."
)


@pytest.fixture(scope="session")
def speech_script() -> str:
    """What the ``speech`` recording says."""
    return SCRIPT


@pytest.fixture(scope="session")
def recordings(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("recordings")
    speech = speechkit.speak(SCRIPT, folder / "speech.wav")
    first = speechkit.speak("I finished the report on Friday.", folder / "first.wav")
    second = speechkit.speak("Then I sent it to my manager.", folder / "second.wav")
    gap = speechkit.silence(6, folder / "gap.wav")
    return {
        "speech": speech,
        "with_gap": speechkit.concat([first, gap, second], folder / "with_gap.wav"),
        "gap_span": (speechkit.duration(first), speechkit.duration(first) + 6.0),
        "silence": speechkit.silence(4, folder / "silence.wav"),
        "pink_noise": speechkit.noise(4, folder / "pink.wav", amplitude=0.1),
        "white_noise": speechkit.noise(4, folder / "white.wav", amplitude=0.2, color="whitenoise"),
        "short": speechkit.silence(0.3, folder / "short.wav"),
        "faint_hiss": speechkit.noise(4, folder / "hiss.wav", amplitude=0.0005, color="brownnoise"),
        "room_noise": speechkit.noise(4, folder / "room.wav", amplitude=0.03, color="brownnoise"),
    }
