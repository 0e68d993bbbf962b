"""The main window: navigation between the pages of one open stock book, and the 文件 menu."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QSizePolicy,
    QStackedWidget,
    QWidget,
)
from sqlalchemy import URL

from jdstock_desktop import __version__
from jdstock_desktop.errors import Cancelled, JdStockError
from jdstock_desktop.services.backup import (
    backup_book,
    backup_dir,
    book_problem,
    file_problem,
    restore_book,
)
from jdstock_desktop.services.summary import book_counts
from jdstock_desktop.storage.db import Book, open_book
from jdstock_desktop.ui import profile_dialog, settings, settings_dialog, sheets_dialog
from jdstock_desktop.ui.book_watch import BookWatch
from jdstock_desktop.ui.pages import PAGES
from jdstock_desktop.ui.shared_book_dialog import (
    SharedBookDialog,
    needs_password,
    open_failure_text,
    shown_location,
)
from jdstock_desktop.ui.widgets import dialogs
from jdstock_desktop.ui.widgets.page import Page

log = logging.getLogger(__name__)

STATUS_TIMEOUT_MS = 10_000
BOOK_LABEL_WIDTH = 320  # px; longer paths are elided in the middle, whole in the tooltip


def book_location(book: Book) -> str:
    """What the recent list keeps: the file of a SQLite book, else the URL without password
    (the password stays out of the settings; psycopg finds it in PGPASSWORD or .pgpass)."""
    url = book.engine.url
    if url.get_backend_name() == "sqlite" and url.database:
        return str(Path(url.database))
    bare = URL.create(
        url.drivername, url.username, None, url.host, url.port, url.database, url.query
    )
    return bare.render_as_string(hide_password=False)


class Opening(Enum):
    """How an attempt to open a book ended."""

    OPENED = "opened"
    FAILED = "failed"  # the clerk was told why
    NEEDS_PASSWORD = "needs password"  # the server wants one; nothing was shown yet
    STAYED = "stayed"  # the clerk kept the old book for its staged edits


class MainWindow(QMainWindow):
    def __init__(self, book: Book, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.book = book
        self.pages: list[Page] = []
        self._stale: set[int] = set()
        self.watch = BookWatch(self)  # other clerks' changes

        self.nav = QListWidget()
        self.nav.setFixedWidth(120)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setStyleSheet(
            "QListWidget { font-size: 15px; } QListWidget::item { padding: 9px 12px; }"
        )
        self.nav.currentRowChanged.connect(self._nav_changed)
        self.stack = QStackedWidget()
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        # Page messages get their own label rather than showMessage(), which would paint over
        # the book's path; the path and counts stay visible at all times.
        self.message_label = QLabel()
        # Ignored: a long message must not widen the window.
        self.message_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._message_timer = QTimer(self)
        self._message_timer.setSingleShot(True)
        self._message_timer.timeout.connect(self.message_label.clear)
        self.book_label = QLabel()
        self.counts_label = QLabel()
        self.book_label.setContentsMargins(8, 0, 8, 0)
        self.counts_label.setContentsMargins(8, 0, 4, 0)
        self.statusBar().addWidget(self.message_label, 1)
        self.statusBar().addPermanentWidget(self.book_label)
        self.statusBar().addPermanentWidget(self.counts_label)

        self._build_menus()
        self.resize(1280, 780)
        page = settings.restore_window(self)
        self._build_pages()
        self.watch.take_stamp()  # before the first page loads: a change meanwhile shows next time
        self.show_page(page if 0 <= page < len(self.pages) else 0)
        self._book_opened()
        self.watch.start()

    # -- menus ----------------------------------------------------------------------------------
    def _action(
        self, menu: QMenu, text: str, slot: Callable[[], object], shortcut: str = ""
    ) -> QAction:
        action = menu.addAction(text)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("文件(&F)"))
        file_menu.setToolTipsVisible(True)
        self.new_action = self._action(file_menu, self.tr("新建账本…"), self.new_book, "Ctrl+N")
        self.open_action = self._action(file_menu, self.tr("打开账本…"), self.open_book, "Ctrl+O")
        self.connect_action = self._action(
            file_menu, self.tr("连接共享账本（PostgreSQL）…"), self.connect_shared_book
        )
        self.recent_menu = file_menu.addMenu(self.tr("最近的账本"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        self.backup_action = self._action(
            file_menu, self.tr("备份账本…"), self.backup_book, "Ctrl+Shift+B"
        )
        self.restore_action = self._action(
            file_menu, self.tr("从备份恢复…"), self.restore_from_backup
        )
        file_menu.addSeparator()
        self.import_sheet_action = self._action(
            file_menu, self.tr("导入表格…"), lambda: sheets_dialog.import_into(self), "Ctrl+I"
        )
        self.export_sheet_action = self._action(
            file_menu, self.tr("导出表格…"), lambda: sheets_dialog.export_from(self), "Ctrl+E"
        )
        file_menu.addSeparator()
        self.profile_action = self._action(file_menu, self.tr("供应商资料…"), self.edit_profile)
        self.settings_action = self._action(
            file_menu, self.tr("设置…"), lambda: settings_dialog.edit_settings(self), "Ctrl+,"
        )
        file_menu.addSeparator()
        self._action(file_menu, self.tr("退出"), self.close, "Ctrl+Q")

        self.page_menu = self.menuBar().addMenu(self.tr("页面(&P)"))
        self.page_actions = QActionGroup(self)
        for i, cls in enumerate(PAGES):
            action = self.page_menu.addAction(self._title(cls))
            action.setCheckable(True)
            if i < 9:
                action.setShortcut(QKeySequence(f"Ctrl+{i + 1}"))
            action.triggered.connect(lambda _checked=False, i=i: self.show_page(i))
            self.page_actions.addAction(action)

        help_menu = self.menuBar().addMenu(self.tr("帮助(&H)"))
        self._action(help_menu, self.tr("关于"), self.about)

    def edit_profile(self) -> None:
        if profile_dialog.edit_profile(self.book, self):
            self._page_changed_book(self.stack.currentIndex())  # the compliance check reads it

    @staticmethod
    def _title(cls: type[Page]) -> str:
        return QCoreApplication.translate("pages", cls.title or cls.__name__)

    # -- pages ----------------------------------------------------------------------------------
    def _build_pages(self) -> None:
        for i, cls in enumerate(PAGES):
            page = cls(self.book, self.stack)
            self.pages.append(page)
            self.stack.addWidget(page)
            self.nav.blockSignals(True)
            self.nav.addItem(self._title(cls))
            self.nav.blockSignals(False)
            page.status_message.connect(self.show_message)
            page.book_changed.connect(lambda i=i: self._page_changed_book(i))
            link = getattr(page, "open_item", None)  # pages whose rows link to other pages
            if link is not None:
                link.connect(self.open_item)
        # Translated titles run longer than the Chinese ones: the list grows to the widest.
        fit = self.nav.sizeHintForColumn(0) + 2 * self.nav.frameWidth()
        self.nav.setFixedWidth(max(120, fit))
        # Pages load when first shown, not all at start (a hidden page would load for nothing).
        self._stale = set(range(len(self.pages)))

    def open_item(self, kind: str, key: str) -> bool:
        """Follow a link (compliance finding → product or warehouse): show its page and row."""
        method = {"sku": "show_code", "warehouse": "show_warehouse"}.get(kind)
        for index, page in enumerate(self.pages):
            show = getattr(page, method or "", None)
            if show is not None:
                return self.show_page(index) and bool(show(key))
        return False

    def current_page(self) -> QWidget | None:
        return self.stack.currentWidget()

    def show_page(self, index: int) -> bool:
        """Switch pages; refused (False) when the current page keeps the clerk."""
        if not 0 <= index < len(self.pages):
            return False
        current = self.stack.currentIndex()
        if index != current and not self._can_leave(self.pages[current]):
            self._sync_nav(current)
            return False
        if index != current and self.watch.page_left(current):
            self._stale.add(current)  # shown behind the book: reloads when shown again
        self.stack.setCurrentIndex(index)
        self._sync_nav(index)
        if index in self._stale:
            self._stale.discard(index)
            self.pages[index].refresh()
        return True

    def _sync_nav(self, index: int) -> None:
        self.nav.blockSignals(True)
        self.nav.setCurrentRow(index)
        self.nav.blockSignals(False)
        actions = self.page_actions.actions()
        if 0 <= index < len(actions):
            actions[index].setChecked(True)

    def _nav_changed(self, row: int) -> None:
        self.show_page(row)

    @staticmethod
    def _can_leave(page: QWidget) -> bool:
        return page.can_leave() if isinstance(page, Page) else True

    def _can_leave_all(self) -> bool:
        current = self.current_page()
        others = [p for p in self.pages if p is not current]
        return all(self._can_leave(p) for p in ([current] if current else []) + others)

    def mark_stale(self, keep: int) -> None:
        """Every page but `keep` reloads when next shown."""
        self._stale = set(range(len(self.pages))) - {keep}

    def _page_changed_book(self, index: int) -> None:
        self.mark_stale(keep=index)
        self._update_counts()
        self.watch.take_stamp()  # the window's own change is no news to it

    def reload_after_book_change(self) -> None:
        """The book changed under every page (an import): all are stale, the shown one reloads."""
        self._page_changed_book(-1)
        self.show_page(self.stack.currentIndex())

    def pages_can_leave(self) -> bool:
        """Every page's staged edits settled (submitted or discarded) or none: the clerk agreed."""
        return self._can_leave_all()

    def show_message(self, text: str, *, stays: bool = False) -> None:
        """A page message in the status bar; gone after a while unless it `stays`."""
        self.message_label.setText(text)
        self.message_label.setToolTip(text)
        if stays:
            self._message_timer.stop()
        else:
            self._message_timer.start(STATUS_TIMEOUT_MS)

    # -- the open book --------------------------------------------------------------------------
    def _book_opened(self) -> None:
        location = book_location(self.book)
        shown = shown_location(location)  # a server book's without password, names readable
        name = Path(location).name if self.book.file else shown
        # Ends with the application's display name, so Qt does not append it a second time.
        self.setWindowTitle(f"{name} — " + self.tr("京东工业供应商库存账本"))
        text = self.tr("账本：") + shown
        metrics = self.book_label.fontMetrics()
        self.book_label.setText(
            metrics.elidedText(text, Qt.TextElideMode.ElideMiddle, BOOK_LABEL_WIDTH)
        )
        self.book_label.setToolTip(shown)
        is_sqlite = self.book.file is not None
        self.backup_action.setEnabled(is_sqlite)
        self.backup_action.setToolTip(
            self.tr("把账本复制为一个备份文件")
            if is_sqlite
            else self.tr("PostgreSQL 账本请由服务器管理员用 pg_dump 备份")
        )
        self.restore_action.setEnabled(is_sqlite)
        self.restore_action.setToolTip(
            self.tr("用一个备份文件替换当前账本（当前账本先另存一份）")
            if is_sqlite
            else self.tr("PostgreSQL 账本请由服务器管理员用 pg_restore 恢复")
        )
        self._update_counts()
        settings.remember_book(location)

    def _update_counts(self) -> None:
        counts = book_counts(self.book)
        self.counts_label.setText(counts.text())

    def update_counts_quietly(self) -> None:
        try:
            self._update_counts()
        except Exception:
            log.warning("could not count the book", exc_info=True)

    def set_book(self, book: Book) -> None:
        """Show another book: the pages are built anew for it, the old one is closed."""
        old = self.book
        index = max(self.stack.currentIndex(), 0)
        for page in self.pages:
            self.stack.removeWidget(page)
            page.deleteLater()
        self.pages = []
        self.nav.blockSignals(True)
        self.nav.clear()
        self.nav.blockSignals(False)
        self.book = book
        self._build_pages()
        self.watch.reset()
        self.show_page(min(index, len(self.pages) - 1))
        self._book_opened()
        if old is not book:
            old.close()

    def open_location(self, location: str) -> bool:
        """Open a book file or URL in this window (after the pages let go of the old one)."""
        return self._open_location(location) is Opening.OPENED

    def _open_location(self, location: str, *, ask_password: bool = False) -> Opening:
        """With `ask_password`, a server that wants a password nobody gave (none typed, none
        in PGPASSWORD or pgpass) is no error to show: the caller asks for the password."""
        shown = shown_location(location)  # the URL may carry the password the clerk typed
        if "://" not in location:
            reason = file_problem(Path(location))
            if reason:
                dialogs.show_error(self, self.tr("无法打开账本"), f"{shown}\n\n{reason}")
                return Opening.FAILED
        if not self._can_leave_all():
            return Opening.STAYED
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            book = open_book(location, operator=self.book.operator)
        except Exception as e:  # any driver or migration error: the clerk keeps the old book
            QApplication.restoreOverrideCursor()
            if ask_password and needs_password(e):
                return Opening.NEEDS_PASSWORD
            text = open_failure_text(location, e)
            dialogs.show_error(self, self.tr("无法打开账本"), text)
            return Opening.FAILED
        QApplication.restoreOverrideCursor()
        self.set_book(book)
        self.show_message(self.tr("已打开账本 %1").replace("%1", shown))
        return Opening.OPENED

    def connect_shared_book(self, location: str | None = None, problem: str = "") -> bool:
        """Ask for a PostgreSQL server book (filled in from `location`, a password-free URL)
        and open it. After a failed connection the dialog comes back with what was typed."""
        dialog = SharedBookDialog.from_url(location, self) if location else SharedBookDialog(self)
        dialog.show_problem(problem)
        try:
            while dialog.exec() == QDialog.DialogCode.Accepted:
                result = self._open_location(dialog.url(), ask_password=True)
                if result is Opening.OPENED:
                    return True
                if result is Opening.STAYED:  # the clerk went back to staged edits
                    return False
                dialog.show_problem(
                    self.tr("服务器要求密码，请输入密码。")
                    if result is Opening.NEEDS_PASSWORD
                    else self.tr("连接失败，请检查后重试。")
                )
                dialog.password_edit.setFocus()
                dialog.password_edit.selectAll()
            return False
        finally:
            dialog.deleteLater()

    def _book_filter(self) -> str:
        return self.tr("库存账本 (*.sqlite3 *.sqlite *.db);;所有文件 (*)")

    def _start_dir(self) -> str:
        path = self.book.file
        return str(path.parent) if path else str(Path.home())

    def new_book(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("新建账本"),
            str(Path(self._start_dir()) / self.tr("库存账本.sqlite3")),
            self._book_filter(),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if name:
            self.create_book_at(Path(name))

    def create_book_at(self, path: Path) -> bool:
        if not path.suffix:
            path = path.with_suffix(".sqlite3")
        if path.exists():
            dialogs.show_error(
                self,
                self.tr("文件已存在"),
                self.tr("%1 已存在。请换一个文件名，或用「打开账本」打开它。").replace(
                    "%1", str(path)
                ),
            )
            return False
        return self.open_location(str(path))

    def open_book(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("打开账本"), self._start_dir(), self._book_filter()
        )
        if name:
            self.open_location(name)

    def _fill_recent_menu(self) -> None:
        menu = self.recent_menu
        menu.clear()
        current = book_location(self.book)
        books = settings.recent_books()
        for i, location in enumerate(books):
            shown = shown_location(location)
            action = menu.addAction(f"&{i + 1}  {shown}" if i < 9 else shown)
            action.setEnabled(location != current)
            action.triggered.connect(lambda _checked=False, loc=location: self.open_recent(loc))
        if not books:
            menu.addAction(self.tr("（没有最近的账本）")).setEnabled(False)
        menu.addSeparator()
        menu.addAction(self.tr("清除列表"), settings.clear_recent_books)

    def open_recent(self, location: str) -> bool:
        if "://" not in location and not Path(location).exists():
            settings.forget_book(location)
            dialogs.show_error(
                self,
                self.tr("找不到账本"),
                self.tr("%1 已不存在（可能被移动或删除），已从最近列表中移除。").replace(
                    "%1", location
                ),
            )
            return False
        if "://" not in location:
            return self.open_location(location)
        # A server book: PGPASSWORD or pgpass may know the password. If not, or if the
        # connection fails, the dialog comes filled in, so the clerk only types the password.
        result = self._open_location(location, ask_password=True)
        if result is Opening.OPENED or result is Opening.STAYED:
            return result is Opening.OPENED
        problem = (
            self.tr("服务器要求密码，请输入密码。")
            if result is Opening.NEEDS_PASSWORD
            else self.tr("连接失败，请检查后重试。")
        )
        return self.connect_shared_book(location, problem)

    def backup_book(self) -> None:
        source = self.book.file
        if source is None:
            return
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M")
        default = source.with_name(f"{source.stem}-备份-{stamp}{source.suffix or '.sqlite3'}")
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("备份账本"), str(default), self._book_filter()
        )
        if name:
            self.backup_to(Path(name))

    def backup_to(self, dest: Path) -> bool:
        source = self.book.file
        if source is None:
            return False
        if dest.resolve() == source.resolve():
            dialogs.show_error(self, self.tr("无法备份"), self.tr("不能备份到账本文件本身。"))
            return False
        progress = QProgressDialog(self.tr("正在备份账本…"), self.tr("取消"), 0, 100, self)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)

        def step(done: int, total: int) -> bool:
            progress.setMaximum(max(total, 1))
            progress.setValue(done)
            QApplication.processEvents()
            return not progress.wasCanceled()

        try:
            backup_book(self.book, dest, step)
        except Cancelled:
            self.show_message(self.tr("已取消备份"))
            return False
        except JdStockError as e:  # a damaged book is not copied; a full disk, no rights…
            dialogs.show_error(self, self.tr("备份失败"), f"{dest}\n\n{e}")
            return False
        finally:
            progress.close()
        self.show_message(self.tr("账本已备份到 %1").replace("%1", str(dest)))
        return True

    def restore_from_backup(self) -> None:
        if self.book.file is None:
            return
        folder = backup_dir()
        start = folder if folder.is_dir() else Path(self._start_dir())
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("从备份恢复"), str(start), self._book_filter()
        )
        if name:
            self.restore_from(Path(name))

    def restore_from(self, src: Path) -> bool:
        """Replace the open book by the backup `src` and show it; the replaced book is kept as
        an automatic backup first. False (the book open and unchanged) when refused."""
        target = self.book.file
        if target is None:
            return False
        title = self.tr("从备份恢复")
        problem = book_problem(src)
        if problem is None and src.resolve() == target.resolve():
            problem = self.tr("这就是当前打开的账本，无需恢复。")
        if problem:
            dialogs.show_error(self, self.tr("无法恢复"), problem)
            return False
        if not self._can_leave_all():
            return False
        question = (
            self.tr(
                "用备份 %1 替换当前账本 %2？\n\n当前账本的全部内容会被备份的内容取代。"
                "替换前，当前账本会先另存一份安全副本到 %3，恢复错了可以再用它恢复。"
            )
            .replace("%1", str(src))
            .replace("%2", str(target))
            .replace("%3", str(backup_dir()))
        )
        if not dialogs.ask_yes_no(self, title, question):
            return False
        # No pooled connection may hold the file (or its WAL) while it is replaced; the engine
        # reconnects on demand, so after a refusal the book is simply still open.
        self.book.close()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            safety = restore_book(src, target)
        except (JdStockError, OSError) as e:  # e.g. no room for the safety copy
            QApplication.restoreOverrideCursor()
            dialogs.show_error(self, self.tr("恢复失败"), str(e))
            return False
        QApplication.restoreOverrideCursor()
        kept = (
            self.tr("恢复前的账本已另存为 %1").replace("%1", str(safety))
            if safety is not None
            else ""
        )
        if not self.open_location(str(target)):  # it said why; say where the old book is
            if kept:
                dialogs.show_error(self, title, kept)
            return False
        self.show_message(self.tr("已用备份 %1 恢复账本").replace("%1", str(src)))
        QMessageBox.information(
            self, title, self.tr("已用备份 %1 恢复账本。").replace("%1", str(src)) + "\n\n" + kept
        )
        return True

    def about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("关于"),
            self.tr(
                "<h3>京东工业供应商库存账本</h3><p>版本 %1</p>"
                "<p>为直接向京东工业 / 京东慧采供货的供应商库管员：记录各仓库存与流水，"
                "按覆盖范围和优先级发货，每日查看预警，填写京东的表格。</p>"
            ).replace("%1", __version__),
        )

    # -- closing --------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._can_leave_all():
            event.ignore()
            return
        settings.save_window(self, self.stack.currentIndex())
        self.watch.stop()
        event.accept()
