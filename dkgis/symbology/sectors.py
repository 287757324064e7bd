"""The sector taxonomy of the cluster and its fixed colour palette.

The colours come from Paul Tol's colour-blind-safe schemes ("muted" and
"light", https://personal.sron.nl/~pault/). Fifteen classes cannot all be told
apart by every reader, so the sectors most often side by side on the map (steel,
aluminium, chemicals, power, gas) get the most distinct hues, and the map also
separates sites by symbol. The same colour is used by the map, the legend, the
tables and the charts.
"""

from __future__ import annotations

from dataclasses import dataclass

from dkgis.i18n import N_


@dataclass(frozen=True)
class Sector:
    """One sector of the taxonomy.

    Parameters
    ----------
    id
        Stable identifier stored in datasets.
    label
        English label (a source text of the message catalog), translated where shown.
    colour
        Fill colour as ``#rrggbb``.
    """

    id: str
    label: str
    colour: str


SECTORS: tuple[Sector, ...] = (
    Sector("steel", N_("Steel"), "#332288"),
    Sector("aluminium", N_("Aluminium"), "#88CCEE"),
    Sector("metals", N_("Other metals and ferro-alloys"), "#44AA99"),
    Sector("chemicals", N_("Chemicals and petrochemicals"), "#AA4499"),
    Sector("refining_oil", N_("Refining and oil storage"), "#882255"),
    Sector("cement_materials", N_("Cement and materials"), "#999933"),
    Sector("gas_lng", N_("Gas and LNG"), "#DDCC77"),
    Sector("power", N_("Power and heat"), "#CC6677"),
    Sector("hydrogen", N_("Low-carbon hydrogen"), "#117733"),
    Sector("batteries", N_("Batteries and e-mobility"), "#EE8866"),
    Sector("co2_transport", N_("CO2 capture, transport and storage"), "#BBCC33"),
    Sector("port_logistics", N_("Port and logistics"), "#77AADD"),
    Sector("agri_food", N_("Agri-food"), "#EEDD88"),
    Sector("waste", N_("Waste and energy recovery"), "#FFAABB"),
    Sector("other_industry", N_("Other industry"), "#BBBBBB"),
)

SECTOR_IDS: tuple[str, ...] = tuple(s.id for s in SECTORS)
SECTORS_BY_ID: dict[str, Sector] = {s.id: s for s in SECTORS}

#: Colour for a sector id that the taxonomy does not know (user data).
UNKNOWN_COLOUR = "#777777"


def sector_colour(sector_id: str) -> str:
    """Return the ``#rrggbb`` colour of a sector, grey when it is unknown."""
    sector = SECTORS_BY_ID.get(sector_id)
    return sector.colour if sector else UNKNOWN_COLOUR
