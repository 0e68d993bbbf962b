"""覆盖与优先级: the region tree, the selected node's priority list, and the what-if box."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from jdstock_desktop.domain.regions import ROOT_CODE, load_regions
from jdstock_desktop.services.warehouses import WarehouseView
from jdstock_desktop.storage.db import Book
from jdstock_desktop.ui.warehouses.priority_editor import PriorityEditor
from jdstock_desktop.ui.warehouses.region_model import RegionTreeModel
from jdstock_desktop.ui.warehouses.what_if import WhatIfBox
from jdstock_desktop.ui.widgets.address_picker import RegionSearchBox


class CoverageTab(QWidget):
    status_message = Signal(str)
    changed = Signal()  # wrote to the book

    def __init__(self, book: Book, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.book = book
        self.tree_model = RegionTreeModel(self)
        self.tree = QTreeView()
        self.tree.setModel(self.tree_model)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)  # cheap scrolling through a few thousand towns
        self.tree.expand(self.tree_model.index(0, 0))
        self.search = RegionSearchBox()
        self.search.setPlaceholderText(self.tr("搜索地区，如：广东、南山"))
        self.search.region_chosen.connect(self.go_to)
        self.jump_box = QComboBox()
        self.jump_box.setToolTip(self.tr("跳到一个已设置优先级的区域"))
        self.jump_box.activated.connect(self._jump)
        self.legend = QLabel(self.tr("粗体：该区域有自己的优先级列表"))
        self.legend.setStyleSheet("color: #6b7280;")

        left = QWidget()
        tree_layout = QVBoxLayout(left)
        tree_layout.setContentsMargins(0, 0, 0, 0)
        tree_layout.addWidget(self.search)
        tree_layout.addWidget(self.jump_box)
        tree_layout.addWidget(self.tree, 1)
        tree_layout.addWidget(self.legend)

        self.editor = PriorityEditor(book)
        self.editor.status_message.connect(self.status_message)
        self.editor.saved.connect(self._saved)
        self.what_if = WhatIfBox(book)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.editor)
        self.splitter.addWidget(self.what_if)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 3)
        self.splitter.setSizes([260, 420, 420])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.splitter)

        self._shown_code: str | None = None
        self.tree.selectionModel().currentChanged.connect(self._current_changed)

    # -- loading --------------------------------------------------------------------------------
    def set_context(self, warehouses: Sequence[WarehouseView], listed: Mapping[str, int]) -> None:
        self.tree_model.set_listed(listed)
        self._fill_jump_box(listed)
        self.editor.set_context(warehouses, listed)
        self.what_if.refresh()

    def _fill_jump_box(self, listed: Mapping[str, int]) -> None:
        regions = load_regions()
        self.jump_box.clear()
        self.jump_box.addItem(
            self.tr("已设置优先级的区域（%1 个）").replace("%1", str(len(listed)))
        )
        for code in sorted(listed, key=lambda c: (len(c), c)):
            self.jump_box.addItem(regions.display_path(code), code)

    # -- navigation -----------------------------------------------------------------------------
    def go_to(self, code: str) -> bool:
        """Expand the tree down to `code` and select it (the editor follows)."""
        index = self.tree_model.reveal(code)
        if not index.isValid():
            return False
        parent = index.parent()
        while parent.isValid():
            self.tree.expand(parent)
            parent = parent.parent()
        self.tree.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.tree.scrollTo(index)
        return self._shown_code == code

    def _jump(self, row: int) -> None:
        code = self.jump_box.itemData(row)
        if isinstance(code, str):
            self.go_to(code)
        self.jump_box.setCurrentIndex(0)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        code = self.tree_model.code(current)
        if code == self._shown_code:
            return
        if not self.editor.can_leave():
            # The clerk chose to stay with the draft: put the selection back on its node.
            back = self.tree_model.index_of(self._shown_code or ROOT_CODE)
            self.tree.selectionModel().blockSignals(True)
            self.tree.selectionModel().setCurrentIndex(
                back, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
            self.tree.selectionModel().blockSignals(False)
            self.tree.viewport().update()
            return
        self._shown_code = code
        self.editor.show_region(code)
        self.search.set_scope(code)

    def _saved(self) -> None:
        self.changed.emit()

    def can_leave(self) -> bool:
        return self.editor.can_leave()
