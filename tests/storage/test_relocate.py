"""Moving the data folder: everything arrives and opens from the new place, or nothing moves at all."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from datakit import USER_BANK
from interview_app import paths
from interview_app.banks import get_bank
from interview_app.storage import DataFolderError
from interview_app.storage.history import History
from interview_app.storage.relocate import check_move, move_data_folder
from interview_app.storage.sessions import SessionStore
from interview_app.storage.settings import Settings


def _tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def full_data_folder(movable_data_dir, save_session, spoken_wavs):
    """A data folder as a person leaves it after a few weeks: sessions, notes, settings, a bank, a loose recording."""
    first, _ = save_session(created_at="2026-11-01T10:00:00+09:00", person="하늘", scores={"delivery": 50})
    second, _ = save_session(created_at="2026-11-20T10:00:00+09:00", person="하늘", scores={"delivery": 72})
    History().set_note(first.session_id, "두괄식이 좋아졌어요", answer_index=1)
    Settings(ui_language="en", keep_recordings_days=14).save()
    (paths.user_banks_dir() / "cafe.toml").write_text(USER_BANK, encoding="utf-8")
    loose = paths.recordings_dir() / "unfinished.wav"
    shutil.copyfile(spoken_wavs[0], loose)
    ten_days_ago = time.time() - 10 * 86400
    os.utime(loose, (ten_days_ago, ten_days_ago))
    return movable_data_dir, (first.session_id, second.session_id)


@contextlib.contextmanager
def read_only(folder: Path):
    """Make ``folder`` refuse new files, even for root (immutable flag), then undo it."""
    folder.mkdir(parents=True, exist_ok=True)
    root = hasattr(os, "geteuid") and os.geteuid() == 0
    if root:
        made = subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode == 0
    else:
        folder.chmod(0o555)
        made = True
    try:
        probe = folder / "probe"
        try:
            probe.write_bytes(b"")
        except OSError:
            pass
        else:
            probe.unlink()
            made = False
        if not made:
            pytest.skip("this machine cannot make a folder read-only")
        yield folder
    finally:
        if root:
            subprocess.run(["chattr", "-i", str(folder)], capture_output=True)
        else:
            folder.chmod(0o755)


def test_everything_moves_and_opens_from_the_new_place(full_data_folder, tmp_path):
    old, (first_id, second_id) = full_data_folder
    before = _tree(old)
    loose_mtime = (old / "recordings" / "unfinished.wav").stat().st_mtime
    target = tmp_path / "외장 디스크" / "면접 코치"  # a folder that does not exist yet, Korean names

    result = move_data_folder(target)

    assert paths.data_dir() == target.resolve()
    assert result.files == len(before) and result.leftovers == []
    assert _tree(target) == before  # every file, byte for byte
    assert not old.exists()  # the old copy is gone
    # History, notes and the session folders open from the new place.
    history = History()
    assert history.db_path == target.resolve() / "history.sqlite3"
    rows = history.list_sessions()
    assert [row.id for row in rows] == [second_id, first_id]
    assert all(row.folder is not None and row.folder.parent == target.resolve() / "sessions" for row in rows)
    document = history.get_session(first_id)
    assert document["notes"]["answers"]["1"] == "두괄식이 좋아졌어요"
    assert [p.created_at for p in history.progress("하늘")] == ["2026-11-01T10:00:00+09:00",
                                                               "2026-11-20T10:00:00+09:00"]
    assert history.compare(first_id, second_id).dimensions[0].delta == 22
    assert (SessionStore().path_for(second_id) / "answers" / "01.wav").is_file()
    # Settings, the user's bank and the loose recording (with its date, which retention goes by).
    assert Settings.load().keep_recordings_days == 14 and Settings.path().parent == target.resolve()
    assert get_bank("ko-cafe").source == target.resolve() / "question_banks" / "cafe.toml"
    assert (target / "recordings" / "unfinished.wav").stat().st_mtime == pytest.approx(loose_mtime, abs=1)
    # New sessions go to the new place.
    assert SessionStore().create().path.parent == target.resolve() / "sessions"


@pytest.mark.parametrize(
    ("make_target", "english", "korean"),
    [
        (lambda old, tmp: old / "backup", "inside the current data folder", "안에 있습니다"),
        (lambda old, tmp: old, "already the data folder", "이미 지금 쓰는"),
        (lambda old, tmp: old.parent, "contains the current data folder", "들어 있습니다"),
        (lambda old, tmp: _with_files(tmp / "my documents", {"이력서.hwp": b"resume"}), "other files",
         "다른 파일이 들어 있습니다"),
        (lambda old, tmp: _with_files(tmp / "a file", None), "is a file, not a folder", "파일입니다"),
    ],
    ids=["inside", "same", "contains", "not-empty", "a-file"],
)
def test_a_target_that_cannot_take_the_data_is_refused_and_nothing_changes(
        full_data_folder, tmp_path, make_target, english, korean):
    old, _ids = full_data_folder
    before = _tree(old)
    target = make_target(old, tmp_path / "elsewhere")
    a, b = old.resolve(), target.resolve()
    related = a == b or a in b.parents or b in a.parents  # checked through the old folder already
    target_before = _tree(target) if target.is_dir() and not related else None
    with pytest.raises(DataFolderError) as refused:
        move_data_folder(target)
    assert english in refused.value.message and korean in refused.value.message_ko
    assert _tree(old) == before
    assert paths.data_dir() == old.resolve()
    if target_before is not None:
        assert _tree(target) == target_before


def _with_files(folder: Path, files: dict[str, bytes] | None) -> Path:
    if files is None:  # a plain file where a folder was expected
        folder.parent.mkdir(parents=True, exist_ok=True)
        folder.write_bytes(b"not a folder")
        return folder
    folder.mkdir(parents=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


def test_a_folder_that_already_holds_another_history_is_not_merged(full_data_folder, tmp_path, monkeypatch):
    old, _ids = full_data_folder
    other = tmp_path / "someone else"
    # Another person's data folder, made by the app itself.
    monkeypatch.setenv("INTERVIEW_APP_DATA_DIR", str(other))
    folder = SessionStore().create()
    History().add_session({"schema": "interview-app/session/1", "id": folder.session_id, "answers": []}, folder)
    monkeypatch.delenv("INTERVIEW_APP_DATA_DIR")
    other_before = _tree(other)
    with pytest.raises(DataFolderError) as refused:
        move_data_folder(other)
    assert "already holds Interview Coach data" in refused.value.message
    assert "합치지는 않으니" in refused.value.message_ko
    assert _tree(other) == other_before and paths.data_dir() == old.resolve()


def test_an_emptied_former_data_folder_takes_the_data_back(full_data_folder, tmp_path):
    old, (first_id, _second) = full_data_folder
    away = tmp_path / "away"
    move_data_folder(away)
    old.mkdir()
    (old / "sessions").mkdir()  # what an app start leaves in a folder: empty sub-folders
    (old / "recordings").mkdir()
    move_data_folder(old)
    assert paths.data_dir() == old.resolve()
    assert History().get_session(first_id)["person"]["label"] == "하늘"
    assert not away.exists()


def test_a_read_only_target_is_refused(full_data_folder, tmp_path):
    old, _ids = full_data_folder
    before = _tree(old)
    with read_only(tmp_path / "write-protected usb") as target:
        with pytest.raises(DataFolderError) as refused:
            move_data_folder(target / "InterviewCoach")
        assert "read-only" in refused.value.message and "읽기 전용" in refused.value.message_ko
        assert list(target.iterdir()) == []
    assert _tree(old) == before and paths.data_dir() == old.resolve()


def test_a_file_that_disappears_midway_leaves_the_old_folder_in_use(full_data_folder, tmp_path):
    old, (first_id, second_id) = full_data_folder
    target = tmp_path / "new disk" / "InterviewCoach"
    vanishing = old / "sessions" / second_id / "report.html"  # copied late: sessions come in name order
    copied: list[str] = []

    def something_else_deletes_a_file(done: int, total: int, name: str) -> None:
        copied.append(name)
        if done == 1:
            vanishing.unlink()

    before = _tree(old)
    with pytest.raises(DataFolderError) as failed:
        move_data_folder(target, on_progress=something_else_deletes_a_file)
    assert "report.html disappeared" in failed.value.message
    assert "사라짐" in failed.value.message_ko and "계속 사용합니다" in failed.value.message_ko
    assert len(copied) >= 1
    assert not (tmp_path / "new disk").exists()  # the half-made copy, and the folders made for it, are gone
    assert paths.data_dir() == old.resolve()
    assert _tree(old) == {k: v for k, v in before.items() if k != f"sessions/{second_id}/report.html"}
    assert [row.id for row in History().list_sessions()] == [second_id, first_id]
    assert History().get_session(first_id)["notes"]["answers"]["1"] == "두괄식이 좋아졌어요"


@pytest.mark.parametrize("damage", ["truncate", "scramble-database"])
def test_a_copy_that_does_not_match_is_removed_and_nothing_moves(full_data_folder, tmp_path, damage):
    old, (first_id, _second) = full_data_folder
    target = tmp_path / "new"

    def damage_the_copy(done: int, total: int, name: str) -> None:
        if damage == "truncate" and name.endswith("answers/01.wav"):
            with open(target / name, "r+b") as handle:
                handle.truncate(100)
        if damage == "scramble-database" and name == "history.sqlite3":
            size = (target / name).stat().st_size
            (target / name).write_bytes(b"\x00" * size)  # same size, no longer a database

    before = _tree(old)
    with pytest.raises(DataFolderError) as failed:
        move_data_folder(target, on_progress=damage_the_copy)
    reason = "different size" if damage == "truncate" else "history database does not open"
    assert reason in failed.value.message and "복사본이 원래 폴더와 맞지 않음" in failed.value.message_ko
    assert not target.exists()
    assert _tree(old) == before and paths.data_dir() == old.resolve()
    with contextlib.closing(sqlite3.connect(old / "history.sqlite3")) as db:
        assert db.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    assert History().get_session(first_id)["id"] == first_id


def test_a_folder_chosen_by_the_variable_is_not_moved(private_data_dir, tmp_path):
    with pytest.raises(DataFolderError) as refused:
        check_move(tmp_path / "elsewhere")
    assert "INTERVIEW_APP_DATA_DIR" in refused.value.message and "환경 변수" in refused.value.message_ko
    assert not paths.pointer_path().exists()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the default folder is placed with XDG_DATA_HOME")
def test_moving_back_to_the_default_folder_removes_the_pointer(full_data_folder, tmp_path, monkeypatch):
    old, (first_id, _second) = full_data_folder
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    default = paths.default_data_dir()
    assert default == tmp_path / "xdg" / "InterviewCoach"
    move_data_folder(default)
    assert not paths.pointer_path().exists()
    assert paths.data_dir() == default
    assert History().get_session(first_id)["person"]["label"] == "하늘"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the default folder is placed with XDG_DATA_HOME")
def test_a_broken_pointer_falls_back_to_the_default_folder(movable_data_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    paths.pointer_path().write_text("{not json", encoding="utf-8")
    assert paths.data_dir() == paths.default_data_dir()
    paths.set_data_dir_pointer(movable_data_dir)
    assert paths.data_dir() == movable_data_dir.resolve()


def test_the_model_cache_and_the_pointer_stay_where_windows_keeps_them(movable_data_dir, save_session, tmp_path,
                                                                       monkeypatch):
    """On Windows the config folder is the default data folder and the cache is inside it: they do not move."""
    old = movable_data_dir.resolve()
    monkeypatch.setenv("INTERVIEW_APP_CACHE_DIR", str(old / "Cache"))
    (old / "Cache").mkdir()
    (old / "Cache" / "model.bin").write_bytes(b"weights" * 100)
    monkeypatch.setenv("INTERVIEW_APP_CONFIG_DIR", str(old))
    paths.set_data_dir_pointer(old)
    folder, _ = save_session(person="하늘")
    target = tmp_path / "D drive" / "InterviewCoach"

    move_data_folder(target)

    assert paths.pointer_path() == old / "data-folder.json" and paths.data_dir() == target.resolve()
    assert sorted(p.name for p in old.iterdir()) == ["Cache", "data-folder.json"]
    assert (old / "Cache" / "model.bin").stat().st_size == 700
    assert not (target / "Cache").exists() and not (target / "data-folder.json").exists()
    assert History().get_session(folder.session_id)["person"]["label"] == "하늘"
    move_data_folder(old)  # and back: the cache and the pointer there are no obstacle
    assert paths.data_dir() == old and (old / "sessions" / folder.session_id / "session.json").is_file()
