"""发货: confirm the lines, when they left, and for futures lines the warehouse they leave from.

Spot lines ship from the warehouse holding their reservation; a futures line reserved nothing,
so the clerk names the warehouse where the goods arrived (ship_order checks it has them).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jdstock_desktop.services.orders import OrderView
from jdstock_desktop.ui.orders.times import from_qdatetime, to_qdatetime
from jdstock_desktop.ui.widgets.rows_model import RowsTableModel


class ShipDialog(QDialog):
    def __init__(
        self,
        order: OrderView,
        warehouses: Sequence[str],  # enabled warehouses a futures line may ship from
        parent: QWidget | None = None,
        *,
        now: dt.datetime | None = None,
    ) -> None:
        super().__init__(parent)
        self.order = order
        self.setWindowTitle(self.tr("发货 — %1").replace("%1", order.order_no))
        # Seconds kept: an order placed this minute must not look shipped before it was placed.
        moment = (now or dt.datetime.now()).replace(microsecond=0)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                self.tr("订单「%1」 客户：%2")
                .replace("%1", order.order_no)
                .replace("%2", order.customer or "—")
            )
        )
        self.model = RowsTableModel(
            [
                self.tr("商品编码"),
                self.tr("商品名称"),
                self.tr("数量"),
                self.tr("现货/期货"),
                self.tr("发货仓"),
            ],
            [
                (
                    line.sku,
                    line.name,
                    line.qty,
                    self.tr("现货") if line.kind == "spot" else self.tr("期货"),
                    line.warehouse,
                )
                for line in order.lines
            ],
            self,
        )
        table = QTableView()
        table.setModel(self.model)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(table, 1)

        form = QFormLayout()
        self.shipped_at_edit = QDateTimeEdit(to_qdatetime(moment))
        self.shipped_at_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.shipped_at_edit.setCalendarPopup(True)
        self.shipped_at_edit.setMaximumDateTime(to_qdatetime(moment))
        self.shipped_at_edit.setToolTip(self.tr("只能记录已经发生的发货"))
        form.addRow(self.tr("发货时间"), self.shipped_at_edit)
        futures = [line for line in order.lines if line.kind == "futures"]
        self.warehouse_box: QComboBox | None = None
        if futures:
            self.warehouse_box = QComboBox()
            self.warehouse_box.addItems(list(warehouses))
            booked = futures[0].warehouse
            if booked in warehouses:
                self.warehouse_box.setCurrentText(booked)
            form.addRow(self.tr("期货发货仓"), self.warehouse_box)
            note = QLabel(self.tr("期货行未预占库存：请选择货物已到的仓库，发货时从该仓扣减。"))
            note.setWordWrap(True)
            note.setStyleSheet("color: #6b7280;")
            form.addRow("", note)
        layout.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("确认发货"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(640, 360)

    @property
    def warehouse(self) -> str | None:
        """The warehouse chosen for the futures lines; None when the order has none."""
        return self.warehouse_box.currentText() if self.warehouse_box is not None else None

    @property
    def shipped_at(self) -> dt.datetime:
        return from_qdatetime(self.shipped_at_edit.dateTime())
