"""The 商品 page: every SKU in a filterable table, one SKU's fields in the form beside it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSizePolicy,
    QSplitter,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from jdstock_desktop.errors import Conflict, JdStockError
from jdstock_desktop.services.products import (
    BreachFilter,
    Column,
    ProductFilter,
    ProductTable,
    get_product,
    list_products,
    save_product,
    set_listed,
)
from jdstock_desktop.storage.db import Book
from jdstock_desktop.ui.products.form import ProductForm
from jdstock_desktop.ui.products.model import COLUMNS, ProductTableModel
from jdstock_desktop.ui.products.shortcuts import PageKeys
from jdstock_desktop.ui.widgets import dialogs
from jdstock_desktop.ui.widgets.page import Page

LISTING_CHOICES: tuple[bool | None, ...] = (None, True, False)
BREACH_CHOICES = (BreachFilter.ANY, BreachFilter.BREACH)
# A typical value of each column sizes it (no ResizeToContents over 100,000 rows).
COLUMN_SAMPLES = {
    Column.CODE: "GY000000-00",
    Column.NAME: "不锈钢六角螺栓 M8×30 304不锈",
    Column.LISTED: "上柜状态",
    Column.JD_PRICE: "12,345.00",
    Column.SPOT_HOURS: "现货时效",
    Column.FUTURES_HOURS: "期货时效",
    Column.PREORDER: "无货预定",
    Column.FUTURES_QUOTA: "可期货库存",
    Column.CATEGORY: "三级类目名称",
    Column.BRAND: "品牌名称",
    Column.MODEL: "DIN933-M8",
    Column.JD_SKU: "100009000000",
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("ProductsPage", text)


def ask_save_product(parent: QWidget | None, what: str) -> dialogs.UnsavedChoice:
    """The form holds unsaved edits: save them, discard them, or stay (tests replace this)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(_tr("商品未保存"))
    box.setText(_tr("%1 的修改尚未保存。").replace("%1", what))
    box.setInformativeText(_tr("保存后才会写入账本；放弃则恢复为账本中的内容。"))
    save = box.addButton(_tr("保存"), QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton(_tr("放弃修改"), QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(_tr("取消"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save)
    box.exec()
    clicked = box.clickedButton()
    if clicked is save:
        return dialogs.UnsavedChoice.SUBMIT
    if clicked is discard:
        return dialogs.UnsavedChoice.DISCARD
    return dialogs.UnsavedChoice.CANCEL


class ProductsPage(Page):
    title = "商品"

    def __init__(self, book: Book, parent: QWidget | None = None) -> None:
        super().__init__(book, parent)
        self.model = ProductTableModel(ProductTable.empty(), self)
        self._breach_count = 0
        self._reverting = False
        self._build_actions()
        self._build_filters()
        self.form = ProductForm()
        self.form.setMinimumWidth(360)
        self.form.edited.connect(self._form_edited)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        vertical = self.view.verticalHeader()
        vertical.setVisible(False)
        # Fixed row heights keep scrolling through 100,000 rows cheap (no per-row size hints).
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        metrics = self.fontMetrics()
        for section, column in enumerate(COLUMNS):
            header.resizeSection(section, metrics.horizontalAdvance(COLUMN_SAMPLES[column]) + 24)
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.view.activated.connect(lambda _index: self.form.focus_first())

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(self._filters)
        left_layout.addWidget(self.view, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.form)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setSizes([840, 420])
        self.splitter.setChildrenCollapsible(False)

        hint = QLabel(
            self.tr(
                "红色：期货时效超过三级类目标准（规则 21），"
                "或开通无货预定但可期货库存为 0（规则 20）。选中多行可批量上柜/下柜。"
            )
        )
        hint.setStyleSheet("color: #6b7280;")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(hint)
        self._update_actions()

    # -- building -------------------------------------------------------------------------------
    def _build_actions(self) -> None:
        std = QKeySequence.StandardKey
        self.new_action = self._action(self.tr("新建商品"), self.new_product, "Ctrl+N")
        self.save_action = self._action(self.tr("保存"), self.save, "Ctrl+S")
        self.revert_action = self._action(self.tr("放弃修改"), self.revert)
        self.list_action = self._action(self.tr("上柜"), lambda: self.set_listing(True), "Ctrl+L")
        self.delist_action = self._action(
            self.tr("下柜"), lambda: self.set_listing(False), "Ctrl+Shift+L"
        )
        self.refresh_action = self._action(self.tr("刷新"), self.reload, std.Refresh, "F5")
        self.find_action = self._action(self.tr("查找"), self._focus_search, std.Find)
        # Ctrl+N is also the window's 新建账本: inside this page the page's meaning wins.
        self.page_keys = PageKeys(self, [self.new_action])
        self.toolbar = QToolBar()
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (self.new_action, self.save_action, self.revert_action):
            self.toolbar.addAction(action)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.list_action)
        self.toolbar.addAction(self.delist_action)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.refresh_action)

    def _build_filters(self) -> None:
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("搜索编码/名称/品牌/型号"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(
            self.fontMetrics().horizontalAdvance("搜索编码/名称/品牌/型号") + 40
        )
        self.search.setToolTip(self.tr("多个词用空格分隔，须全部出现（Ctrl+F）"))
        self.listing_box = QComboBox()
        self.listing_box.addItems([self.tr("全部上柜状态"), self.tr("上柜"), self.tr("下柜")])
        self.category_box = QComboBox()
        self.category_box.setMinimumContentsLength(6)
        self.category_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.category_box.addItem(self.tr("全部类目"))
        self.breach_box = QComboBox()
        self.breach_box.addItems([self.tr("全部商品"), self.tr("仅看时效违规")])
        self.count_label = QLabel()
        self.count_label.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Preferred)
        self.count_label.setMinimumWidth(0)
        row = QHBoxLayout()
        row.addWidget(self.search, 2)
        row.addWidget(self.listing_box)
        row.addWidget(QLabel(self.tr("类目")))
        row.addWidget(self.category_box, 1)
        row.addWidget(self.breach_box)
        row.addStretch(1)
        row.addWidget(self.count_label)
        self._filters = row
        self.search.textChanged.connect(self.apply_filter)
        for box in (self.listing_box, self.category_box, self.breach_box):
            box.currentIndexChanged.connect(self.apply_filter)

    # -- loading and filtering ------------------------------------------------------------------
    def refresh(self) -> None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            table = list_products(self.book)
        finally:
            QApplication.restoreOverrideCursor()
        self.model.set_table(table)
        self._fill_categories(table)
        record = self.form.record
        if record is not None and not self.form.dirty:
            try:
                self.form.load(get_product(self.book, record.code))
            except JdStockError:
                self.form.load(None)  # the SKU is gone (renamed elsewhere)
        self._select_form_row()
        self._update_count(recount=True)
        self._update_actions()

    def show_code(self, code: str) -> bool:
        """Make `code` the current SKU (a link from another page); False when it is not shown."""
        if self.form.record is None and not self.model.rowCount():
            self.refresh()
        row = self.model.view_row_of(code)
        if row is None:
            self.status_message.emit(self.tr("当前筛选条件下看不到商品 %1").replace("%1", code))
            return False
        index = self.model.index(row, 0)
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        return self.model.code_at(self.view.currentIndex().row()) == code

    def reload(self) -> None:
        """F5: unsaved form edits would be lost, so ask first."""
        if self.can_leave():
            self.refresh()

    def _fill_categories(self, table: ProductTable) -> None:
        current = self.category_box.currentText() if self.category_box.currentIndex() > 0 else None
        categories = table.categories_in_use()
        self.category_box.blockSignals(True)
        self.category_box.clear()
        self.category_box.addItem(self.tr("全部类目"))
        self.category_box.addItems(categories)
        if current in categories:
            self.category_box.setCurrentText(current)
        self.category_box.blockSignals(False)
        self.form.set_categories(categories, table.standards)

    def current_filter(self) -> ProductFilter:
        category = self.category_box.currentText() if self.category_box.currentIndex() > 0 else None
        return ProductFilter(
            text=self.search.text(),
            listed=LISTING_CHOICES[max(self.listing_box.currentIndex(), 0)],
            category=category,
            breach=BREACH_CHOICES[max(self.breach_box.currentIndex(), 0)],
        )

    def apply_filter(self) -> None:
        self.model.set_filter(self.current_filter())
        self._select_form_row()
        self._update_count()

    def _update_count(self, *, recount: bool = False) -> None:
        """The count label; `recount` after the data changed (the breach count walks every row,
        too slow to repeat on each key typed in the search box)."""
        table = self.model.table
        shown, total = self.model.rowCount(), table.row_count
        if recount:
            self._breach_count = sum(1 for r in range(total) if table.has_breach(r))
        breaches = self._breach_count
        text = (
            self.tr("共 %1 个商品").replace("%1", f"{total:,}")
            if shown == total
            else self.tr("显示 %1 / %2 个商品")
            .replace("%1", f"{shown:,}")
            .replace("%2", f"{total:,}")
        )
        if breaches:
            text += self.tr("，时效违规 %1 个").replace("%1", f"{breaches:,}")
        self.count_label.setText(text)

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # -- selection and the form -----------------------------------------------------------------
    def selected_codes(self) -> list[str]:
        # Selection ranges, not selectedRows(): that builds one index per row and takes
        # seconds when the clerk selects all 100,000 SKUs (Ctrl+A) to delist them.
        selection = self.view.selectionModel().selection()
        rows = sorted(
            {
                row
                for i in range(selection.size())
                for row in range(selection.at(i).top(), selection.at(i).bottom() + 1)
            }
        )
        if not rows and self.view.currentIndex().isValid():
            rows = [self.view.currentIndex().row()]
        return [self.model.code_at(r) for r in rows]

    def _select_row(self, view_row: int | None) -> None:
        """Make a row current without asking about unsaved edits (the form already shows it)."""
        self._reverting = True
        try:
            if view_row is None:
                self.view.selectionModel().clearSelection()
                self.view.selectionModel().setCurrentIndex(
                    QModelIndex(), QItemSelectionModel.SelectionFlag.NoUpdate
                )
                return
            index = self.model.index(view_row, 0)
            flags = (
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows
            )
            self.view.selectionModel().setCurrentIndex(index, flags)
            self.view.scrollTo(index)
        finally:
            self._reverting = False

    def _select_form_row(self) -> None:
        record = self.form.record
        self._select_row(self.model.view_row_of(record.code) if record else None)

    def _current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if self._reverting or not current.isValid():
            return
        code = self.model.code_at(current.row())
        if self.form.record is not None and self.form.record.code == code:
            return
        if not self._resolve_unsaved():
            self._select_form_row()  # stay on the SKU being edited
            return
        self.show_product(code)

    def show_product(self, code: str) -> None:
        try:
            self.form.load(get_product(self.book, code))
        except JdStockError as e:
            self.status_message.emit(str(e))
            return
        self._update_actions()

    def _resolve_unsaved(self) -> bool:
        """Unsaved form edits: save, discard or stay; True when the clerk may move on."""
        if not self.form.dirty:
            return True
        record = self.form.record
        what = (
            self.tr("新商品")
            if record is None
            else self.tr("商品「%1」").replace("%1", record.code)
        )
        choice = ask_save_product(self, what)
        if choice is dialogs.UnsavedChoice.SUBMIT:
            return self.save()
        if choice is dialogs.UnsavedChoice.DISCARD:
            self.form.load(record)
            self._update_actions()
            return True
        return False

    def has_unsaved_edits(self) -> bool:
        return self.form.dirty

    def can_leave(self) -> bool:
        return self._resolve_unsaved()

    def _form_edited(self) -> None:
        self._update_actions()

    def _update_actions(self) -> None:
        dirty = self.form.dirty
        self.save_action.setEnabled(dirty or self.form.is_new)
        self.revert_action.setEnabled(dirty)

    # -- actions --------------------------------------------------------------------------------
    def new_product(self) -> None:
        if not self._resolve_unsaved():
            return
        self.form.load(None)
        self._select_row(None)
        self._update_actions()
        self.form.focus_first()
        self.status_message.emit(self.tr("新商品：填写商品编码和名称后保存（Ctrl+S）"))

    def revert(self) -> None:
        self.form.load(self.form.record)
        self._update_actions()

    def save(self) -> bool:
        record = self.form.record
        try:
            saved = save_product(
                self.book,
                self.form.values(),
                None if record is None else record.version,
                original_code=None if record is None else record.code,
            )
        except Conflict as e:
            dialogs.show_error(self, self.tr("商品已被他人修改"), str(e))
            self.status_message.emit(self.tr("保存未完成：商品已被他人修改"))
            return False
        except JdStockError as e:
            dialogs.show_error(
                self,
                self.tr("保存失败"),
                str(e) + "\n\n" + self.tr("本次没有写入任何数据，您填写的内容仍然保留。"),
            )
            self.status_message.emit(self.tr("保存失败：") + str(e))
            return False
        view_row = self.model.record_saved(saved, saved.code if record is None else record.code)
        self.form.load(saved)
        self._select_row(view_row)
        self._update_count(recount=True)
        self._update_actions()
        message = self.tr("已保存商品「%1」").replace("%1", saved.code)
        if saved.breaches:
            message += self.tr("；注意：") + "；".join(b.message for b in saved.breaches)
        self.status_message.emit(message)
        self.book_changed.emit()
        return True

    def set_listing(self, listed: bool) -> None:
        codes = self.selected_codes()
        if not codes:
            self.status_message.emit(self.tr("请先在表格中选中商品"))
            return
        if not self._resolve_unsaved():
            return
        try:
            changed = set_listed(self.book, codes, listed)
        except JdStockError as e:
            dialogs.show_error(
                self,
                self.tr("上柜失败") if listed else self.tr("下柜失败"),
                str(e) + "\n\n" + self.tr("没有修改任何商品。"),
            )
            return
        self.model.listing_changed(codes, listed)
        record = self.form.record
        if record is not None and record.code in codes:
            self.show_product(record.code)  # its version moved on
        word = self.tr("上柜") if listed else self.tr("下柜")
        self.status_message.emit(
            self.tr("已%1 %2 个商品").replace("%1", word).replace("%2", str(changed))
            if changed
            else self.tr("选中的商品已经是%1状态").replace("%1", word)
        )
        if changed:
            self.book_changed.emit()
