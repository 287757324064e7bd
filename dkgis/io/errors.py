"""Errors raised when a dataset cannot be read."""

from __future__ import annotations

from pathlib import Path


class DatasetError(Exception):
    """A dataset file that cannot be read: missing, damaged or of the wrong schema.

    Parameters
    ----------
    path
        The file concerned.
    problem
        What is wrong, in plain English, naming the table or column concerned
        (e.g. ``"table 'facilities' has no column 'sector'"``).

    Attributes
    ----------
    path : pathlib.Path
        The file concerned.
    problem : str
        What is wrong, without the path.

    Notes
    -----
    ``str(err)`` is ``"{path}: {problem}"``, ready to show to the user.
    """

    def __init__(self, path: str | Path, problem: str) -> None:
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")

    def __reduce__(self):  # keep the two-argument signature picklable (worker threads)
        return (type(self), (self.path, self.problem))
