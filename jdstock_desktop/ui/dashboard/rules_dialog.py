"""预警规则设置: the alert rules of the book, added, changed and deleted through the service.

A rule is identified by its scope (kind, SKU or default, warehouse or all): saving a scope that
has a rule replaces its thresholds, a new scope adds one. The service decides what is valid
(SPEC §6: 滞销 = days, SKU level; 安全库存 = quantity or days); its refusal is shown as it is.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QItemSelection, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jdstock_desktop.domain.alerts import MAX_DAYS, MAX_QTY, Rule, RuleKind
from jdstock_desktop.errors import JdStockError
from jdstock_desktop.services.alerts import delete_alert_rule, list_alert_rules, set_alert_rule
from jdstock_desktop.services.warehouses import list_warehouses
from jdstock_desktop.storage.db import Book
from jdstock_desktop.ui.sheets_dialog.list_export import ListColumn
from jdstock_desktop.ui.sheets_dialog.rows_model import TypedRowsModel
from jdstock_desktop.ui.widgets import dialogs

KINDS = (RuleKind.SLOW, RuleKind.SAFETY)  # the kind box, by index
BY_QTY, BY_DAYS = 0, 1  # the threshold box, by index
ERROR_STYLE = "color: #b42318;"
DONE_STYLE = "color: #1a7f37;"


class AlertRulesDialog(QDialog):
    rules_changed = Signal()

    def __init__(self, book: Book, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.book = book
        self.rules: list[Rule] = []
        self.setWindowTitle(self.tr("预警规则设置"))
        self.model = TypedRowsModel(
            [
                ListColumn(self.tr("规则")),
                ListColumn(self.tr("商品")),
                ListColumn(self.tr("仓库")),
                ListColumn(self.tr("阈值")),
                ListColumn(self.tr("启用")),
            ],
            parent=self,
        )
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(self._selected)

        hint = QLabel(
            self.tr(
                "滞销规则按商品设置（阈值天数：周转天数超过即预警）；安全库存规则按商品和仓库设置，"
                "阈值为数量或天数（天数 × 日均销量）二选一。商品留空为默认规则，"
                "仓库选「所有仓」对所有仓生效；最具体的启用规则优先。"
            )
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #6b7280;")

        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self._build_form())
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.resize(720, 560)
        self.load()
        self.new_rule()

    # -- building ---------------------------------------------------------------------------------
    def _build_form(self) -> QGroupBox:
        box = QGroupBox(self.tr("规则"))
        form = QFormLayout()
        self.kind_box = QComboBox()
        self.kind_box.addItems([self.tr("滞销"), self.tr("安全库存")])
        self.sku_edit = QLineEdit()
        self.sku_edit.setPlaceholderText(self.tr("留空 = 默认规则（所有商品）"))
        self.warehouse_box = QComboBox()
        self._warehouses: list[str | None] = [None]  # by index; None = 所有仓
        self.warehouse_box.addItem(self.tr("所有仓"))
        for wh in list_warehouses(self.book):
            self._warehouses.append(wh.name)
            self.warehouse_box.addItem(wh.name)
        self.by_box = QComboBox()
        self.by_box.addItems([self.tr("按数量"), self.tr("按天数")])
        self.qty_spin = QSpinBox()
        self.qty_spin.setRange(0, MAX_QTY)
        self.qty_spin.setSuffix(self.tr(" 件"))
        self.days_spin = QDoubleSpinBox()
        self.days_spin.setRange(0, float(MAX_DAYS))
        self.days_spin.setDecimals(2)
        self.days_spin.setSuffix(self.tr(" 天"))
        self.value_stack = QStackedWidget()
        self.value_stack.addWidget(self.qty_spin)
        self.value_stack.addWidget(self.days_spin)
        threshold = QHBoxLayout()
        threshold.setContentsMargins(0, 0, 0, 0)
        threshold.addWidget(self.by_box)
        threshold.addWidget(self.value_stack, 1)
        self.enabled_check = QCheckBox(self.tr("启用"))
        form.addRow(self.tr("规则类型"), self.kind_box)
        form.addRow(self.tr("商品编码"), self.sku_edit)
        form.addRow(self.tr("仓库"), self.warehouse_box)
        form.addRow(self.tr("阈值"), threshold)
        form.addRow("", self.enabled_check)

        self.new_button = QPushButton(self.tr("新建"))
        self.save_button = QPushButton(self.tr("保存规则"))
        self.save_button.setDefault(True)
        self.delete_button = QPushButton(self.tr("删除规则"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for b in (self.new_button, self.save_button, self.delete_button):
            b.setAutoDefault(False)
            buttons.addWidget(b)
        outer = QVBoxLayout(box)
        outer.addLayout(form)
        outer.addLayout(buttons)

        self.kind_box.currentIndexChanged.connect(self._kind_changed)
        self.by_box.currentIndexChanged.connect(self.value_stack.setCurrentIndex)
        self.new_button.clicked.connect(self.new_rule)
        self.save_button.clicked.connect(self.save)
        self.delete_button.clicked.connect(self.delete)
        self.sku_edit.returnPressed.connect(self.save)
        return box

    # -- the list ---------------------------------------------------------------------------------
    def load(self) -> None:
        self.rules = list_alert_rules(self.book)
        self.model.set_content(self.model.columns, [self._row(r) for r in self.rules])
        self.delete_button.setEnabled(False)

    def _row(self, rule: Rule) -> tuple[object, ...]:
        if rule.qty is not None:
            threshold = self.tr("%1 件").replace("%1", str(rule.qty))
        else:
            days = rule.days if rule.days is not None else 0
            threshold = self.tr("%1 天").replace("%1", f"{Decimal(days).normalize():f}")
        kind = self.tr("滞销") if rule.kind is RuleKind.SLOW else self.tr("安全库存")
        return (
            kind,
            rule.sku or self.tr("默认（所有商品）"),
            "—" if rule.kind is RuleKind.SLOW else rule.warehouse or self.tr("所有仓"),
            threshold,
            self.tr("是") if rule.enabled else self.tr("否"),
        )

    def _selected(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        self.delete_button.setEnabled(bool(rows))
        if rows:
            self.show_rule(self.rules[rows[0].row()])

    # -- the form ---------------------------------------------------------------------------------
    def _kind_changed(self, index: int) -> None:
        slow = KINDS[index] is RuleKind.SLOW
        # 滞销 is SKU level and in days (SPEC §6): the other choices would only be refused.
        self.warehouse_box.setEnabled(not slow)
        if slow:
            self.warehouse_box.setCurrentIndex(0)
            self.by_box.setCurrentIndex(BY_DAYS)
        self.by_box.setEnabled(not slow)

    def new_rule(self) -> None:
        self.table.clearSelection()
        self.kind_box.setCurrentIndex(KINDS.index(RuleKind.SAFETY))
        self._kind_changed(self.kind_box.currentIndex())
        self.sku_edit.clear()
        self.warehouse_box.setCurrentIndex(0)
        self.by_box.setCurrentIndex(BY_QTY)
        self.qty_spin.setValue(0)
        self.days_spin.setValue(0)
        self.enabled_check.setChecked(True)
        self.sku_edit.setFocus()

    def show_rule(self, rule: Rule) -> None:
        self.kind_box.setCurrentIndex(KINDS.index(rule.kind))
        self.sku_edit.setText(rule.sku or "")
        wh = rule.warehouse if rule.warehouse in self._warehouses else None
        self.warehouse_box.setCurrentIndex(self._warehouses.index(wh))
        self.by_box.setCurrentIndex(BY_QTY if rule.qty is not None else BY_DAYS)
        self.qty_spin.setValue(rule.qty or 0)
        self.days_spin.setValue(float(rule.days or 0))
        self.enabled_check.setChecked(rule.enabled)

    def _form(self) -> tuple[RuleKind, str | None, str | None, int | None, Decimal | None]:
        kind = KINDS[self.kind_box.currentIndex()]
        sku = self.sku_edit.text().strip() or None
        warehouse = self._warehouses[self.warehouse_box.currentIndex()]
        if self.by_box.currentIndex() == BY_QTY:
            return kind, sku, warehouse, self.qty_spin.value(), None
        # The spin box holds a float: go through its text so 2.35 stays 2.35, not 2.34999…
        days = Decimal(f"{self.days_spin.value():.2f}")
        return kind, sku, warehouse, None, days

    def save(self) -> None:
        kind, sku, warehouse, qty, days = self._form()
        existed = any((r.kind, r.sku, r.warehouse) == (kind, sku, warehouse) for r in self.rules)
        try:
            rule = set_alert_rule(
                self.book, kind, sku, warehouse, qty, days, self.enabled_check.isChecked()
            )
        except JdStockError as e:
            self._say(str(e), error=True)
            return
        self.load()
        self._select(rule)
        done = self.tr("已修改：%1") if existed else self.tr("已添加：%1")
        self._say(done.replace("%1", rule.label))
        self.rules_changed.emit()

    def delete(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        rule = self.rules[rows[0].row()]
        if not dialogs.ask_yes_no(
            self, self.tr("删除规则"), self.tr("删除%1？").replace("%1", rule.label)
        ):
            return
        try:
            delete_alert_rule(self.book, rule.kind, rule.sku, rule.warehouse)
        except JdStockError as e:
            self._say(str(e), error=True)
            return
        self.load()
        self.new_rule()
        self._say(self.tr("已删除：%1").replace("%1", rule.label))
        self.rules_changed.emit()

    def _select(self, rule: Rule) -> None:
        for i, r in enumerate(self.rules):
            if (r.kind, r.sku, r.warehouse) == (rule.kind, rule.sku, rule.warehouse):
                self.table.selectRow(i)
                return

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else DONE_STYLE)
        self.message.setText(text)
