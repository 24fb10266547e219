from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest

from interview_app.storage import StorageError
from interview_app.storage.history import PERSON_LABEL_MAX, History, clean_person_label, latest_version, migrations


def _tables(db_path) -> set[str]:
    with closing(sqlite3.connect(db_path)) as db, db:
        return {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def test_an_empty_database_is_migrated_to_the_latest_schema(private_data_dir):
    history = History()
    assert history.db_path == private_data_dir / "history.sqlite3"
    assert latest_version() >= 2
    assert history.schema_version() == latest_version()
    assert {"sessions", "dimension_scores", "notes", "sign_offs"} <= _tables(history.db_path)
    History()  # opening again applies nothing and keeps the version
    assert history.schema_version() == latest_version()


def test_a_version_1_database_is_upgraded_and_keeps_its_sessions(tmp_path):
    db_path = tmp_path / "old.sqlite3"
    version, _name, sql = migrations()[0]
    with closing(sqlite3.connect(db_path)) as db, db:
        db.executescript(f"{sql}\nPRAGMA user_version = {version};")
        db.execute(
            "INSERT INTO sessions (id, created_at, language, mode, bank_id, bank_title, person_label, folder, added_at)"
            " VALUES ('2026-01-05T09-00-00-aaaa', '2026-01-05T09:00:00+09:00', 'ko', 'mock', 'ko-common',"
            " '공통 질문', '김민지', 'sessions/2026-01-05T09-00-00-aaaa', '2026-01-05T09:30:00+09:00')"
        )
        db.execute("INSERT INTO dimension_scores VALUES ('2026-01-05T09-00-00-aaaa', 'delivery', 61)")
        db.execute("INSERT INTO notes VALUES ('2026-01-05T09-00-00-aaaa', 0, '첫 상담', '2026-01-05T10:00:00+09:00')")
    history = History(db_path)
    assert history.schema_version() == latest_version()
    [row] = history.list_sessions()
    assert (row.bank_title, row.person_label, row.dimensions) == ("공통 질문", "김민지", {"delivery": 61.0})
    assert history.get_notes(row.id)["overall"] == "첫 상담"
    history.sign_off(row.id, "박상담")  # the table version 2 added works on the upgraded file
    assert history.get_notes(row.id)["signed_by"] == "박상담"


def test_a_database_from_a_newer_app_is_refused_and_left_untouched(tmp_path):
    db_path = tmp_path / "future.sqlite3"
    with closing(sqlite3.connect(db_path)) as db, db:
        db.execute("CREATE TABLE sessions (id TEXT, something_new BLOB)")
        db.execute(f"PRAGMA user_version = {latest_version() + 1}")
    before = db_path.read_bytes()
    with pytest.raises(StorageError, match="newer Interview Coach") as caught:
        History(db_path)
    assert "update the app" in caught.value.message and "\n" not in caught.value.message
    assert db_path.read_bytes() == before


def test_a_file_that_is_not_a_database_gives_a_clear_message(tmp_path):
    db_path = tmp_path / "history.sqlite3"
    db_path.write_bytes(b"this is not sqlite at all, just text" * 50)
    with pytest.raises(StorageError, match="damaged"):
        History(db_path)


def test_sessions_are_listed_newest_first_with_bank_and_scores(history, save_session):
    save_session(created_at="2026-11-01T10:00:00+09:00", scores={"delivery": 50, "structure": 40})
    save_session(created_at="2026-11-20T10:00:00+09:00", person="이서준", scores={"delivery": 80})
    rows = history.list_sessions()
    assert [r.created_at for r in rows] == ["2026-11-20T10:00:00+09:00", "2026-11-01T10:00:00+09:00"]
    assert rows[1].bank_id == "ko-common" and rows[1].bank_title == "공통 질문"
    assert rows[1].dimensions == {"delivery": 50.0, "structure": 40.0}
    assert [r.person_label for r in history.list_sessions("김민지")] == ["김민지"]


def test_get_merges_notes_and_earlier_sessions_without_touching_the_analysis(history, save_session):
    earlier, _ = save_session(created_at="2026-11-01T10:00:00+09:00", scores={"delivery": 50})
    folder, document = save_session(created_at="2026-11-20T10:00:00+09:00")
    generated = folder.document_path.read_bytes()

    history.set_note(folder.session_id, "결론을 먼저 말하는 연습이 효과가 있었습니다.")
    history.set_note(folder.session_id, "숫자가 좋습니다.", answer_index=2)
    history.sign_off(folder.session_id, "박상담")

    assert folder.document_path.read_bytes() == generated, "notes never go into the generated file"
    shown = history.get_session(folder.session_id)
    assert shown["answers"] == document["answers"]
    assert shown["notes"]["overall"] == "결론을 먼저 말하는 연습이 효과가 있었습니다."
    assert shown["notes"]["answers"] == {"1": "", "2": "숫자가 좋습니다."}
    assert shown["notes"]["signed_by"] == "박상담" and shown["notes"]["signed_at"]
    assert [h["session_id"] for h in shown["history"]] == [earlier.session_id]
    assert shown["history"][0]["dimensions"] == {"delivery": 50.0}


def test_changing_a_note_after_sign_off_withdraws_it(history, save_session):
    folder, _ = save_session()
    history.set_note(folder.session_id, "좋습니다")
    history.sign_off(folder.session_id, "박상담")
    history.set_note(folder.session_id, "좋습니다")  # unchanged: the sign-off stands
    assert history.get_notes(folder.session_id)["signed_by"] == "박상담"
    history.set_note(folder.session_id, "다시 보니 마무리가 약합니다", answer_index=1)
    assert history.get_notes(folder.session_id)["signed_by"] is None
    with pytest.raises(StorageError, match="name"):
        history.sign_off(folder.session_id, "  ")
    with pytest.raises(StorageError, match="start at 1"):
        history.set_note(folder.session_id, "x", answer_index=0)


def test_re_adding_a_reanalysed_session_keeps_its_notes(history, save_session, make_document):
    folder, _ = save_session()
    history.set_note(folder.session_id, "메모")
    history.add_session(make_document(folder.session_id, scores={"delivery": 90}), folder)
    assert history.get_notes(folder.session_id)["overall"] == "메모"
    assert history.list_sessions()[0].dimensions == {"delivery": 90.0}


def test_delete_removes_rows_notes_and_the_folder(history, save_session):
    folder, _ = save_session()
    kept, _ = save_session()
    history.set_note(folder.session_id, "지울 메모")
    history.delete_session(folder.session_id)
    assert not folder.path.exists()
    assert [r.id for r in history.list_sessions()] == [kept.session_id]
    with pytest.raises(StorageError, match="no session"):
        history.get_session(folder.session_id)
    with closing(sqlite3.connect(history.db_path)) as db, db:
        assert db.execute("SELECT count(*) FROM notes").fetchone()[0] == 0
    with pytest.raises(StorageError, match="no session"):
        history.delete_session(folder.session_id)


def test_compare_gives_dimension_deltas_and_metric_changes(history, save_session):
    a, _ = save_session(scores={"delivery": 60, "structure": 50}, fillers_per_min=8.0, conclusion_first=(False, False))
    b, _ = save_session(scores={"delivery": 72, "structure": 45}, fillers_per_min=3.0, conclusion_first=(True, True))
    result = history.compare(a.session_id, b.session_id)
    assert (result.dimension("delivery").delta, result.dimension("structure").delta) == (12.0, -5.0)
    fillers = result.metric("fillers_per_min")
    assert (fillers.a, fillers.b, fillers.delta, fillers.improved) == (8.0, 3.0, -5.0, True)
    assert result.metric("conclusion_first").b == 1.0 and result.metric("conclusion_first").improved
    assert result.metric("pace").unit == "syllables_per_min" and result.metric("pace").delta == 0.0
    assert result.to_dict()["metrics"][0]["id"] == "length_s"


def test_pace_in_different_units_is_not_compared(history, save_session, make_document):
    a, _ = save_session()
    b, document = save_session()
    for answer in document["answers"]:
        answer["analysis"]["pace"] = {"value": 140.0, "unit": "words_per_min", "verdict": "ok"}
    history.store.save_document(b, document)
    pace = history.compare(a.session_id, b.session_id).metric("pace")
    assert pace.comparable is False and pace.delta is None


def test_progress_follows_one_person_over_time(history, save_session):
    save_session(created_at="2026-11-20T10:00:00+09:00", scores={"delivery": 75})
    save_session(created_at="2026-11-02T10:00:00+09:00", scores={"delivery": 55})
    save_session(created_at="2026-11-10T10:00:00+09:00", person="이서준", scores={"delivery": 99})
    points = history.progress("김민지")
    assert [(when, scores["delivery"]) for when, scores in points] == [
        ("2026-11-02T10:00:00+09:00", 55.0),
        ("2026-11-20T10:00:00+09:00", 75.0),
    ]
    assert history.progress("아무도 아님") == []


def test_names_are_tidied_and_listed_most_recent_first(history, save_session):
    save_session(created_at="2026-11-01T10:00:00+09:00", person="  하늘 \n ")
    save_session(created_at="2026-11-20T10:00:00+09:00", person="이서준")
    save_session(created_at="2026-11-05T10:00:00+09:00", person="하늘")
    save_session(created_at="2026-11-06T10:00:00+09:00", person="   ")  # only spaces: no name
    save_session(created_at="2026-11-07T10:00:00+09:00", person="가" * 60)
    assert history.people() == ["이서준", "가" * PERSON_LABEL_MAX, "하늘"]
    assert [row.created_at[:10] for row in history.list_sessions(" 하늘")] == ["2026-11-05", "2026-11-01"]
    assert [row.person_label for row in history.list_sessions()].count(None) == 1
    assert clean_person_label("김\t민지") == "김 민지" and clean_person_label(None) is None


def test_a_failed_upgrade_leaves_the_database_as_it_was(tmp_path, monkeypatch):
    from interview_app.storage import history as history_module

    db_path = tmp_path / "history.sqlite3"
    History(db_path)
    real = history_module.migrations()
    broken = (len(real) + 1, f"{len(real) + 1:04d}_broken.sql",
              "CREATE TABLE half_done (x TEXT);\nINSERT INTO no_such_table VALUES (1);")
    monkeypatch.setattr(history_module, "migrations", lambda: [*real, broken])
    with pytest.raises(StorageError, match="could not be upgraded"):
        History(db_path)
    assert "half_done" not in _tables(db_path)
    with closing(sqlite3.connect(db_path)) as db, db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == len(real)
