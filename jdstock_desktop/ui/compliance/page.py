"""The 合规检查 page: the check list of SPEC §8 (rules 12–21), by rule, with every finding.

The left list is the check list itself — each rule with its count, ✓ when clean — and picks the
findings shown on the right. Double-click (or Enter) on a finding asks the main window to open
the product or warehouse it names (`open_item`).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jdstock_desktop.services.compliance import CHECKS, Check, ComplianceReport, compliance_report
from jdstock_desktop.storage.db import Book
from jdstock_desktop.ui.compliance.model import DETAIL, FindingsModel, item_kind
from jdstock_desktop.ui.sheets_dialog.list_export import ListColumn, export_rows
from jdstock_desktop.ui.widgets import dialogs
from jdstock_desktop.ui.widgets.jobs import Job, run_job
from jdstock_desktop.ui.widgets.page import Page

CLEAN = QColor("#1a7f37")
FOUND = QColor("#b42318")


class CompliancePage(Page):
    title = "合规检查"

    # A finding names a product ("sku", code) or a warehouse ("warehouse", name) to open.
    open_item = Signal(str, str)
    exported = Signal(str)

    def __init__(self, book: Book, parent: QWidget | None = None) -> None:
        super().__init__(book, parent)
        self.report: ComplianceReport | None = None
        self.export_job: Job | None = None
        self.export_path = ""
        self.titles = {
            "no_stock": self.tr("上柜商品未在任何仓设置库存"),
            "futures_over_standard": self.tr("期货时效超过三级类目时效标准"),
            "warehouse_address": self.tr("商家仓地址不完整"),
            "violation": self.tr("违规商品仍有库存或仍上柜"),
            "preorder_setup": self.tr("无货预定设置不完整"),
            "contract": self.tr("销售合同临近到期"),
        }
        self.headers = [self.tr("规则"), self.tr("检查项"), self.tr("对象"), self.tr("说明")]

        self.day_label = QLabel()
        self.summary = QLabel()
        self.summary.setStyleSheet("font-weight: 600;")
        self.refresh_button = QPushButton(self.tr("重新检查"))
        self.refresh_button.setShortcut("F5")
        self.export_button = QPushButton(self.tr("导出清单…"))
        self.export_button.setToolTip(self.tr("把右侧列出的问题导出为 Excel 文件（.xlsx）"))
        top = QHBoxLayout()
        top.addWidget(self.day_label)
        top.addWidget(self.refresh_button)
        top.addSpacing(16)
        top.addWidget(self.summary, 1)
        top.addWidget(self.export_button)

        self.checks = QListWidget()
        self.checks.setStyleSheet("QListWidget::item { padding: 6px 4px; }")
        self.checks.setMinimumWidth(250)
        self.model = FindingsModel(self.headers, self.check_title, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        # Details are sentences: wrap them rather than cut them (a few hundred rows at most).
        self.table.setWordWrap(True)
        self.table.setStyleSheet("QTableView::item { padding: 3px 4px; }")
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(DETAIL, QHeaderView.ResizeMode.Stretch)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.checks)
        splitter.addWidget(self.table)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([300, 860])

        hint = QLabel(
            self.tr(
                "按京东工业库存管理规则 12–21 检查本账本。双击一行（或按回车）"
                "打开对应的商品或仓库；左侧选择一条规则只看它的问题。"
            )
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #6b7280;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(hint)

        self.refresh_button.clicked.connect(self.refresh)
        self.export_button.clicked.connect(self.export)
        self.checks.currentRowChanged.connect(self._check_chosen)
        self.table.activated.connect(self._activated)

    def check_title(self, check: Check) -> str:
        return self.titles.get(check.id, check.title)

    # -- loading ----------------------------------------------------------------------------------
    def refresh(self) -> None:
        day = dt.date.today()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.report = compliance_report(self.book, day)
        finally:
            QApplication.restoreOverrideCursor()
        self.day_label.setText(self.tr("检查日期 %1").replace("%1", day.isoformat()))
        chosen = max(self.checks.currentRow(), 0)
        self._fill_checks(self.report)
        self.model.set_findings(self.report.findings)
        self.checks.setCurrentRow(chosen)
        self._check_chosen(chosen)
        count = len(self.report.findings)
        self.summary.setText(
            self.tr("共发现 %1 项问题").replace("%1", str(count))
            if count
            else self.tr("未发现问题")
        )
        self.summary.setStyleSheet(
            f"font-weight: 600; color: {(FOUND if count else CLEAN).name()};"
        )

    def _fill_checks(self, report: ComplianceReport) -> None:
        self.checks.blockSignals(True)
        self.checks.clear()
        total = QListWidgetItem(self.tr("全部问题（%1）").replace("%1", str(len(report.findings))))
        self.checks.addItem(total)
        for check in CHECKS:
            count = len(report.by_check(check.id))
            mark = "✗" if count else "✓"
            text = (
                self.tr("%1 规则 %2 %3（%4）")
                .replace("%1", mark)
                .replace("%2", check.rules)
                .replace("%3", self.check_title(check))
                .replace("%4", str(count))
            )
            item = QListWidgetItem(text)
            item.setForeground(FOUND if count else CLEAN)
            item.setToolTip(text)
            self.checks.addItem(item)
        self.checks.blockSignals(False)

    def count_of(self, check: str) -> int:
        return len(self.report.by_check(check)) if self.report else 0

    def _check_chosen(self, row: int) -> None:
        check = CHECKS[row - 1].id if 1 <= row <= len(CHECKS) else None
        self.model.set_check(check)
        self.export_button.setEnabled(self.model.rowCount() > 0 and self.export_job is None)

    def choose_check(self, check: str | None) -> None:
        ids = [c.id for c in CHECKS]
        self.checks.setCurrentRow(0 if check is None else ids.index(check) + 1)

    # -- opening an item --------------------------------------------------------------------------
    def _activated(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        finding = self.model.finding(index.row())
        kind = item_kind(finding)
        if kind is None:
            self.status_message.emit(finding.detail)
            return
        self.open_item.emit(kind, finding.item)

    # -- export -----------------------------------------------------------------------------------
    def export(self) -> None:
        findings = self.model.shown()
        if not findings or self.export_job is not None or self.report is None:
            return
        name = self.tr("合规检查清单")
        default = Path.home() / f"{name}-{self.report.day.isoformat()}.xlsx"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("导出合规检查清单"), str(default), self.tr("Excel 工作簿 (*.xlsx)")
        )
        if not path:
            return
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        columns = [
            ListColumn(self.headers[0], width=8),
            ListColumn(self.headers[1], width=30),
            ListColumn(self.headers[2], width=18),
            ListColumn(self.headers[3], width=80),
        ]
        rows = [
            (
                self.model.data(self.model.index(r, 0)),
                self.model.data(self.model.index(r, 1)),
                f.item,
                f.detail,
            )
            for r, f in enumerate(findings)
        ]
        self.export_path = path
        self.export_job = run_job(
            lambda _step: export_rows(path, "compliance", name, columns, rows)
        )
        self.export_button.setEnabled(False)
        self.export_job.succeeded.connect(self._exported)
        self.export_job.failed.connect(self._export_failed)
        self.export_job.ended.connect(self._export_ended)

    def _exported(self, count: int) -> None:
        self.status_message.emit(
            self.tr("已导出 %1 行到 %2").replace("%1", str(count)).replace("%2", self.export_path)
        )
        self.exported.emit(self.export_path)

    def _export_failed(self, error: BaseException) -> None:
        dialogs.show_error(self, self.tr("导出失败"), f"{self.export_path}\n\n{error}")

    def _export_ended(self) -> None:
        self.export_job = None
        self.export_button.setEnabled(self.model.rowCount() > 0)
