"""Settings, session folders, history, export/import and retention on the user's own machine.

- :mod:`.sessions`: one folder per practice session (session.json, recordings, transcripts, report).
- :mod:`.history`: the SQLite index of past sessions, consultant notes and sign-offs.
- :mod:`.export`: a zip for the consultant, and importing one.
- :mod:`.retention`: deleting old recordings, and the kiosk wipe.
- :mod:`.relocate`: moving the whole data folder somewhere else.

Nothing here imports Qt.
"""

from interview_app.storage.errors import DataFolderError, StorageError

__all__ = ["DataFolderError", "StorageError"]
