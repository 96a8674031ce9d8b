"""The footer: the keys that work where the focus is, drawn as one line.

Why not Textual's ``Footer``: it mounts a widget per key and re-composes all of them whenever the
bindings change, which happens on every focus change. Opening a compare view (about twenty keys,
focus moved to the first column) spent ~60 ms of its 300 ms budget there. One line of text,
re-rendered when the bindings change, costs well under a millisecond. Drawing it ourselves also
lets a narrow terminal keep the keys that matter: ``? Help`` and the way back stay at the right
edge, and what does not fit is replaced by ``…`` (the help screen lists every key).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, NamedTuple

from rich.cells import cell_len
from rich.text import Text
from textual.widget import Widget

if TYPE_CHECKING:
    from textual import events
    from textual.binding import Binding
    from textual.screen import Screen

PINNED_IDS = frozenset({"help", "quit", "compare.back", "reader.back", "results.clear", "search.leave", "command_palette"})
"""Binding ids kept at the right edge however narrow the terminal: how to get help, the palette, and the way out."""
ALWAYS_SHOWN_IDS = frozenset({"command_palette"})
"""Shown even though the registry hides them elsewhere (as Textual's footer always shows the palette key)."""

MORE = " … "


class KeyItem(NamedTuple):
    """One key as the bar shows it."""

    key: str
    """The key pressed when the item is clicked."""
    display: str
    description: str
    tooltip: str
    enabled: bool
    pinned: bool

    @property
    def width(self) -> int:
        return cell_len(self.display) + cell_len(self.description) + 3  # " key description "


class KeyBar(Widget, can_focus=False):
    """The focused context's shown bindings on one line; click a key to press it."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-bar--key", "key-bar--description", "key-bar--disabled"}
    """The key, its description, and the look of a key whose action is unavailable now."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 (Textual's name)
        super().__init__(id=id)
        self._items: list[KeyItem] | None = None
        self._hit_boxes: list[tuple[int, int, KeyItem]] = []
        """(first cell, end cell, item) of each drawn item, for clicks and tooltips."""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:  # type: ignore[type-arg]
        self._items = None
        self.refresh()

    def items(self) -> list[KeyItem]:
        """The keys to show, one per action, in the order the focused widget, its screen and the app declare them."""
        if self._items is None:
            seen: set[str] = set()
            items: list[KeyItem] = []
            for _node, binding, enabled, tooltip in self.screen.active_bindings.values():
                if not (binding.show or binding.id in ALWAYS_SHOWN_IDS) or binding.action in seen:
                    continue
                seen.add(binding.action)
                items.append(self._item(binding, enabled, tooltip))
            self._items = items
        return self._items

    def _item(self, binding: Binding, enabled: bool, tooltip: str) -> KeyItem:
        return KeyItem(
            key=binding.key,
            display=self.app.get_key_display(binding),
            description=binding.description,
            tooltip=tooltip or binding.tooltip or binding.description,
            enabled=enabled,
            pinned=binding.id in PINNED_IDS,
        )

    def fitted(self, width: int) -> tuple[list[KeyItem], bool, list[KeyItem]]:
        """(left items, whether some were left out, right-edge items) for ``width`` cells."""
        items = self.items()
        has_back = any(item.pinned and item.key == "escape" for item in items)
        pinned = [item for item in items if item.pinned and not (has_back and item.key == "q")]
        free = [item for item in items if item not in pinned]  # with a way back, quitting may give way
        room = width + 1 - sum(item.width for item in pinned)  # the line's last blank may be cropped
        if sum(item.width for item in free) <= room:
            return free, False, pinned
        room -= cell_len(MORE)
        shown: list[KeyItem] = []
        for item in free:
            if item.width > room:
                break
            shown.append(item)
            room -= item.width
        return shown, True, pinned

    def render(self) -> Text:
        width = self.size.width
        left, cut, right = self.fitted(width)
        key_style = self.get_component_rich_style("key-bar--key")
        description_style = self.get_component_rich_style("key-bar--description")
        disabled_style = self.get_component_rich_style("key-bar--disabled")
        line = Text(no_wrap=True, overflow="crop", end="")
        boxes: list[tuple[int, int, KeyItem]] = []

        def draw(item: KeyItem) -> None:
            start = line.cell_len
            extra = disabled_style if not item.enabled else None
            line.append(f" {item.display} ", key_style + extra if extra else key_style)
            line.append(f"{item.description} ", description_style + extra if extra else description_style)
            boxes.append((start, line.cell_len, item))

        for item in left:
            draw(item)
        if cut:
            line.append(MORE, description_style)
        gap = width - line.cell_len - sum(item.width for item in right)
        if gap > 0:
            line.append(" " * gap)
        for item in right:
            draw(item)
        line.truncate(width)  # at most the last item's trailing blank
        self._hit_boxes = boxes
        return line

    def _item_at(self, x: int) -> KeyItem | None:
        return next((item for start, end, item in self._hit_boxes if start <= x < end), None)

    def on_click(self, event: events.Click) -> None:
        item = self._item_at(event.x)
        if item is None:
            return
        event.stop()
        if item.enabled:
            self.app.simulate_key(item.key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        item = self._item_at(event.x)
        self.tooltip = item.tooltip if item is not None else None
