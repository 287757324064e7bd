"""pyogrio (GDAL), imported without the pandas and geopandas it does not need here.

On import, pyogrio probes for pandas and geopandas (to offer GeoDataFrames), which
costs about half a second of a command such as ``dkgis export --add-layer``. The
readers only use its raw functions (numpy arrays and WKB), so :func:`pyogrio` imports
it with those two hidden, when no other thread runs Python code (another thread
importing pandas at that moment would be refused it). Its GeoDataFrame functions
still work: the first call probes again, then runs.
"""

from __future__ import annotations

import functools
import importlib
import sys
import threading
from types import ModuleType

#: What pyogrio probes for and the raw readers do not need.
_SKIPPED = ("pandas", "geopandas")
#: pyogrio's functions that need them.
_DATAFRAME_FUNCTIONS = ("read_dataframe", "write_dataframe")


def pyogrio() -> ModuleType:
    """The ``pyogrio`` module, with :mod:`pyogrio.raw` loaded."""
    module = sys.modules.get("pyogrio")
    if module is not None:
        import pyogrio.raw  # loaded with the package

        return module
    hidden = [name for name in _SKIPPED if name not in sys.modules]
    alone = threading.current_thread() is threading.main_thread()
    alone = alone and len(sys._current_frames()) == 1
    if not alone:
        hidden = []
    for name in hidden:
        sys.modules[name] = None  # an import of it raises ImportError meanwhile
    try:
        import pyogrio
        import pyogrio.raw
    finally:
        for name in hidden:
            if sys.modules.get(name, 0) is None:
                del sys.modules[name]
    if hidden:
        for name in _DATAFRAME_FUNCTIONS:
            setattr(pyogrio, name, _probing(name))
    return pyogrio


def _probing(name: str):
    """pyogrio's ``name``, once pyogrio has probed for pandas and geopandas again."""
    import pyogrio

    @functools.wraps(getattr(pyogrio, name))
    def call(*args, **kwargs):
        importlib.reload(pyogrio._compat)
        geopandas_io = importlib.reload(pyogrio.geopandas)
        for function in _DATAFRAME_FUNCTIONS:
            setattr(pyogrio, function, getattr(geopandas_io, function))
        return getattr(pyogrio, name)(*args, **kwargs)

    return call
