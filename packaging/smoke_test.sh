#!/usr/bin/env bash
# Launch the frozen app the way a new user would and check that it works:
#   1. `interview-app --version` prints the version of src/interview_app/__init__.py;
#   2. `model prepare --quiet` joins the bundled speech model into an empty cache;
#   3. `transcribe` on the bundled English sample recording (real model, VAD, audio decoding);
#   4. `demo` runs the headless main job and writes its reports.
# Every step must exit 0. Runs from an empty working directory with empty data and cache
# folders, offline. Usage: bash packaging/smoke_test.sh [dist/InterviewCoach]
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
app="${1:-$repo/dist/InterviewCoach}"
case "$(uname -s)" in
  MINGW*|MSYS*|CYGWIN*) exe="$app/interview-app.exe" ;;
  *) exe="$app/interview-app" ;;
esac
[ -x "$exe" ] || { echo "smoke: $exe not found; run packaging/build.sh first" >&2; exit 1; }

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
export INTERVIEW_APP_DATA_DIR="$scratch/data" INTERVIEW_APP_CACHE_DIR="$scratch/cache"
export HF_HUB_OFFLINE=1 QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
mkdir -p "$scratch/cwd" && cd "$scratch/cwd"

py="$(command -v python3 || command -v python)"  # any Python, for timing and reading JSON
now() { "$py" -c 'import time; print(time.time())'; }
step() {  # step NAME COMMAND...: run, time, and stop at the first failure
  local name="$1"; shift
  local t0; t0=$(now)
  set +e
  "$@" >"$scratch/$name.out" 2>"$scratch/$name.err"
  local status=$?
  set -e
  local seconds; seconds=$("$py" -c "print(f'{$(now) - $t0:.2f}')")
  if [ "$status" -ne 0 ]; then
    echo "smoke: FAIL $name (exit $status, ${seconds} s)" >&2
    tail -n 20 "$scratch/$name.err" >&2
    exit 1
  fi
  echo "smoke: ok   $name (${seconds} s)"
}

expected="$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' "$repo/src/interview_app/__init__.py")"
step version "$exe" --version
grep -qx "interview-app $expected" "$scratch/version.out" ||
  { echo "smoke: FAIL version: got '$(cat "$scratch/version.out")', expected $expected" >&2; exit 1; }
step version-again "$exe" --version  # warm start (files in the page cache)

step model-prepare "$exe" model prepare --quiet

# The English sample recording (the bundled samples are answer_<language>.<audio format>).
sample="$(find "$app" -path '*_content/samples/*' -name 'answer_en.*' \
  \( -name '*.wav' -o -name '*.ogg' -o -name '*.flac' -o -name '*.mp3' -o -name '*.m4a' \) | sort | head -n 1)"
[ -n "$sample" ] || { echo "smoke: FAIL no sample recording inside $app" >&2; exit 1; }
step transcribe "$exe" transcribe "$sample" --lang en --json "$scratch/sample.json"
"$py" - "$scratch/sample.json" <<'PY' || { echo "smoke: FAIL the sample transcript is empty" >&2; exit 1; }
import json, sys
text = json.load(open(sys.argv[1], encoding="utf-8")).get("text", "")
print(f"smoke:      transcript: {text[:70]!r}")
sys.exit(0 if len(text.split()) >= 3 else 1)
PY

step demo "$exe" demo --out "$scratch/demo"
ls "$scratch/demo"/*.html >/dev/null 2>&1 || { echo "smoke: FAIL demo wrote no report" >&2; exit 1; }
echo "smoke: all steps passed ($(du -sh "$app" | cut -f1) unpacked)"
