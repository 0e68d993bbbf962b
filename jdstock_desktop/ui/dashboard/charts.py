"""The dashboard's two charts, painted with QPainter (QtCharts is not part of PySide6-Essentials).

AlertTrendChart: the three alert counts of the last 30 days as lines. TurnoverHistogram: how many
listed SKUs fall in each turnover-days band, as bars. Both show a tooltip for the point under the
mouse; a bar can be clicked (or chosen with the arrow keys and Enter) to list its SKUs.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from jdstock_desktop.ui.dashboard.figures import DayCounts

AXIS = QColor("#9aa3ad")
GRID = QColor("#e6e9ee")
TEXT = QColor("#374151")
MUTED = QColor("#6b7280")
OUT_OF_STOCK = QColor("#d9363e")
SAFETY = QColor("#e8912d")
SLOW = QColor("#3b7ddd")
BAR = QColor("#5b8def")
BAR_ACTIVE = QColor("#2f5fc4")
# A CJK fallback glyph can be taller than the UI font's metrics say: never cut a label.
NO_CLIP = Qt.TextFlag.TextDontClip


def nice_ceiling(value: float, ticks: int = 4) -> tuple[float, float]:
    """(top, step) of a count axis from 0 to above `value`, in about `ticks` round steps."""
    if value <= 0:
        return float(ticks), 1.0
    raw = value / ticks
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    step = max(step, 1.0)  # counts are whole
    return math.ceil(value / step) * step, step


class _Chart(QWidget):
    """Common frame: a title, a plot rectangle with a y axis of counts, a placeholder text."""

    LEFT, RIGHT, TOP, BOTTOM = 40, 22, 30, 30

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.message = ""  # shown instead of the plot (loading, no data)
        self.setMinimumSize(300, 190)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def sizeHint(self) -> QSize:
        return QSize(460, 230)

    def plot_rect(self) -> QRectF:
        return QRectF(
            self.LEFT,
            self.TOP,
            max(self.width() - self.LEFT - self.RIGHT, 10),
            max(self.height() - self.TOP - self.BOTTOM, 10),
        )

    def begin(self) -> QPainter:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("white"))
        p.setPen(QPen(QColor("#d7dce3")))
        p.drawRect(self.rect().adjusted(0, 0, -1, -1))
        font = QFont(self.font())
        font.setBold(True)
        p.setFont(font)
        p.setPen(TEXT)
        p.drawText(
            QRectF(10, 6, self.width() - 20, 20), Qt.AlignmentFlag.AlignLeft | NO_CLIP, self.title
        )
        p.setFont(self.font())
        return p

    def draw_message(self, p: QPainter) -> None:
        p.setPen(MUTED)
        p.drawText(self.plot_rect(), Qt.AlignmentFlag.AlignCenter, self.message)

    def draw_y_axis(self, p: QPainter, top: float, step: float) -> None:
        r = self.plot_rect()
        metrics = QFontMetrics(self.font())
        value = 0.0
        while value <= top + 1e-9:
            y = r.bottom() - value / top * r.height()
            p.setPen(QPen(GRID if value else AXIS, 1))
            p.drawLine(QPointF(r.left(), y), QPointF(r.right(), y))
            p.setPen(MUTED)
            label = f"{value:g}"
            p.drawText(
                QRectF(0, y - metrics.height() / 2, self.LEFT - 6, metrics.height()),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter | NO_CLIP,
                label,
            )
            value += step


class AlertTrendChart(_Chart):
    """无货 / 安全库存 / 滞销 counts of each day, oldest left; the chosen day is the last one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("近30天预警数量"), parent)
        self.history: list[DayCounts] = []
        self.series_names = (self.tr("无货"), self.tr("安全库存"), self.tr("滞销"))
        self.progress: tuple[int, int] | None = None

    def set_history(self, history: Sequence[DayCounts]) -> None:
        self.history = list(history)
        self.progress = None
        self.message = "" if history else self.tr("没有数据")
        self.update()

    def set_progress(self, done: int, total: int) -> None:
        self.progress = (done, total)
        self.message = (
            self.tr("正在计算近30天预警（%1/%2）…")
            .replace("%1", str(done))
            .replace("%2", str(total))
        )
        self.update()

    def set_message(self, text: str) -> None:
        self.progress = None
        self.message = text
        self.update()

    @staticmethod
    def _values(d: DayCounts) -> tuple[int, int, int]:
        return d.out_of_stock, d.safety, d.slow_moving

    def _x(self, i: int) -> float:
        r = self.plot_rect()
        n = max(len(self.history) - 1, 1)
        return r.left() + 6 + i * (r.width() - 12) / n

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = self.begin()
        try:
            self._legend(p)
            if self.message or not self.history:
                self.draw_message(p)
                if self.progress is not None:
                    self._progress_bar(p)
                return
            top, step = nice_ceiling(max(max(self._values(d)) for d in self.history))
            self.draw_y_axis(p, top, step)
            self._x_labels(p)
            r = self.plot_rect()
            for s, color in enumerate((OUT_OF_STOCK, SAFETY, SLOW)):
                path = QPainterPath()
                points = []
                for i, d in enumerate(self.history):
                    pt = QPointF(self._x(i), r.bottom() - self._values(d)[s] / top * r.height())
                    points.append(pt)
                    if i == 0:
                        path.moveTo(pt)
                    else:
                        path.lineTo(pt)
                p.setPen(QPen(color, 2))
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawPath(path)
                p.setBrush(color)
                p.setPen(Qt.PenStyle.NoPen)
                for pt in points[-1:]:  # the chosen day, emphasised
                    p.drawEllipse(pt, 3.5, 3.5)
        finally:
            p.end()

    def _legend(self, p: QPainter) -> None:
        metrics = QFontMetrics(self.font())
        x = self.width() - self.RIGHT
        for name, color in reversed(
            list(zip(self.series_names, (OUT_OF_STOCK, SAFETY, SLOW), strict=True))
        ):
            w = metrics.horizontalAdvance(name)
            x -= w
            p.setPen(TEXT)
            p.drawText(QRectF(x, 6, w + 2, 20), Qt.AlignmentFlag.AlignLeft | NO_CLIP, name)
            x -= 18
            p.setPen(QPen(color, 3))
            p.drawLine(QPointF(x, 16), QPointF(x + 13, 16))
            x -= 12

    def _x_labels(self, p: QPainter) -> None:
        r = self.plot_rect()
        metrics = QFontMetrics(self.font())
        label_w = metrics.horizontalAdvance("00-00") + 10
        n = len(self.history)
        every = max(1, math.ceil(label_w / max((r.width() - 12) / max(n - 1, 1), 1)))
        p.setPen(MUTED)
        # Always label the last (chosen) day; step back from it so the spacing stays even.
        for i in range(n - 1, -1, -every):
            x = self._x(i)
            text = self.history[i].day.strftime("%m-%d")
            p.drawText(
                QRectF(x - label_w / 2, r.bottom() + 4, label_w, metrics.height()),
                Qt.AlignmentFlag.AlignHCenter | NO_CLIP,
                text,
            )

    def _progress_bar(self, p: QPainter) -> None:
        assert self.progress is not None
        done, total = self.progress
        r = self.plot_rect()
        bar = QRectF(r.center().x() - 100, r.center().y() + 16, 200, 6)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(GRID)
        p.drawRoundedRect(bar, 3, 3)
        p.setBrush(SLOW)
        p.drawRoundedRect(QRectF(bar.x(), bar.y(), bar.width() * done / max(total, 1), 6), 3, 3)

    def index_at(self, x: float) -> int | None:
        if not self.history or self.message:
            return None
        i = (
            round((x - self._x(0)) / max(self._x(1) - self._x(0), 1e-6))
            if len(self.history) > 1
            else 0
        )
        return i if 0 <= i < len(self.history) else None

    def tooltip_text(self, i: int) -> str:
        d = self.history[i]
        return (
            self.tr("%1\n无货 %2　安全库存 %3　滞销 %4")
            .replace("%1", d.day.isoformat())
            .replace("%2", str(d.out_of_stock))
            .replace("%3", str(d.safety))
            .replace("%4", str(d.slow_moving))
        )

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        i = self.index_at(event.position().x())
        if i is None:
            QToolTip.hideText()
        else:
            QToolTip.showText(event.globalPosition().toPoint(), self.tooltip_text(i), self)


class TurnoverHistogram(_Chart):
    """Listed SKUs per turnover band; `bar_activated(i)` when the clerk picks bar i."""

    bar_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("周转天数分布（上柜商品）"), parent)
        self.labels: list[str] = []
        self.counts: list[int] = []
        self.colors: list[QColor] = []
        self.current = -1
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def set_counts(
        self, labels: Sequence[str], counts: Sequence[int], colors: Sequence[QColor]
    ) -> None:
        self.labels, self.counts, self.colors = list(labels), list(counts), list(colors)
        self.message = "" if sum(counts) else self.tr("没有上柜商品")
        if self.current >= len(self.counts):
            self.current = -1
        self.update()

    def bar_rect(self, i: int) -> QRectF:
        r = self.plot_rect()
        n = max(len(self.counts), 1)
        slot = r.width() / n
        top, _ = nice_ceiling(max(self.counts, default=0))
        h = self.counts[i] / top * r.height() if top else 0
        return QRectF(r.left() + i * slot + slot * 0.15, r.bottom() - h, slot * 0.7, h)

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = self.begin()
        try:
            if self.message or not self.counts:
                self.draw_message(p)
                return
            top, step = nice_ceiling(max(self.counts))
            self.draw_y_axis(p, top, step)
            r = self.plot_rect()
            metrics = QFontMetrics(self.font())
            slot = r.width() / len(self.counts)
            for i, count in enumerate(self.counts):
                bar = self.bar_rect(i)
                color = self.colors[i] if i < len(self.colors) else BAR
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(color.darker(125) if i == self.current else color)
                p.drawRect(bar)
                p.setPen(TEXT)
                p.drawText(
                    QRectF(
                        bar.x() - 10,
                        bar.y() - metrics.height() - 1,
                        bar.width() + 20,
                        metrics.height(),
                    ),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom | NO_CLIP,
                    str(count),
                )
                p.setPen(MUTED)
                label = metrics.elidedText(self.labels[i], Qt.TextElideMode.ElideRight, int(slot))
                p.drawText(
                    QRectF(r.left() + i * slot, r.bottom() + 4, slot, metrics.height()),
                    Qt.AlignmentFlag.AlignHCenter | NO_CLIP,
                    label,
                )
            if self.hasFocus() and self.current >= 0:
                p.setPen(QPen(BAR_ACTIVE, 1, Qt.PenStyle.DotLine))
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawRect(QRectF(r.left() + self.current * slot, r.top(), slot, r.height()))
        finally:
            p.end()

    def index_at(self, x: float) -> int | None:
        if not self.counts or self.message:
            return None
        r = self.plot_rect()
        i = math.floor((x - r.left()) / (r.width() / len(self.counts)))
        return i if 0 <= i < len(self.counts) else None

    def tooltip_text(self, i: int) -> str:
        return (
            self.tr("周转天数 %1：%2 个商品（点击查看）")
            .replace("%1", self.labels[i])
            .replace("%2", str(self.counts[i]))
        )

    def activate(self, i: int) -> None:
        self.current = i
        self.update()
        self.bar_activated.emit(i)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        i = self.index_at(event.position().x())
        if i is None:
            QToolTip.hideText()
        else:
            QToolTip.showText(event.globalPosition().toPoint(), self.tooltip_text(i), self)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        i = self.index_at(event.position().x())
        if i is not None and event.button() == Qt.MouseButton.LeftButton:
            self.activate(i)
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        n = len(self.counts)
        if n and key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            step = -1 if key == Qt.Key.Key_Left else 1
            self.current = (max(self.current, 0) + step) % n if self.current >= 0 else 0
            self.update()
            return
        if (
            n
            and self.current >= 0
            and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)
        ):
            self.activate(self.current)
            return
        super().keyPressEvent(event)
