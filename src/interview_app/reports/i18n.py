"""Every piece of report text in Korean and English, in one table.

Messages, suggestions and rewrites come from the analysis in the answer's language; this table
holds only the report's own labels and sentences. ``{name}`` fields are filled by str.format.
English nouns and verbs that follow a count are written ``{n|answer|answers}``: the first form
when the field ``n`` is 1, the second otherwise. Korean counts need no such forms.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

STRINGS: dict[str, tuple[str, str]] = {
    # key: (Korean, English)
    "doc_title": ("면접 연습 피드백 리포트", "Interview practice feedback report"),
    "session_of": ("{date} 연습", "Practice on {date}"),
    "person": ("연습한 사람", "Practised by"),
    "bank": ("질문 세트", "Question set"),
    "mode": ("방식", "Mode"),
    "mode_mock": ("모의 면접", "Mock interview"),
    "mode_practice": ("연습", "Practice"),
    "answers_count": ("답변 {n}개", "{n} {n|answer|answers}"),
    "skip_to_answers": ("답변별 상세 보기", "Go to the answers"),
    # first screen
    "first_heading": ("한눈에 보기", "At a glance"),
    "overall_score": ("종합 점수", "Overall score"),
    "out_of_100": ("/ 100", "/ 100"),
    "picture_best": ("가장 잘한 부분은 {dim}({score}점)입니다.", "Your strongest area is {dim} ({score}/100)."),
    "picture_weakest": (
        "가장 먼저 다듬을 부분은 {dim}({score}점)입니다.",
        "The area to work on first is {dim} ({score}/100).",
    ),
    "picture_up": (
        "지난 연습보다 평균 {delta}점 올랐습니다.",
        "That is {delta} {delta|point|points} up on average since last time.",
    ),
    "picture_down": (
        "지난 연습보다 평균 {delta}점 내려갔습니다.",
        "That is {delta} {delta|point|points} down on average since last time.",
    ),
    "picture_same": ("지난 연습과 평균 점수가 같습니다.", "Your average is the same as last time."),
    "picture_counts": (
        "잘한 점 {strengths}개, 고칠 점 {changes}개를 찾았습니다.",
        "We found {strengths} {strengths|strength|strengths} and {changes} {changes|thing|things} to change.",
    ),
    "picture_length": (
        "답변 {n}개 중 {ok}개가 권장 길이 안에 있었습니다.",
        "{ok} of {n} {n|answer|answers} {ok|was|were} within the advised length.",
    ),
    # Up to three of each are listed; a short answer may have fewer, so the headings give no number.
    "strengths_heading": ("가장 잘한 점", "Strongest points"),
    "changes_heading": ("가장 도움이 될 변화", "Changes that would help most"),
    "none_yet": ("아직 없습니다.", "None yet."),
    "you_said": ("이렇게 말했습니다", "You said"),
    "try_saying": ("이렇게 바꿔 보세요", "Try saying"),
    "in_answer": ("{n}번 답변", "Answer {n}"),
    "bands_heading": ("목표 범위와 비교", "Against the target bands"),
    "band_pace": ("말하기 속도", "Speaking pace"),
    "band_fillers": ("군말(필러)", "Fillers"),
    "band_length": ("답변 길이(평균)", "Answer length (average)"),
    "band_formality": ("합니다체 비율", "Formal endings"),
    "band_target": ("목표 {low}–{high}", "target {low}–{high}"),
    "band_at_most": ("목표 {high} 이하", "target {high} or fewer"),
    "band_at_least": ("목표 {low} 이상", "target {low} or more"),
    "band_not_measured": ("측정하지 않음", "not measured"),
    "formality_english": ("영어 답변에는 적용하지 않습니다.", "Not applied to English answers."),
    # units
    "unit_syllables_per_min": ("음절/분", "syllables/min"),
    "unit_words_per_min": ("단어/분", "words/min"),
    "unit_per_min": ("회/분", "per min"),
    "unit_s": ("초", "s"),
    "unit_percent": ("%", "%"),
    "unit_count": ("회", ""),
    "unit_db": ("dBFS", "dBFS"),
    # verdicts
    "verdict_ok": ("적정", "on target"),
    "verdict_slow": ("느림", "slow"),
    "verdict_fast": ("빠름", "fast"),
    "verdict_short": ("짧음", "short"),
    "verdict_long": ("김", "long"),
    "verdict_high": ("많음", "high"),
    "verdict_low": ("낮음", "low"),
    "verdict_quiet": ("작음", "quiet"),
    "verdict_loud": ("큼", "loud"),
    "verdict_medium": ("보통", "medium"),
    "verdict_none": ("—", "—"),
    "level_high": ("높음", "high"),
    "level_medium": ("보통", "medium"),
    "level_low": ("낮음", "low"),
    # summary
    "summary_heading": ("세션 요약", "Session summary"),
    "dimensions_heading": ("영역별 점수와 이유", "Scores by area, with reasons"),
    "dim_delivery": ("전달력", "Delivery"),
    "dim_structure": ("구조", "Structure"),
    "dim_content": ("내용", "Content"),
    "dim_language": ("언어 표현", "Language"),
    "finding_ref": ("{n}번 답변 · {k}", "Answer {n} · {k}"),
    "competency_heading": ("역량 프로필 (NCS 직업기초능력)", "Competency profile (NCS basic job competencies)"),
    "competency_none": ("이번 답변에서 근거가 나오지 않았습니다.", "No evidence in these answers."),
    "evidence_count": ("근거 {n}개", "evidence: {n}"),
    "jobs_heading": ("어울리는 직무군과 근거 문장", "Job families that fit, with the quotes behind them"),
    "fit": ("적합도", "fit"),
    "progress_heading": ("이전 연습과 비교", "Progress against earlier sessions"),
    "progress_none": ("이전 연습 기록이 없습니다.", "No earlier sessions on record."),
    "this_session": ("이번", "This session"),
    "date": ("날짜", "Date"),
    "no_summary": ("이 결과에는 영역별 점수가 없습니다.", "This result carries no scores by area."),
    # answers
    "answer_heading": ("{n}번 답변", "Answer {n}"),
    "question": ("질문", "Question"),
    "play_recording": ("녹음 듣기", "Play the recording"),
    "transcript_heading": ("답변 전사(받아쓰기)", "Transcript"),
    "transcript_empty": ("인식된 말이 없습니다.", "No speech was recognised."),
    "legend": ("표시 설명", "Legend"),
    "mark_filler": ("군말(필러)", "filler"),
    "mark_hedge": ("얼버무림", "hedge"),
    "mark_repeat": ("반복", "repeat"),
    "mark_low_confidence": ("인식 불확실", "low-confidence word"),
    "mark_stretched": ("늘어진 말", "stretched word"),
    "mark_gap": ("머뭇거림(짧은 멈춤)", "hesitation (short gap)"),
    "mark_pause": ("긴 멈춤", "long pause"),
    "mark_voiced": ("말소리는 있으나 단어 없음", "voiced but no word"),
    "timeline_heading": ("시간 흐름: STAR 구성과 멈춤", "Timeline: STAR parts and pauses"),
    "timeline_label": ("{n}번 답변의 시간 흐름", "Timeline of answer {n}"),
    "lane_star": ("STAR", "STAR"),
    "lane_speech": ("말", "Speech"),
    "lane_pauses": ("멈춤", "Pauses"),
    "star_situation": ("상황", "Situation"),
    "star_task": ("과제", "Task"),
    "star_action": ("행동", "Action"),
    "star_result": ("결과", "Result"),
    "star_share": ("{part} {share}% ({start}–{end}초)", "{part} {share}% ({start}–{end} s)"),
    "star_missing": ("없음: {parts}", "missing: {parts}"),
    "balance_ok": ("STAR 비중이 균형 잡혀 있습니다.", "The STAR parts are balanced."),
    "balance_situation_heavy": ("상황 설명 비중이 큽니다.", "Too much time on the situation."),
    "balance_no_action": ("본인의 행동이 없습니다.", "No action of your own."),
    "balance_no_result": ("결과가 없습니다.", "No result."),
    "balance_not_a_story": ("경험 이야기가 아닌 답변입니다.", "Not a story answer."),
    "pace_heading": ("답변 중 말하기 속도", "Pace over the answer"),
    "pace_label": ("{n}번 답변의 구간별 말하기 속도", "Pace in windows over answer {n}"),
    "pace_none": ("속도 구간 정보가 없습니다.", "No pace windows in this result."),
    "target_band": ("목표 범위", "target band"),
    "metrics_heading": ("지표와 기준", "Metrics against their bands"),
    "metric": ("지표", "Metric"),
    "value": ("값", "Value"),
    "band": ("기준", "Band"),
    "verdict": ("판정", "Verdict"),
    "metric_length": ("답변 길이", "Length"),
    "metric_pace": ("말하기 속도", "Pace"),
    "metric_latency": ("첫 마디까지", "Time to first word"),
    "metric_fillers": ("군말", "Fillers"),
    "metric_repeats": ("반복", "Repeats"),
    "metric_hesitations": ("머뭇거림", "Hesitations"),
    "metric_pauses": ("긴 멈춤", "Long pauses"),
    "metric_hedges": ("얼버무림 표현", "Hedges"),
    "metric_formality": ("합니다체 비율", "Formal endings"),
    "metric_casual": ("반말 문장", "Casual sentences"),
    "metric_volume": ("목소리 크기", "Volume"),
    "metric_pitch": ("억양 폭", "Pitch range"),
    "metric_relevance": ("질문 관련성", "Relevance"),
    "metric_numbers": ("숫자·고유명사", "Numbers and names"),
    "metric_i_we": ("'저' 대 '우리'", "'I' vs 'we'"),
    "metric_conclusion": ("두괄식(결론 먼저)", "Conclusion first"),
    "metric_closing": ("마무리 문장", "Closing line"),
    "yes": ("예", "yes"),
    "no": ("아니요", "no"),
    "count_per_min": ("{count}회 ({per_min}회/분)", "{count} ({per_min}/min)"),
    "longest": ("{count}회, 최장 {longest}초", "{count}, longest {longest} s"),
    "monotone": ("단조로움", "monotone"),
    "missed_points": ("빠진 핵심: {points}", "missed: {points}"),
    "findings_heading": ("발견한 점과 근거", "Findings with evidence"),
    "severity_strength": ("강점", "Strength"),
    "severity_info": ("참고", "Note"),
    "severity_minor": ("개선", "Improve"),
    "severity_major": ("중요", "Important"),
    "category_structure": ("구조", "structure"),
    "category_expression": ("표현", "expression"),
    "category_content": ("내용", "content"),
    "category_language": ("언어", "language"),
    "suggestion": ("제안", "Suggestion"),
    "evidence": ("근거", "Evidence"),
    "norm_sources": ("기준 출처", "norm sources"),
    "skipped": ("분석하지 못한 부분: {items}", "Not analysed: {items}"),
    "notes_heading": ("상담사 메모", "Consultant's notes"),
    "overall_notes_heading": ("상담사 종합 메모", "Consultant's overall notes"),
    "signed": ("작성: {who} · {when}", "Signed: {who} · {when}"),
    "sources_heading": ("기준과 출처", "Norms and their sources"),
    "kind_S": ("출처 있음", "published source"),
    "kind_J": ("판단 기준, 조정 가능", "judgement, tunable"),
    "footer": (
        "이 리포트는 이 컴퓨터에서 만들어졌으며 녹음과 분석은 외부로 전송되지 않았습니다.",
        "This report was made on this computer; no recording or analysis left it.",
    ),
    "generated_by": ("Interview Coach {version}", "Interview Coach {version}"),
    "seconds_short": ("{s}초", "{s} s"),
    "time_range": ("{start}–{end}초", "{start}–{end} s"),
}

LANG_INDEX = {"ko": 0, "en": 1}

_PLURAL = re.compile(r"\{(\w+)\|([^|{}]*)\|([^|{}]*)\}")


def choose_forms(text: str, fields: dict[str, Any]) -> str:
    """Replace every ``{field|one|other}`` in ``text`` by ``one`` when ``fields[field]`` is 1, else ``other``."""

    def form(match: re.Match[str]) -> str:
        name, one, other = match.groups()
        return one if fields[name] == 1 else other

    return _PLURAL.sub(form, text)


def translator(language: str) -> Callable[..., str]:
    """Return ``t(key, **fields)`` for ``language`` (ko or en)."""
    column = LANG_INDEX[language]

    def t(key: str, **fields: Any) -> str:
        text = STRINGS[key][column]
        return choose_forms(text, fields).format(**fields) if fields else text

    return t
