import sys

from interview_app.cli import main

sys.exit(main())
