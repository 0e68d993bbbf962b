"""新建订单: order no., customer, address and lines, with a live route preview per line.

The preview asks services.routing.route (SPEC §3) for each line as the clerk types, so the clerk
sees which warehouse ships it, spot or futures, and by when — or why it would be refused —
before anything is written. Saving calls create_order: the whole order or nothing.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QColor, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jdstock_desktop.domain.routing import RouteDecision, RouteKind
from jdstock_desktop.errors import JdStockError
from jdstock_desktop.services.orders import OrderResult, create_order, list_orders
from jdstock_desktop.services.routing import route
from jdstock_desktop.storage.db import Book
from jdstock_desktop.ui.orders.times import from_qdatetime, to_qdatetime
from jdstock_desktop.ui.widgets import dialogs
from jdstock_desktop.ui.widgets.address_picker import AddressPicker

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
SKU, NAME, QTY, WAREHOUSE, KIND, PROMISED, REASON = range(7)
COMPLETION_SEPARATOR = "  "  # "code  name" in the SKU completer; the code is what is kept
REFUSED_FOREGROUND = QColor("#c0392b")
FUTURES_FOREGROUND = QColor("#b45309")
SPOT_FOREGROUND = QColor("#1e7b34")
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def suggest_order_no(book: Book, day: dt.date) -> str:
    """SO + date + a 3-digit number not yet used that day (the clerk may type JD's own)."""
    prefix = f"SO{day:%Y%m%d}-"
    taken = {o.order_no for o in list_orders(book, text=prefix, limit=10_000)}
    n = 1
    while f"{prefix}{n:03d}" in taken:
        n += 1
    return f"{prefix}{n:03d}"


def parse_qty(text: str) -> int | None:
    """A positive whole number as typed (full-width digits too), else None."""
    t = unicodedata.normalize("NFKC", text).strip().replace(",", "")
    return int(t) if t.isdigit() and int(t) > 0 else None


@dataclass(slots=True)
class DraftLine:
    sku: str = ""
    qty_text: str = "1"
    preview: RouteDecision | None = None
    note: str = ""  # why there is no preview (no address yet, bad quantity)

    @property
    def empty(self) -> bool:
        return not self.sku.strip()


class OrderLinesModel(QAbstractTableModel):
    """The lines being typed: SKU and quantity editable, the route preview beside them."""

    line_edited = Signal(int)  # row whose SKU or quantity changed

    def __init__(self, names: Mapping[str, str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._names = names
        self.lines: list[DraftLine] = [DraftLine()]
        self.ordered_at = dt.datetime.now()

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else 7

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (
                self.tr("商品编码"),
                self.tr("商品名称"),
                self.tr("数量"),
                self.tr("发货仓（预览）"),
                self.tr("现货/期货"),
                self.tr("承诺发货"),
                self.tr("说明"),
            )[section]
        return super().headerData(section, orientation, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsEditable if index.column() in (SKU, QTY) else base

    def display_text(self, row: int, column: int) -> str:
        line = self.lines[row]
        decision = line.preview
        if column == SKU:
            return line.sku
        if column == NAME:
            return self._names.get(line.sku.strip(), "")
        if column == QTY:
            return line.qty_text
        if column == REASON:
            return line.note if decision is None else decision.reason
        if decision is None:
            return ""
        if column == WAREHOUSE:
            return decision.warehouse or ""
        if column == KIND:
            return {
                RouteKind.SPOT: self.tr("现货"),
                RouteKind.FUTURES: self.tr("期货"),
                RouteKind.REFUSED: self.tr("拒绝"),
            }[decision.kind]
        if decision.promised_hours is None:
            return ""
        due = self.ordered_at + dt.timedelta(hours=decision.promised_hours)
        return (
            self.tr("%1 小时内（%2 前）")
            .replace("%1", str(decision.promised_hours))
            .replace("%2", f"{due:%m-%d %H:%M}")
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self.display_text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column in (REASON, WAREHOUSE):
            return self.display_text(row, REASON)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == QTY:
            return _RIGHT
        decision = self.lines[row].preview
        if role == Qt.ItemDataRole.ForegroundRole and column >= WAREHOUSE and decision:
            return {
                RouteKind.SPOT: SPOT_FOREGROUND,
                RouteKind.FUTURES: FUTURES_FOREGROUND,
                RouteKind.REFUSED: REFUSED_FOREGROUND,
            }[decision.kind]
        return None

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        text = "" if value is None else str(value)
        line = self.lines[index.row()]
        if index.column() == SKU:
            # A completion reads "code  name": keep the code.
            line.sku = text.split(COMPLETION_SEPARATOR, 1)[0].strip()
        elif index.column() == QTY:
            line.qty_text = text.strip()
        else:
            return False
        self._row_changed(index.row())
        self.line_edited.emit(index.row())
        return True

    def set_preview(self, row: int, decision: RouteDecision | None, note: str = "") -> None:
        self.lines[row].preview = decision
        self.lines[row].note = note
        self._row_changed(row)

    def set_ordered_at(self, when: dt.datetime) -> None:
        self.ordered_at = when
        if self.lines:
            self.dataChanged.emit(
                self.index(0, PROMISED), self.index(len(self.lines) - 1, PROMISED)
            )

    def _row_changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def add_line(self) -> int:
        row = len(self.lines)
        self.beginInsertRows(QModelIndex(), row, row)
        self.lines.append(DraftLine())
        self.endInsertRows()
        return row

    def remove_lines(self, rows: Sequence[int]) -> None:
        for row in sorted(set(rows), reverse=True):
            if 0 <= row < len(self.lines):
                self.beginRemoveRows(QModelIndex(), row, row)
                del self.lines[row]
                self.endRemoveRows()


class _SkuDelegate(QStyledItemDelegate):
    """A line editor completing 商品编码 from the listed SKUs, by code or by name."""

    def __init__(self, completions: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._completions = list(completions)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QLineEdit(parent)
        if index.column() == SKU:
            completer = QCompleter(self._completions, editor)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setMaxVisibleItems(12)
            editor.setCompleter(completer)
        return editor


class NewOrderDialog(QDialog):
    """Type an order in; `result` holds what create_order answered once accepted."""

    def __init__(
        self,
        book: Book,
        products: Sequence[tuple[str, str]],  # (code, name) of the listed SKUs
        parent: QWidget | None = None,
        *,
        now: dt.datetime | None = None,
    ) -> None:
        super().__init__(parent)
        self.book = book
        self.order_result: OrderResult | None = None
        self.setWindowTitle(self.tr("新建订单"))
        moment = (now or dt.datetime.now()).replace(second=0, microsecond=0)
        names = dict(products)

        self.order_no_edit = QLineEdit(suggest_order_no(book, moment.date()))
        self.order_no_edit.setMaxLength(64)
        self.ordered_at_edit = QDateTimeEdit(to_qdatetime(moment))
        self.ordered_at_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.ordered_at_edit.setCalendarPopup(True)
        self.customer_edit = QLineEdit()
        self.address = AddressPicker(self)
        self.detail_edit = QLineEdit()
        self.detail_edit.setMaxLength(300)
        form = QFormLayout()
        form.addRow(self.tr("订单号"), self.order_no_edit)
        form.addRow(self.tr("下单时间"), self.ordered_at_edit)
        form.addRow(self.tr("客户（企业）"), self.customer_edit)
        form.addRow(self.tr("收货地址"), self.address)
        form.addRow(self.tr("详细地址"), self.detail_edit)

        self.lines_model = OrderLinesModel(names, self)
        self.lines_model.set_ordered_at(moment)
        self.table = QTableView()
        self.table.setModel(self.lines_model)
        self.table.setItemDelegate(
            _SkuDelegate([f"{c}{COMPLETION_SEPARATOR}{n}" for c, n in products], self.table)
        )
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        metrics = self.fontMetrics()
        for column, sample in enumerate(
            ("GY000000-00", "不锈钢六角螺栓 M8×30 304", "数量 ", "发货仓（预览）", "现货/期货",
             "168 小时内（03-09 10:00 前）")
        ):  # fmt: skip
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 20)
        header.setStretchLastSection(True)

        self.add_line_action = self._action(self.tr("添加行"), self.add_line, "Insert", "Ctrl+I")
        self.remove_line_action = self._action(self.tr("删除行"), self.remove_lines, "Ctrl+Delete")
        line_buttons = QHBoxLayout()
        line_buttons.addWidget(QLabel(self.tr("商品行")))
        line_buttons.addStretch(1)
        for action in (self.add_line_action, self.remove_line_action):
            button = QPushButton(action.text())
            button.setToolTip(action.toolTip())
            button.setAutoDefault(False)
            button.clicked.connect(action.trigger)
            line_buttons.addWidget(button)

        hint = QLabel(
            self.tr(
                "发货仓按当前库存和仓库优先级预览；下单时整单重新分配：全部成功，或整单不下、库存不变。"
            )
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #6b7280;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.save_button.setText(self.tr("下单"))
        self.save_button.setToolTip(self.tr("下单（Ctrl+S）"))
        self.save_button.setAutoDefault(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self._action(self.tr("下单"), self.save, "Ctrl+S", "Ctrl+Return")

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(line_buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)
        self.resize(980, 620)

        self.lines_model.line_edited.connect(self.preview_line)
        self.address.changed.connect(self.preview_all)
        self.ordered_at_edit.dateTimeChanged.connect(
            lambda value: self.lines_model.set_ordered_at(from_qdatetime(value))
        )
        self.preview_all()
        self.customer_edit.setFocus()

    def _action(self, text: str, slot: Callable[[], object], *keys: str) -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        shown = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{text}（{shown}）")
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter ends a cell edit, as in Excel; it must never place (or drop) the order through
        # the dialog's default button. Placing is Ctrl+S / Ctrl+Enter or the 下单 button.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            event.accept()
            return
        super().keyPressEvent(event)

    # -- lines ----------------------------------------------------------------------------------
    def add_line(self) -> None:
        row = self.lines_model.add_line()
        index = self.lines_model.index(row, SKU)
        self.table.setCurrentIndex(index)
        self.table.setFocus()
        self.preview_line(row)

    def remove_lines(self) -> None:
        rows = {i.row() for i in self.table.selectionModel().selectedIndexes()}
        if not rows and self.table.currentIndex().isValid():
            rows = {self.table.currentIndex().row()}
        self.lines_model.remove_lines(sorted(rows))
        if not self.lines_model.lines:
            self.lines_model.add_line()
            self.preview_line(0)

    def commit_open_editor(self) -> None:
        if self.table.state() != QAbstractItemView.State.EditingState:
            return
        editor = self.table.indexWidget(self.table.currentIndex())
        if editor is None:
            editor = self.table.focusWidget()
        if editor is not None and editor is not self.table:
            self.table.commitData(editor)
            self.table.closeEditor(editor, QStyledItemDelegate.EndEditHint.NoHint)

    # -- preview --------------------------------------------------------------------------------
    def preview_all(self) -> None:
        for row in range(self.lines_model.rowCount()):
            self.preview_line(row)

    def preview_line(self, row: int) -> None:
        line = self.lines_model.lines[row]
        if line.empty:
            self.lines_model.set_preview(row, None)
            return
        qty = parse_qty(line.qty_text)
        if qty is None:
            self.lines_model.set_preview(row, None, self.tr("数量须为正整数"))
            return
        problem = self.address.problem()
        parts = self.address.parts()
        if problem or not parts:
            note = problem or self.tr("请先选择收货地址（至少到省）")
            self.lines_model.set_preview(row, None, note)
            return
        try:
            decision = route(self.book, line.sku.strip(), qty, parts)
        except JdStockError as e:
            self.lines_model.set_preview(row, None, str(e))
            return
        self.lines_model.set_preview(row, decision)

    # -- saving ---------------------------------------------------------------------------------
    def order_lines(self) -> list[tuple[str, int]] | None:
        """The typed lines, or None (after telling the clerk) when a quantity is not a number."""
        out = []
        for i, line in enumerate(self.lines_model.lines, start=1):
            if line.empty:
                continue
            qty = parse_qty(line.qty_text)
            if qty is None:
                self._refuse(
                    self.tr("第 %1 行 商品「%2」：数量「%3」须为正整数")
                    .replace("%1", str(i))
                    .replace("%2", line.sku.strip())
                    .replace("%3", line.qty_text)
                )
                return None
            out.append((line.sku.strip(), qty))
        return out

    def save(self) -> None:
        self.commit_open_editor()
        problem = self.address.problem()
        if problem:
            self._refuse(self.tr("收货地址：") + problem)
            return
        lines = self.order_lines()
        if lines is None:
            return
        ordered_at = from_qdatetime(self.ordered_at_edit.dateTime())
        try:
            self.order_result = create_order(
                self.book,
                self.order_no_edit.text(),
                ordered_at,
                self.customer_edit.text(),
                self.address.parts(),
                self.detail_edit.text(),
                lines,
            )
        except JdStockError as e:
            self._refuse(str(e))
            self.preview_all()  # stock may have moved since the preview
            return
        self.accept()

    def _refuse(self, reason: str) -> None:
        dialogs.show_error(
            self,
            self.tr("不能下单"),
            reason + "\n\n" + self.tr("订单未保存，库存没有任何变化。"),
        )
