"""A private speech-dispatcher (espeak-ng) that plays into a private PulseAudio null sink.

No sound card and no desktop session are needed: the server runs in a temporary folder with its
own configuration, socket and log, speaks through the ``espeak-ng`` output module into the null
sink of a private PulseAudio server (tests/pulse.py), and is stopped by its process id. Clients
(Qt's speechd plugin through libspeechd) find it through ``SPEECHD_ADDRESS``.
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pulse

MODULE_CONFIG = Path("/etc/speech-dispatcher/modules/espeak-ng.conf")


class SpeechdUnavailable(RuntimeError):
    """speech-dispatcher or its espeak-ng module is not installed (scripts/setup.sh installs them)."""


@dataclass
class SpeechServer:
    root: Path
    process: subprocess.Popen[bytes]
    sound: pulse.PulseServer

    @property
    def socket(self) -> Path:
        return self.root / "speechd.sock"

    @property
    def address(self) -> str:
        return f"unix_socket:{self.socket}"


def _installed() -> bool:
    modules = [Path(p) for p in ("/usr/lib/speech-dispatcher-modules", "/usr/libexec/speech-dispatcher-modules")]
    return shutil.which("speech-dispatcher") is not None and any((m / "sd_espeak-ng").exists() for m in modules)


def start(root: Path) -> SpeechServer:
    if not _installed():
        raise SpeechdUnavailable("speech-dispatcher with espeak-ng is not installed (scripts/setup.sh installs it)")
    sound = pulse.start(root / "pulse", rate=22050)
    config = root / "conf"
    (config / "modules").mkdir(parents=True, exist_ok=True)
    (config / "speechd.conf").write_text(
        'AudioOutputMethod "pulse"\n'
        'AddModule "espeak-ng" "sd_espeak-ng" "espeak-ng.conf"\n'
        "DefaultModule espeak-ng\n"
        "LogLevel 3\n",
        encoding="utf-8",
    )
    module_config = MODULE_CONFIG.read_text(encoding="utf-8") if MODULE_CONFIG.exists() else ""
    (config / "modules" / "espeak-ng.conf").write_text(module_config, encoding="utf-8")
    (root / "home").mkdir(exist_ok=True)
    socket = root / "speechd.sock"
    log = (root / "speechd.out").open("wb")
    process = subprocess.Popen(
        ["speech-dispatcher", "--run-single", "--timeout", "0", "--config-dir", str(config),
         "--communication-method", "unix_socket", "--socket-path", str(socket),
         "--pid-file", str(root / "speechd.pid"), "--log-dir", str(root / "log")],
        env={**sound.env, "HOME": str(root / "home")}, stdout=log, stderr=subprocess.STDOUT,
    )
    log.close()
    server = SpeechServer(root, process, sound)
    tick = threading.Event()
    deadline = time.monotonic() + 20
    while not socket.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            stop(server)
            raise RuntimeError(f"speech-dispatcher did not start: {(root / 'speechd.out').read_text()[-500:]}")
        tick.wait(0.05)
    return server


def stop(server: SpeechServer) -> None:
    if server.process.poll() is None:
        server.process.terminate()
        try:
            server.process.wait(10)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait(10)
    pulse.stop(server.sound)


@contextlib.contextmanager
def running(root: Path) -> Iterator[SpeechServer]:
    server = start(root)
    try:
        yield server
    finally:
        stop(server)
