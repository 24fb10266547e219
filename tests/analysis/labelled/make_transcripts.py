"""Turn the labelled answer scripts into transcript fixtures with consistent word timings.

A script is written as Whisper would return it (most fillers gone, some kept, Korean sometimes
run on without punctuation). ``<1.8>`` inserts a 1.8 s silence; a word ending in ``^`` gets a low
probability (Whisper unsure). Each word lasts in proportion to its spoken syllables at the
answer's rate, with short natural gaps, so the pace a consultant would hear is the pace set.

Run:  python tests/analysis/labelled/make_transcripts.py   (rewrites transcripts/*.json)
"""

from __future__ import annotations

import json
import random
import re
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
LEAD_IN_S = 0.9
GAP_S = (0.04, 0.12)


def syllables(word: str, language: str) -> float:
    if language == "ko":
        hangul = len(re.findall(r"[\uac00-\ud7a3]", word))
        digits = len(re.findall(r"\d", word)) * 1.5 + (3 if "%" in word else 0)
        latin = len(re.findall(r"[A-Za-z]", word)) * 0.7
        return max(1.0, hangul + digits + latin)
    return 1.0  # English rate is words per minute


def timings(script: str, language: str, rate_per_min: float, seed: int) -> tuple[list[dict], float]:
    rng = random.Random(seed)
    unit_s = 60.0 / rate_per_min
    words: list[dict] = []
    t = LEAD_IN_S
    tokens = script.split()
    lengths = [len(w.rstrip("^")) for w in tokens if not w.startswith("<")]
    mean_weight = sum(0.5 + n / 8 for n in lengths) / max(1, len(lengths))
    for raw in tokens:
        pause = re.fullmatch(r"<(\d+(?:\.\d+)?)>", raw)
        if pause:
            t += float(pause.group(1))
            continue
        low = raw.endswith("^")
        text = raw.rstrip("^")
        gap = rng.uniform(*GAP_S)
        span = syllables(text, language) * unit_s
        if language == "en":
            span *= (0.5 + len(text) / 8) / mean_weight  # longer words take longer, same average rate
        duration = max(0.12, span - gap)
        words.append({"word": " " + text, "start": round(t, 3), "end": round(t + duration, 3),
                      "probability": 0.31 if low else round(rng.uniform(0.82, 0.99), 3)})
        t += duration + gap
    return words, round(t + 0.6, 3)


def main() -> None:
    data = tomllib.loads((HERE / "answers.toml").read_text(encoding="utf-8"))
    out_dir = HERE / "transcripts"
    out_dir.mkdir(exist_ok=True)
    for seed, answer in enumerate(data["answer"]):
        words, duration = timings(answer["script"], answer["language"], answer["rate"], seed)
        transcript = {"language": answer["language"], "question": answer["question"], "duration_s": duration,
                      "words": words}
        for extra in ("key_points", "keywords"):
            if extra in answer:
                transcript[extra] = answer[extra]
        (out_dir / f"{answer['id']}.json").write_text(
            json.dumps(transcript, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
