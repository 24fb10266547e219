"""Screenshots of every screen in Korean and English (docs/screenshots/gui-<screen>-<lang>.png).

Run by hand: ``python tests/gui/make_screenshots.py`` (offscreen, 1366x768, a temporary data folder).

A 4K laptop at its usual 200 % setting (3840x2160 pixels, Qt scale factor 2), Korean only, three
screens, written as gui-<screen>-4k-ko.png::

    python tests/gui/make_screenshots.py --size 3840x2160 --scale 2 --tag 4k --languages ko \\
        --screens start,interview_answer,results

``--font-scale`` sets the app's text-size setting (1.0 to 2.5). ``--check`` prints what is
clipped on each screen instead of (or as well as) writing files.
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests"), str(HERE)]
DATA = Path()  # set by prepare_platform
OUT = ROOT / "docs" / "screenshots"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="1366x768", help="screen size in device pixels, WxH")
    parser.add_argument("--scale", type=float, default=1.0, help="device pixel ratio (QT_SCALE_FACTOR)")
    parser.add_argument("--font-scale", type=float, default=1.0, help="the app's text-size setting")
    parser.add_argument("--languages", default="ko,en")
    parser.add_argument("--screens", default="", help="comma-separated screen names (default: all)")
    parser.add_argument("--tag", default="", help="added to the file names: gui-<screen>-<tag>-<lang>.png")
    parser.add_argument("--check", action="store_true", help="print clipped widgets per screen as JSON")
    parser.add_argument("--no-files", action="store_true", help="write no screenshots (with --check)")
    return parser.parse_args(argv)


def prepare_platform(size: tuple[int, int], scale: float) -> None:
    """An offscreen screen of ``size`` device pixels at ``scale``; must run before Qt starts."""
    work = Path(tempfile.mkdtemp(prefix="ic-shots-"))
    atexit.register(shutil.rmtree, work, ignore_errors=True)
    config = work / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "shots", "x": 0, "y": 0, "width": size[0],
                                               "height": size[1], "logicalDpi": 96, "logicalBaseDpi": 96,
                                               "dpr": 1}]}))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    os.environ["QT_SCALE_FACTOR"] = f"{scale:g}"
    # The data folder is chosen the way a moved one is (so the settings offer to move it).
    global DATA
    os.environ.pop("INTERVIEW_APP_DATA_DIR", None)
    os.environ["INTERVIEW_APP_CONFIG_DIR"] = str(work / "config")
    DATA = work / "data"
    DATA.mkdir()


def start_speech_server() -> None:
    """A private speech-dispatcher for the app to find (tests/speechd.py), when one is installed."""
    import speechd

    try:
        server = speechd.start(Path(tempfile.mkdtemp(prefix="ic-speechd-")))
    except (speechd.SpeechdUnavailable, speechd.pulse.PulseUnavailable) as missing:
        print("no speech engine for the pictures:", missing)
        return
    atexit.register(shutil.rmtree, server.root, ignore_errors=True)
    atexit.register(speechd.stop, server)
    os.environ["SPEECHD_ADDRESS"] = server.address


def capture(language: str, voice: Path, older: Path, newer: Path, args: argparse.Namespace,
            logical: tuple[int, int]) -> dict[str, list[str]]:
    from feed import WavFeed
    from screen_tour import clipped, tour

    from interview_app.gui import i18n
    from interview_app.gui.main_window import MainWindow
    from interview_app.storage.settings import Settings

    wanted = [s for s in args.screens.split(",") if s]
    window = MainWindow(Settings(mic_checked=True, ui_language=language, font_scale=args.font_scale,
                                 last_person="하늘"),
                        stream_factory=WavFeed([voice]), load_model=False, prep_seconds=30, answer_seconds=90,
                        check_tts="SPEECHD_ADDRESS" in os.environ)
    window.resize(*logical)
    window.show()
    if "SPEECHD_ADDRESS" in os.environ:  # the pictures show the option as it is once the voices are known
        from screen_tour import wait_until

        wait_until(lambda: window.reader is not None and window.reader.is_ready)
    found: dict[str, list[str]] = {}
    pictures = not args.no_files  # a check alone need not wait for clocks and meters to move
    for name in tour(window, language, older, newer, quick=not pictures,
                     mic_check=pictures and (not wanted or "mic_check" in wanted)):
        if wanted and name not in wanted:
            continue
        if args.check:
            found[name] = clipped(window, window.current_screen())
        if not args.no_files:
            file = f"gui-{name}-{args.tag}-{language}.png" if args.tag else f"gui-{name}-{language}.png"
            window.grab().save(str(OUT / file))
            print("saved", file)
    window.kiosk = False
    window.shutdown()
    window.close()
    i18n.set_language("ko")
    return found


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    width, height = (int(n) for n in args.size.lower().split("x"))
    prepare_platform((width, height), args.scale)
    from interview_app.gui.app import apply_look, create_app

    app = create_app([sys.argv[0]])
    apply_look(app, args.font_scale)
    from sessionkit import save_session

    import speechkit
    from interview_app import paths

    paths.set_data_dir_pointer(DATA)

    if not args.no_files:  # pictures show "read questions aloud" as a machine with a voice has it
        start_speech_server()
    OUT.mkdir(parents=True, exist_ok=True)
    older = save_session(created_at="2026-11-01T10:00:00+09:00", person="하늘",
                         scores={"delivery": 52, "structure": 41, "content": 60, "language": 70})
    save_session(created_at="2026-11-08T10:00:00+09:00", person="민지",
                 scores={"delivery": 80, "structure": 62, "content": 55, "language": 75})
    save_session(created_at="2026-11-12T10:00:00+09:00", person=None,
                 scores={"delivery": 61, "structure": 70, "content": 48, "language": 66})
    newer = save_session(created_at="2026-11-20T10:00:00+09:00", person="하늘")
    voice = speechkit.speak("I led a team of four students and we finished early.",
                            DATA / "v.wav")
    logical = (round(width / args.scale), round(height / args.scale))
    report = {}
    for language in args.languages.split(","):
        report[language] = capture(language, voice, older, newer, args, logical)
    if args.check:
        print("CLIPPED " + json.dumps(report, ensure_ascii=False))
    app.processEvents()


if __name__ == "__main__":
    main()
