"""The app's handle on the annotations engine: the notebook of the open corpus, the `a`/`A`/`e` flows
shared by the reader and the compare view, and how engine errors reach the user.

The main screen owns one ``Annotating`` (it owns the library); the compare view finds it with
``annotating_of(app)``. Saving, editing and deleting are one short SQLite transaction each and run
on the UI thread; exporting aligns stories and runs in the main screen's export worker.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from index.errors import CrossreadError
from tui.screens.confirm import ConfirmModal
from tui.screens.error_modal import ErrorModal
from tui.text_safety import one_line

if TYPE_CHECKING:
    from textual.app import App

    from index.annotations import Notebook, PlacedAnnotation
    from index.article import Article
    from tui.screens.main import MainScreen

Span = tuple[int, int]


def annotating_of(app: App[None]) -> Annotating | None:
    """The ``Annotating`` of the main screen in ``app``'s stack, if there is one."""
    for screen in app.screen_stack:
        found = getattr(screen, "annotating", None)
        if isinstance(found, Annotating):
            return found
    return None


def describe(article: Article | None) -> str:
    """``source · title`` of an article, one line (for headings; shown as text)."""
    if article is None:
        return "article no longer in the corpus"
    return f"{one_line(article.source, 40)} · {one_line(article.display_title, 120)}"


class Annotating:
    """Notebook access and the annotation flows; every engine error is reported, never raised to Textual."""

    def __init__(self, main: MainScreen) -> None:
        self.main = main
        self._notebook: Notebook | None = None
        self._corpus_id: int | None = None
        self._backups_shown = False

    @property
    def app(self) -> App[None]:
        return self.main.app

    @property
    def notebook(self) -> Notebook | None:
        """The notebook of the loaded corpus (None until the library is open)."""
        library = self.main.library
        if library is None:
            return None
        if self._notebook is None or self._corpus_id != id(library.corpus):
            from index.annotations import Notebook  # rapidfuzz and SQLite load on first use, off the first paint

            self._notebook = Notebook.open(self.main.config, library.corpus)
            self._corpus_id = id(library.corpus)
        return self._notebook

    # --- errors -----------------------------------------------------------------------------

    def report(self, error: CrossreadError) -> None:
        """A corrupt database blocks (a modal naming the backup); anything else is a passing notification."""
        from index.annotations import AnnotationsCorrupt

        if isinstance(error, AnnotationsCorrupt):
            self.app.push_screen(ErrorModal(error.title, f"{error.message}\n\nBackup: {error.backup}"))
            self._backups_shown = True
            return
        self.app.notify(error.message, title=error.title, severity="error", markup=False)

    def check_store(self) -> None:
        """Open the database once the library is loaded, so a damaged file is found (and set aside) at once."""
        notebook = self.notebook
        if notebook is None:
            return
        try:
            notebook.store.list(notebook.corpus_key)
        except CrossreadError as error:
            self.report(error)
            return
        backups = notebook.store.corrupt_backups()
        if backups and not self._backups_shown:
            self._backups_shown = True
            listed = ", ".join(str(path) for path in backups)
            self.app.notify(
                f"damaged annotations database kept as {listed}; try `sqlite3 FILE .recover` to get the old notes back",
                title="Annotations", severity="warning", markup=False, timeout=10,
            )

    # --- reading ----------------------------------------------------------------------------

    def placed(self, *, article: str | None = None) -> list[PlacedAnnotation] | None:
        """The corpus's annotations placed in the current text (None when they cannot be read: reported)."""
        notebook = self.notebook
        if notebook is None:
            return None
        try:
            return notebook.placed(article=article)
        except CrossreadError as error:
            self.report(error)
            return None

    def spans_for(self, article_id: str) -> list[Span]:
        """Where ``article_id``'s annotated passages are now (orphans have no place)."""
        placed = self.placed(article=article_id) or []
        return [(p.anchor.start, p.anchor.end) for p in placed if p.anchor.found]

    def refresh_marks(self) -> None:
        """Redraw the annotation marks of the reader and of any open compare view."""
        for screen in self.app.screen_stack:
            show = getattr(screen, "show_annotation_marks", None)
            if show is not None:
                show()

    # --- writing ----------------------------------------------------------------------------

    def annotate(self, article: Article, span: Span, on_saved: Callable[[], None] | None = None) -> None:
        """Open the note editor on ``article.text[span]``; the saved annotation is marked at once."""
        notebook = self.notebook
        if notebook is None:
            self.app.notify("The library is still loading; try again in a moment.", markup=False)
            return
        start, end = span

        def save(note: str, tags: tuple[str, ...]) -> PlacedAnnotation:
            return notebook.annotate(article.id, start, end, note=note, tags=tags)

        def saved(result: PlacedAnnotation | None) -> None:
            if result is None:
                return
            self.refresh_marks()
            if on_saved is not None:
                on_saved()
            self.app.notify(f"annotation {result.id} saved", title="Annotations", markup=False)

        from tui.screens.note_modal import NoteModal  # TextArea loads on first use, off the first paint

        self.app.push_screen(NoteModal(describe(article), article.text[start:end], save), saved)

    def edit(self, placed: PlacedAnnotation, on_done: Callable[[], None] | None = None) -> None:
        """Open the note editor on an annotation's note and tags."""
        notebook = self.notebook
        if notebook is None:
            return
        annotation = placed.annotation

        def save(note: str, tags: tuple[str, ...]) -> PlacedAnnotation:
            return notebook.edit(annotation.id, note=note, tags=tags)

        def saved(result: PlacedAnnotation | None) -> None:
            if result is None:
                return
            self.refresh_marks()
            if on_done is not None:
                on_done()
            self.app.notify(f"annotation {result.id} saved", title="Annotations", markup=False)

        passage = placed.text if placed.text is not None else annotation.quote
        from tui.screens.note_modal import NoteModal

        self.app.push_screen(
            NoteModal(describe(placed.article), passage, save, note=annotation.note, tags=annotation.tags), saved
        )

    def delete(self, placed: PlacedAnnotation, on_done: Callable[[], None] | None = None) -> None:
        """Ask, then delete the annotation."""
        notebook = self.notebook
        if notebook is None:
            return
        quote = one_line(placed.annotation.quote, 120)

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                notebook.delete(placed.id)
            except CrossreadError as error:
                self.report(error)
                return
            self.refresh_marks()
            if on_done is not None:
                on_done()
            self.app.notify(f"annotation {placed.id} deleted", title="Annotations", markup=False)

        self.app.push_screen(ConfirmModal("Delete this annotation?", f"“{quote}”"), answered)

    # --- list and export --------------------------------------------------------------------

    def show_list(self) -> None:
        from tui.screens.annotations import AnnotationsScreen

        if self.notebook is None:
            self.app.notify("The library is still loading; try again in a moment.", markup=False)
            return
        def chosen(placed: PlacedAnnotation | None) -> None:
            if placed is not None:
                self.jump_to(placed)

        self.app.push_screen(AnnotationsScreen(self), chosen)

    def jump_to(self, placed: PlacedAnnotation) -> None:
        """Open the annotated passage in the reader (closing the compare view if it is open)."""
        if placed.article is None or not placed.anchor.found:
            self.app.notify(
                f"annotation {placed.id} is an orphan: its passage is no longer in the article. Saved quote: "
                f"{one_line(placed.annotation.quote, 200)}",
                title="Annotations", severity="warning", markup=False,
            )
            return
        while self.app.screen is not self.main and len(self.app.screen_stack) > 2:
            self.app.pop_screen()
        self.main.open_article(placed.article, passage=(placed.anchor.start, placed.anchor.end), offset=placed.anchor.start)

    def export(self) -> None:
        """Ask for the target, then export in the main screen's worker."""
        from tui.screens.export_dialog import ExportDialog

        placed = self.placed()
        if placed is None:
            return
        if not placed:
            self.app.notify("No annotations to export yet: select a passage in the reader and press a.", markup=False)
            return
        default = str(Path.cwd()) + "/"

        def chosen(target: str | None) -> None:
            if target:
                self.main.export_annotations(self.notebook, Path(target).expanduser())  # type: ignore[arg-type]

        self.app.push_screen(ExportDialog(default, len(placed)), chosen)
