"""Runtime hook of the frozen application: run before any module of the app is imported.

pyproj and pyogrio's GDAL read one PROJ database, pyogrio's (``SHARED_PROJ_DATA`` in
packaging/bundle.py): pyproj's own copy is not in the bundle. ``PROJ_DATA`` is set even
when the user's environment has one (a GIS installation often sets it): the database of
another PROJ may have an older layout than the one the bundled PROJ needs.
"""

import os
import sys

os.environ["PROJ_DATA"] = os.path.join(sys._MEIPASS, "pyogrio", "proj_data")
