"""Other clerks' changes: the main window notices them and brings its pages up to date.

The book's stamp (services.book_stamp) is compared every few seconds and when the window is
activated. After a change elsewhere the hidden pages are marked stale (they reload when shown)
and the shown one reloads at once, unless it holds edits of the clerk's or the clerk is at work
in the window: then a notice stays in the status bar until the page can catch up.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDialog, QTableView, QWidget

from jdstock_desktop.services.book_stamp import BookStamp, book_stamp
from jdstock_desktop.ui.widgets.page import Page

if TYPE_CHECKING:
    from jdstock_desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)

# The book's stamp (about 25 ms at 100,000 SKUs) is compared this often, and when the window is
# activated, but not more often than every few seconds.
STAMP_INTERVAL_MS = 15_000
STAMP_MIN_GAP_S = 3.0
# After the book could not be reached: retry this much later (a server that does not answer
# holds the GUI thread up to the connection timeout, so not every 15 s).
STAMP_RETRY_MS = 60_000
# A page is reloaded under the clerk only after this long without a key press, click or wheel
# turn in the window: a reload of a 100,000-SKU grid takes ~0.4 s, never mid-scroll or mid-typing.
IDLE_BEFORE_RELOAD_S = 10.0
INPUT_EVENTS = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel})


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)  # shown in the window's status bar


def has_unsaved_edits(page: QWidget) -> bool:
    """Whether `page` holds edits not yet in the book (or a cell being typed), without asking.

    Asks the page's own has_unsaved_edits(). A page without one of its own that can keep the
    clerk (its own can_leave) is taken to have some: it is then never reloaded under the
    clerk's hands."""
    own = getattr(type(page), "has_unsaved_edits", Page.has_unsaved_edits)
    if own is not Page.has_unsaved_edits:
        return bool(page.has_unsaved_edits())  # type: ignore[attr-defined]
    if any(
        view.state() == QAbstractItemView.State.EditingState
        for view in page.findChildren(QAbstractItemView)
    ):
        return True
    return getattr(type(page), "can_leave", Page.can_leave) is not Page.can_leave


def reload_keeping_view(page: QWidget) -> None:
    """refresh() the page; its tables keep their scroll position and, when the reload lost
    it, their current cell (pages that keep their selection themselves keep theirs)."""
    kept = []
    for view in page.findChildren(QAbstractItemView):
        if view.isVisible():
            current = view.currentIndex()
            vbar, hbar = view.verticalScrollBar(), view.horizontalScrollBar()
            kept.append((view, current.row(), current.column(), vbar.value(), hbar.value()))
    page.refresh()  # type: ignore[attr-defined]
    for view, row, column, y, x in kept:
        model = view.model()
        if (
            isinstance(view, QTableView)
            and model is not None
            and row >= 0
            and not view.currentIndex().isValid()
            and row < model.rowCount()
            and column < model.columnCount()
        ):
            view.setCurrentIndex(model.index(row, max(column, 0)))
        view.verticalScrollBar().setValue(y)
        view.horizontalScrollBar().setValue(x)


class BookWatch(QObject):
    """Watches the window's book for other clerks' changes (one per window, its child).

    Of the window it uses: `book`, `pages`, `stack.currentIndex()`, `mark_stale(keep)`,
    `update_counts_quietly()`, `show_message(text, stays=True)`, `message_label` and its open
    dialogs; it sees the window's activation and the clerk's input through an event filter on
    the application. The window tells it: take_stamp() after its own writes, page_left() when
    it switches pages, reset() for another book, start() and stop().
    """

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        # The stamp the window's pages are up to date with (None: not known, e.g. the server
        # could not be reached), the page shown with older data because it held staged edits,
        # and the persistent status notice about either.
        self._stamp: BookStamp | None = None
        self._behind: int | None = None
        self._notice = ""
        self._offline = False
        self._check_due = 0.0  # time.monotonic() before which activation does not check
        self._last_input = 0.0  # time.monotonic() of the clerk's last key, click or wheel here
        self._activated = False  # the check running now was started by a window activation
        self.timer = QTimer(self)
        self.timer.setInterval(STAMP_INTERVAL_MS)
        self.timer.timeout.connect(self.check)
        app = QApplication.instance()
        if app is not None:  # sees the window's activation and the input in every child widget
            app.installEventFilter(self)

    # -- told by the window ---------------------------------------------------------------------
    def start(self) -> None:
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def take_stamp(self) -> None:
        """The pages are up to date with the book as it is now (e.g. the window's own write)."""
        try:
            self._stamp = book_stamp(self.window.book)
        except Exception:  # the server is gone: the next check that reaches it resyncs
            log.warning("could not read the book's stamp", exc_info=True)
            self._stamp = None

    def reset(self) -> None:
        """Another book is open in the window, its pages built anew."""
        self._behind = None
        self._offline = False
        self._clear_notice()
        self.timer.setInterval(STAMP_INTERVAL_MS)
        self.take_stamp()

    def page_left(self, index: int) -> bool:
        """The window leaves page `index` (its edits settled). True when it was shown behind
        the book: it must show the book's current data when shown again."""
        if self._behind != index:
            return False
        self._behind = None
        self._clear_notice()
        return True

    # -- the clerk ------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in INPUT_EVENTS:
            self._last_input = time.monotonic()
        elif (
            kind == QEvent.Type.WindowActivate
            and watched is self.window
            and time.monotonic() >= self._check_due
        ):
            # After the activation is handled: a dialog that just closed is gone by then.
            QTimer.singleShot(0, self, self._check_on_activation)
        return super().eventFilter(watched, event)

    def _check_on_activation(self) -> None:
        """The clerk came back to the window: a good moment to bring the page up to date."""
        self._activated = True
        try:
            self.check()
        finally:
            self._activated = False

    def _clerk_is_busy(self) -> bool:
        return not self._activated and time.monotonic() - self._last_input < IDLE_BEFORE_RELOAD_S

    def _interaction_open(self) -> bool:
        """A dialog, menu or popup is open: nothing may change under it."""
        if QApplication.activeModalWidget() is not None:
            return True
        if QApplication.activePopupWidget() is not None:
            return True
        return any(d.isVisible() for d in self.window.findChildren(QDialog))

    # -- the book -------------------------------------------------------------------------------
    def check(self) -> None:
        """Timer and activation slot: notice what other clerks changed since the window's
        pages were last brought up to date. Never raises: Qt would only print it."""
        if not self.window.pages or self._interaction_open():
            return  # the next tick looks again
        try:
            stamp = book_stamp(self.window.book)
        except Exception:
            self._connection_lost()
            return
        if self._offline:
            self._offline = False
            self.timer.setInterval(STAMP_INTERVAL_MS)
            self._clear_notice()
        self._check_due = time.monotonic() + STAMP_MIN_GAP_S
        if stamp != self._stamp:
            self._stamp = stamp
            self._book_changed_elsewhere()
        elif self._behind is not None:
            self._catch_up()

    def _connection_lost(self) -> None:
        log.warning("could not read the book's stamp", exc_info=True)
        self._stamp = None  # whatever happened meanwhile: resync once it answers again
        self._check_due = time.monotonic() + STAMP_RETRY_MS / 1000
        self.timer.setInterval(STAMP_RETRY_MS)
        if not self._offline:
            self._offline = True
            self._show_notice(_tr("无法连接账本服务器"))

    def _book_changed_elsewhere(self) -> None:
        current = self.window.stack.currentIndex()
        self.window.mark_stale(keep=current)
        self.window.update_counts_quietly()
        self._behind = current  # _catch_up reloads it and clears the notice
        if has_unsaved_edits(self.window.pages[current]):
            self._show_notice(_tr("其他用户修改了账本，按 F5 刷新"))
        else:
            self._catch_up()

    def _catch_up(self) -> None:
        """The page shown with older data: reload it once it holds no edits of the clerk's."""
        index = self._behind
        if index is None or index != self.window.stack.currentIndex():
            return
        page = self.window.pages[index]
        if has_unsaved_edits(page) or self._clerk_is_busy():
            if not self.window.message_label.text():  # another message took its place, ran out
                self._show_notice(_tr("其他用户修改了账本，按 F5 刷新"))
            return
        try:
            reload_keeping_view(page)
        except Exception:  # e.g. the server went away between the stamp and the reload
            self._connection_lost()
            return
        self._behind = None
        self._clear_notice()

    # -- the notice -----------------------------------------------------------------------------
    def _show_notice(self, text: str) -> None:
        """A status message that stays until what it says is settled."""
        self._notice = text
        self.window.show_message(text, stays=True)

    def _clear_notice(self) -> None:
        label = self.window.message_label
        if self._notice and label.text() == self._notice:
            label.clear()
            label.setToolTip("")
        self._notice = ""
