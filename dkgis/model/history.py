"""The user's edits of a project as undoable changes: states before and after (pure).

What a user edits reaches the model from several views: the scenarios (measures, baselines,
duplicate, rename, delete, the active scenario) from the scenario editor and the chart
toolbar; the layers (visibility, opacity, order, the user's own layers added or removed)
from the layer panel, the style dialog and File > Add Layer; the sector filter from the
legend. A :class:`ChangeRecorder` follows the model's events and turns each edit into a
:class:`Change`: the state of the edited part before and after. :meth:`ChangeRecorder.undo`
and :meth:`ChangeRecorder.redo` put a state back into the model, whose events then update
every view as for any other change.

States are values: scenarios are immutable, and a layer state holds the layer objects
themselves (a removed user layer comes back as it was, data and style). The recorder does
not record the changes it applies itself, nor those made inside :meth:`ChangeRecorder.paused`
(opening a project or restoring the last session are not edits to undo).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from psygnal import Signal

if TYPE_CHECKING:
    from dkgis.model.layer import Layer, LayerList
    from dkgis.model.project import Project
    from dkgis.model.scenario import Scenario

#: The parts of a project whose edits are recorded.
SCENARIOS = "scenarios"
LAYERS = "layers"
SECTORS = "sectors"
PARTS: tuple[str, ...] = (SCENARIOS, LAYERS, SECTORS)


@dataclass(frozen=True)
class ScenarioState:
    """The scenarios, in display order, and the name of the active one."""

    scenarios: tuple[Scenario, ...]
    active: str | None

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.scenarios)


@dataclass(frozen=True)
class LayerEntry:
    """One layer of a :class:`LayerState`: the layer object, shown or not, its opacity."""

    layer: Layer
    visible: bool
    opacity: float

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, LayerEntry)
            and other.layer is self.layer
            and other.visible == self.visible
            and other.opacity == self.opacity
        )

    def __hash__(self) -> int:
        return hash((id(self.layer), self.visible, self.opacity))


@dataclass(frozen=True)
class LayerState:
    """The layers, bottom to top, with their visibility and opacity."""

    entries: tuple[LayerEntry, ...]

    def entry(self, layer: Layer) -> LayerEntry | None:
        """The entry of ``layer`` (the same object), or ``None``."""
        return next((e for e in self.entries if e.layer is layer), None)

    @property
    def order(self) -> tuple[int, ...]:
        return tuple(id(e.layer) for e in self.entries)


@dataclass(frozen=True)
class Change:
    """One edit of one part of a project.

    Attributes
    ----------
    part : str
        :data:`SCENARIOS` (a :class:`ScenarioState`), :data:`LAYERS` (a
        :class:`LayerState`) or :data:`SECTORS` (the frozenset of hidden sector ids).
    before, after
        The part's state before and after the edit.
    """

    part: str
    before: Any
    after: Any

    @property
    def empty(self) -> bool:
        """Whether the edit changes nothing (e.g. a slider moved and put back)."""
        return self.before == self.after

    def opacity_layer(self) -> Layer | None:
        """The layer whose opacity alone this change sets, or ``None``."""
        if self.part != LAYERS or self.before.order != self.after.order:
            return None
        changed = [
            (old, new)
            for old, new in zip(self.before.entries, self.after.entries, strict=True)
            if old != new
        ]
        if len(changed) != 1:
            return None
        old, new = changed[0]
        return new.layer if old.visible == new.visible else None

    def followed_by(self, later: Change) -> Change | None:
        """This change and ``later`` as one, when both set the opacity of the same layer
        (one drag of a slider); ``None`` otherwise."""
        layer = self.opacity_layer()
        if layer is None or later.opacity_layer() is not layer or later.before != self.after:
            return None
        return Change(LAYERS, self.before, later.after)


@dataclass(frozen=True)
class Summary:
    """What a change does, for the words of the Undo and Redo commands.

    Attributes
    ----------
    action : str
        ``show_layer``, ``hide_layer``, ``layer_opacity``, ``move_layer``, ``add_layer``,
        ``remove_layer``, ``layers``; ``show_sector``, ``hide_sector``, ``show_all_sectors``,
        ``hide_sectors``, ``sectors``; ``activate_scenario``, ``add_scenario``,
        ``remove_scenario``, ``rename_scenario``, ``edit_scenario``, ``scenarios``.
    subject : object
        The layer, the sector id or the scenario name concerned (``None`` for several; a
        renamed scenario's old name).
    """

    action: str
    subject: Any = None


def summarize(change: Change) -> Summary:
    """What ``change`` does (the user interface words it)."""
    if change.part == SCENARIOS:
        return _scenario_summary(change.before, change.after)
    if change.part == LAYERS:
        return _layer_summary(change.before, change.after)
    return _sector_summary(change.before, change.after)


def _scenario_summary(before: ScenarioState, after: ScenarioState) -> Summary:
    old, new = before.names, after.names
    if before.scenarios == after.scenarios:
        return Summary("activate_scenario", after.active)
    added = [n for n in new if n not in old]
    removed = [n for n in old if n not in new]
    if len(added) == 1 and not removed:
        return Summary("add_scenario", added[0])
    if len(removed) == 1 and not added:
        return Summary("remove_scenario", removed[0])
    if len(added) == 1 and len(removed) == 1 and len(old) == len(new):
        return Summary("rename_scenario", removed[0])
    if old == new:
        edited = [a.name for a, b in zip(before.scenarios, after.scenarios, strict=True) if a != b]
        if len(edited) == 1:
            return Summary("edit_scenario", edited[0])
    return Summary("scenarios")


def _layer_summary(before: LayerState, after: LayerState) -> Summary:
    old = [e.layer for e in before.entries]
    new = [e.layer for e in after.entries]
    added = [layer for layer in new if all(layer is not o for o in old)]
    removed = [layer for layer in old if all(layer is not n for n in new)]
    if len(added) == 1 and not removed:
        return Summary("add_layer", added[0])
    if len(removed) == 1 and not added:
        return Summary("remove_layer", removed[0])
    if added or removed:
        return Summary("layers")
    if before.order != after.order:
        moved = _moved_layer(old, new)
        return Summary("move_layer", moved) if moved is not None else Summary("layers")
    changed = [(a, b) for a, b in zip(before.entries, after.entries, strict=True) if a != b]
    if len(changed) == 1:
        a, b = changed[0]
        if a.visible != b.visible and a.opacity == b.opacity:
            return Summary("show_layer" if b.visible else "hide_layer", b.layer)
        if a.visible == b.visible:
            return Summary("layer_opacity", b.layer)
    return Summary("layers")


def _moved_layer(old: list[Layer], new: list[Layer]) -> Layer | None:
    """The one layer whose move turns ``old`` into ``new`` (``None`` when it takes more)."""
    for layer in old:
        rest_old = [x for x in old if x is not layer]
        rest_new = [x for x in new if x is not layer]
        if all(a is b for a, b in zip(rest_old, rest_new, strict=True)):
            return layer
    return None


def _sector_summary(before: frozenset[str], after: frozenset[str]) -> Summary:
    shown = before - after
    hidden = after - before
    if not after and len(before) > 1:
        return Summary("show_all_sectors")
    if len(shown) == 1 and not hidden:
        return Summary("show_sector", next(iter(shown)))
    if len(hidden) == 1 and not shown:
        return Summary("hide_sector", next(iter(hidden)))
    if hidden and not shown:
        return Summary("hide_sectors")
    return Summary("sectors")


# -- reading and writing the states ------------------------------------------------------


def scenario_state(project: Project) -> ScenarioState:
    """The project's scenarios and active scenario now."""
    scenarios = project.scenarios
    return ScenarioState(scenarios.scenarios, scenarios.active_name)


def layer_state(layers: LayerList) -> LayerState:
    """The layers now, bottom to top."""
    return LayerState(tuple(LayerEntry(layer, layer.visible, layer.opacity) for layer in layers))


def apply_layer_state(layers: LayerList, state: LayerState) -> None:
    """Make ``layers`` hold ``state``'s layers, in its order, shown and opaque as it says."""
    wanted = [e.layer for e in state.entries]
    for layer in list(layers):
        if all(layer is not w for w in wanted):
            layers.remove(layer)
    for i, layer in enumerate(wanted):
        if i < len(layers) and layers[i] is layer:
            continue
        current = next((j for j, x in enumerate(layers) if x is layer), None)
        if current is None:
            layers.insert(i, layer)
        else:
            layers.move(current, i)
    for entry in state.entries:
        entry.layer.visible = entry.visible
        entry.layer.opacity = entry.opacity


class ChangeRecorder:
    """Records every edit of a project's scenarios, layers and sector filter.

    Parameters
    ----------
    project
        The project followed (its scenarios are built if they were not yet).

    Events
    ------
    recorded : Signal(Change)
        An edit was made (not emitted for the changes of :meth:`undo`, :meth:`redo`
        and :meth:`paused`).
    """

    recorded = Signal(object)

    def __init__(self, project: Project) -> None:
        self.project = project
        self._applying = 0
        self._states: dict[str, Any] = {part: self._read(part) for part in PARTS}
        project.scenarios.changed.connect(self._on_scenarios)
        project.display.events.hidden_sectors.connect(self._on_sectors)
        events = project.layers.events
        for signal in (events.inserted, events.removed, events.moved, events.reordered):
            signal.connect(self._on_layers)
        events.child_event.connect(self._on_layers)

    def close(self) -> None:
        """Stop following the project."""
        self.project.scenarios.changed.disconnect(self._on_scenarios)
        self.project.display.events.hidden_sectors.disconnect(self._on_sectors)
        events = self.project.layers.events
        for signal in (events.inserted, events.removed, events.moved, events.reordered):
            signal.disconnect(self._on_layers)
        events.child_event.disconnect(self._on_layers)

    # -- applying changes -----------------------------------------------------------------
    def undo(self, change: Change) -> None:
        """Put back the state before ``change``."""
        self._apply(change.part, change.before)

    def redo(self, change: Change) -> None:
        """Put back the state after ``change``."""
        self._apply(change.part, change.after)

    @contextmanager
    def paused(self) -> Iterator[None]:
        """Changes made inside this block are not recorded (they become the new start)."""
        self._applying += 1
        try:
            yield
        finally:
            self._applying -= 1
            self._states = {part: self._read(part) for part in PARTS}

    def _apply(self, part: str, state: Any) -> None:
        with self.paused():
            if part == SCENARIOS:
                self.project.scenarios.set_scenarios(state.scenarios, state.active)
            elif part == LAYERS:
                apply_layer_state(self.project.layers, state)
            else:
                self.project.display.hidden_sectors = state

    # -- following the model --------------------------------------------------------------
    def _read(self, part: str) -> Any:
        if part == SCENARIOS:
            return scenario_state(self.project)
        if part == LAYERS:
            return layer_state(self.project.layers)
        return self.project.display.hidden_sectors

    def _on_scenarios(self) -> None:
        self._follow(SCENARIOS)

    def _on_sectors(self, _hidden: frozenset[str]) -> None:
        self._follow(SECTORS)

    def _on_layers(self, *_args: object) -> None:
        self._follow(LAYERS)

    def _follow(self, part: str) -> None:
        if self._applying:
            return
        before = self._states[part]
        after = self._read(part)
        if after == before:
            return
        self._states[part] = after
        self.recorded.emit(Change(part, before, after))
