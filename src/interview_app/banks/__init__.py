"""Question banks: the documented TOML format, validation, loading and CSV import.

The format is described in question_banks/README.md. Everything here is core code: no Qt,
no printing; problems come back as :class:`Problem` values or a :class:`BankError`.
"""

from interview_app.banks.csv_import import import_csv, read_csv_questions
from interview_app.banks.loader import LoadResult, find_question, get_bank, load_all, load_banks
from interview_app.banks.model import BANKS_JSON_SCHEMA, FORMAT_VERSION, Bank, BankError, Question
from interview_app.banks.problems import MESSAGES, Problem
from interview_app.banks.validate import load_bank_file, parse_bank_text, validate_file
from interview_app.banks.writer import bank_to_toml, write_bank

__all__ = [
    "BANKS_JSON_SCHEMA",
    "FORMAT_VERSION",
    "MESSAGES",
    "Bank",
    "BankError",
    "LoadResult",
    "Problem",
    "Question",
    "bank_to_toml",
    "find_question",
    "get_bank",
    "import_csv",
    "load_all",
    "load_bank_file",
    "load_banks",
    "parse_bank_text",
    "read_csv_questions",
    "validate_file",
    "write_bank",
]
