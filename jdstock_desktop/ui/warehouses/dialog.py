"""新增仓库 / 修改仓库: name, 4-level address and street detail, checked before it is written.

The dialog calls `submit` itself and stays open when the service refuses (a duplicate name, an
address it cannot resolve), so the clerk fixes the one field instead of typing everything again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jdstock_desktop.errors import JdStockError
from jdstock_desktop.services.warehouses import WarehouseView
from jdstock_desktop.ui.widgets.address_picker import AddressPicker

NAME_MAX = 100  # the services' limit, so that the field stops where the book would refuse


@dataclass(frozen=True, slots=True)
class WarehouseForm:
    name: str
    address: list[str]  # full region names, province first (what the services resolve)
    detail: str


Submit = Callable[[WarehouseForm], object]  # raises JdStockError to keep the dialog open


class WarehouseDialog(QDialog):
    def __init__(
        self, submit: Submit, warehouse: WarehouseView | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._submit = submit
        self.setWindowTitle(
            self.tr("修改仓库「%1」").replace("%1", warehouse.name)
            if warehouse
            else self.tr("新增仓库")
        )
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(NAME_MAX)
        self.name_edit.setPlaceholderText(self.tr("如：深圳南山仓"))
        self.picker = AddressPicker(columns=4)
        self.detail_edit = QLineEdit()
        self.detail_edit.setMaxLength(300)
        self.detail_edit.setPlaceholderText(self.tr("街道、门牌号、园区、楼栋"))
        self.note_label = QLabel()
        self.note_label.setWordWrap(True)
        self.note_label.setStyleSheet("color: #b45309;")
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #c0392b; font-weight: bold;")
        self.error_label.hide()

        form = QFormLayout()
        form.addRow(self.tr("仓库名称"), self.name_edit)
        form.addRow(self.tr("所在地区"), self.picker)
        form.addRow(self.tr("详细地址"), self.detail_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button: QPushButton = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("保存"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.try_accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

        if warehouse is not None:
            self.name_edit.setText(warehouse.name)
            self.picker.set_region(warehouse.region_code)
            self.detail_edit.setText(warehouse.address_detail)
        self.picker.changed.connect(self._update_note)
        self.detail_edit.textChanged.connect(self._update_note)
        self._update_note()
        self.resize(720, self.sizeHint().height())
        self.name_edit.setFocus()

    def form(self) -> WarehouseForm:
        return WarehouseForm(
            self.name_edit.text().strip(), self.picker.parts(), self.detail_edit.text().strip()
        )

    def problem(self) -> str | None:
        """What must be fixed before saving, in Chinese; None when the form can be sent."""
        if not self.name_edit.text().strip():
            return self.tr("请填写仓库名称")
        typed = self.picker.problem()
        if typed:
            return typed
        if self.picker.region_code() is None:
            return self.tr("请选择仓库所在的省份（商家仓需要真实地址）")
        return None

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def try_accept(self) -> None:
        problem = self.problem()
        if problem:
            self.show_error(problem)
            return
        try:
            self._submit(self.form())
        except JdStockError as e:
            self.show_error(str(e))
            return
        self.accept()

    def _update_note(self) -> None:
        # Saving an incomplete address is allowed (the clerk may not know the town yet), but it
        # is said here, because the compliance check (rule 19) will list the warehouse.
        parts = self.picker.parts()
        complete = len(parts) == 4 and bool(self.detail_edit.text().strip())
        self.note_label.setText(
            ""
            if complete or not parts
            else self.tr("地址未填到乡镇街道或缺少详细地址，合规检查会提示「地址不完整」")
        )
        self.note_label.setVisible(not complete and bool(parts))
