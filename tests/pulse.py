"""A private PulseAudio server with a null sink, for the real audio path without a sound card.

The sink's monitor is the default source, so whatever is played into the sink (``paplay``) comes
back out of the default input device that PortAudio sees through the ALSA pulse plugin. The
server lives in a temporary folder (its own XDG_RUNTIME_DIR and HOME) and is stopped by the PID
in its pid file. PortAudio enumerates devices when it starts: call
``interview_app.audio.devices.rescan()`` after the server is up (and after it is gone), or run
the code that records in a subprocess with :attr:`PulseServer.env`.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

SINK = "vsink"


class PulseUnavailable(RuntimeError):
    """The pulseaudio binary is not installed (scripts/setup.sh installs it)."""


@dataclass
class PulseServer:
    root: Path
    rate: int

    @property
    def socket(self) -> Path:
        return self.root / "run" / "pulse" / "native"

    @property
    def client_env(self) -> dict[str, str]:
        """Variables that point clients (pactl, paplay, the ALSA pulse plugin) at this server only."""
        return {
            "PULSE_SERVER": f"unix:{self.socket}",
            "XDG_RUNTIME_DIR": str(self.root / "run"),
            "PULSE_CLIENTCONFIG": str(self.root / "client.conf"),
        }

    @property
    def env(self) -> dict[str, str]:
        """The whole environment for a subprocess that should use this server."""
        return {**os.environ, **self.client_env}

    def pactl(self, *args: str) -> str:
        done = subprocess.run(["pactl", *args], env=self.env, capture_output=True, text=True, timeout=20)
        if done.returncode != 0:
            raise RuntimeError(f"pactl {' '.join(args)} failed: {done.stderr.strip()}")
        return done.stdout

    def play(self, wav: Path) -> None:
        """Play ``wav`` into the null sink and return when it has been played."""
        subprocess.run(["paplay", f"--device={SINK}", str(wav)], env=self.env, check=True, timeout=120)

    def play_async(self, wav: Path) -> subprocess.Popen[bytes]:
        return subprocess.Popen(["paplay", f"--device={SINK}", str(wav)], env=self.env)

    def pid(self) -> int | None:
        with contextlib.suppress(OSError, ValueError):
            return int((self.root / "run" / "pulse" / "pid").read_text().strip())
        return None


def _wait(condition, seconds: float) -> bool:  # noqa: ANN001
    tick = threading.Event()
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        tick.wait(0.05)
    return True


def start(root: Path, *, rate: int = 16000) -> PulseServer:
    """Start a user-mode server in ``root`` with a mono null sink at ``rate``; its monitor is the default source."""
    if shutil.which("pulseaudio") is None or shutil.which("pactl") is None or shutil.which("paplay") is None:
        raise PulseUnavailable("pulseaudio, pactl or paplay is not installed (scripts/setup.sh installs them)")
    (root / "run").mkdir(parents=True, exist_ok=True, mode=0o700)
    (root / "home").mkdir(parents=True, exist_ok=True)
    (root / "client.conf").write_text("autospawn = no\n")
    server = PulseServer(root, rate)
    env = {**server.env, "HOME": str(root / "home")}
    command = [
        "pulseaudio", "-n", "--daemonize=yes", "--exit-idle-time=-1", "--use-pid-file=yes",
        "--disallow-exit", "--log-target=stderr",
        "-L", "module-native-protocol-unix auth-anonymous=1",
        "-L", f"module-null-sink sink_name={SINK} rate={rate} channels=1",
    ]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=30)
    if done.returncode != 0:
        raise RuntimeError(f"pulseaudio did not start: {done.stderr.strip()[-500:]}")
    if not _wait(lambda: server.socket.exists(), 10):
        stop(server)
        raise RuntimeError("pulseaudio started but its socket never appeared")
    server.pactl("set-default-source", f"{SINK}.monitor")
    server.pactl("set-default-sink", SINK)
    return server


def stop(server: PulseServer) -> None:
    pid = server.pid()
    if pid is None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)

    def gone() -> bool:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        return False

    if not _wait(gone, 10):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


@contextlib.contextmanager
def running(root: Path, *, rate: int = 16000) -> Iterator[PulseServer]:
    server = start(root, rate=rate)
    try:
        yield server
    finally:
        stop(server)


def aligned_correlation(recorded: np.ndarray, reference: np.ndarray) -> float:
    """Correlation of ``reference`` with the part of ``recorded`` it lines up with best."""
    n = len(recorded) + len(reference)
    spectrum = np.fft.rfft(recorded, n) * np.conj(np.fft.rfft(reference, n))
    lag = int(np.argmax(np.fft.irfft(spectrum, n)))
    if lag > n // 2:
        lag -= n
    a, b = (recorded[lag:], reference) if lag >= 0 else (recorded, reference[-lag:])
    m = min(len(a), len(b))
    return float(np.corrcoef(a[:m], b[:m])[0, 1])


def no_sound_server_env(folder: Path) -> dict[str, str]:
    """An environment where PortAudio finds no sound server (and, on these machines, no sound card)."""
    runtime = folder / "run"
    runtime.mkdir(mode=0o700, exist_ok=True)
    return {**os.environ, "PULSE_SERVER": f"unix:{folder / 'nothing-here'}", "XDG_RUNTIME_DIR": str(runtime)}


@pytest.fixture(name="pulse_server")
def pulse_server_for_subprocesses(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PulseServer]:
    """A private null-sink server for code run in a subprocess with ``pulse_server.env``.

    Import this into a test module (``from pulse import pulse_server_for_subprocesses``) to use it.
    """
    try:
        server = start(tmp_path_factory.mktemp("pulse"))
    except PulseUnavailable as missing:
        pytest.skip(str(missing))
    try:
        yield server
    finally:
        stop(server)
