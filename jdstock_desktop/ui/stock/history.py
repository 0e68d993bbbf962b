"""A cell's ledger (库存流水): every change of one SKU in one warehouse, newest first."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jdstock_desktop.services.stock import cell_history
from jdstock_desktop.storage.db import Book
from jdstock_desktop.ui.widgets.rows_model import RowsTableModel

HISTORY_LIMIT = 1000


class CellHistoryDialog(QDialog):
    def __init__(
        self,
        book: Book,
        sku: str,
        name: str,
        warehouses: Sequence[str],
        warehouse: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.book = book
        self.sku = sku
        self.setWindowTitle(self.tr("库存流水 — %1").replace("%1", sku))
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("商品 %1  %2").replace("%1", sku).replace("%2", name)))
        top.addStretch(1)
        top.addWidget(QLabel(self.tr("仓库")))
        self.warehouse_box = QComboBox()
        self.warehouse_box.addItems(list(warehouses))
        self.warehouse_box.setCurrentText(warehouse)
        top.addWidget(self.warehouse_box)
        layout.addLayout(top)
        self.model = RowsTableModel(
            [
                self.tr("时间"),
                self.tr("类型"),
                self.tr("变动"),
                self.tr("预占变动"),
                self.tr("变动前"),
                self.tr("变动后"),
                self.tr("操作人"),
                self.tr("备注"),
            ],
            parent=self,
        )
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout.addWidget(self.table)
        self.summary = QLabel()
        layout.addWidget(self.summary)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.warehouse_box.currentTextChanged.connect(self.load)
        self.resize(820, 440)
        self.load()

    def load(self) -> None:
        rows = cell_history(self.book, self.sku, self.warehouse_box.currentText(), HISTORY_LIMIT)
        self.model.set_rows(
            [
                (
                    r.time,
                    r.kind,
                    f"{r.delta:+d}" if r.delta else "0",
                    f"{r.reserved_delta:+d}" if r.reserved_delta else "",
                    r.qty_before,
                    r.qty_after,
                    r.operator,
                    r.note,
                )
                for r in rows
            ]
        )
        if not rows:
            self.summary.setText(self.tr("该商品在此仓库还没有库存流水。"))
        elif len(rows) >= HISTORY_LIMIT:
            self.summary.setText(self.tr("显示最近 %1 条流水。").replace("%1", str(HISTORY_LIMIT)))
        else:
            self.summary.setText(self.tr("共 %1 条流水。").replace("%1", str(len(rows))))
