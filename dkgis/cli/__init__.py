"""The ``dkgis`` command line: the desktop app and its sub-commands.

One module per command (:mod:`~dkgis.cli.export`, :mod:`~dkgis.cli.validate`...), each
with ``add_parser(commands)`` and ``run(args) -> exit code``, listed in
:data:`dkgis.cli.main.COMMANDS`; exit codes and the one-line error class in
:mod:`dkgis.cli.exit_codes`; argument types shared by the commands in :mod:`dkgis.cli.args`.
"""

from __future__ import annotations

from dkgis.cli.main import main

__all__ = ["main"]
