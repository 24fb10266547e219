"""Choosing a microphone: readable names, the default first, the choice remembered, clear errors."""

from __future__ import annotations

import pytest
from fakemic import FakeMicrophone

from interview_app.audio import devices
from interview_app.audio.devices import (
    DeviceNotFoundError,
    NoMicrophoneError,
    choose_device,
    find_device,
    list_input_devices,
    remembered_device,
    resolve_input_device,
)
from interview_app.audio.recorder import Recorder
from interview_app.errors import EXIT_DEVICE
from interview_app.storage.settings import Settings

# What PortAudio reports on a Windows laptop with a USB headset (the boundary we cannot have here).
WINDOWS_LAPTOP = [
    {"name": "Microsoft Sound Mapper - Input", "max_input_channels": 2, "default_samplerate": 44100.0,
     "hostapi_name": "MME"},
    {"name": "Microphone Array (Realtek(R) Audio)", "max_input_channels": 2, "default_samplerate": 44100.0,
     "hostapi_name": "MME"},
    {"name": "Headset Microphone (USB Audio)", "max_input_channels": 1, "default_samplerate": 48000.0,
     "hostapi_name": "MME"},
    {"name": "Speakers (Realtek(R) Audio)", "max_input_channels": 0, "default_samplerate": 48000.0,
     "hostapi_name": "MME"},
    {"name": "Microphone Array (Realtek(R) Audio)", "max_input_channels": 2, "default_samplerate": 48000.0,
     "hostapi_name": "Windows WASAPI"},
]
LINUX_CARD = [
    {"name": "HDA Intel PCH: ALC3246 Analog (hw:0,0)", "max_input_channels": 2, "default_samplerate": 44100.0,
     "hostapi_name": "ALSA"},
    {"name": "default", "max_input_channels": 32, "default_samplerate": 44100.0, "hostapi_name": "ALSA"},
]


def laptop(default: int | None = 2):  # noqa: ANN201
    return lambda: (WINDOWS_LAPTOP, default)


def test_inputs_only_default_first_host_api_only_where_names_clash() -> None:
    listed = list_input_devices(laptop())
    assert [d.name for d in listed] == [
        "Headset Microphone (USB Audio)",
        "Microsoft Sound Mapper - Input",
        "Microphone Array (Realtek(R) Audio) [MME]",
        "Microphone Array (Realtek(R) Audio) [Windows WASAPI]",
    ]
    assert listed[0].is_default and listed[0].channels == 1 and listed[0].default_samplerate == 48000


def test_alsa_card_numbers_are_hidden_and_the_sound_server_is_the_default() -> None:
    listed = list_input_devices(lambda: (LINUX_CARD, None))
    assert [d.name for d in listed] == ["default", "HDA Intel PCH: ALC3246 Analog"]
    assert listed[0].is_default


def test_find_by_name_part_or_id() -> None:
    listed = list_input_devices(laptop())
    assert find_device("headset", listed).id == 2
    assert find_device("Microphone Array (Realtek(R) Audio) [Windows WASAPI]", listed).id == 4
    assert find_device("1", listed).id == 1
    with pytest.raises(DeviceNotFoundError) as ambiguous:
        find_device("realtek", listed)
    assert "Headset Microphone (USB Audio)" in ambiguous.value.message  # lists what there is
    assert ambiguous.value.exit_code == EXIT_DEVICE and ambiguous.value.code == "device_not_found"


def test_choice_is_remembered_and_falls_back_when_unplugged(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(devices, "_query_sounddevice", laptop())
    choose_device("Headset")
    assert Settings.load().input_device == "Headset Microphone (USB Audio)" == remembered_device()
    assert resolve_input_device().name == "Headset Microphone (USB Audio)"
    unplugged = [d for d in WINDOWS_LAPTOP if "Headset" not in d["name"]]
    monkeypatch.setattr(devices, "_query_sounddevice", lambda: (unplugged, 0))
    assert resolve_input_device().name == "Microsoft Sound Mapper - Input"  # the default, not an error


def test_no_microphone_gives_a_message_that_says_what_to_do(monkeypatch: pytest.MonkeyPatch) -> None:
    speakers_only = [d for d in WINDOWS_LAPTOP if d["max_input_channels"] == 0]
    monkeypatch.setattr(devices, "_query_sounddevice", lambda: (speakers_only, None))
    assert list_input_devices() == []
    with pytest.raises(NoMicrophoneError) as error:
        Recorder().start()
    assert error.value.exit_code == EXIT_DEVICE and error.value.code == "no_microphone"
    assert "plug in a microphone" in error.value.message and "import an audio file" in error.value.message
    assert "마이크" in error.value.message_ko


def test_a_device_that_refuses_every_format_is_a_clear_error(tmp_path) -> None:  # noqa: ANN001
    import numpy as np

    mic = FakeMicrophone(source=np.zeros((100, 1), np.int16), rate=11025)  # no rate the recorder tries
    with pytest.raises(devices.AudioError) as error:
        Recorder(tmp_path, stream_factory=mic, device="Old USB mic").start()
    assert error.value.code == "device_open_failed" and "Old USB mic" in error.value.message
    assert list(tmp_path.iterdir()) == []  # no empty file left behind


@pytest.mark.parametrize(
    ("driver_says", "code"),
    [
        ("Error opening InputStream: Permission denied [PaErrorCode -9999]", "mic_permission"),
        ("Error opening InputStream: Invalid device [PaErrorCode -9996]", "no_microphone"),
        ("Error opening InputStream: Device unavailable [PaErrorCode -9985]", "device_open_failed"),
    ],
)
def test_driver_refusals_become_messages_that_say_what_to_do(driver_says: str, code: str, tmp_path) -> None:  # noqa: ANN001
    import sounddevice as sd

    def refusing_driver(**_: object) -> None:
        raise sd.PortAudioError(driver_says)

    with pytest.raises(devices.AudioError) as error:
        Recorder(tmp_path, stream_factory=refusing_driver, device="Headset").start()
    assert error.value.code == code and error.value.exit_code == EXIT_DEVICE
    assert error.value.message_ko and "PaErrorCode" not in error.value.message_ko
