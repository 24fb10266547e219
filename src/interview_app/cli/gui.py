"""`interview-app gui`: the desktop app (PySide6)."""

from __future__ import annotations

import argparse
import logging

from interview_app.errors import EXIT_USAGE, UserError

log = logging.getLogger(__name__)


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
    from interview_app.storage.settings import Settings

    settings = Settings.load()
    if (args.kiosk or settings.kiosk_mode) and not settings.kiosk_pin_hash:
        raise UserError("kiosk mode needs a consultant PIN to leave it; set one in the app's settings first",
                        exit_code=EXIT_USAGE)
    from interview_app.gui import services
    from interview_app.gui.app import apply_look, create_app

    try:
        services.purge_old_recordings()  # the "keep recordings" setting, applied at each start
    except UserError as error:
        log.warning("old recordings were not purged: %s", error)
    app = create_app()
    from interview_app.gui.main_window import MainWindow

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
