"""The grid's table view: Excel habits (type over a cell, Enter moves down) and the history key."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QTableView,
    QWidget,
)


class _EnterMovesDown(QStyledItemDelegate):
    """Remembers that an edit ended with Enter, so the view moves down as Excel does."""

    def __init__(self, view: StockTableView) -> None:
        super().__init__(view)
        self._view = view

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self._view.move_down_after_edit = True
        return super().eventFilter(editor, event)


class StockTableView(QTableView):
    # The clerk asked for a cell's ledger (double-click, Enter off an editable cell, menu).
    history_requested = Signal(QModelIndex)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.move_down_after_edit = False
        self.setItemDelegate(_EnterMovesDown(self))
        # Typing over a cell or F2 edits; a double-click opens the history instead.
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setCornerButtonEnabled(True)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        vertical = self.verticalHeader()
        # Fixed row heights keep scrolling through 100,000 rows cheap (no per-row size hints).
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.doubleClicked.connect(self.history_requested)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.state() != QAbstractItemView.State.EditingState
        ):
            current = self.currentIndex()
            if current.isValid():
                if current.flags() & Qt.ItemFlag.ItemIsEditable:
                    self._move_down()
                else:
                    self.history_requested.emit(current)
                event.accept()
                return
        super().keyPressEvent(event)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        super().closeEditor(editor, hint)
        if self.move_down_after_edit:
            self.move_down_after_edit = False
            self._move_down()

    def commit_open_editor(self) -> None:
        """Commit the cell being typed in (before a submit that the clerk started mid-edit)."""
        if self.state() != QAbstractItemView.State.EditingState:
            return
        editor = self.indexWidget(self.currentIndex())
        if editor is not None:
            self.commitData(editor)
            self.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def _move_down(self) -> None:
        current = self.currentIndex()
        model = self.model()
        if current.isValid() and current.row() + 1 < model.rowCount():
            self.setCurrentIndex(model.index(current.row() + 1, current.column()))
