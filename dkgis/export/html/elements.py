"""The page's own elements: fixed templates, and the data kept apart as one JSON block.

folium and branca build a page from Jinja templates, and two of their habits would turn
data into code: ``Element(text)`` takes ``text`` as *template source*, and
``MacroElement.render`` parses the output of every macro as a template once more (it wraps
it in ``Element(output)``). A facility called ``{{ 1234*1000 }}`` would then be shown as
``1234000``, and a name built from Jinja's globals could run a command while exporting.

So no text of the data reaches a folium or branca element:

* every text the page shows (popups, labels, legend, credits, layer names) and the basemap's
  GeoJSON go into one ``<script type="application/json">`` block (:class:`PageData`),
  written as JSON that cannot close its element (:func:`~dkgis.export.html.text.js_literal`);
* the page's scripts (:class:`Script` subclasses) are Python strings made of fixed code,
  element ids and numbers; they read their texts from ``dkgisData`` when the page runs;
* ready-made markup (inlined Leaflet, the stylesheet, the title panel whose text is
  HTML-escaped) is added by :class:`Markup`, whose template is the constant
  ``{{ this.markup }}``: its text is a value, never template source.

folium's own elements are still used for what carries no text (the map, panes, circle
markers, feature groups, tiles); their templates only hold ids, options and coordinates.
"""

from __future__ import annotations

from typing import Any

from branca.element import Element, Figure
from jinja2 import Template

from dkgis.export.html.text import js_literal

#: ``id`` of the page's data block, and the name of the script variable that holds it.
DATA_ID = "dkgis-data"
DATA_VARIABLE = "dkgisData"


class Markup(Element):
    """Markup put into the page as it is (its template is a constant).

    Parameters
    ----------
    markup
        Complete markup; any text of the data in it must already be escaped.
    """

    _template = Template("{{ this.markup }}")

    def __init__(self, markup: str) -> None:
        super().__init__()
        self._name = "DkgisMarkup"
        self.markup = markup


class Script(Element):
    """A piece of script run in the page's script, in the element tree's order.

    Subclasses return their code from :meth:`code`. The code is put into the page through
    :class:`Markup`, so it is never parsed as a template; it must hold no text of the data
    (texts are read from ``dkgisData`` when the page runs).
    """

    def __init__(self) -> None:
        super().__init__()
        self._name = "DkgisScript"

    def code(self) -> str:
        """The JavaScript of this element."""
        raise NotImplementedError

    def render(self, **kwargs: Any) -> str:
        """Add :meth:`code` to the page's script (folium's ``MacroElement`` protocol)."""
        figure = self.get_root()
        if not isinstance(figure, Figure):
            raise TypeError("a Script must be inside a folium map to be rendered")
        figure.script.add_child(Markup(self.code()), name=self.get_name())
        return ""


class FixedScript(Script):
    """A script given as a string of fixed code (no text of the data in it)."""

    def __init__(self, code: str) -> None:
        super().__init__()
        self._code = code

    def code(self) -> str:
        """The code as given."""
        return self._code


class PageData:
    """The texts and GeoJSON of the page, collected while it is built.

    Lists are stored under a key; :meth:`add` appends an item and returns its index, which
    the scripts use (``dkgisData.layers[3]``).
    """

    def __init__(self) -> None:
        self._data: dict[str, Any] = {}

    def set(self, key: str, value: Any) -> None:
        """Store ``value`` (JSON-serialisable) under ``key``."""
        self._data[key] = value

    def add(self, key: str, value: Any) -> int:
        """Append ``value`` to the list under ``key``; return its index."""
        items = self._data.setdefault(key, [])
        items.append(value)
        return len(items) - 1

    def markup(self) -> str:
        """The data block, and the script that reads it into ``dkgisData``."""
        return (
            f'<script type="application/json" id="{DATA_ID}">{js_literal(self._data)}</script>\n'
            f"<script>var {DATA_VARIABLE} = JSON.parse("
            f"document.getElementById('{DATA_ID}').textContent);</script>"
        )
