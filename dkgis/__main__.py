"""Allow ``python -m dkgis``."""

from dkgis.cli import main

raise SystemExit(main())
