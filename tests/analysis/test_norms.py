"""The thresholds file: every entry sourced, a site can override values, typos are refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from transcript_kit import make

from interview_app.analysis import NormsError, analyze_answer, load_norms


def test_every_bundled_entry_has_a_value_a_source_and_a_kind() -> None:
    norms = load_norms()
    assert len(norms.ids()) > 60
    for norm_id in norms.ids():
        entry = norms.get(norm_id)
        assert entry.kind in ("S", "J"), norm_id
        assert len(entry.source) > 10, norm_id


def test_a_site_override_changes_the_verdict_and_is_cited(tmp_path: Path) -> None:
    transcript = make("저는 " + "열심히 준비했습니다 " * 20, seconds_per_word=0.25, gap=0.02)
    default = analyze_answer(transcript)
    assert default.pace["verdict"] == "fast"
    site = tmp_path / "cafe.toml"
    site.write_text('[pace.ko]\nfast_above = { value = 2000, source = "시청 카페 상담사 합의 2026" }\n',
                    encoding="utf-8")
    result = analyze_answer(transcript, norms=load_norms(site))
    assert result.pace["verdict"] == "ok"
    assert result.norms["pace.ko.fast_above"] == {"value": 2000, "source": "시청 카페 상담사 합의 2026", "kind": "J"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[pace.ko]\nfast_abov = 400\n", "unknown threshold 'pace.ko.fast_abov'"),
        ("[pace.ko]\nfast_above = \"fast\"\n", "threshold 'pace.ko.fast_above' in"),
        ("[fillers.ko]\nalways = 3\n", "threshold 'fillers.ko.always' in"),
        ("[pace.ko\n", "is not valid TOML"),
    ],
)
def test_bad_site_files_name_the_problem(tmp_path: Path, text: str, message: str) -> None:
    site = tmp_path / "site.toml"
    site.write_text(text, encoding="utf-8")
    with pytest.raises(NormsError, match=message.replace("[", r"\[").replace(".", r"\.")) as caught:
        load_norms(site)
    assert "\n" not in caught.value.message


def test_a_missing_site_file_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(NormsError, match="cannot read the thresholds file"):
        load_norms(tmp_path / "nope.toml")


def test_results_cite_only_known_norms_with_their_sources() -> None:
    result = analyze_answer(make("음 제 강점은 꼼꼼함입니다 <2.0> 감사합니다")).to_dict()
    norms = load_norms()
    assert result["norms"]
    for norm_id, entry in result["norms"].items():
        assert entry["source"] == norms.get(norm_id).source
    for finding in result["findings"]:
        assert set(finding["norms"]) <= set(result["norms"])
