"""How the map shows the facilities: sector filter, year and labels (pure, evented)."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from psygnal import Signal, SignalGroup

#: First and last year of the year slider.
YEAR_MIN = 2005
YEAR_MAX = 2050

#: The emission circles' area shows the CO2 of the year.
SIZE_CO2 = "co2"
#: The emission circles' area shows the direct jobs stated by the sources (not by year).
SIZE_JOBS = "jobs"
#: What the emission circles' area may show.
CIRCLE_SIZES: tuple[str, ...] = (SIZE_CO2, SIZE_JOBS)


class DisplayEvents(SignalGroup):
    """Events of a :class:`Display`.

    Attributes
    ----------
    hidden_sectors : Signal(frozenset)
        The set of hidden sector ids changed; emits the new set.
    year : Signal(int)
        The year shown changed; emits the new year.
    labels : Signal(bool)
        Facility names were switched on or off; emits the new value.
    circle_size : Signal(str)
        What the emission circles' area shows changed; emits the new value.
    """

    hidden_sectors = Signal(frozenset)
    year = Signal(int)
    labels = Signal(bool)
    circle_size = Signal(str)


class Display:
    """The map's display state, shared by the map, its legend, the exports and the docks.

    Parameters
    ----------
    year
        Year of the emission values shown, from :data:`YEAR_MIN` to :data:`YEAR_MAX`.
    hidden_sectors
        Sector ids whose facilities are not drawn (any string is accepted, so
        that sectors of user data can be hidden too).
    labels
        Whether facility names are drawn next to the symbols.
    circle_size
        What the emission circles' area shows: :data:`SIZE_CO2` (the year's CO2) or
        :data:`SIZE_JOBS` (direct jobs stated by the sources).

    Events
    ------
    ``display.events.hidden_sectors(frozenset)``, ``display.events.year(int)``,
    ``display.events.labels(bool)`` and ``display.events.circle_size(str)``, emitted only
    when the value changes.
    """

    def __init__(
        self,
        *,
        year: int = YEAR_MAX,
        hidden_sectors: Iterable[str] = (),
        labels: bool = False,
        circle_size: str = SIZE_CO2,
    ) -> None:
        self.events = DisplayEvents(instance=self)
        self._year = check_year(year)
        self._hidden: frozenset[str] = frozenset(hidden_sectors)
        self._labels = bool(labels)
        self._circle_size = check_circle_size(circle_size)

    def __repr__(self) -> str:
        return (
            f"Display(year={self._year}, hidden_sectors={sorted(self._hidden)!r},"
            f" labels={self._labels}, circle_size={self._circle_size!r})"
        )

    # -- year ------------------------------------------------------------------------
    @property
    def year(self) -> int:
        """Year of the emission values shown; setting it emits ``events.year``.

        Raises
        ------
        ValueError
            When set outside :data:`YEAR_MIN` .. :data:`YEAR_MAX`.
        """
        return self._year

    @year.setter
    def year(self, value: int) -> None:
        value = check_year(value)
        if value != self._year:
            self._year = value
            self.events.year.emit(value)

    # -- sectors ---------------------------------------------------------------------
    @property
    def hidden_sectors(self) -> frozenset[str]:
        """Sector ids not drawn; setting it emits ``events.hidden_sectors``."""
        return self._hidden

    @hidden_sectors.setter
    def hidden_sectors(self, value: Iterable[str]) -> None:
        if isinstance(value, str):
            value = (value,)
        value = frozenset(value)
        if value != self._hidden:
            self._hidden = value
            self.events.hidden_sectors.emit(value)

    def is_sector_visible(self, sector_id: str) -> bool:
        """Whether facilities of ``sector_id`` are drawn."""
        return sector_id not in self._hidden

    def set_sector_visible(self, sector_id: str, visible: bool) -> None:
        """Show or hide the facilities of one sector."""
        if visible:
            self.hidden_sectors = self._hidden - {sector_id}
        else:
            self.hidden_sectors = self._hidden | {sector_id}

    def show_all_sectors(self) -> None:
        """Show the facilities of every sector."""
        self.hidden_sectors = frozenset()

    def sector_mask(self, sectors: np.ndarray | Iterable[str]) -> np.ndarray:
        """Return a boolean array, True where the sector of a facility is shown.

        Parameters
        ----------
        sectors
            The sector id of each facility.
        """
        values = sectors.tolist() if isinstance(sectors, np.ndarray) else list(sectors)
        hidden = self._hidden
        return np.fromiter((s not in hidden for s in values), dtype=bool, count=len(values))

    # -- labels ----------------------------------------------------------------------
    @property
    def labels(self) -> bool:
        """Whether facility names are drawn; setting it emits ``events.labels``."""
        return self._labels

    @labels.setter
    def labels(self, value: bool) -> None:
        value = bool(value)
        if value != self._labels:
            self._labels = value
            self.events.labels.emit(value)

    # -- circle sizes ------------------------------------------------------------------
    @property
    def circle_size(self) -> str:
        """What the emission circles' area shows (one of :data:`CIRCLE_SIZES`); setting it
        emits ``events.circle_size``.

        Raises
        ------
        ValueError
            When set to a value not in :data:`CIRCLE_SIZES`.
        """
        return self._circle_size

    @circle_size.setter
    def circle_size(self, value: str) -> None:
        value = check_circle_size(value)
        if value != self._circle_size:
            self._circle_size = value
            self.events.circle_size.emit(value)


def check_circle_size(value: str) -> str:
    """Return ``value``, or raise ValueError if it is not one of :data:`CIRCLE_SIZES`."""
    if value not in CIRCLE_SIZES:
        raise ValueError(f"the circle size must be one of {CIRCLE_SIZES}, got {value!r}")
    return value


def check_year(year: int) -> int:
    """Return ``year`` as an int, or raise ValueError if it is outside the slider's range."""
    if isinstance(year, bool) or not isinstance(year, (int, np.integer)):
        raise ValueError(f"the year must be a whole number, got {year!r}")
    year = int(year)
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise ValueError(f"the year must be between {YEAR_MIN} and {YEAR_MAX}, got {year}")
    return year
