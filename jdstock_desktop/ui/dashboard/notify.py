"""Telling the clerk that pairs went out of stock: a tray balloon when the desktop has a tray,
else a status-bar message. The service hands each entry out once, so nothing is told twice."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QStyle, QSystemTrayIcon, QWidget

from jdstock_desktop.services.alerts import OutOfStockNotice

SHOWN_LINES = 5
BALLOON_MS = 15_000


def _tr(text: str) -> str:
    return QCoreApplication.translate("OutOfStockNotifier", text)


def notice_title(count: int) -> str:
    return _tr("新增无货预警 %1 项").replace("%1", str(count))


def notice_lines(notices: Sequence[OutOfStockNotice]) -> list[str]:
    lines = [
        _tr("%1 @ %2：可用 %3")
        .replace("%1", n.sku)
        .replace("%2", n.warehouse)
        .replace("%3", str(n.available))
        for n in notices[:SHOWN_LINES]
    ]
    if len(notices) > SHOWN_LINES:
        lines.append(_tr("……另有 %1 项").replace("%1", str(len(notices) - SHOWN_LINES)))
    return lines


class OutOfStockNotifier:
    """Owned by the dashboard page; the tray icon is made on first use and lives with the page."""

    def __init__(self, owner: QWidget) -> None:
        self.owner = owner
        self.tray: QSystemTrayIcon | None = None

    @staticmethod
    def tray_available() -> bool:
        return QSystemTrayIcon.isSystemTrayAvailable() and QSystemTrayIcon.supportsMessages()

    def _icon(self) -> QIcon:
        icon = QGuiApplication.windowIcon()
        if icon.isNull():
            icon = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        return icon

    def notify(self, notices: Sequence[OutOfStockNotice]) -> str | None:
        """Show the notices; returns the one-line text for the status bar when there is no tray
        (the caller shows it), None when the tray showed them or there was nothing to tell."""
        if not notices:
            return None
        title = notice_title(len(notices))
        lines = notice_lines(notices)
        if self.tray_available():
            if self.tray is None:
                self.tray = QSystemTrayIcon(self._icon(), self.owner)
                self.tray.setToolTip(_tr("京东工业供应商库存账本"))
            self.tray.show()
            self.tray.showMessage(
                title, "\n".join(lines), QSystemTrayIcon.MessageIcon.Warning, BALLOON_MS
            )
            return None
        return title + "：" + "；".join(lines)
