"""How an answer is built (structure) and how it is said (expression), with evidence.

``analyze_answer`` turns one transcribed answer (and its audio, when there is some) into an
:class:`AnswerAnalysis`; ``session.build_session`` aggregates a practice session's answers.
Thresholds and cue lists live in ``norms.toml`` (see :func:`load_norms`). The Korean analyser
loads on first use (about 4 s); call :func:`warm_up` from a worker to load it ahead.
"""

from interview_app.analysis.engine import ANALYSIS_SCHEMA, AnswerAnalysis, analyze_answer
from interview_app.analysis.errors import AnalysisError, AnalysisInputError, NormsError
from interview_app.analysis.korean import warm_up
from interview_app.analysis.norms import Norms, load_norms

__all__ = [
    "ANALYSIS_SCHEMA",
    "AnalysisError",
    "AnalysisInputError",
    "AnswerAnalysis",
    "Norms",
    "NormsError",
    "analyze_answer",
    "load_norms",
    "warm_up",
]
