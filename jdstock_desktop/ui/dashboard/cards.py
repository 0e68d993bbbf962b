"""A figure of the dashboard as a card: a title, the big number, a line of context.

A card is a focusable button-like frame: a click, Enter or Space opens the rows behind it. The
chosen card keeps a coloured border so the clerk sees which list the table below holds.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

_STYLE = """
FigureCard {{ background: white; border: 1px solid #d7dce3; border-radius: 6px; }}
FigureCard:focus {{ border: 1px solid #7aa2e3; }}
FigureCard[chosen="true"] {{ border: 2px solid {accent}; background: #f7f9fc; }}
QLabel#value {{ color: {accent}; font-size: 26px; font-weight: 600; }}
QLabel#title {{ color: #374151; font-size: 14px; }}
QLabel#note {{ color: #6b7280; font-size: 12px; }}
"""


class FigureCard(QFrame):
    activated = Signal()

    def __init__(self, title: str, accent: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setStyleSheet(_STYLE.format(accent=accent))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(120)
        self.title_label = QLabel(title)
        self.title_label.setObjectName("title")
        self.value_label = QLabel("—")
        self.value_label.setObjectName("value")
        self.note_label = QLabel(" ")
        self.note_label.setObjectName("note")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(2)
        layout.addWidget(self.title_label)
        layout.addWidget(self.value_label)
        layout.addWidget(self.note_label)
        self.setAccessibleName(title)
        # Every card as tall as one whose value holds a CJK unit (天): a row of equal cards.
        self.value_label.setText("0天")
        self.setFixedHeight(self.sizeHint().height())
        self.value_label.setText("—")

    def set_value(self, value: str, note: str = "") -> None:
        self.value_label.setText(value)
        self.note_label.setText(note or " ")
        self.setAccessibleDescription(f"{value} {note}".strip())
        self.setToolTip(note)

    def value(self) -> str:
        return self.value_label.text()

    def set_chosen(self, chosen: bool) -> None:
        self.setProperty("chosen", "true" if chosen else "false")
        self.style().unpolish(self)
        self.style().polish(self)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            self.activated.emit()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.activated.emit()
            return
        super().keyPressEvent(event)
