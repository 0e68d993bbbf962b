"""Page keys that win over the main window's menu keys while the clerk works in the page.

The 文件 menu binds Ctrl+N (新建账本) window-wide; a page action on the same key makes Qt call the
key ambiguous and run neither. Accepting the ShortcutOverride for the page's own keys while the
focus is inside the page turns the key into an ordinary key press, which reaches the page and
triggers its action; outside the page the menu keeps its key.
(Shared with the 订单 page; worth moving to ui/widgets/ when another page needs it.)
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QWidget


class PageKeys(QObject):
    """Event filter on a page: its actions' keys override the window's while focus is inside."""

    def __init__(self, page: QWidget, actions: Iterable[QAction]) -> None:
        super().__init__(page)
        self._actions = list(actions)
        page.installEventFilter(self)

    def _action_for(self, event: QKeyEvent) -> QAction | None:
        pressed = QKeySequence(event.keyCombination())
        for action in self._actions:
            if not action.isEnabled():
                continue
            for key in action.shortcuts():
                if key.matches(pressed) == QKeySequence.SequenceMatch.ExactMatch:
                    return action
        return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and isinstance(
            event, QKeyEvent
        ):
            action = self._action_for(event)
            if action is not None:
                event.accept()
                if kind == QEvent.Type.KeyPress:
                    action.trigger()
                return True
        return super().eventFilter(watched, event)
