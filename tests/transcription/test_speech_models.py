from __future__ import annotations

import functools
import http.server
import shutil
import threading
import time

import pytest

from interview_app.errors import EXIT_MODEL
from interview_app.transcription import models
from interview_app.transcription.errors import ModelError, TranscriptionCancelled


@pytest.fixture
def private_cache(tmp_path, monkeypatch):
    """A cache folder of this test's own (the shared one keeps the assembled model for the run)."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("INTERVIEW_APP_CACHE_DIR", str(cache))
    return cache


def test_bundled_base_is_assembled_once_and_verified(private_cache):
    info = models.prepare_bundled_base()
    model_bin = info.path / "model.bin"
    assert info.path == private_cache / "models" / "base" and info.multilingual
    assert model_bin.stat().st_size == models.BASE_MODEL_SIZE
    assert models.sha256_of(model_bin) == models.BASE_MODEL_SHA256
    first = model_bin.stat().st_mtime_ns
    started = time.perf_counter()
    assert models.prepare_bundled_base() == info
    assert time.perf_counter() - started < 0.1  # no re-hash of 145 MB when it is already there
    assert model_bin.stat().st_mtime_ns == first


def test_a_damaged_assembled_model_is_assembled_again(private_cache):
    info = models.prepare_bundled_base()
    with (info.path / "model.bin").open("r+b") as handle:
        handle.truncate(1000)
    assert models.prepare_bundled_base().path == info.path
    assert models.sha256_of(info.path / "model.bin") == models.BASE_MODEL_SHA256


def test_a_checksum_mismatch_is_refused(private_cache, monkeypatch):
    monkeypatch.setattr(models, "BASE_MODEL_SHA256", "0" * 64)
    with pytest.raises(ModelError, match="damaged.*reinstall") as caught:
        models.prepare_bundled_base()
    assert caught.value.exit_code == EXIT_MODEL
    leftovers = [p.name for p in (private_cache / "models" / "base").iterdir()]
    assert "model.bin" not in leftovers and not [n for n in leftovers if n.endswith(".part")]


def test_model_names_and_folders_resolve():
    assert models.resolve_model("tiny.en").multilingual is False
    base = models.resolve_model("base")
    assert base.multilingual and base.source == "bundled"
    folder = models.resolve_model(str(models.resolve_model("tiny.en").path))
    assert folder.source == "local" and folder.multilingual is False


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("small", "not downloaded yet; run 'interview-app model download small'"),
        ("huge", "unknown model 'huge'"),
        ("/no/such/model", "model folder not found"),
    ],
)
def test_unusable_models_say_what_to_do(name, message):
    with pytest.raises(ModelError, match=message):
        models.resolve_model(name)


def test_a_folder_without_a_model_is_refused(tmp_path):
    (tmp_path / "config.json").write_text("{}")
    with pytest.raises(ModelError, match="missing model.bin"):
        models.resolve_model(str(tmp_path))


def test_available_models_are_the_bundled_ones_offline(private_cache):
    assert [c.name for c in models.available_models()] == ["base", "tiny.en"]
    catalog = {c.name: c for c in models.model_catalog()}
    assert not catalog["large-v3-turbo"].ready and "download" in catalog["large-v3-turbo"].note


def test_download_fails_fast_when_offline(private_cache, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    started = time.perf_counter()
    with pytest.raises(ModelError, match="switched off.*keep working"):
        models.download_model("small")
    assert time.perf_counter() - started < 1
    assert models.available_models()  # what is there still works


def test_download_fails_fast_without_a_server(private_cache, monkeypatch):
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.setenv("INTERVIEW_APP_MODEL_ENDPOINT", "http://127.0.0.1:9")  # nothing listens there
    started = time.perf_counter()
    with pytest.raises(ModelError, match="no connection"):
        models.download_model("small")
    assert time.perf_counter() - started < 5
    assert not (private_cache / "models" / "small").exists()


@pytest.fixture
def model_server(tmp_path):
    """A local stand-in for the model hub serving the tiny.en files as 'small'."""
    repo = tmp_path / "hub" / "Systran" / "faster-whisper-small" / "resolve" / "main"
    shutil.copytree(models.resolve_model("tiny.en").path, repo)
    handler = functools.partial(_QuietHandler, directory=str(tmp_path / "hub"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", repo
    server.shutdown()
    server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # noqa: ANN002 - keep test output clean
        pass


def test_download_on_request_shows_progress_and_lands_in_the_cache(private_cache, monkeypatch, model_server):
    endpoint, repo = model_server
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.setenv("INTERVIEW_APP_MODEL_ENDPOINT", endpoint)
    seen = []
    info = models.download_model("small", on_progress=seen.append)
    assert info.path == private_cache / "models" / "small" and info.source == "downloaded"
    assert models.sha256_of(info.path / "model.bin") == models.sha256_of(repo / "model.bin")
    fractions = [p.fraction for p in seen if p.fraction is not None]
    assert fractions[-1] == 1.0 and fractions == sorted(fractions) and len(fractions) > 10
    assert models.resolve_model("small").path == info.path
    assert "small" in [c.name for c in models.available_models()]
    assert models.verify_models(["small"])[0].ok
    with (info.path / "model.bin").open("r+b") as handle:
        handle.write(b"broken")
    assert not models.verify_models(["small"])[0].ok


def test_a_damaged_local_model_is_refused_when_loading(tmp_path):
    from interview_app.transcription.transcriber import Transcriber

    tiny = models.resolve_model("tiny.en").path
    for name in ("config.json", "tokenizer.json", "vocabulary.txt"):
        shutil.copy(tiny / name, tmp_path / name)
    (tmp_path / "model.bin").write_bytes(b"\x00" * 4096)
    with pytest.raises(ModelError, match="cannot load the speech model.*model verify") as caught:
        Transcriber(str(tmp_path)).load()
    assert caught.value.exit_code == EXIT_MODEL


def test_a_downloaded_model_is_not_fetched_again(private_cache, monkeypatch, model_server):
    endpoint, _repo = model_server
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.setenv("INTERVIEW_APP_MODEL_ENDPOINT", endpoint)
    first = models.download_model("small")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")  # a second request must not need the network
    assert models.download_model("small") == first


def test_a_cancelled_download_leaves_nothing_behind(private_cache, monkeypatch, model_server):
    endpoint, _repo = model_server
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.setenv("INTERVIEW_APP_MODEL_ENDPOINT", endpoint)
    cancel = threading.Event()

    def stop_half_way(progress: models.DownloadProgress) -> None:
        if (progress.fraction or 0) > 0.5:
            cancel.set()

    with pytest.raises(TranscriptionCancelled):
        models.download_model("small", on_progress=stop_half_way, cancel=cancel)
    assert sorted(p.name for p in (private_cache / "models").iterdir()) == []
    assert "small" not in [c.name for c in models.available_models()]
