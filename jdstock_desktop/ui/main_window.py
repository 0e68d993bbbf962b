"""The main window: the open book, its warehouses and its counts."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QMainWindow, QTableView, QVBoxLayout, QWidget

from jdstock_desktop.services.summary import book_counts
from jdstock_desktop.services.warehouses import WarehouseView, list_warehouses
from jdstock_desktop.storage.db import Book

Index = QModelIndex | QPersistentModelIndex


class WarehouseTableModel(QAbstractTableModel):
    HEADERS = ("仓库名称", "状态", "地址", "详细地址")

    def __init__(self, rows: list[WarehouseView]) -> None:
        super().__init__()
        self._rows = rows

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        wh = self._rows[index.row()]
        status = "锁定（系统）" if wh.is_national else wh.status_label
        return (wh.name, status, wh.address, wh.address_detail)[index.column()]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return None


class MainWindow(QMainWindow):
    def __init__(self, book: Book) -> None:
        super().__init__()
        self.book = book
        self.setWindowTitle(self.tr("京东工业供应商库存账本"))
        self.resize(960, 600)
        central = QWidget()
        layout = QVBoxLayout(central)
        self.book_label = QLabel()
        layout.addWidget(self.book_label)
        self.table = QTableView()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table)
        self.setCentralWidget(central)
        self.refresh()

    def refresh(self) -> None:
        self.model = WarehouseTableModel(list_warehouses(self.book))
        self.table.setModel(self.model)
        counts = book_counts(self.book)
        self.book_label.setText(self.tr("账本：") + self.book.display_name)
        self.statusBar().showMessage(counts.text())
