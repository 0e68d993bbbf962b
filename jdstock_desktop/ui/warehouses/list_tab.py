"""The warehouse list tab: add, edit, pause/enable and delete warehouses (SPEC §3).

Every write is one service call; a refusal comes back as the service's Chinese message and is
shown as it is. The national warehouse stays in the list, greyed and locked, its actions off.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from jdstock_desktop.errors import JdStockError
from jdstock_desktop.services.warehouses import (
    WarehouseView,
    create_warehouse,
    delete_warehouse,
    list_warehouses,
    update_warehouse,
)
from jdstock_desktop.storage.db import Book
from jdstock_desktop.ui.warehouses.dialog import WarehouseDialog, WarehouseForm
from jdstock_desktop.ui.warehouses.list_model import (
    ADDRESS,
    DETAIL,
    NAME,
    WarehouseTableModel,
    lock_icon,
    national_tooltip,
)
from jdstock_desktop.ui.widgets import dialogs

_CTRL_N = QKeySequence("Ctrl+N")


def _is_ctrl_n(event: QEvent) -> bool:
    return isinstance(event, QKeyEvent) and QKeySequence(event.keyCombination()) == _CTRL_N


class WarehouseTableView(QTableView):
    """The list's view; it claims Ctrl+N, which the main window's 文件 menu also uses.

    Two shortcuts on one key would both be ambiguous and neither would fire, so the view takes
    the key through ShortcutOverride while it has the focus; elsewhere Ctrl+N stays 新建账本.
    """

    add_requested = Signal()

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ShortcutOverride and _is_ctrl_n(e):
            e.accept()
            return True
        return super().event(e)

    def keyPressEvent(self, e: QKeyEvent) -> None:
        if _is_ctrl_n(e):
            self.add_requested.emit()
            return
        super().keyPressEvent(e)


class WarehouseListTab(QWidget):
    status_message = Signal(str)
    changed = Signal()  # wrote to the book

    def __init__(self, book: Book, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.book = book
        self.model = WarehouseTableModel(self)
        self.view = WarehouseTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.setAlternatingRowColors(True)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ADDRESS, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(DETAIL, QHeaderView.ResizeMode.Stretch)
        self.view.doubleClicked.connect(lambda _i: self.edit())
        self.view.add_requested.connect(self.add)
        self._build_actions()

        self.lock_label = QLabel()
        self.lock_label.setPixmap(lock_icon().pixmap(16, 16))
        self.locked_label = QLabel()
        self.locked_label.setStyleSheet("color: #6b7280;")
        self.locked_label.setWordWrap(True)
        footer = QHBoxLayout()
        footer.addWidget(self.lock_label)
        footer.addWidget(self.locked_label, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.view, 1)
        layout.addLayout(footer)
        self.view.selectionModel().currentRowChanged.connect(self._update_actions)
        self._update_actions()

    def _action(self, text: str, slot: Callable[[], object], *keys: str, hint: str = "") -> QAction:
        action = QAction(text, self)
        if keys:
            action.setShortcuts([QKeySequence(k) for k in keys])
        shown = hint or " / ".join(
            QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText) for k in keys
        )
        action.setToolTip(f"{text}（{shown}）" if shown else text)
        # The list's keys (Del, Enter) must not act while the clerk types in another tab.
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.add_action = self._action(self.tr("新增仓库"), self.add, "Ins", hint="Ins / Ctrl+N")
        self.edit_action = self._action(
            self.tr("修改"), self.edit, "F2", "Return", "Enter", hint="F2 / Enter"
        )
        self.pause_action = self._action(self.tr("暂停"), self.toggle_paused)
        self.delete_action = self._action(self.tr("删除"), self.delete, "Del")
        self.toolbar = QToolBar()
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (self.add_action, self.edit_action, self.pause_action, self.delete_action):
            self.toolbar.addAction(action)

    # -- loading --------------------------------------------------------------------------------
    def refresh(self) -> None:
        keep = self.current()
        self.model.set_warehouses(list_warehouses(self.book))
        self.select(keep.name if keep else None)

    def select(self, name: str | None) -> None:
        row = self.model.row_of(name) if name else None
        if row is None:
            row = 0 if self.model.rowCount() else None
        if row is not None:
            self.view.selectRow(row)
            self.view.setCurrentIndex(self.model.index(row, NAME))
        self._update_actions()

    def current(self) -> WarehouseView | None:
        index = self.view.currentIndex()
        return self.model.warehouse(index.row()) if index.isValid() else None

    def _update_actions(self, *_args: QModelIndex) -> None:
        wh = self.current()
        editable = wh is not None and not wh.is_national
        for action in (self.edit_action, self.pause_action, self.delete_action):
            action.setEnabled(editable)
        self.pause_action.setText(self.tr("启用") if wh and wh.paused else self.tr("暂停"))
        self.pause_action.setToolTip(
            self.tr("启用后重新参与发货")
            if wh and wh.paused
            else self.tr("暂停：库存保留，但不参与发货、不计入可用库存")
        )
        locked = wh is not None and wh.is_national
        self.lock_label.setVisible(locked)
        if wh is not None and locked:
            self.locked_label.setText(f"{wh.name}：{national_tooltip()}")
        else:
            self.locked_label.setText(
                self.tr(
                    "新增仓库 Ins / Ctrl+N，修改 F2 / Enter，删除 Del。"
                    "暂停的仓库保留库存，但不参与发货。"
                )
            )

    def _refuse_locked(self, wh: WarehouseView) -> bool:
        if wh.is_national:
            self.status_message.emit(f"{wh.name}：{national_tooltip()}")
            return True
        return False

    # -- writing --------------------------------------------------------------------------------
    def run_dialog(self, dialog: WarehouseDialog) -> bool:
        """Modal; tests replace WarehouseDialog.exec to fill the form as a clerk would."""
        return dialog.exec() == QDialog.DialogCode.Accepted

    def add(self) -> None:
        created: list[str] = []

        def submit(form: WarehouseForm) -> None:
            wh = create_warehouse(self.book, form.name, form.address, form.detail)
            created.append(wh.name)

        if self.run_dialog(WarehouseDialog(submit, parent=self)) and created:
            self._written(created[0], self.tr("已新增仓库「%1」").replace("%1", created[0]))

    def edit(self) -> None:
        wh = self.current()
        if wh is None or self._refuse_locked(wh):
            return
        renamed: list[str] = []

        def submit(form: WarehouseForm) -> None:
            done = update_warehouse(
                self.book, wh.name, new_name=form.name, address=form.address, detail=form.detail
            )
            renamed.append(done.name)

        if self.run_dialog(WarehouseDialog(submit, wh, parent=self)) and renamed:
            self._written(renamed[0], self.tr("已修改仓库「%1」").replace("%1", renamed[0]))

    def toggle_paused(self) -> None:
        wh = self.current()
        if wh is None or self._refuse_locked(wh):
            return
        try:
            update_warehouse(self.book, wh.name, paused=not wh.paused)
        except JdStockError as e:
            self._refused(self.tr("无法暂停或启用仓库"), e)
            return
        self._written(
            wh.name,
            self.tr("已启用仓库「%1」，重新参与发货").replace("%1", wh.name)
            if wh.paused
            else self.tr("已暂停仓库「%1」：库存保留，但不参与发货").replace("%1", wh.name),
        )

    def delete(self) -> None:
        wh = self.current()
        if wh is None or self._refuse_locked(wh):
            return
        question = self.tr(
            "确定删除仓库「%1」？\n它在各区域优先级中的位置将一并移除；有库存或未完成订单的仓库不能删除。"
        ).replace("%1", wh.name)
        if not dialogs.ask_yes_no(self, self.tr("删除仓库"), question):
            return
        try:
            delete_warehouse(self.book, wh.name)
        except JdStockError as e:
            self._refused(self.tr("无法删除仓库"), e)
            return
        self._written(None, self.tr("已删除仓库「%1」").replace("%1", wh.name))

    def _refused(self, title: str, error: JdStockError) -> None:
        dialogs.show_error(self, title, str(error))
        self.status_message.emit(str(error))

    def _written(self, select: str | None, message: str) -> None:
        self.model.set_warehouses(list_warehouses(self.book))
        self.select(select)
        self.status_message.emit(message)
        self.changed.emit()
