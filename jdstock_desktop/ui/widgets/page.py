"""What the main window expects of a page (one entry of the left navigation)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from jdstock_desktop.storage.db import Book
from jdstock_desktop.ui.widgets.actions import page_action


class Page(QWidget):
    """Base of the main window's pages.

    The window only relies on `title`, the `(book, parent)` constructor and `refresh()`; the
    rest is optional (looked up with getattr), so a page may also subclass QWidget directly.
    """

    title: str = ""  # Chinese source string, shown through QCoreApplication.translate("pages", …)

    # A short message for the status bar (validation refusals, "已提交 …").
    status_message = Signal(str)
    # The page wrote to the book: the window updates its counts and marks the others stale.
    book_changed = Signal()

    def __init__(self, book: Book, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.book = book

    def refresh(self) -> None:
        """Reload from the book; called when the page is shown after the book changed."""

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        *shortcuts: QKeySequence | QKeySequence.StandardKey | str,
    ) -> QAction:
        """An action of this page for its toolbar and the window's menu (page_action)."""
        return page_action(self, text, slot, *shortcuts)

    def can_leave(self) -> bool:
        """False keeps the clerk on this page (e.g. unsubmitted edits they chose to keep)."""
        return True

    def has_unsaved_edits(self) -> bool:
        """Whether the page holds edits not yet in the book, without asking the clerk (it is
        then not reloaded under them when another clerk changed the book). A page that
        overrides can_leave() should override this too: ui.book_watch otherwise takes it to
        have some."""
        return False
