"""What the recorder tells the person about a recording, in English and Korean, with stable codes."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RecorderWarning:
    """Something the person should know about the recording; ``code`` is stable for translation."""

    code: str  # clipping | too_quiet | dead_input | device_lost | overflow | write_failed
    message: str
    message_ko: str = ""

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message, "message_ko": self.message_ko}


_WARNINGS: dict[str, tuple[str, str]] = {
    "clipping": (
        "the microphone is overloaded (clipping); move it a little further away or turn the input volume down",
        "입력이 너무 커서 소리가 찌그러집니다. 마이크를 조금 멀리 두거나 입력 볼륨을 낮추세요.",
    ),
    "too_quiet": (
        "the voice is very quiet and may not be transcribed; speak closer to the microphone or turn the "
        "input volume up",
        "목소리가 너무 작아 인식되지 않을 수 있습니다. 마이크에 가까이 말하거나 입력 볼륨을 높이세요.",
    ),
    "dead_input": (
        "the microphone delivers pure silence; check that it is not muted and that the app may use it "
        "(on a Mac: System Settings > Privacy & Security > Microphone)",
        "마이크에서 아무 소리도 들어오지 않습니다. 음소거 여부와 마이크 사용 권한을 확인하세요 "
        "(Mac: 시스템 설정 > 개인정보 보호 및 보안 > 마이크).",
    ),
    "device_lost": (
        "the microphone stopped working (unplugged or disconnected); everything recorded until then is kept",
        "마이크 연결이 끊겼습니다. 그때까지 녹음된 내용은 저장되어 있습니다.",
    ),
    "overflow": (
        "the computer was too busy and {count} short piece(s) of audio were dropped; close other programs",
        "컴퓨터가 바빠서 소리 일부({count}회)가 빠졌습니다. 다른 프로그램을 닫아 주세요.",
    ),
    "write_failed": (
        "the recording could not be written to disk ({detail}); free some disk space; what was written is kept",
        "녹음을 디스크에 저장하지 못했습니다 ({detail}). 디스크 공간을 확보하세요. 저장된 부분은 남아 있습니다.",
    ),
}


def make_warning(code: str, **values: object) -> RecorderWarning:
    english, korean = _WARNINGS[code]
    return RecorderWarning(code, english.format(**values), korean.format(**values))
