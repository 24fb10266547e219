"""Thresholds and cue lists as data: one bundled TOML file, each entry with its source.

A site (a job café) may override any entry with a partial file of the same shape; an unknown
key in an override is an error naming the key, so a typo never silently does nothing.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from interview_app.analysis.errors import NormsError

BUNDLED_FILE = "norms.toml"
_ENTRY_KEYS = {"value", "source", "kind"}


@dataclass(frozen=True)
class Norm:
    """One threshold or cue list, where it comes from, and whether it is a source or judgement."""

    id: str
    value: Any
    source: str
    kind: str  # "S" published source, "J" judgement

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "source": self.source, "kind": self.kind}


class Norms:
    """Every norm by its dotted id (``pace.ko.fast_above``); remembers which ones were read."""

    def __init__(self, entries: Mapping[str, Norm], *, site_file: str | None = None) -> None:
        self._entries = dict(entries)
        self.site_file = site_file

    def __contains__(self, norm_id: str) -> bool:
        return norm_id in self._entries

    def __getitem__(self, norm_id: str) -> Any:
        return self._entries[norm_id].value

    def get(self, norm_id: str) -> Norm:
        return self._entries[norm_id]

    def num(self, norm_id: str) -> float:
        return float(self._entries[norm_id].value)

    def words(self, norm_id: str) -> tuple[str, ...]:
        return tuple(self._entries[norm_id].value)

    def ids(self) -> list[str]:
        return sorted(self._entries)

    def cite(self, *norm_ids: str) -> dict[str, dict[str, Any]]:
        """The entries named, in the form a result's ``norms`` field carries."""
        return {n: self._entries[n].to_dict() for n in norm_ids}


def _is_entry(node: Any) -> bool:
    return isinstance(node, dict) and "value" in node and set(node) <= _ENTRY_KEYS


def _flatten(node: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in node.items():
        norm_id = f"{prefix}.{key}" if prefix else key
        if _is_entry(value) or not isinstance(value, dict):
            flat[norm_id] = value
        else:
            flat.update(_flatten(value, norm_id))
    return flat


def _read_toml(path: Path | None, text: str | None, label: str) -> dict[str, Any]:
    try:
        if text is None:
            assert path is not None
            text = path.read_text(encoding="utf-8")
        return tomllib.loads(text)
    except OSError as error:
        raise NormsError(f"cannot read the thresholds file {label}: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise NormsError(f"the thresholds file {label} is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        raise NormsError(f"the thresholds file {label} is not valid TOML ({error})") from None


def _same_type(default: Any, value: Any) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, (int, float)):
        return isinstance(value, (int, float))
    return isinstance(value, type(default))


@functools.lru_cache(maxsize=1)
def _bundled() -> dict[str, Norm]:
    text = resources.files("interview_app.analysis").joinpath(BUNDLED_FILE).read_text(encoding="utf-8")
    entries: dict[str, Norm] = {}
    for norm_id, raw in _flatten(_read_toml(None, text, BUNDLED_FILE)).items():
        if not _is_entry(raw) or raw.get("kind") not in ("S", "J") or not raw.get("source"):
            raise NormsError(f"bundled norm '{norm_id}' lacks a value, a source or a kind (S or J)")
        entries[norm_id] = Norm(norm_id, raw["value"], str(raw["source"]), str(raw["kind"]))
    return entries


def load_norms(site_file: str | Path | None = None) -> Norms:
    """The bundled norms, with a site's partial override file applied when one is given."""
    entries = dict(_bundled())
    if site_file is None:
        return Norms(entries)
    path = Path(site_file)
    label = f"'{path}'"
    for norm_id, raw in _flatten(_read_toml(path, None, label)).items():
        if norm_id not in entries:
            raise NormsError(f"unknown threshold '{norm_id}' in {label}; see the bundled norms.toml for the names")
        default = entries[norm_id]
        value = raw["value"] if _is_entry(raw) else raw
        if not _same_type(default.value, value):
            raise NormsError(
                f"threshold '{norm_id}' in {label} must be a {type(default.value).__name__}, like the default"
            )
        source = raw.get("source") if _is_entry(raw) else None
        kind = raw.get("kind") if _is_entry(raw) else None
        entries[norm_id] = Norm(
            norm_id,
            value,
            str(source or f"site override ({path.name})"),
            str(kind or "J"),
        )
    return Norms(entries, site_file=str(path))
