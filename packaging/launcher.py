"""Entry point of the frozen app: the same command line as ``interview-app``.

The windowed executable (``InterviewCoach``) opens the desktop app when started without
arguments (a double click); the console executable (``interview-app``) prints its help.
"""

import multiprocessing
import sys
from pathlib import Path

from interview_app.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    arguments = sys.argv[1:]
    if not arguments and Path(sys.executable).stem.lower().startswith("interviewcoach"):
        arguments = ["gui"]
    sys.exit(main(arguments))
