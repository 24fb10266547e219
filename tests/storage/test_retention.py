from __future__ import annotations

import os
import time

from interview_app import paths
from interview_app.storage.retention import purge_recordings_older_than, wipe_all_sessions, wipe_session
from interview_app.storage.settings import Settings

DAY = 86_400
WIPED_ANSWER = "저는 물류센터에서 재고 오차를 12퍼센트 줄인 경험이 있습니다."


def _age(path, days: float) -> None:
    when = time.time() - days * DAY
    os.utime(path, (when, when))


def _files_mentioning(root, needles: list[bytes]):
    """Every file under ``root`` whose name or bytes contain a needle."""
    hits = []
    for directory, _dirs, files in os.walk(root):
        for name in files:
            path = os.path.join(directory, name)
            with open(path, "rb") as handle:
                data = handle.read()
            if any(n in data or n in name.encode() for n in needles):
                hits.append(path)
    return hits


def test_recordings_older_than_the_setting_are_deleted_and_the_analysis_kept(history, save_session):
    old, document = save_session()
    new, _ = save_session()
    for index in (1, 2):
        _age(old.audio_path(index), 31)
        _age(new.audio_path(index), 29)
    loose_old = paths.recordings_dir() / "unfinished-take.wav.part"
    loose_old.write_bytes(b"RIFF....")
    _age(loose_old, 40)

    result = purge_recordings_older_than(30)

    assert set(result.removed) == {old.audio_path(1), old.audio_path(2), loose_old}
    assert result.freed_bytes > 0
    assert new.audio_path(1).exists() and new.audio_path(2).exists()
    shown = history.get_session(old.session_id)
    assert [a["audio"] for a in shown["answers"]] == [None, None]
    assert shown["answers"][0]["analysis"] == document["answers"][0]["analysis"]
    assert purge_recordings_older_than(0).removed == [], "0 days keeps recordings forever"


def test_kiosk_wipe_leaves_nothing_of_the_session_under_the_data_dir(history, save_session, private_data_dir):
    folder, _ = save_session(person="kiosk-guest", texts=(WIPED_ANSWER, "두 번째 답변도 키오스크에서 연습했습니다."))
    other, _ = save_session(person="다른 사람")
    session_id = folder.session_id
    history.set_note(session_id, "상담 메모: 면접 불안이 큼")
    stray = paths.recordings_dir() / f"{session_id}-03.wav.part"
    stray.write_bytes(b"RIFF unfinished")
    (private_data_dir / "print").mkdir()
    (private_data_dir / "print" / f"report-{session_id}.html").write_text("copy", encoding="utf-8")
    log_file = paths.log_dir() / "interview-app.log"
    log_file.write_text(f"10:00 INFO saved {session_id}\n10:01 INFO unrelated line\n", encoding="utf-8")

    needles = [session_id.encode(), WIPED_ANSWER.encode(), "면접 불안이 큼".encode()]
    assert len(_files_mentioning(private_data_dir, needles)) >= 5, "the scan sees the session before the wipe"
    assert history.db_path.read_bytes().count(session_id.encode()) > 0

    report = wipe_session(session_id, history=history)

    assert report.clean, report.leftovers
    assert "삭제" in report.message("ko")
    assert _files_mentioning(private_data_dir, needles) == []
    assert not stray.exists() and not folder.path.exists()
    assert "unrelated line" in log_file.read_text(encoding="utf-8")
    assert [r.id for r in history.list_sessions()] == [other.session_id]
    assert other.audio_path(1).exists()


def test_wipe_reports_leftovers_it_cannot_explain(history, save_session, private_data_dir):
    folder, _ = save_session(texts=("이 문장은 오직 이 세션의 전사에만 나오는 문장입니다.",))
    elsewhere = private_data_dir / "notes-backup.txt"
    elsewhere.write_text("이 문장은 오직 이 세션의 전사에만 나오는 문장입니다.", encoding="utf-8")
    report = wipe_session(folder.session_id, history=history)
    assert not report.clean and report.leftovers == (elsewhere,)
    assert "담당자" in report.message("ko")


def test_kiosk_start_up_clears_a_previous_person_after_a_power_cut(history, save_session, store, private_data_dir):
    finished, _ = save_session(texts=("전원이 나가기 전 사람의 첫 번째 답변 내용입니다.",))
    half_done = store.create()  # recording had started, nothing saved yet
    half_done.audio_path(1).write_bytes(b"RIFF partial")
    (paths.recordings_dir() / "take.wav.part").write_bytes(b"RIFF partial")
    Settings(kiosk_mode=True).save()

    report = wipe_all_sessions(history=history)

    assert report.clean, report.leftovers
    assert set(report.session_ids) == {finished.session_id, half_done.session_id}
    assert history.list_sessions() == []
    assert list(store.root.iterdir()) == [] and list(paths.recordings_dir().iterdir()) == []
    needles = [finished.session_id.encode(), half_done.session_id.encode(),
               "전원이 나가기 전 사람의".encode()]
    assert _files_mentioning(private_data_dir, needles) == []
    assert Settings.load().kiosk_mode is True, "the café's settings survive"


def test_kiosk_start_up_on_a_clean_machine_with_a_log_file(history):
    log_file = paths.log_dir() / "interview-app.log"
    log_file.write_text("2026-11-22 05:08:59 INFO interview_app.cli: gui started\n", encoding="utf-8")

    report = wipe_all_sessions(history=history)  # nothing to wipe; the log is read and left alone

    assert report.clean and report.session_ids == ()
    assert log_file.read_text(encoding="utf-8").endswith("gui started\n")
