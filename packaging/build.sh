#!/usr/bin/env bash
# Build the frozen one-folder app with PyInstaller (Linux and macOS; Windows: build.ps1).
#   dist/InterviewCoach/                 InterviewCoach (windowed) and interview-app (console)
#   dist/Interview Coach.app             on macOS, the app bundle
# The build runs in its own environment (IC_BUILD_VENV, default build/venv) filled with
# `pip install .[package]`, so the frozen app holds exactly what the wheel ships.
#   IC_CODESIGN_IDENTITY  macOS: sign with this identity (hardened runtime, packaging/macos/entitlements.plist)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${IC_BUILD_VENV:-$repo/build/venv}"
dist="$repo/dist"

pick_python() {
  for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  echo "build: Python 3.11 or newer is required" >&2
  return 1
}

if [ ! -x "$venv/bin/python" ]; then
  "$(pick_python)" -m venv "$venv"
fi
echo "build: installing Interview Coach and PyInstaller into $venv"
"$venv/bin/python" -m pip install -q --upgrade pip
"$venv/bin/python" -m pip install -q "$repo[package]"

echo "build: freezing (this takes several minutes)"
start=$(date +%s)
"$venv/bin/python" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$dist" --workpath "$repo/build/pyinstaller" "$repo/packaging/interview_app.spec"
echo "build: done in $(( $(date +%s) - start )) s"
du -sh "$dist/InterviewCoach"
[ "$(uname)" = Darwin ] && du -sh "$dist/Interview Coach.app"
echo "build: now run bash packaging/smoke_test.sh"
