"""试算 (SPEC §8): "N of SKU s to this address: which warehouse ships it, spot or futures, by when?"

Asks services.routing.route, which decides exactly as an order would, without writing anything.
"""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jdstock_desktop.domain.regions import load_regions
from jdstock_desktop.domain.routing import RouteDecision, RouteKind
from jdstock_desktop.services.coverage import sku_choices
from jdstock_desktop.services.routing import route
from jdstock_desktop.storage.db import Book
from jdstock_desktop.ui.widgets.address_picker import AddressPicker
from jdstock_desktop.ui.widgets.rows_model import RowsTableModel

MAX_QTY = 999_999_999
KIND_COLORS = {
    RouteKind.SPOT: "#2e7d32",
    RouteKind.FUTURES: "#b45309",
    RouteKind.REFUSED: "#c0392b",
}
SKU_SEPARATOR = "  "  # between code and name in the type-ahead list; codes hold no spaces


class WhatIfBox(QGroupBox):
    def __init__(self, book: Book, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.book = book
        self.decision: RouteDecision | None = None
        self.setTitle(self.tr("试算：这张订单由哪个仓发货？"))
        self.picker = AddressPicker(columns=2)
        self.sku_edit = QLineEdit()
        self.sku_edit.setPlaceholderText(self.tr("商品编码或名称"))
        self.sku_edit.setClearButtonEnabled(True)
        self._skus = QStringListModel(self)
        completer = QCompleter(self._skus, self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.sku_edit.setCompleter(completer)
        self.qty_box = QSpinBox()
        self.qty_box.setRange(1, MAX_QTY)
        self.qty_box.setGroupSeparatorShown(True)
        self.run_button = QPushButton(self.tr("试算"))
        self.run_button.setToolTip(self.tr("按当前库存和优先级判断，不会下单或改动任何数据"))
        self.run_button.clicked.connect(self.run)
        self.sku_edit.returnPressed.connect(self.run)
        self.qty_box.lineEdit().returnPressed.connect(self.run)

        self.kind_label = QLabel()
        self.kind_label.setWordWrap(True)
        self.reason_label = QLabel()
        self.reason_label.setWordWrap(True)
        self.reason_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.source_label = QLabel()
        self.source_label.setWordWrap(True)
        self.source_label.setStyleSheet("color: #6b7280;")
        self.chain_model = RowsTableModel(
            [self.tr("顺序"), self.tr("仓库"), self.tr("可用库存"), self.tr("结果")], [], self
        )
        self.chain_view = QTableView()
        self.chain_view.setModel(self.chain_model)
        self.chain_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.chain_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.chain_view.verticalHeader().setVisible(False)
        header = self.chain_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

        form = QFormLayout()
        form.addRow(self.tr("收货地址"), self.picker)
        order = QHBoxLayout()
        order.addWidget(self.sku_edit, 1)
        order.addWidget(QLabel(self.tr("数量")))
        order.addWidget(self.qty_box)
        order.addWidget(self.run_button)
        form.addRow(self.tr("商品"), order)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.kind_label)
        layout.addWidget(self.reason_label)
        layout.addWidget(self.source_label)
        layout.addWidget(self.chain_view, 1)
        self.show_message(self.tr("选择收货地址、填写商品和数量，然后点「试算」。"))

    def refresh(self) -> None:
        self._skus.setStringList(
            [
                f"{code}{SKU_SEPARATOR}{name}" if name else code
                for code, name in sku_choices(self.book)
            ]
        )
        if self.decision is not None:
            self.run()  # stock or priorities may have changed under the shown answer

    def sku(self) -> str:
        return self.sku_edit.text().strip().split(SKU_SEPARATOR)[0].strip()

    def show_message(self, text: str) -> None:
        self.decision = None
        self.kind_label.setText("")
        self.kind_label.hide()
        self.reason_label.setText(text)
        self.reason_label.setStyleSheet("color: #6b7280;")
        self.source_label.setText("")
        self.chain_model.set_rows([])

    def run(self) -> None:
        problem = self.picker.problem()
        if problem:
            self.show_message(problem)
            return
        if self.picker.region_code() is None:
            self.show_message(self.tr("请选择收货地址（至少到省）"))
            return
        if not self.sku():
            self.show_message(self.tr("请填写商品编码"))
            return
        self.show_decision(route(self.book, self.sku(), self.qty_box.value(), self.picker.parts()))

    def show_decision(self, decision: RouteDecision) -> None:
        self.decision = decision
        kind = {
            RouteKind.SPOT: self.tr("现货"),
            RouteKind.FUTURES: self.tr("期货"),
            RouteKind.REFUSED: self.tr("拒绝"),
        }[decision.kind]
        parts = [kind]
        if decision.warehouse:
            parts.append(self.tr("由「%1」发货").replace("%1", decision.warehouse))
        if decision.promised_hours is not None:
            parts.append(self.tr("承诺 %1 小时内发货").replace("%1", str(decision.promised_hours)))
        elif decision.kind is RouteKind.FUTURES:
            parts.append(self.tr("期货时效未设置"))
        self.kind_label.setText(" · ".join(parts))
        self.kind_label.setStyleSheet(
            f"font-size: 16px; font-weight: bold; color: {KIND_COLORS[decision.kind]};"
        )
        self.kind_label.show()
        self.reason_label.setText(decision.reason)
        self.reason_label.setStyleSheet("")
        if decision.source_region is not None:
            self.source_label.setText(
                self.tr("按「%1」的优先级列表").replace(
                    "%1", load_regions().display_path(decision.source_region)
                )
            )
        elif decision.chain:
            self.source_label.setText(self.tr("该地址及上级区域都没有优先级列表，只由全国仓兜底"))
        else:
            self.source_label.setText("")
        rows = [
            (
                i + 1,
                link.name,
                link.available,
                self.tr("发货") if link.warehouse_id == decision.warehouse_id else "",
            )
            for i, link in enumerate(decision.chain)
        ]
        self.chain_model.set_rows(rows)
