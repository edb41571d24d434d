"""The one exception type users see.

Anything a user can get wrong (a bad file, query, id or argument) raises `ArchiveError` with a
one-line message that names the file or argument; the CLI prints it and exits with status 2.
Any other exception is a bug in the archive and keeps its traceback.
"""


class ArchiveError(Exception):
    """A user-facing problem, reported as one line."""
