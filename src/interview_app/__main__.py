"""``python -m interview_app`` is the same as ``interview-app``."""

import sys

from interview_app.cli import main

sys.exit(main())
