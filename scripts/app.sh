#!/usr/bin/env bash
# Set up everything, then run Interview Coach: the desktop app where there is a display,
# otherwise the headless main job (a bundled sample answer -> transcript, analysis, report).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$repo/scripts/setup.sh"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec "$venv/bin/interview-app" gui "$@"
fi
exec "$venv/bin/interview-app" demo "$@"
