"""``interview-app devices``: list the microphones, and choose the one to record from."""

from __future__ import annotations

import argparse
import json

from interview_app.audio.devices import NoMicrophoneError, choose_device, list_input_devices, resolve_input_device
from interview_app.errors import EXIT_OK


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "devices",
        help="list microphones and choose the one to record from",
        description="List the microphones (inputs) this computer has. '*' marks the one recordings use: "
        "the remembered choice if it is connected, else the system default.",
    )
    parser.add_argument("--json", action="store_true", help="print the list as JSON")
    choice = parser.add_mutually_exclusive_group()
    choice.add_argument("--use", metavar="NAME", help="remember this microphone (a name, part of one, or an id)")
    choice.add_argument("--use-default", action="store_true", help="forget the choice; use the system default")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.use is not None or args.use_default:
        chosen = choose_device(None if args.use_default else args.use)
        if not args.json:
            print(f"recordings will use: {chosen.name if chosen else 'the system default'}")
    devices = list_input_devices()
    if not devices:
        raise NoMicrophoneError()
    selected = resolve_input_device(devices=devices)
    if args.json:
        listed = [{**d.to_dict(), "selected": d.id == selected.id} for d in devices]
        print(json.dumps(listed, ensure_ascii=False, indent=2))
        return EXIT_OK
    width = max(len(d.name) for d in devices)
    print("Microphones ('*' = used for recording):")
    for d in devices:
        mark = "*" if d.id == selected.id else " "
        note = "  (system default)" if d.is_default else ""
        print(f"{mark} {d.id:>3}  {d.name:<{width}}  {d.channels:>2} ch  {d.default_samplerate:>6.0f} Hz{note}")
    return EXIT_OK
