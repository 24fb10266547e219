"""The shared vocabulary of competencies and job families.

NCS basic job competencies (직업기초능력, 10 areas) frame what a question probes and what an
answer gave evidence for; the job families are those of the youth employment academies.
Banks, analysis and reports all refer to these ids.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Competency:
    id: str
    ko: str
    en: str
    sub_skills_ko: tuple[str, ...] = ()


NCS_AREAS: tuple[Competency, ...] = (
    Competency("communication", "의사소통능력", "Communication", ("문서이해", "문서작성", "경청", "의사표현")),
    Competency("numeracy", "수리능력", "Numeracy", ("기초연산", "기초통계", "도표분석")),
    Competency("problem_solving", "문제해결능력", "Problem solving", ("사고력", "문제처리")),
    Competency("self_development", "자기개발능력", "Self-development", ("자아인식", "자기관리", "경력개발")),
    Competency("resource_management", "자원관리능력", "Resource management", ("시간관리", "예산관리")),
    Competency(
        "interpersonal", "대인관계능력", "Interpersonal skills", ("팀워크", "리더십", "갈등관리", "협상", "고객서비스")
    ),
    Competency("information", "정보능력", "Information literacy", ("컴퓨터활용", "정보처리")),
    Competency("technology", "기술능력", "Technical skills", ("기술이해", "기술선택", "기술적용")),
    Competency("organization", "조직이해능력", "Understanding the organisation", ("경영이해", "업무이해")),
    Competency("work_ethics", "직업윤리", "Work ethics", ("근로윤리", "공동체윤리")),
)

NCS_BY_ID = {c.id: c for c in NCS_AREAS}


@dataclass(frozen=True)
class JobFamily:
    id: str
    ko: str
    en: str
    competencies: tuple[str, ...]  # NCS area ids this family leans on most


JOB_FAMILIES: tuple[JobFamily, ...] = (
    JobFamily("digital_marketing", "디지털 마케팅", "Digital marketing",
              ("communication", "information", "problem_solving", "interpersonal")),
    JobFamily("data_analysis", "데이터 분석", "Data analysis",
              ("numeracy", "information", "problem_solving", "technology")),
    JobFamily("service_planning", "서비스 기획", "Service planning",
              ("communication", "problem_solving", "organization", "interpersonal")),
    JobFamily("software_development", "소프트웨어 개발", "Software development",
              ("technology", "problem_solving", "information", "self_development")),
    JobFamily("ai_engineering", "AI 엔지니어링", "AI engineering",
              ("technology", "numeracy", "problem_solving", "self_development")),
    JobFamily("cloud", "클라우드", "Cloud engineering",
              ("technology", "information", "resource_management", "problem_solving")),
    JobFamily("content_planning", "콘텐츠 기획", "Content planning",
              ("communication", "self_development", "problem_solving", "interpersonal")),
)

JOB_FAMILY_BY_ID = {f.id: f for f in JOB_FAMILIES}


# Question categories and the time each kind of answer gets by default. A bank or a question
# may set its own times; these are the fall-backs, declared here and nowhere else.
DEFAULT_PREP_SECONDS = 30


@dataclass(frozen=True)
class QuestionCategory:
    id: str
    ko: str
    en: str
    answer_seconds: int  # default answer time for this kind of question
    aliases: tuple[str, ...] = ()  # other names consultants use (CSV import)


QUESTION_CATEGORIES: tuple[QuestionCategory, ...] = (
    QuestionCategory("self_introduction", "자기소개", "Self-introduction", 60, ("1분 자기소개", "introduction")),
    QuestionCategory("motivation", "지원동기", "Motivation", 60, ("지원 동기", "동기", "why us")),
    QuestionCategory("personality", "인성·가치관", "Personality and values", 60,
                     ("인성", "가치관", "성격", "강점과 약점", "values")),
    QuestionCategory("experience", "경험", "Past experience", 90,
                     ("경험 질문", "경험면접", "행동", "behavioural", "behavioral")),
    QuestionCategory("situational", "상황 판단", "Situational", 90, ("상황", "상황면접", "상황판단")),
    QuestionCategory("job_competency", "직무역량", "Job competency", 90, ("직무 역량", "직무", "job")),
    QuestionCategory("technical", "직무지식", "Technical knowledge", 90,
                     ("직무 지식", "기술", "전공", "tech", "knowledge")),
    QuestionCategory("vision", "입사 후 포부", "Plans after joining", 60,
                     ("포부", "입사후포부", "비전", "plans", "career goals")),
    QuestionCategory("closing", "마무리", "Closing", 60, ("마지막 할 말", "마지막 한마디", "마지막", "last words")),
    QuestionCategory("general", "일반", "General", 60, ("기타", "공통", "other")),
)

CATEGORY_BY_ID = {c.id: c for c in QUESTION_CATEGORIES}
