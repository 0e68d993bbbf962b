"""The 仓库 page: the warehouse list in one tab, coverage & priority with the what-if in another."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QTabWidget, QVBoxLayout, QWidget

from jdstock_desktop.services.coverage import regions_with_lists
from jdstock_desktop.storage.db import Book
from jdstock_desktop.ui.warehouses.coverage_tab import CoverageTab
from jdstock_desktop.ui.warehouses.list_tab import WarehouseListTab
from jdstock_desktop.ui.widgets.page import Page

LIST_TAB, COVERAGE_TAB = range(2)


class WarehousesPage(Page):
    title = "仓库"

    def __init__(self, book: Book, parent: QWidget | None = None) -> None:
        super().__init__(book, parent)
        self.list_tab = WarehouseListTab(book)
        self.coverage_tab = CoverageTab(book)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.list_tab, self.tr("仓库列表"))
        self.tabs.addTab(self.coverage_tab, self.tr("覆盖与优先级 · 试算"))
        for tab in (self.list_tab, self.coverage_tab):
            tab.status_message.connect(self.status_message)
            tab.changed.connect(self._written)
        refresh = QAction(self.tr("刷新"), self)
        refresh.setShortcuts([QKeySequence(QKeySequence.StandardKey.Refresh), QKeySequence("F5")])
        refresh.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        refresh.triggered.connect(self.reload)
        self.addAction(refresh)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.tabs)

    def refresh(self) -> None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.list_tab.refresh()
            self._load_coverage()
        finally:
            QApplication.restoreOverrideCursor()

    def show_warehouse(self, name: str) -> bool:
        """Select warehouse `name` in the list tab (a link from another page)."""
        self.tabs.setCurrentWidget(self.list_tab)
        self.list_tab.select(name)
        current = self.list_tab.current()
        return current is not None and current.name == name

    def reload(self) -> None:
        """F5: an unsaved priority draft would be lost, so ask first."""
        if self.can_leave():
            self.refresh()

    def _load_coverage(self) -> None:
        self.coverage_tab.set_context(
            self.list_tab.model.warehouses(), regions_with_lists(self.book)
        )

    def _written(self) -> None:
        # The list tab reloads itself after its writes; a rename, pause or delete changes what
        # the priority lists show, and a saved list what the tree shows bold.
        self._load_coverage()
        self.book_changed.emit()

    def has_unsaved_edits(self) -> bool:
        """An unsaved priority-list draft."""
        return self.coverage_tab.editor.dirty

    def can_leave(self) -> bool:
        return self.coverage_tab.can_leave()
