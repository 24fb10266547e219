from __future__ import annotations

import json

import pytest

from interview_app.storage import StorageError


def test_a_new_session_gets_its_own_folder_under_the_data_dir(store, private_data_dir):
    first = store.create()
    second = store.create()
    assert first.session_id != second.session_id
    assert first.path.parent == private_data_dir / "sessions"
    assert first.answers_dir.is_dir() and first.transcripts_dir.is_dir()
    assert first.audio_path(3).relative_to(first.path).as_posix() == "answers/03.wav"


def test_saved_document_round_trips_with_relative_audio_and_no_notes(store, make_document):
    folder = store.create("2026-11-22T10-15-03-abcd")
    document = make_document(folder.session_id)
    document["answers"][0]["audio"] = str(folder.audio_path(1))  # an absolute path inside the folder
    document["notes"] = {"overall": "consultant text", "answers": {}, "signed_by": None, "signed_at": None}
    store.save_document(folder, document)
    loaded = store.load_document(folder.session_id)
    assert loaded["answers"][0]["audio"] == "answers/01.wav"
    assert loaded["answers"][1]["analysis"] == document["answers"][1]["analysis"]
    assert "notes" not in json.loads(folder.document_path.read_text(encoding="utf-8"))
    assert not list(folder.path.glob(".*.part")), "no temporary file is left behind"


def test_a_recording_outside_the_folder_is_refused(store, make_document, tmp_path):
    folder = store.create()
    document = make_document(folder.session_id)
    document["answers"][0]["audio"] = "../other/01.wav"
    with pytest.raises(StorageError, match="leaves the session folder"):
        store.save_document(folder, document)
    document["answers"][0]["audio"] = str(tmp_path / "elsewhere.wav")
    with pytest.raises(StorageError, match="outside the session folder"):
        store.save_document(folder, document)
    assert not folder.document_path.exists()


@pytest.mark.parametrize("bad_id", ["../escape", "a/b", "", ".hidden", "x" * 101, "CON", "nul.txt", "trailing."])
def test_unsafe_session_ids_are_refused(store, bad_id):
    with pytest.raises(StorageError, match="not a valid session id"):
        store.create(bad_id)


def test_unknown_schema_and_damaged_file_give_one_line_messages(store, make_document):
    folder = store.create()
    document = make_document(folder.session_id)
    document["schema"] = "interview-app/session/9"
    with pytest.raises(StorageError, match="update Interview Coach"):
        store.save_document(folder, document)
    folder.document_path.write_text("{broken", encoding="utf-8")
    with pytest.raises(StorageError, match="damaged") as caught:
        store.load_document(folder.session_id)
    assert "\n" not in str(caught.value)
    with pytest.raises(StorageError, match="missing"):
        store.load_document("2020-01-01T00-00-00-0000")
