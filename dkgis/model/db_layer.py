"""A layer drawn from a table of a PostGIS database, read for the visible area only.

The table may be far bigger than what a map shows: the layer holds the features of the
last view read (at most :data:`dkgis.io.postgis.layers.MAX_FEATURES`), and the user
interface reads the table again, off the GUI thread, when the view changes
(:mod:`dkgis.ui.db_layers`). It is a user layer in every other way: style, legend,
removal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from dkgis.io.gpkg import TableData
from dkgis.model.user_layer import UserLayer, UserStyle

if TYPE_CHECKING:
    from dkgis.io.postgis.dsn import Dsn
    from dkgis.io.postgis.layers import GeometryTable
    from dkgis.model.mapview import Extent


class DatabaseLayer(UserLayer):
    """A user layer whose features are read by view from a database table.

    Parameters
    ----------
    name
        Unique identifier within the project.
    database
        The database (its password, if typed, stays in memory only).
    table
        The geometry column read.
    style
        How it is drawn.

    Attributes
    ----------
    database : Dsn
    table : GeometryTable
    extent : tuple or None
        The EPSG:3857 extent the features were read for (``None``: none yet).
    truncated : bool
        Whether that area holds more features than were read.
    """

    def __init__(
        self, name: str, database: Dsn, table: GeometryTable, style: UserStyle | None = None
    ) -> None:
        empty = TableData(table.title, {}, np.empty(0, dtype=object))
        super().__init__(name, table.title, empty, style=style)
        self.database = database
        self.table = table
        self.extent: Extent | None = None
        self.truncated = False

    def show_view(self, data: TableData, extent: Extent, truncated: bool) -> None:
        """Show the features read for ``extent`` (main thread); emits ``events.data``."""
        self.extent = extent
        self.truncated = truncated
        self.replace_data(data)
