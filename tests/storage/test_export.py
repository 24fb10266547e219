from __future__ import annotations

import json
import os
import zipfile

import pytest

from interview_app.storage import StorageError, export
from interview_app.storage.export import export_zip, import_zip
from interview_app.storage.history import History
from interview_app.storage.sessions import SessionStore


@pytest.fixture
def other_machine(tmp_path):
    """The consultant's computer: its own data folder."""
    store = SessionStore(tmp_path / "consultant" / "sessions")
    return History(tmp_path / "consultant" / "history.sqlite3", store=store)


def test_export_then_import_on_another_machine_keeps_audio_report_and_notes(history, save_session, tmp_path,
                                                                             other_machine):
    folder, document = save_session()
    history.set_note(folder.session_id, "전반적으로 좋습니다", answer_index=None)
    history.set_note(folder.session_id, "숫자를 더 넣어 보세요", answer_index=1)
    history.sign_off(folder.session_id, "박상담")
    out = export_zip(folder.session_id, tmp_path / "usb" / "세션.zip", history=history)

    with zipfile.ZipFile(out) as archive:
        names = set(archive.namelist())
        exported = json.loads(archive.read("session.json"))
    assert names == {"session.json", "report.html", "answers/01.wav", "answers/02.wav"}
    assert exported["notes"]["overall"] == "전반적으로 좋습니다"

    session_id = import_zip(out, history=other_machine)
    assert session_id == folder.session_id
    copy = other_machine.store.folder(session_id)
    for index in (1, 2):
        assert copy.audio_path(index).read_bytes() == folder.audio_path(index).read_bytes()
    assert copy.report_path.read_text(encoding="utf-8") == folder.report_path.read_text(encoding="utf-8")
    shown = other_machine.get_session(session_id)
    assert shown["answers"] == document["answers"]
    assert shown["notes"]["answers"]["1"] == "숫자를 더 넣어 보세요"
    assert shown["notes"]["signed_by"] == "박상담"
    assert "notes" not in json.loads(copy.document_path.read_text(encoding="utf-8"))


def test_export_without_audio_leaves_the_recordings_out(history, save_session, tmp_path):
    folder, _ = save_session()
    history.set_note(folder.session_id, "폴더로 내보내도 메모가 함께 갑니다")
    out = export_zip(folder.path, tmp_path / "no-audio.zip", include_audio=False, history=history)
    with zipfile.ZipFile(out) as archive:
        assert not [n for n in archive.namelist() if n.endswith(".wav")]
        exported = json.loads(archive.read("session.json"))
    assert all(a["audio"] is None for a in exported["answers"])
    assert exported["notes"]["overall"] == "폴더로 내보내도 메모가 함께 갑니다"


def test_importing_the_same_session_twice_is_refused_unless_replacing(history, save_session, tmp_path, other_machine):
    folder, _ = save_session()
    out = export_zip(folder.session_id, tmp_path / "s.zip", history=history)
    import_zip(out, history=other_machine)
    with pytest.raises(StorageError, match="already here"):
        import_zip(out, history=other_machine)
    other_machine.set_note(folder.session_id, "덮어쓸 메모")
    assert import_zip(out, history=other_machine, replace=True) == folder.session_id
    assert other_machine.get_notes(folder.session_id)["overall"] == ""


def _zip_with(path, members: dict[str, bytes]):
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


@pytest.mark.parametrize("evil", ["../../escaped.txt", "/etc/escaped.txt", "answers/../../escaped.wav",
                                  "C:/escaped.txt", "..\\escaped.txt"])
def test_zip_slip_is_refused_and_nothing_is_written(make_document, tmp_path, other_machine, evil):
    document = json.dumps(make_document("2026-11-22T10-15-03-evil")).encode()
    bad = _zip_with(tmp_path / "evil.zip", {"session.json": document, evil: b"gotcha"})
    with pytest.raises(StorageError, match="unsafe path"):
        import_zip(bad, history=other_machine)
    assert not list(tmp_path.rglob("escaped*"))
    assert list(other_machine.store.root.iterdir()) == []
    assert other_machine.list_sessions() == []


def test_an_oversize_member_is_refused(make_document, tmp_path, other_machine, monkeypatch):
    monkeypatch.setitem(export.MAX_MEMBER_BYTES, "audio", 1000)
    document = json.dumps(make_document("2026-11-22T10-15-03-big0")).encode()
    bad = _zip_with(tmp_path / "big.zip", {"session.json": document, "answers/01.wav": b"\0" * 5000})
    with pytest.raises(StorageError, match="more than the"):
        import_zip(bad, history=other_machine)
    assert list(other_machine.store.root.iterdir()) == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"PK\x03\x04 this zip was cut short by a pulled USB drive", "not a zip file or is damaged"),
        (None, "has no session.json"),
        (b"{not json", "not valid JSON"),
        (json.dumps({"schema": "interview-app/session/7", "id": "x", "answers": []}).encode(), "update Interview"),
    ],
)
def test_broken_zips_give_one_line_messages(tmp_path, other_machine, content, message):
    path = tmp_path / "broken.zip"
    if content is None:
        _zip_with(path, {"notes.txt": b"hello"})
    elif content.startswith(b"PK"):
        path.write_bytes(content)
    else:
        _zip_with(path, {"session.json": content})
    with pytest.raises(StorageError, match=message) as caught:
        import_zip(path, history=other_machine)
    assert "\n" not in caught.value.message
    assert list(other_machine.store.root.iterdir()) == []


def test_export_to_a_place_that_cannot_be_written_says_so_and_leaves_no_partial_zip(history, save_session, tmp_path):
    folder, _ = save_session()
    not_a_folder = tmp_path / "usb"
    not_a_folder.write_text("a file where a folder should be", encoding="utf-8")
    with pytest.raises(StorageError, match="cannot write") as caught:
        export_zip(folder.session_id, not_a_folder / "s.zip", history=history)
    assert caught.value.exit_code == 6 and "\n" not in caught.value.message
    assert [p.name for p in tmp_path.iterdir()] == ["usb"]


def test_a_zip_can_be_looked_into_before_importing(history, save_session, tmp_path, other_machine):
    folder, document = save_session()
    history.set_note(folder.session_id, "미리 보기 메모")
    out = export_zip(folder.session_id, tmp_path / "s.zip", history=history)
    inside = export.read_zip_document(out)
    assert inside["id"] == folder.session_id and inside["notes"]["overall"] == "미리 보기 메모"
    assert other_machine.list_sessions() == [], "looking imports nothing"
    assert list(other_machine.store.root.iterdir()) == []


def test_a_staging_folder_left_by_a_cut_short_import_is_cleared_on_the_next_import(history, save_session, tmp_path,
                                                                                   other_machine):
    folder, _ = save_session()
    out = export_zip(folder.session_id, tmp_path / "s.zip", history=history)
    stale = other_machine.store.root / ".import-crashed"
    (stale / "answers").mkdir(parents=True)
    (stale / "answers" / "01.wav").write_bytes(b"RIFF half an answer")
    os.utime(stale, (0, 0))
    import_zip(out, history=other_machine)
    assert not stale.exists()
