"""Page-wide actions: one key set per page, named in the toolbar's tooltips."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


def page_action(
    owner: QWidget,
    text: str,
    slot: Callable[[], object],
    *shortcuts: QKeySequence | QKeySequence.StandardKey | str,
) -> QAction:
    """An action of `owner` with its keys (the first shown in the tooltip).

    Page-wide (WidgetWithChildrenShortcut): the toolbar and the page's views share the keys, and
    two pages using the same key never clash.
    """
    action = QAction(text, owner)
    if shortcuts:
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
        key = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{text}（{key}）")
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.triggered.connect(slot)
    owner.addAction(action)
    return action
