"""Exit codes of every ``dkgis`` command, and the one-line error they report.

0 success; 1 the command ran but failed (a dataset with problems, a file that could
not be written); 2 bad input (wrong arguments, a file that cannot be read); 130
interrupted (Ctrl+C).
"""

from __future__ import annotations

import sys

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130


class CliError(Exception):
    """A problem to report in one line, with its exit code.

    Parameters
    ----------
    message
        What is wrong, naming the file, row or option concerned.
    code
        The exit code (:data:`EXIT_BAD_INPUT` by default).
    """

    def __init__(self, message: str, code: int = EXIT_BAD_INPUT) -> None:
        super().__init__(message)
        self.code = code


def print_error(prog: str, message: str) -> None:
    """Print ``{prog}: error: {message}`` on standard error (one line)."""
    print(f"{prog}: error: {message}", file=sys.stderr)


def print_warning(prog: str, message: str) -> None:
    """Print ``{prog}: warning: {message}`` on standard error (one line)."""
    print(f"{prog}: warning: {message}", file=sys.stderr)
