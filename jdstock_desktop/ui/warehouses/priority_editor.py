"""The priority list of one region node: reorder, 禁售, add and remove warehouses, save.

A node without its own list shows the list it inherits (read-only, greyed) and offers to start
one here from it. Nothing is written until 保存: one set_priorities call, one transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from jdstock_desktop.domain.regions import ROOT_CODE, ROOT_NAME, load_regions
from jdstock_desktop.errors import JdStockError
from jdstock_desktop.services.coverage import region_priority_list
from jdstock_desktop.services.warehouses import WarehouseView, set_priorities
from jdstock_desktop.storage.db import Book
from jdstock_desktop.ui.warehouses.priority_model import (
    BANNED,
    NAME,
    RANK,
    STATUS,
    PriorityListModel,
    PriorityRow,
)
from jdstock_desktop.ui.widgets import dialogs

Draft = list[tuple[int, bool]]  # (warehouse id, banned) in order: what "unsaved" compares


def ask_unsaved_priorities(parent: QWidget | None, region: str) -> dialogs.UnsavedChoice:
    """The draft of `region` is about to be left: save it, discard it, or stay.

    Module-level so that tests answer it with monkeypatch, like ui.widgets.dialogs.
    """

    def tr(text: str) -> str:
        return QCoreApplication.translate("PriorityEditor", text)

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(tr("未保存的优先级"))
    box.setText(tr("「%1」的优先级列表有未保存的修改。").replace("%1", region))
    save = box.addButton(tr("保存"), QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton(tr("放弃修改"), QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(tr("取消"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save)
    box.exec()
    if box.clickedButton() is save:
        return dialogs.UnsavedChoice.SUBMIT
    if box.clickedButton() is discard:
        return dialogs.UnsavedChoice.DISCARD
    return dialogs.UnsavedChoice.CANCEL


class PriorityTableView(QTableView):
    """Rows move by drag and drop inside the list only."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDragDropOverwriteMode(False)
        self.setDropIndicatorShown(True)
        self.verticalHeader().setVisible(False)


class PriorityEditor(QWidget):
    status_message = Signal(str)
    saved = Signal()  # wrote to the book

    def __init__(self, book: Book, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.book = book
        self.code: str | None = None
        self._title = ""
        self._saved: Draft | None = None  # None: the node has no list of its own
        self._warehouses: list[WarehouseView] = []
        self._listed: dict[str, int] = {}
        self._buttons: dict[QAction, QToolButton] = {}
        self.model = PriorityListModel(self)
        self.model.changed.connect(self._update)

        self.title_label = QLabel()
        self.title_label.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.title_label.setWordWrap(True)
        self.hint_label = QLabel()
        self.hint_label.setWordWrap(True)
        self.create_button = QPushButton()
        self.create_button.clicked.connect(self.create_here)
        self.view = PriorityTableView()
        self.view.setModel(self.model)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        for column in (RANK, STATUS, BANNED):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._update())
        self._build_actions()
        self._layout()
        self.show_region(None)

    # -- building -------------------------------------------------------------------------------
    def _action(self, text: str, slot: Callable[[], object], *keys: str) -> QAction:
        action = QAction(text, self)
        if keys:
            action.setShortcuts([QKeySequence(k) for k in keys])
            shown = " / ".join(
                QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText) for k in keys
            )
            action.setToolTip(f"{text}（{shown}）")
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.up_action = self._action(self.tr("上移"), lambda: self.move_current(-1), "Ctrl+Up")
        self.down_action = self._action(self.tr("下移"), lambda: self.move_current(1), "Ctrl+Down")
        self.remove_action = self._action(self.tr("移除"), self.remove_current, "Del")
        self.add_action = self._action(self.tr("添加仓库"), self.add_selected)
        self.save_action = self._action(self.tr("保存"), self.save, "Ctrl+S")
        self.revert_action = self._action(self.tr("放弃修改"), self.revert)
        self.delete_action = self._action(self.tr("删除本区域列表"), self.delete_list)
        self.add_box = QComboBox()
        self.add_box.setMinimumContentsLength(8)
        self.add_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.add_box.setToolTip(self.tr("选择要加入本区域列表的仓库"))

    def _button(self, action: QAction) -> QToolButton:
        button = QToolButton()
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self._buttons[action] = button
        return button

    def button_for(self, action: QAction) -> QToolButton:
        return self._buttons[action]

    def _layout(self) -> None:
        moves = QHBoxLayout()
        for action in (self.up_action, self.down_action, self.remove_action):
            moves.addWidget(self._button(action))
        moves.addStretch(1)
        moves.addWidget(self.add_box, 1)
        moves.addWidget(self._button(self.add_action))
        saves = QHBoxLayout()
        saves.addWidget(self._button(self.delete_action))
        saves.addStretch(1)
        saves.addWidget(self._button(self.revert_action))
        self.save_button = QPushButton()
        self.save_button.setDefault(False)
        self.save_button.clicked.connect(self.save)
        saves.addWidget(self.save_button)
        create_row = QHBoxLayout()
        create_row.addWidget(self.create_button)
        create_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 0)
        layout.addWidget(self.title_label)
        layout.addWidget(self.hint_label)
        layout.addLayout(create_row)
        layout.addWidget(self.view, 1)
        layout.addLayout(moves)
        layout.addLayout(saves)

    # -- context --------------------------------------------------------------------------------
    def set_context(self, warehouses: Sequence[WarehouseView], listed: Mapping[str, int]) -> None:
        """The book's warehouses and which nodes have lists (after any write anywhere)."""
        self._warehouses = list(warehouses)
        self._listed = dict(listed)
        if self.dirty:
            self.model.rename({w.id: (w.name, w.paused) for w in warehouses if not w.is_national})
            self._update()
        else:
            self.show_region(self.code)

    def national_name(self) -> str:
        return next((w.name for w in self._warehouses if w.is_national), "")

    def region_name(self, code: str | None) -> str:
        return ROOT_NAME if code in (None, ROOT_CODE) else load_regions().get(code).name

    def inherited_from(self, code: str) -> str | None:
        """The nearest ancestor whose list applies to `code` (routing step 1), if any."""
        return next((c for c in load_regions().ancestors(code)[1:] if c in self._listed), None)

    # -- showing a node -------------------------------------------------------------------------
    @property
    def dirty(self) -> bool:
        if self.code is None or self.model.read_only:
            return False
        return self._draft() != self._saved

    def _draft(self) -> Draft:
        return [(r.warehouse_id, r.banned) for r in self.model.rows()]

    def show_region(self, code: str | None) -> None:
        """Load `code`'s own list, or the one it inherits (read-only); drops any draft."""
        self.code = code
        national = self.national_name()
        if code is None:
            self._saved = None
            self.model.set_rows([], "", read_only=True)
            self._title = self.tr("优先级")
            self.hint_label.setText(self.tr("在左侧选择一个区域，查看或设置它的仓库优先级。"))
            self._update()
            return
        own = region_priority_list(self.book, code) if code in self._listed else []
        path = load_regions().display_path(code)
        self._title = self.tr("「%1」的仓库优先级").replace("%1", path)
        if own:
            rows = [PriorityRow(w.warehouse_id, w.name, w.rank is None, w.paused) for w in own]
            self._saved = [(r.warehouse_id, r.banned) for r in rows]
            self.model.set_rows(rows, national, read_only=False)
        else:
            self._saved = None
            source = self.inherited_from(code)
            inherited = region_priority_list(self.book, source) if source else []
            rows = [
                PriorityRow(w.warehouse_id, w.name, w.rank is None, w.paused) for w in inherited
            ]
            self.model.set_rows(rows, national, read_only=True)
        self._update()

    def create_here(self) -> None:
        """Start this node's own list from the one it inherits (a draft until 保存)."""
        if self.code is None or not self.model.read_only:
            return
        self.model.set_rows(self.model.rows(), self.national_name(), read_only=False)
        self._update()
        self.view.setFocus()

    def _update(self) -> None:
        code = self.code
        editing = code is not None and not self.model.read_only
        own = self._saved is not None
        if code is None:
            pass
        elif editing:
            self.hint_label.setText(
                self.tr(
                    "按顺位依次发货：前一个仓库可用库存不足时，由下一个支援；"
                    "勾选「禁售」的仓库不向这里发货；暂停的仓库发货时跳过。"
                    "拖动行或用 Ctrl+↑/↓ 调整顺序。"
                )
            )
        else:
            source = self.inherited_from(code)
            if source is not None:
                self.hint_label.setText(
                    self.tr("未设置，沿用「%1」的优先级（灰色，只读）。").replace(
                        "%1", self.region_name(source)
                    )
                )
            else:
                self.hint_label.setText(
                    self.tr(
                        "未设置：本区域及上级区域都没有优先级列表，订单只由「%1」兜底发货。"
                    ).replace("%1", self.national_name())
                )
        source = self.inherited_from(code) if code is not None else None
        self.create_button.setVisible(code is not None and not editing)
        self.create_button.setText(
            self.tr("在「%1」新建列表（复制「%2」的优先级）")
            .replace("%1", self.region_name(code))
            .replace("%2", self.region_name(source))
            if source is not None
            else self.tr("在「%1」新建优先级列表").replace("%1", self.region_name(code))
        )
        self.hint_label.setStyleSheet("" if editing else "color: #6b7280;")
        row = self.view.currentIndex().row()
        movable = editing and 0 <= row < len(self.model.rows())
        self.up_action.setEnabled(movable and row > 0)
        self.down_action.setEnabled(movable and row < len(self.model.rows()) - 1)
        self.remove_action.setEnabled(movable)
        self._fill_add_box(editing)
        self.save_action.setEnabled(editing and self.dirty)
        self.revert_action.setEnabled(editing and self.dirty)
        self.save_button.setEnabled(editing and self.dirty)
        self.save_button.setText(self.tr("保存（Ctrl+S）"))
        self.title_label.setText(self._title + self.tr("（未保存）") if self.dirty else self._title)
        self.delete_action.setEnabled(own)

    def _fill_add_box(self, editing: bool) -> None:
        keep = self.add_box.currentData()
        listed = {r.warehouse_id for r in self.model.rows()}
        self.add_box.blockSignals(True)
        self.add_box.clear()
        for wh in self._warehouses:
            if wh.is_national or wh.id in listed:
                continue
            label = self.tr("%1（暂停）").replace("%1", wh.name) if wh.paused else wh.name
            self.add_box.addItem(label, wh.id)
        index = self.add_box.findData(keep)
        self.add_box.setCurrentIndex(max(index, 0) if self.add_box.count() else -1)
        self.add_box.blockSignals(False)
        self.add_box.setEnabled(editing and self.add_box.count() > 0)
        self.add_action.setEnabled(editing and self.add_box.count() > 0)
        if editing and not self.add_box.count():
            self.add_box.setToolTip(self.tr("所有仓库都已在列表中"))

    # -- editing --------------------------------------------------------------------------------
    def select_row(self, row: int) -> None:
        self.view.setCurrentIndex(self.model.index(row, NAME))
        self.view.selectRow(row)

    def add_selected(self) -> None:
        wid = self.add_box.currentData()
        wh = next((w for w in self._warehouses if w.id == wid), None)
        if wh is None or self.model.read_only:
            return
        self.select_row(self.model.add(wh.id, wh.name, wh.paused))

    def add_warehouse(self, name: str) -> None:
        """Pick `name` in the add box and add it, as the clerk does."""
        index = self.add_box.findText(name, Qt.MatchFlag.MatchStartsWith)
        if index >= 0:
            self.add_box.setCurrentIndex(index)
            self.add_selected()

    def move_current(self, step: int) -> None:
        row = self.view.currentIndex().row()
        target = row + step
        if not 0 <= row < len(self.model.rows()) or not 0 <= target < len(self.model.rows()):
            return
        if self.model.move(row, target + 1 if step > 0 else target):
            self.select_row(target)

    def remove_current(self) -> None:
        row = self.view.currentIndex().row()
        if self.model.read_only or not 0 <= row < len(self.model.rows()):
            return
        self.model.remove(row)
        if self.model.rows():
            self.select_row(min(row, len(self.model.rows()) - 1))

    def revert(self) -> None:
        self.show_region(self.code)

    # -- writing --------------------------------------------------------------------------------
    def _write(self, items: list[tuple[str, int | None]]) -> bool:
        code = self.code
        if code is None:
            return False
        names = load_regions().path_names(code)
        try:
            set_priorities(self.book, names or ROOT_NAME, items)
        except JdStockError as e:
            dialogs.show_error(self, self.tr("无法保存优先级"), str(e))
            self.status_message.emit(str(e))
            return False
        if items:
            self._listed[code] = len(items)
        else:
            self._listed.pop(code, None)
        self.show_region(code)
        self.saved.emit()
        return True

    def save(self) -> bool:
        if self.code is None or self.model.read_only:
            return True
        if not self.model.rows():
            return self.delete_list()
        where = load_regions().display_path(self.code)
        if not self._write(self.model.items()):
            return False
        self.status_message.emit(
            self.tr("已保存「%1」的优先级：%2 个仓库")
            .replace("%1", where)
            .replace("%2", str(len(self.model.rows())))
        )
        return True

    def delete_list(self) -> bool:
        """删除本区域列表: the nearest ancestor's list applies here again."""
        code = self.code
        if code is None:
            return False
        where = load_regions().display_path(code)
        if self._saved is None:  # only a draft: nothing in the book to delete
            self.show_region(code)
            return True
        question = self.tr("删除「%1」自己的优先级列表？删除后这里沿用上级区域的优先级。").replace(
            "%1", where
        )
        if not dialogs.ask_yes_no(self, self.tr("删除本区域列表"), question):
            return False
        if not self._write([]):
            return False
        self.status_message.emit(self.tr("已删除「%1」的优先级列表").replace("%1", where))
        return True

    def can_leave(self) -> bool:
        """Unsaved draft: ask save / discard / stay."""
        if not self.dirty or self.code is None:
            return True
        choice = ask_unsaved_priorities(self, load_regions().display_path(self.code))
        if choice is dialogs.UnsavedChoice.SUBMIT:
            return self.save()
        if choice is dialogs.UnsavedChoice.DISCARD:
            self.revert()
            return True
        return False
