"""Placeholder, replaced below."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


class ClusterPanel(QWidget):
    def __init__(self, project, projections, parent=None):
        super().__init__(parent)
        self.setObjectName("clusterPanel")
