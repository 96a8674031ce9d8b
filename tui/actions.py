"""Every user-facing key binding, in one registry that the footer, the help screen and the palette read.

A widget asks for its bindings with ``bindings_for(scope)``; nothing else declares a user-facing
``Binding``. The ``id`` of each entry is what ``Config.keymap`` remaps.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from textual.binding import Binding

Scope = Literal[
    "app", "main", "list", "results", "search", "reader", "compare", "column", "grid", "discrepancies", "panel", "help",
    "problems", "annotate", "note", "annotations", "confirm", "export",
]

SCOPE_TITLES: dict[Scope, str] = {
    "app": "Anywhere",
    "main": "Main screen",
    "list": "Article list",
    "results": "Search results",
    "search": "Search box",
    "reader": "Reader",
    "annotate": "Annotating",
    "compare": "Compare view",
    "column": "Compare column",
    "grid": "Coverage grid",
    "discrepancies": "Discrepancies panel",
    "panel": "Word diff and quote variants",
    "help": "Help screen",
    "problems": "Load problems screen",
    "note": "Note editor",
    "annotations": "Annotations list",
    "confirm": "Confirmation",
    "export": "Export dialog",
}
"""How the help screen names each scope, in the order it lists them."""

SCOPE_TARGETS: dict[Scope, str | None] = {
    "app": None,
    "main": None,
    "list": "#article-list",
    "results": "#search-results",
    "search": "#search-box",
    "reader": "#reader",
    "compare": None,
    "column": "CompareColumn:focus",
    "grid": None,
    "discrepancies": None,
    "panel": None,
    "help": None,
    "problems": None,
    "annotate": None,
    "note": None,
    "annotations": None,
    "confirm": None,
    "export": None,
}
"""The widget (CSS selector on the main screen) whose action a palette command runs; None: the screen/app."""


@dataclass(frozen=True)
class ActionSpec:
    """One user-facing binding: what it is called, which keys trigger it and where it applies."""

    id: str
    """Binding id; the key of ``Config.keymap``."""
    keys: str
    """Default keys, comma-separated, in Textual key names."""
    action: str
    """The Textual action run in the scope's namespace."""
    description: str
    """Short label, shown in the footer and the palette."""
    tooltip: str
    """One sentence for the help screen and the footer tooltip."""
    scope: Scope
    show: bool = True
    """Whether the footer shows it."""
    key_display: str | None = None
    priority: bool = False
    in_palette: bool = True
    """Whether the command palette offers it (not for keys that only make sense in a modal)."""

    def binding(self) -> Binding:
        return Binding(
            self.keys,
            self.action,
            self.description,
            show=self.show,
            key_display=self.key_display,
            priority=self.priority,
            tooltip=self.tooltip,
            id=self.id,
        )


ACTIONS: tuple[ActionSpec, ...] = (
    # Anywhere
    ActionSpec("quit", "q,ctrl+q", "quit", "Quit", "Leave crossread.", "app", key_display="q"),
    ActionSpec("help", "question_mark,f1", "help", "Help", "Show every key and what it does.", "app", key_display="?"),
    ActionSpec(
        "command_palette", "ctrl+p", "command_palette", "Palette",
        "Open the command palette: every action, and any article by title.", "app", show=False, in_palette=False,
    ),
    # Main screen
    ActionSpec("focus_search", "slash", "focus_search", "Search", "Jump to the search box and search as you type.", "main", key_display="/"),
    ActionSpec("focus_next", "tab", "app.focus_next", "Next pane", "Move the focus to the next pane.", "main", show=False),
    ActionSpec("focus_previous", "shift+tab", "app.focus_previous", "Previous pane", "Move the focus to the previous pane.", "main", show=False),
    ActionSpec("toggle_list", "ctrl+b", "toggle_list", "List", "Show or hide the article list pane.", "main", show=False),
    ActionSpec("show_problems", "ctrl+l", "show_problems", "Problems", "List the files that could not be loaded.", "main", show=False),
    # Article list
    ActionSpec("list.down", "j,down", "cursor_down", "Next", "Move to the next article.", "list", show=False),
    ActionSpec("list.up", "k,up", "cursor_up", "Previous", "Move to the previous article.", "list", show=False),
    ActionSpec("list.first", "home", "first", "First", "Move to the first article.", "list", show=False),
    ActionSpec("list.last", "end", "last", "Last", "Move to the last article.", "list", show=False),
    ActionSpec("list.page_down", "pagedown", "page_down", "Page down", "Move down a page of articles.", "list", show=False),
    ActionSpec("list.page_up", "pageup", "page_up", "Page up", "Move up a page of articles.", "list", show=False),
    ActionSpec("list.open", "enter", "select", "Open", "Open the article in the reader (on a story header: compare the story).", "list"),
    ActionSpec("list.mark", "space", "toggle_mark", "Mark", "Mark or unmark the article for comparing (2 to 5).", "list"),
    ActionSpec(
        "list.compare", "c", "compare", "Compare",
        "Compare the marked articles side by side; with none marked, the highlighted article's story.", "list",
    ),
    # Search box
    ActionSpec("search.open", "enter", "submit", "Open hit", "Open the top search result at the matched passage.", "search"),
    ActionSpec("search.results", "down", "focus_results", "Results", "Move to the list of search results.", "search"),
    ActionSpec("search.leave", "escape", "leave", "Leave", "Leave the search box (the query stays).", "search"),
    # Search results
    ActionSpec("results.down", "j,down", "cursor_down", "Next", "Move to the next search result.", "results", show=False),
    ActionSpec("results.up", "k,up", "cursor_up", "Previous", "Move to the previous search result.", "results", show=False),
    ActionSpec("results.first", "home", "first", "First", "Move to the first search result.", "results", show=False),
    ActionSpec("results.last", "end", "last", "Last", "Move to the last search result.", "results", show=False),
    ActionSpec("results.page_down", "pagedown", "page_down", "Page down", "Move down a page of results.", "results", show=False),
    ActionSpec("results.page_up", "pageup", "page_up", "Page up", "Move up a page of results.", "results", show=False),
    ActionSpec("results.open", "enter", "select", "Open", "Open the article at the matched passage.", "results"),
    ActionSpec("results.clear", "escape", "clear_search", "Clear", "Clear the search and go back to the article list.", "results"),
    # Reader
    ActionSpec("reader.down", "j,down", "scroll_down", "Down", "Scroll down a line.", "reader", show=False),
    ActionSpec("reader.up", "k,up", "scroll_up", "Up", "Scroll up a line.", "reader", show=False),
    ActionSpec("reader.page_down", "pagedown,space", "page_down", "Page down", "Scroll down a page.", "reader", show=False),
    ActionSpec("reader.page_up", "pageup", "page_up", "Page up", "Scroll up a page.", "reader", show=False),
    ActionSpec("reader.top", "home", "scroll_home", "Top", "Go to the start of the article.", "reader", show=False),
    ActionSpec("reader.bottom", "end", "scroll_end", "Bottom", "Go to the end of the article.", "reader", show=False),
    ActionSpec(
        "reader.back", "escape", "back", "Back",
        "Clear the selection; without one, go back to the list you opened the article from.", "reader",
    ),
    ActionSpec(
        "reader.next_sentence", "right_square_bracket", "next_sentence", "Next sentence",
        "Select the next sentence (the first one in view when nothing is selected).", "reader", show=False, key_display="]",
    ),
    ActionSpec(
        "reader.previous_sentence", "left_square_bracket", "previous_sentence", "Prev sentence",
        "Select the previous sentence (the first one in view when nothing is selected).", "reader", show=False, key_display="[",
    ),
    ActionSpec(
        "reader.select_down", "J,shift+down", "select_down", "Extend down",
        "Extend the selection by the next sentence (or shrink it from the top).", "reader", show=False, key_display="J",
    ),
    ActionSpec(
        "reader.select_up", "K,shift+up", "select_up", "Extend up",
        "Extend the selection by the previous sentence (or shrink it from the bottom).", "reader", show=False, key_display="K",
    ),
    # Annotating (bound on the main screen and the compare view)
    ActionSpec(
        "annotate.add", "a", "annotate", "Annotate",
        "Write a note and tags on the selected sentences (reader) or the passage under the cursor (compare).", "annotate",
    ),
    ActionSpec(
        "annotate.list", "A", "list_annotations", "Notes",
        "List every annotation: filter by tag, jump to one, edit or delete it.", "annotate", key_display="A", show=False,
    ),
    ActionSpec(
        "annotate.export", "e", "export_annotations", "Export",
        "Export every annotation to a Markdown file, with what the other outlets reported in its place.", "annotate",
        show=False,
    ),
    # Compare view
    ActionSpec("compare.next_group", "n", "next_group", "Next group", "Go to the next passage of an aligned group.", "compare"),
    ActionSpec(
        "compare.previous_group", "N", "previous_group", "Prev group", "Go to the previous passage of an aligned group.",
        "compare", show=False,
    ),
    ActionSpec("compare.next_only", "u", "next_only", "Only here", "Go to the next passage only this outlet reports.", "compare"),
    ActionSpec(
        "compare.jump", "enter", "jump_elsewhere", "Jump",
        "Jump to a counterpart that another column shows as 'elsewhere: ¶N'.", "compare", show=False,
    ),
    ActionSpec("compare.diff", "d", "show_diff", "Diff", "Show the word differences between this passage and its counterpart.", "compare"),
    ActionSpec("compare.variants", "v", "show_variants", "Quotes", "Show every outlet's version of the shared quotes, word by word.", "compare"),
    ActionSpec("compare.grid", "g", "show_grid", "Coverage", "Show which outlet reports which group: full, partial or absent.", "compare"),
    ActionSpec(
        "compare.discrepancies", "x", "show_discrepancies", "Conflicts",
        "List the figures and attributions on which these outlets disagree (and look-alikes that are not conflicts).",
        "compare",
    ),
    ActionSpec("compare.next_column", "l,right,tab", "next_column", "Next column", "Move to the next column (or tab).", "compare", show=False),
    ActionSpec(
        "compare.previous_column", "h,left,shift+tab", "previous_column", "Prev column",
        "Move to the previous column (or tab).", "compare", show=False,
    ),
    ActionSpec(
        "compare.back", "escape", "back", "Back", "Cancel a running alignment; otherwise close the compare view.", "compare",
    ),
    # Compare column
    ActionSpec("column.down", "j,down", "cursor_down", "Down", "Move the cursor down a row; the other columns follow.", "column", show=False),
    ActionSpec("column.up", "k,up", "cursor_up", "Up", "Move the cursor up a row; the other columns follow.", "column", show=False),
    ActionSpec("column.page_down", "pagedown,space", "page_down", "Page down", "Scroll down a page; the other columns follow.", "column", show=False),
    ActionSpec("column.page_up", "pageup", "page_up", "Page up", "Scroll up a page; the other columns follow.", "column", show=False),
    ActionSpec("column.top", "home", "top", "Top", "Go to the start of the article.", "column", show=False),
    ActionSpec("column.bottom", "end", "bottom", "Bottom", "Go to the end of the article.", "column", show=False),
    # Modal screens
    ActionSpec("grid.down", "j,down", "cursor_down", "Down", "Move to the next group.", "grid", show=False, in_palette=False),
    ActionSpec("grid.up", "k,up", "cursor_up", "Up", "Move to the previous group.", "grid", show=False, in_palette=False),
    ActionSpec("grid.right", "l,right", "cursor_right", "Right", "Move to the next outlet.", "grid", show=False, in_palette=False),
    ActionSpec("grid.left", "h,left", "cursor_left", "Left", "Move to the previous outlet.", "grid", show=False, in_palette=False),
    ActionSpec("grid.jump", "enter", "jump", "Jump", "Go to that outlet's passage of the group under the cursor.", "grid", in_palette=False),
    ActionSpec("grid.close", "escape,q,g", "close", "Close", "Close the coverage grid.", "grid", in_palette=False),
    ActionSpec(
        "discrepancies.down", "j,down", "cursor_down", "Next", "Move to the next flag (at the last one, stay).", "discrepancies",
        show=False, in_palette=False,
    ),
    ActionSpec(
        "discrepancies.up", "k,up", "cursor_up", "Previous", "Move to the previous flag (at the first one, stay).",
        "discrepancies", show=False, in_palette=False,
    ),
    ActionSpec("discrepancies.first", "home", "first", "First", "Move to the first flag.", "discrepancies", show=False, in_palette=False),
    ActionSpec("discrepancies.last", "end", "last", "Last", "Move to the last flag.", "discrepancies", show=False, in_palette=False),
    ActionSpec(
        "discrepancies.page_down", "pagedown", "page_down", "Page down", "Move down a page of flags.", "discrepancies",
        show=False, in_palette=False,
    ),
    ActionSpec(
        "discrepancies.page_up", "pageup", "page_up", "Page up", "Move up a page of flags.", "discrepancies",
        show=False, in_palette=False,
    ),
    ActionSpec(
        "discrepancies.jump", "enter", "jump", "Jump",
        "Go to the passages of the flag under the cursor (its first outlet's column focused).", "discrepancies",
        in_palette=False,
    ),
    ActionSpec("discrepancies.close", "escape,q,x", "close", "Close", "Close the discrepancies panel.", "discrepancies", in_palette=False),
    ActionSpec("panel.close", "escape,q", "close", "Close", "Close the word diff or quote variants panel.", "panel", in_palette=False),
    ActionSpec("panel.down", "j", "cursor_down", "Down", "Scroll the word diff or quote variants down.", "panel", show=False,
               in_palette=False),
    ActionSpec("panel.up", "k", "cursor_up", "Up", "Scroll the word diff or quote variants up.", "panel", show=False,
               in_palette=False),
    ActionSpec("help.down", "j,down", "scroll_down", "Down", "Scroll the help down a line.", "help", show=False, in_palette=False),
    ActionSpec("help.up", "k,up", "scroll_up", "Up", "Scroll the help up a line.", "help", show=False, in_palette=False),
    ActionSpec(
        "help.page_down", "pagedown,space", "page_down", "Page down", "Scroll the help down a page.", "help", show=False,
        in_palette=False,
    ),
    ActionSpec("help.page_up", "pageup", "page_up", "Page up", "Scroll the help up a page.", "help", show=False, in_palette=False),
    ActionSpec("help.top", "home", "scroll_top", "Top", "Go to the top of the help.", "help", show=False, in_palette=False),
    ActionSpec("help.bottom", "end", "scroll_bottom", "Bottom", "Go to the bottom of the help.", "help", show=False, in_palette=False),
    ActionSpec("help.close", "escape,q,question_mark,f1", "close", "Close", "Close the help screen.", "help", in_palette=False),
    ActionSpec("problems.close", "escape,q", "close", "Close", "Close the list of load problems.", "problems", in_palette=False),
    ActionSpec("problems.down", "j,down", "cursor_down", "Next", "Move to the next load problem.", "problems", show=False, in_palette=False),
    ActionSpec("problems.up", "k,up", "cursor_up", "Previous", "Move to the previous load problem.", "problems", show=False, in_palette=False),
    ActionSpec("note.save", "ctrl+s", "save", "Save", "Save the note and tags (enter in the tags box saves too).", "note", in_palette=False),
    ActionSpec("note.cancel", "escape", "cancel", "Cancel", "Close the note editor without saving.", "note", in_palette=False),
    ActionSpec(
        "annotations.down", "j,down", "cursor_down", "Next", "Move to the next annotation.", "annotations", show=False,
        in_palette=False,
    ),
    ActionSpec(
        "annotations.up", "k,up", "cursor_up", "Previous", "Move to the previous annotation.", "annotations", show=False,
        in_palette=False,
    ),
    ActionSpec(
        "annotations.jump", "enter", "jump", "Open", "Open the article in the reader at the annotated passage.", "annotations",
        in_palette=False,
    ),
    ActionSpec("annotations.edit", "e", "edit", "Edit", "Edit the note and tags of the annotation under the cursor.", "annotations", in_palette=False),
    ActionSpec(
        "annotations.delete", "d,delete", "delete", "Delete", "Delete the annotation under the cursor (asks first).", "annotations",
        in_palette=False,
    ),
    ActionSpec("annotations.filter", "slash", "filter", "Filter", "Filter the list by tag.", "annotations", key_display="/", in_palette=False),
    ActionSpec("annotations.close", "escape", "close", "Close", "Close the list of annotations.", "annotations", in_palette=False),
    ActionSpec("confirm.yes", "y", "yes", "Yes", "Confirm.", "confirm", in_palette=False),
    ActionSpec("confirm.no", "n,escape", "no", "No", "Cancel; nothing is changed.", "confirm", in_palette=False),
    ActionSpec("export.cancel", "escape", "cancel", "Cancel", "Close the export dialog without writing anything.", "export", in_palette=False),
)
"""The registry: every user-facing binding of the app."""


def bindings_for(scope: Scope) -> list[Binding]:
    """The ``BINDINGS`` of the widget or screen that owns ``scope``."""
    return [spec.binding() for spec in ACTIONS if spec.scope == scope]


def action_by_id(binding_id: str) -> ActionSpec:
    for spec in ACTIONS:
        if spec.id == binding_id:
            return spec
    raise KeyError(binding_id)


def current_keys(spec: ActionSpec, keymap: dict[str, str]) -> str:
    """The keys that trigger ``spec`` once the user's keymap is applied."""
    return keymap.get(spec.id, spec.keys)
