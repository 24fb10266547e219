"""Problems with microphones and speakers that the person at the machine can fix.

Each error carries a stable ``code`` the GUI translates, the English ``message`` the command
line prints, and a Korean wording (``message_ko``) for the Korean interface.
"""

from __future__ import annotations

from interview_app.errors import EXIT_DEVICE, EXIT_OUTPUT, UserError


class AudioError(UserError):
    """Base of the audio package's user-fixable errors."""

    exit_code = EXIT_DEVICE
    code = "audio_error"

    def __init__(self, message: str, *, message_ko: str | None = None, exit_code: int | None = None) -> None:
        super().__init__(message, exit_code=exit_code)
        self.message_ko = message_ko or message


class NoMicrophoneError(AudioError):
    """No input device at all: nothing plugged in, or the sound system is not running."""

    code = "no_microphone"

    def __init__(self, message: str | None = None) -> None:
        super().__init__(
            message
            or "no microphone found; plug in a microphone or headset and try again "
            "(you can still import an audio file as an answer)",
            message_ko="마이크를 찾을 수 없습니다. 마이크나 헤드셋을 연결한 뒤 다시 시도하세요 "
            "(녹음 파일을 불러와 답변으로 쓸 수도 있습니다).",
        )


class MicrophonePermissionError(AudioError):
    """The system refused access to the microphone (macOS privacy settings, Windows privacy)."""

    code = "mic_permission"

    def __init__(self, message: str | None = None) -> None:
        super().__init__(
            message
            or "the system does not allow Interview Coach to use the microphone; allow it in "
            "System Settings > Privacy & Security > Microphone, then restart the app",
            message_ko="시스템이 마이크 사용을 허용하지 않았습니다. 시스템 설정 > 개인정보 보호 및 보안 > "
            "마이크에서 Interview Coach를 허용한 뒤 앱을 다시 시작하세요.",
        )


class DeviceNotFoundError(AudioError):
    """A microphone was asked for by name and is not there (unplugged, renamed)."""

    code = "device_not_found"

    def __init__(self, name: str, available: list[str]) -> None:
        listed = "; ".join(available) if available else "none"
        super().__init__(
            f"no microphone called '{name}'; available inputs: {listed} "
            "(run 'interview-app devices' to list them)",
            message_ko=f"'{name}' 마이크를 찾을 수 없습니다. 연결을 확인하거나 다른 마이크를 고르세요. "
            f"사용 가능한 입력: {listed}",
        )
        self.name = name
        self.available = available


class DeviceOpenError(AudioError):
    """The device exists but could not be opened (busy, unsupported format, driver error)."""

    code = "device_open_failed"

    def __init__(self, device: str, detail: str) -> None:
        super().__init__(
            f"could not open the microphone '{device}' ({detail}); close other apps that use it, "
            "unplug and replug it, or choose another input",
            message_ko=f"마이크 '{device}'를 열 수 없습니다 ({detail}). 마이크를 쓰는 다른 앱을 닫거나, "
            "다시 연결하거나, 다른 입력을 고르세요.",
        )


class NoOutputDeviceError(AudioError):
    """Nothing to play sound on; only the playback part of a check is affected."""

    code = "no_output_device"

    def __init__(self) -> None:
        super().__init__(
            "no speaker or headphones found, so the check cannot be played back; "
            "plug in headphones to listen (the recording itself is fine)",
            message_ko="스피커나 헤드폰이 없어 녹음을 들려드릴 수 없습니다. 헤드폰을 연결하면 들을 수 "
            "있습니다 (녹음 자체는 정상입니다).",
        )


class RecordingWriteError(AudioError):
    """The recording could not be written to disk (disk full, folder removed)."""

    code = "write_failed"

    def __init__(self, path: str, detail: str) -> None:
        super().__init__(
            f"could not write the recording to {path} ({detail}); free some disk space or choose "
            "another folder (what was recorded until then is kept)",
            message_ko=f"녹음을 {path}에 저장할 수 없습니다 ({detail}). 디스크 공간을 확보하거나 다른 "
            "폴더를 고르세요 (그때까지 녹음된 부분은 남아 있습니다).",
            exit_code=EXIT_OUTPUT,
        )
