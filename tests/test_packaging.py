"""The wheel carries the bundled content and one version number, and finds its content when installed.

Builds the real wheel with hatchling (no network: --no-build-isolation) and installs it into a
private folder. The frozen app is checked by packaging/smoke_test.sh, outside the suite (too slow).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import interview_app

REPO = Path(__file__).resolve().parents[1]
CONTENT = "interview_app/_content/"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(REPO)],
        check=True, capture_output=True, timeout=120,
    )
    [built] = out.glob("interview_app-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("site")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "-q", "--target", str(target), str(wheel)],
        check=True, capture_output=True, timeout=120,
    )
    return target


def _run_installed(site: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run Python with only the installed copy of interview_app importable (not this checkout's src)."""
    env = {**os.environ, "PYTHONPATH": str(site), "PYTHONSAFEPATH": "1"}
    return subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60)


def test_wheel_ships_banks_templates_samples_and_package_data(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    banks = [n for n in names if re.fullmatch(rf"{CONTENT}question_banks/[^/]+\.toml", n)]
    assert banks, "no question bank in the wheel"
    assert [n for n in names if n.startswith(f"{CONTENT}report_templates/") and not n.endswith(".keep")]
    assert [n for n in names if n.startswith(f"{CONTENT}samples/") and not n.endswith(".keep")]
    assert "interview_app/storage/schema/0001_initial.sql" in names, "the history schema files ship"
    assert not [n for n in names if n.startswith(("tests/", "interview_app/tests/"))]


def test_installed_wheel_finds_its_content_from_another_directory(installed, tmp_path):
    elsewhere = tmp_path / "somewhere else"
    elsewhere.mkdir()
    probe = (
        "import interview_app, pathlib; from interview_app import paths; "
        "print(pathlib.Path(interview_app.__file__).resolve().parent); "
        "[print(paths.content_dir(n).resolve()) for n in ('question_banks', 'report_templates', 'samples')]"
    )
    result = _run_installed(installed, elsewhere, "-c", probe)
    assert result.returncode == 0, result.stderr
    package, *content = [Path(line) for line in result.stdout.splitlines()]
    assert package == (installed / "interview_app").resolve(), "the installed copy was imported, not src/"
    for folder in content:
        assert folder.is_relative_to(package / "_content"), folder
        assert any(folder.iterdir())


def test_version_is_the_same_in_metadata_and_on_the_command_line(wheel, installed, tmp_path):
    metadata = next(n for n in zipfile.ZipFile(wheel).namelist() if n.endswith(".dist-info/METADATA"))
    text = zipfile.ZipFile(wheel).read(metadata).decode()
    [wheel_version] = re.findall(r"^Version: (.+)$", text, re.M)
    assert wheel_version == interview_app.__version__
    assert f"-{wheel_version}-" in wheel.name
    result = _run_installed(installed, tmp_path, "-m", "interview_app", "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"interview-app {wheel_version}"
