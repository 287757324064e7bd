"""Qt user interface: main window, docks and dialogs."""

from dkgis.qtcompat import protect_none

protect_none()
