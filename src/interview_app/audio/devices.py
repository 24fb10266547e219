"""Input devices: readable names, the system default, and the remembered choice.

sounddevice (PortAudio) enumerates devices once, when it starts; :func:`rescan` makes it look
again after a headset was plugged in or the sound server came up.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from interview_app.audio.errors import (
    AudioError,
    DeviceNotFoundError,
    DeviceOpenError,
    MicrophonePermissionError,
    NoMicrophoneError,
)

__all__ = [
    "AudioError",
    "DeviceNotFoundError",
    "InputDevice",
    "MicrophonePermissionError",
    "NoMicrophoneError",
    "choose_device",
    "find_device",
    "list_input_devices",
    "remembered_device",
    "rescan",
    "resolve_input_device",
]

log = logging.getLogger(__name__)

# (device list, default input index) as sounddevice reports them; injectable for tests.
DeviceQuery = Callable[[], tuple[Sequence[dict[str, Any]], int | None]]

# ALSA appends "(hw:1,0)" to card names; it means nothing to a person.
_ALSA_SUFFIX = re.compile(r"\s*\((?:plug)?hw:\d+(?:,\d+)?\)$")


@dataclass(frozen=True)
class InputDevice:
    """One microphone as a person would pick it from a list."""

    id: int
    name: str  # readable; the host API is added in brackets only to tell same-named devices apart
    raw_name: str
    hostapi: str
    channels: int
    default_samplerate: float
    is_default: bool

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _query_sounddevice() -> tuple[Sequence[dict[str, Any]], int | None]:
    import sounddevice as sd

    devices = sd.query_devices()
    hostapis = sd.query_hostapis()
    listed = []
    for device in devices:
        entry = dict(device)
        entry["hostapi_name"] = hostapis[device["hostapi"]]["name"]
        listed.append(entry)
    default = sd.default.device[0]
    if default is None or default < 0:
        default = None
    return listed, default


def list_input_devices(query: DeviceQuery | None = None) -> list[InputDevice]:
    """Every device with at least one input channel, the system default first."""
    try:
        devices, default = (query or _query_sounddevice)()
    except Exception as error:  # PortAudio missing or failing to start: no device, and log why
        log.warning("could not list audio devices: %s", error)
        return []
    inputs = [
        (index, d) for index, d in enumerate(devices) if int(d.get("max_input_channels", 0)) > 0
    ]
    if default is None or not any(index == default for index, _ in inputs):
        # PortAudio's ALSA backend names the sound server's entry "default"; prefer it.
        default = next((index for index, d in inputs if d["name"] == "default"), None)
    base_names = {index: _ALSA_SUFFIX.sub("", str(d["name"])).strip() for index, d in inputs}
    counts: dict[str, int] = {}
    for name in base_names.values():
        counts[name] = counts.get(name, 0) + 1
    result = []
    for index, d in inputs:
        hostapi = str(d.get("hostapi_name", ""))
        name = base_names[index]
        if counts[name] > 1 and hostapi:
            name = f"{name} [{hostapi}]"
        result.append(
            InputDevice(
                id=index,
                name=name,
                raw_name=str(d["name"]),
                hostapi=hostapi,
                channels=int(d["max_input_channels"]),
                default_samplerate=float(d.get("default_samplerate") or 48000.0),
                is_default=index == default,
            )
        )
    result.sort(key=lambda device: not device.is_default)
    return result


def find_device(name: str, devices: list[InputDevice] | None = None) -> InputDevice:
    """The input called ``name``: its readable or raw name, its id, or a unique part of its name."""
    devices = list_input_devices() if devices is None else devices
    if not devices:
        raise NoMicrophoneError()
    wanted = name.strip()
    for device in devices:
        if wanted in (device.name, device.raw_name) or (wanted.isdigit() and int(wanted) == device.id):
            return device
    folded = wanted.casefold()
    partial = [d for d in devices if folded in d.name.casefold() or folded in d.raw_name.casefold()]
    if len(partial) == 1:
        return partial[0]
    raise DeviceNotFoundError(name, [d.name for d in devices])


def remembered_device() -> str | None:
    """The microphone chosen last time (``Settings.input_device``), or None for the system default."""
    from interview_app.storage.settings import Settings

    return Settings.load().input_device


def choose_device(name: str | None) -> InputDevice | None:
    """Remember ``name`` as the microphone to use from now on (None: the system default)."""
    from interview_app.storage.settings import Settings

    device = find_device(name) if name is not None else None
    settings = Settings.load()
    settings.input_device = device.name if device else None
    settings.save()
    return device


def resolve_input_device(name: str | None = None, devices: list[InputDevice] | None = None) -> InputDevice:
    """The device to record from: ``name``, else the remembered choice if still there, else the default.

    Raises :class:`NoMicrophoneError` when there is no input at all and
    :class:`DeviceNotFoundError` when ``name`` was given and is not there.
    """
    devices = list_input_devices() if devices is None else devices
    if not devices:
        raise NoMicrophoneError()
    if name:
        return find_device(name, devices)
    remembered = remembered_device()
    if remembered:
        try:
            return find_device(remembered, devices)
        except DeviceNotFoundError:
            log.warning("remembered microphone %r is not connected; using the system default", remembered)
    return devices[0]


def rescan() -> None:
    """Make PortAudio enumerate devices again. Only call it while no stream is open."""
    import sounddevice as sd

    sd._terminate()
    sd._initialize()


def open_error(device_name: str, error: Exception) -> AudioError:
    """Turn a PortAudio error on opening a stream into a message the person can act on."""
    text = str(error)
    lowered = text.lower()
    if "permission" in lowered or "not permitted" in lowered or "access denied" in lowered:
        return MicrophonePermissionError()
    if sys.platform == "darwin" and ("-9986" in text or "internal portaudio error" in lowered):
        # CoreAudio reports a refused microphone as an internal error.
        return MicrophonePermissionError()
    if "-9996" in text or "invalid device" in lowered or "no default input" in lowered:
        return NoMicrophoneError()
    detail = re.sub(r"\s*\[PaErrorCode -?\d+\]", "", text.split("\n")[0])
    detail = re.sub(r"^Error (?:opening|starting) \w+:\s*", "", detail).strip() or "driver error"
    return DeviceOpenError(device_name, detail)
