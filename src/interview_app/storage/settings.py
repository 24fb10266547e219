"""One typed settings object; every option is declared once, with its default and meaning.

Stored as JSON in the data folder. Unknown keys in the file are kept out; a broken file is
set aside (renamed) and defaults are used, with a warning in the log.
"""

from __future__ import annotations

import dataclasses
import json
import logging
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from interview_app import paths
from interview_app.fileio import write_text_atomic

log = logging.getLogger(__name__)

SETTINGS_FILE = "settings.json"


@dataclass
class Settings:
    """Everything a person or a café can change. Defaults live here and nowhere else."""

    ui_language: str = field(default="ko", metadata={"help": "interface language: ko or en"})
    answer_language: str = field(
        default="ko", metadata={"help": "language the answers are spoken in: ko, en or auto"}
    )
    model: str = field(
        default="base",
        metadata={"help": "speech model: base (bundled), tiny.en (bundled), small, medium, "
                  "large-v3-turbo (downloaded on purpose) or a path to a CTranslate2 folder"},
    )
    input_device: str | None = field(
        default=None, metadata={"help": "microphone name; none means the system default"}
    )
    keep_recordings_days: int = field(
        default=30, metadata={"help": "delete recordings older than this; 0 keeps them forever"}
    )
    kiosk_mode: bool = field(default=False, metadata={"help": "shared café machine mode"})
    kiosk_pin_hash: str | None = field(
        default=None, metadata={"help": "salted hash of the consultant PIN that leaves kiosk mode"}
    )
    kiosk_idle_minutes: int = field(
        default=5, metadata={"help": "end the session after this many idle minutes in kiosk mode"}
    )
    blind_hiring: bool = field(
        default=False, metadata={"help": "flag school names, hometown and family (public sector)"}
    )
    read_questions_aloud: bool = field(
        default=False, metadata={"help": "read each question aloud where the system has a voice"}
    )
    font_scale: float = field(default=1.0, metadata={"help": "interface text size multiplier"})
    mic_checked: bool = field(
        default=False, metadata={"help": "the first-launch microphone check has been done"}
    )
    last_person: str | None = field(
        default=None, metadata={"help": "the name or nickname last typed on the start screen, offered again "
                                "(home use; never kept in kiosk mode)"}
    )
    site_norms: str | None = field(
        default=None, metadata={"help": "path to a site's thresholds file overriding the defaults"}
    )

    @classmethod
    def path(cls) -> Path:
        return paths.data_dir() / SETTINGS_FILE

    @classmethod
    def load(cls) -> Settings:
        file = cls.path()
        if not file.exists():
            return cls()
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
            if not isinstance(data, dict):
                raise ValueError("not an object")
        except (OSError, ValueError) as error:
            broken = file.with_suffix(".broken.json")
            log.warning("settings file %s is unreadable (%s); set aside as %s", file, error, broken)
            file.replace(broken)
            return cls()
        known = {f.name: f for f in fields(cls)}
        values: dict[str, Any] = {}
        for key, value in data.items():
            if key in known:
                values[key] = value
            else:
                log.info("ignoring unknown setting %r", key)
        return cls(**values)

    def save(self) -> None:
        write_text_atomic(self.path(), json.dumps(dataclasses.asdict(self), ensure_ascii=False, indent=2))

    @classmethod
    def describe(cls) -> dict[str, str]:
        """Each option's one-line meaning, for the settings screen and docs."""
        return {f.name: f.metadata.get("help", "") for f in fields(cls)}
