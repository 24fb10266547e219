"""`interview-app gui`: the desktop app (PySide6)."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("gui", help="open the desktop app",
                                   description="Open the desktop app to practise an interview.")
    parser.add_argument("--kiosk", action="store_true", help="shared café machine: full screen, PIN to leave, "
                        "nothing kept after a session")
    parser.add_argument("--lang", choices=("ko", "en"), help="interface language for this run")
    parser.add_argument("--prep-seconds", type=float, help="override every question's preparation time")
    parser.add_argument("--answer-seconds", type=float, help="override every question's answer time")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from interview_app.gui.app import apply_look, create_app
    from interview_app.storage.settings import Settings

    app = create_app()
    from interview_app.gui.main_window import MainWindow

    settings = Settings.load()
    apply_look(app, settings.font_scale)
    kiosk = True if args.kiosk else None
    window = MainWindow(settings, kiosk=kiosk, language=args.lang, prep_seconds=args.prep_seconds,
                        answer_seconds=args.answer_seconds)
    if window.kiosk:
        window.showFullScreen()
    else:
        window.resize(1280, 800)
        window.show()
    return int(app.exec())
