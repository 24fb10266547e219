"""Every string the interface shows, in Korean and English, through one mechanism.

``tr("start.title")`` looks a message id up in :data:`MESSAGES` for the current interface
language; ``{name}`` placeholders are filled from keyword arguments. A test checks that every id
has both languages and the same placeholders in each.
"""

from __future__ import annotations

LANGUAGES = ("ko", "en")

_current = "ko"

MESSAGES: dict[str, dict[str, str]] = {
    # Application
    "app.title": {"ko": "면접 코치", "en": "Interview Coach"},
    "app.loading_model": {"ko": "음성 인식 모델을 준비하는 중…", "en": "Preparing the speech model…"},
    "app.model_ready": {"ko": "음성 인식 준비 완료", "en": "Speech recognition ready"},
    "app.model_failed": {"ko": "음성 인식 모델을 불러오지 못했습니다: {error}",
                         "en": "The speech model could not be loaded: {error}"},
    "app.not_available": {"ko": "이 기능은 아직 설치되지 않았습니다: {what}",
                          "en": "This part is not installed yet: {what}"},
    "common.back": {"ko": "처음으로", "en": "Back to start"},
    "common.cancel": {"ko": "취소", "en": "Cancel"},
    "common.ok": {"ko": "확인", "en": "OK"},
    "common.save": {"ko": "저장", "en": "Save"},
    "common.error": {"ko": "문제가 생겼습니다", "en": "Something went wrong"},
    # Start screen
    "start.title": {"ko": "면접 연습을 시작해 볼까요?", "en": "Ready to practise an interview?"},
    "start.subtitle": {"ko": "질문을 듣고 소리 내어 답하면, 답변의 구조와 말하기를 분석해 드립니다.",
                       "en": "Answer each question aloud; you get feedback on how your answers are built "
                             "and how you say them."},
    "start.language": {"ko": "언어", "en": "Language"},
    "start.person": {"ko": "이름 또는 별명 (선택)", "en": "Name or nickname (optional)"},
    "start.person_placeholder": {"ko": "비워 두어도 됩니다", "en": "You may leave this empty"},
    "start.person_hint": {"ko": "이 컴퓨터에서 내 기록끼리 묶어 변화 추이를 보여 주는 데만 씁니다.",
                          "en": "Only used to group your own sessions on this computer, to show your progress."},
    "start.bank": {"ko": "직무 / 질문 세트", "en": "Job family / question set"},
    "start.no_banks": {"ko": "질문 세트가 없습니다", "en": "No question sets found"},
    "start.count": {"ko": "질문 수", "en": "Questions"},
    "start.random": {"ko": "무작위로 뽑기", "en": "Random draw"},
    "start.mode": {"ko": "방식", "en": "Mode"},
    "start.mode_mock": {"ko": "모의 면접 (AI 면접처럼 시간 제한, 다시 하기 없음)",
                        "en": "Mock interview (timed like an AI interview booth, no retries)"},
    "start.mode_practice": {"ko": "연습 (시간 제한 없음, 답변마다 다시 하기와 바로 피드백)",
                            "en": "Practice (no time pressure, retry any answer, feedback after each)"},
    "start.read_aloud": {"ko": "질문 읽어 주기", "en": "Read questions aloud"},
    "start.read_aloud_checking": {"ko": "질문을 읽어 줄 음성을 확인하는 중입니다…",
                                  "en": "Checking for a voice to read the questions…"},
    "start.read_aloud_no_engine": {"ko": "이 컴퓨터에는 음성 합성 엔진이 없어 질문을 읽어 줄 수 없습니다.",
                                   "en": "This computer has no speech engine, so questions cannot be read aloud."},
    "start.read_aloud_no_voice": {"ko": "이 컴퓨터에는 {language} 음성이 없어 질문을 읽어 줄 수 없습니다.",
                                  "en": "This computer has no {language} voice, so questions cannot be read aloud."},
    "start.begin": {"ko": "면접 시작", "en": "Start interview"},
    "start.mic_check": {"ko": "마이크 확인", "en": "Check microphone"},
    "start.history": {"ko": "지난 기록", "en": "History"},
    "start.settings": {"ko": "설정", "en": "Settings"},
    "start.consultant": {"ko": "상담사 모드", "en": "Consultant mode"},
    "start.import_audio": {"ko": "녹음 파일로 답하기", "en": "Answer from audio files"},
    # Microphone check
    "mic.title": {"ko": "마이크 확인", "en": "Microphone check"},
    "mic.instructions": {"ko": "‘테스트 시작’을 누르고 “안녕하세요, 저는 면접을 준비하고 있습니다”라고 "
                               "평소 목소리로 말해 보세요.",
                         "en": "Press ‘Start test’ and say “Hello, I am preparing for an interview” "
                               "in your normal voice."},
    "mic.device": {"ko": "마이크: {name}", "en": "Microphone: {name}"},
    "mic.default_device": {"ko": "시스템 기본 마이크", "en": "System default microphone"},
    "mic.start": {"ko": "테스트 시작", "en": "Start test"},
    "mic.first_launch": {"ko": "처음 실행하셨네요. {seconds}초 뒤 마이크 확인이 저절로 시작됩니다.",
                         "en": "First launch: the microphone check starts by itself in {seconds} seconds."},
    "mic.stop": {"ko": "테스트 끝", "en": "Stop test"},
    "mic.listening": {"ko": "듣고 있어요… 말해 보세요", "en": "Listening… please speak"},
    "mic.ok": {"ko": "소리가 잘 들립니다. 면접을 시작해도 좋아요.", "en": "Your voice comes through well. "
                                                              "You are ready to start."},
    "mic.too_quiet": {"ko": "소리가 너무 작습니다. 마이크에 더 가까이 말하거나 입력 음량을 올려 주세요.",
                      "en": "Too quiet. Speak closer to the microphone or raise the input volume."},
    "mic.clipping": {"ko": "소리가 너무 커서 찌그러집니다. 마이크에서 조금 떨어지거나 입력 음량을 낮춰 주세요.",
                     "en": "Too loud: the sound distorts. Move back a little or lower the input volume."},
    "mic.failed": {"ko": "마이크를 열 수 없습니다: {error}", "en": "The microphone could not be opened: {error}"},
    "mic.done": {"ko": "완료", "en": "Done"},
    # Interview screen
    "interview.question_n": {"ko": "질문 {n} / {total}", "en": "Question {n} of {total}"},
    "interview.prep": {"ko": "생각할 시간", "en": "Preparation"},
    "interview.reading": {"ko": "질문을 읽어 주는 중… 끝나면 생각할 시간이 시작됩니다",
                          "en": "Reading the question aloud… the preparation starts after it"},
    "interview.answer": {"ko": "답변 중", "en": "Answering"},
    "interview.ready": {"ko": "준비되면 스페이스 키나 ‘답변 시작’을 누르세요",
                        "en": "Press Space or ‘Start answer’ when you are ready"},
    "interview.start_answer": {"ko": "답변 시작 (스페이스)", "en": "Start answer (Space)"},
    "interview.done": {"ko": "답변 끝 (스페이스)", "en": "Done (Space)"},
    "interview.use_file": {"ko": "녹음 파일로 답하기", "en": "Answer with an audio file"},
    "interview.choose_file": {"ko": "답변 녹음 파일 고르기", "en": "Choose the answer's recording"},
    "interview.audio_files": {"ko": "오디오 파일 (*.wav *.flac *.mp3 *.m4a *.ogg)",
                              "en": "Audio files (*.wav *.flac *.mp3 *.m4a *.ogg)"},
    "interview.recording": {"ko": "● 녹음 중", "en": "● Recording"},
    "interview.not_recording": {"ko": "녹음 대기", "en": "Not recording"},
    "interview.elapsed": {"ko": "경과 {time}", "en": "Elapsed {time}"},
    "interview.remaining": {"ko": "남은 시간 {time}", "en": "Remaining {time}"},
    "interview.paused": {"ko": "일시정지했습니다. 계속할까요?", "en": "Paused. Continue?"},
    "interview.resume": {"ko": "계속하기", "en": "Continue"},
    "interview.quit": {"ko": "면접 그만두기", "en": "End the interview"},
    "interview.quit_confirm": {"ko": "정말 그만둘까요? 지금까지의 답변은 저장되지 않습니다.",
                               "en": "End now? The answers so far will not be kept."},
    "interview.quit_yes": {"ko": "네, 그만둘게요", "en": "Yes, end it"},
    "interview.keys": {"ko": "스페이스: 시작/끝 · Esc: 일시정지", "en": "Space: start/stop · Esc: pause"},
    "interview.background": {"ko": "이전 답변 분석 중… {done}/{total}",
                             "en": "Analysing earlier answers… {done}/{total}"},
    "warn.too_quiet": {"ko": "목소리가 잘 안 들려요. 조금 더 크게 말해 주세요.",
                       "en": "We can hardly hear you. Please speak a little louder."},
    "warn.clipping": {"ko": "소리가 너무 커요. 마이크에서 조금 떨어져 주세요.",
                      "en": "Too loud. Move back from the microphone a little."},
    "warn.dead_input": {"ko": "마이크에서 소리가 들어오지 않아요. 연결을 확인해 주세요.",
                        "en": "No sound is coming from the microphone. Check that it is connected."},
    "warn.device_lost": {"ko": "마이크 연결이 끊겼어요. 다시 연결한 뒤 계속하세요.",
                         "en": "The microphone was disconnected. Plug it back in and continue."},
    "warn.overflow": {"ko": "컴퓨터가 바빠 소리 일부를 놓쳤어요.",
                      "en": "The computer was busy and missed a bit of sound."},
    "warn.write_failed": {"ko": "녹음 파일을 저장하지 못하고 있어요. 담당자에게 알려 주세요.",
                          "en": "The recording cannot be saved. Please tell a staff member."},
    "warn.other": {"ko": "녹음 문제: {message}", "en": "Recording problem: {message}"},
    # Practice feedback
    "feedback.title": {"ko": "방금 답변 피드백", "en": "Feedback on this answer"},
    "feedback.waiting": {"ko": "답변을 분석하는 중…", "en": "Analysing your answer…"},
    "feedback.transcript": {"ko": "들린 내용", "en": "What we heard"},
    "feedback.empty": {"ko": "말소리를 알아듣지 못했어요. 다시 해 보세요.", "en": "We could not make out any speech. "
                                                                     "Try again."},
    "feedback.retry": {"ko": "다시 답하기", "en": "Try again"},
    "feedback.next": {"ko": "다음 질문", "en": "Next question"},
    "feedback.finish": {"ko": "결과 보기", "en": "See the report"},
    # Processing
    "processing.title": {"ko": "리포트를 만드는 중입니다", "en": "Preparing your report"},
    "processing.transcribing": {"ko": "답변 {n} 받아쓰는 중", "en": "Transcribing answer {n}"},
    "processing.analysing": {"ko": "답변 {n} 분석 중", "en": "Analysing answer {n}"},
    "processing.report": {"ko": "리포트 작성 중", "en": "Writing the report"},
    "processing.no_answers": {"ko": "알아들을 수 있는 답변이 없어 리포트를 만들 수 없습니다. "
                                    "마이크를 확인하고 다시 해 보세요.",
                              "en": "No answer could be made out, so there is no report. Check the microphone "
                                    "and try again."},
    "processing.failed": {"ko": "리포트를 만들지 못했습니다: {error}", "en": "The report could not be made: {error}"},
    # Results
    "results.title": {"ko": "면접 결과", "en": "Your interview report"},
    "results.open_browser": {"ko": "브라우저로 열기", "en": "Open in browser"},
    "results.save_html": {"ko": "HTML로 저장", "en": "Save as HTML"},
    "results.save_pdf": {"ko": "PDF로 저장", "en": "Save as PDF"},
    "results.save_zip": {"ko": "상담용 묶음(zip) 저장", "en": "Export for a consultant (zip)"},
    "results.print": {"ko": "인쇄", "en": "Print"},
    "results.play": {"ko": "답변 {n} 듣기", "en": "Play answer {n}"},
    "results.stop": {"ko": "멈춤", "en": "Stop"},
    "results.finish": {"ko": "마치기", "en": "Finish"},
    "results.saved": {"ko": "저장했습니다: {path}", "en": "Saved: {path}"},
    "results.save_failed": {"ko": "저장하지 못했습니다: {error}", "en": "Could not save: {error}"},
    "results.no_drive": {"ko": "USB 메모리가 보이지 않습니다. USB 메모리를 꽂은 뒤 다시 눌러 주세요.",
                         "en": "No USB drive found. Plug one in, then press the button again."},
    "results.choose_drive": {"ko": "어느 USB 메모리에 저장할까요?", "en": "Save to which USB drive?"},
    "results.kiosk_notice": {"ko": "‘마치기’를 누르면 이 컴퓨터에서 녹음과 리포트가 모두 지워집니다. "
                                   "먼저 인쇄하거나 USB에 저장하세요.",
                             "en": "‘Finish’ deletes your recordings and report from this computer. "
                                   "Print it or save it to a USB drive first."},
    # History
    "history.title": {"ko": "지난 기록", "en": "History"},
    "history.date": {"ko": "날짜", "en": "Date"},
    "history.person": {"ko": "이름", "en": "Name"},
    "history.filter": {"ko": "누구의 기록", "en": "Whose sessions"},
    "history.filter_all": {"ko": "모두", "en": "Everyone"},
    "history.filter_unnamed": {"ko": "이름 없는 기록", "en": "Sessions without a name"},
    "history.progress_of": {"ko": "변화 추이: {name}", "en": "Progress over time: {name}"},
    "history.progress_none": {"ko": "변화를 보여 줄 기록이 없습니다. 위에서 사람을 고르거나 "
                                    "이름이 있는 기록을 고르세요.",
                              "en": "No sessions to show. Pick a person above, or select a session with a name."},
    "history.bank": {"ko": "질문 세트", "en": "Question set"},
    "history.mode": {"ko": "방식", "en": "Mode"},
    "history.open": {"ko": "열기", "en": "Open"},
    "history.delete": {"ko": "삭제", "en": "Delete"},
    "history.delete_confirm": {"ko": "이 기록을 지울까요? 녹음과 리포트가 함께 지워집니다.",
                               "en": "Delete this session? Its recordings and report go too."},
    "history.compare": {"ko": "두 기록 비교", "en": "Compare two"},
    "history.compare_hint": {"ko": "비교할 기록 두 개를 고르세요.", "en": "Select two sessions to compare."},
    "history.progress": {"ko": "변화 추이", "en": "Progress over time"},
    "history.empty": {"ko": "아직 기록이 없습니다.", "en": "No sessions yet."},
    "history.change": {"ko": "변화", "en": "Change"},
    "dimension.delivery": {"ko": "전달력", "en": "Delivery"},
    "dimension.structure": {"ko": "구조", "en": "Structure"},
    "dimension.content": {"ko": "내용", "en": "Content"},
    "dimension.language": {"ko": "언어 표현", "en": "Language"},
    "mode.mock": {"ko": "모의 면접", "en": "Mock interview"},
    "mode.practice": {"ko": "연습", "en": "Practice"},
    # Consultant
    "consultant.title": {"ko": "상담사 모드", "en": "Consultant mode"},
    "consultant.open_zip": {"ko": "내보낸 묶음(zip) 열기", "en": "Open an exported zip"},
    "consultant.open_history": {"ko": "기록에서 열기", "en": "Open from history"},
    "consultant.answer_note": {"ko": "답변 {n} 메모", "en": "Note on answer {n}"},
    "consultant.overall": {"ko": "종합 의견", "en": "Overall notes"},
    "consultant.signer": {"ko": "상담사 이름", "en": "Consultant's name"},
    "consultant.sign": {"ko": "서명하고 저장", "en": "Sign off and save"},
    "consultant.signed": {"ko": "{name} 님이 {when}에 서명함", "en": "Signed by {name} on {when}"},
    "consultant.export": {"ko": "메모 포함 리포트 내보내기", "en": "Re-export with notes"},
    "consultant.none": {"ko": "열린 기록이 없습니다.", "en": "No session is open."},
    "consultant.saved": {"ko": "메모를 저장했습니다.", "en": "Notes saved."},
    # Settings
    "settings.title": {"ko": "설정", "en": "Settings"},
    "settings.microphone": {"ko": "마이크", "en": "Microphone"},
    "settings.model": {"ko": "음성 인식 모델", "en": "Speech model"},
    "settings.model_base": {"ko": "기본 (다국어 base, 내장)", "en": "Default (multilingual base, bundled)"},
    "settings.model_tiny": {"ko": "영어 전용 tiny.en (내장, 빠름)", "en": "English-only tiny.en (bundled, fast)"},
    "settings.model_folder": {"ko": "내 컴퓨터의 모델 폴더…", "en": "A model folder on this computer…"},
    "settings.model_download": {"ko": "모델 내려받기 (인터넷 필요)", "en": "Download a model (needs internet)"},
    "settings.ui_language": {"ko": "화면 언어", "en": "Interface language"},
    "settings.answer_language": {"ko": "답변 언어", "en": "Answer language"},
    "settings.data_folder": {"ko": "데이터 폴더", "en": "Data folder"},
    "settings.open_folder": {"ko": "폴더 열기", "en": "Open folder"},
    "settings.change_folder": {"ko": "바꾸기…", "en": "Change…"},
    "settings.choose_folder": {"ko": "새 데이터 폴더 고르기", "en": "Choose the new data folder"},
    "settings.move_title": {"ko": "데이터 폴더 옮기기", "en": "Move the data folder"},
    "settings.move_confirm": {"ko": "모든 기록, 녹음, 설정, 내 질문 세트를 {path}(으)로 옮길까요? "
                                    "복사본을 확인한 뒤에만 지금 폴더의 내용을 지웁니다.",
                              "en": "Move every session, recording, setting and your own question sets to {path}? "
                                    "The current folder's contents are deleted only after the copy is checked."},
    "settings.moving": {"ko": "데이터 폴더를 옮기는 중입니다… 끝날 때까지 기다려 주세요.",
                        "en": "Moving the data folder… please wait until it is done."},
    "settings.moved": {"ko": "데이터 폴더를 옮겼습니다: {path}", "en": "The data folder was moved to {path}."},
    "settings.moved_leftovers": {"ko": "데이터 폴더를 옮겼지만, 이전 폴더의 파일 {count}개를 지우지 못했습니다: {path}",
                                 "en": "The data folder was moved, but {count} file(s) in the old folder could not "
                                       "be deleted: {path}"},
    "settings.move_env": {"ko": "INTERVIEW_APP_DATA_DIR 환경 변수가 데이터 폴더를 정하고 있어 여기서 옮길 수 없습니다.",
                          "en": "The INTERVIEW_APP_DATA_DIR variable chooses the data folder, so it cannot be "
                                "moved from here."},
    "settings.move_session": {"ko": "면접이 진행 중일 때는 데이터 폴더를 옮길 수 없습니다.",
                              "en": "The data folder cannot be moved while an interview is running."},
    "settings.move_kiosk": {"ko": "키오스크 모드에서는 상담사가 잠금을 풀어야 데이터 폴더를 옮길 수 있습니다.",
                            "en": "In kiosk mode the consultant must unlock the app before the data folder is moved."},
    "settings.keep_days": {"ko": "녹음 보관 기간 (일, 0 = 계속 보관)", "en": "Keep recordings (days, 0 = forever)"},
    "settings.font_scale": {"ko": "글자 크기", "en": "Text size"},
    "settings.kiosk": {"ko": "키오스크 모드 (공용 컴퓨터)", "en": "Kiosk mode (shared computer)"},
    "settings.kiosk_pin": {"ko": "상담사 PIN", "en": "Consultant PIN"},
    "settings.kiosk_idle": {"ko": "자리 비움 시간 제한 (분)", "en": "Idle timeout (minutes)"},
    "settings.blind": {"ko": "블라인드 채용 점검 (학교·출신지·가족 언급 표시)",
                       "en": "Blind-hiring check (flag school, hometown, family)"},
    "settings.read_aloud": {"ko": "질문 읽어 주기", "en": "Read questions aloud"},
    "settings.read_aloud_no_voice": {"ko": "이 컴퓨터에는 한국어나 영어 음성이 없어 질문을 읽어 줄 수 없습니다.",
                                     "en": "This computer has no Korean or English voice, so questions cannot "
                                           "be read aloud."},
    "settings.saved": {"ko": "설정을 저장했습니다.", "en": "Settings saved."},
    "settings.pin_needed": {"ko": "키오스크 모드에는 4자리 이상 PIN이 필요합니다.",
                            "en": "Kiosk mode needs a PIN of at least 4 digits."},
    "lang.ko": {"ko": "한국어", "en": "Korean"},
    "lang.en": {"ko": "영어", "en": "English"},
    "lang.auto": {"ko": "자동 감지", "en": "Detect automatically"},
    # Kiosk
    "kiosk.pin_title": {"ko": "상담사 확인", "en": "Consultant check"},
    "kiosk.pin_prompt": {"ko": "키오스크 모드를 나가려면 상담사 PIN을 입력하세요.",
                         "en": "Enter the consultant PIN to leave kiosk mode."},
    "kiosk.pin_wrong": {"ko": "PIN이 맞지 않습니다.", "en": "Wrong PIN."},
    "kiosk.idle": {"ko": "오랫동안 입력이 없어 처음 화면으로 돌아갑니다.", "en": "No activity for a while: "
                                                                       "back to the start."},
    "kiosk.exit": {"ko": "키오스크 나가기", "en": "Leave kiosk"},
}


def set_language(language: str) -> None:
    """Switch the interface language (``ko`` or ``en``; anything else falls back to Korean)."""
    global _current
    _current = language if language in LANGUAGES else "ko"


def language() -> str:
    return _current


def tr(message_id: str, /, **values: object) -> str:
    """The text of ``message_id`` in the current language, with ``{placeholders}`` filled."""
    entry = MESSAGES[message_id]
    text = entry.get(_current) or entry["ko"]
    return text.format(**values) if values else text


def user_message(error: BaseException) -> str:
    """A problem the person can fix, in the interface's language where the error has a Korean wording."""
    korean = getattr(error, "message_ko", None)
    if korean and _current == "ko":
        return str(korean)
    return str(getattr(error, "message", error))


def format_seconds(seconds: float) -> str:
    """``75.2`` -> ``1:15`` (rounded up, so a countdown never shows 0:00 while time is left)."""
    import math

    total = max(0, math.ceil(seconds - 1e-6))
    return f"{total // 60}:{total % 60:02d}"
