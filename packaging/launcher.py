"""Entry script of the frozen application: the ``dkgis`` command, as installed by pip."""

from dkgis.cli import main

raise SystemExit(main())
