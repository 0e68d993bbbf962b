"""The detail form of one SKU: every field of SPEC §5, with the ship-time rules shown live.

The form hands the clerk's text to services.products.save_product, which checks it and answers
in Chinese; the form itself only keeps what cannot be typed wrong out of reach (spot ≤ 48 h,
a quota below zero) and marks rule 20/21 breaches as the clerk types.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QCompleter,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from jdstock_desktop.services.products import (
    FIELD_BY_KEY,
    MAX_INT,
    MAX_SPOT_HOURS,
    Breach,
    Kind,
    ProductRecord,
    breaches_of,
)

BREACH_STYLE = "color: #c0392b;"
BREACH_FOREGROUND = QColor("#c0392b")
BREACH_BACKGROUND = QColor("#fdecea")
NOTE_STYLE = "color: #6b7280;"


def _number_text(value: object) -> str:
    """A stored number as the clerk would type it: 12.50 → 12.5, 10.0 → 10."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return text
    return str(value)


class _Form(QFormLayout):
    """A form layout whose labels share one width across the groups of the page."""

    def __init__(self, group: QGroupBox, label_width: int) -> None:
        super().__init__(group)
        self._label_width = label_width
        self.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

    def add(self, label: str, field: QWidget | QHBoxLayout) -> None:
        text = QLabel(label)
        text.setMinimumWidth(self._label_width)
        text.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.addRow(text, field)


class ProductForm(QScrollArea):
    """Every field of one SKU; `values()` is what save_product takes."""

    edited = Signal()  # any field changed by the clerk

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.record: ProductRecord | None = None
        self.standards: dict[str, int] = {}
        self._loaded: dict[str, object] = {}
        self._loading = False
        self.lines: dict[str, QLineEdit] = {}
        # One label width for every group, so the fields line up down the whole form.
        self._label_width = self.fontMetrics().horizontalAdvance(self.tr("长×宽×高(cm)")) + 8
        body = QWidget()
        self.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 8, 4)
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        # The marks sit by their fields far down the form; this repeats them where the eye lands.
        self.breach_banner = QLabel()
        self.breach_banner.setWordWrap(True)
        self.breach_banner.setStyleSheet(BREACH_STYLE)
        self.breach_banner.setVisible(False)
        layout.addWidget(self.breach_banner)
        layout.addWidget(self._basic_group())
        layout.addWidget(self._category_group())
        layout.addWidget(self._price_group())
        layout.addWidget(self._shipping_group())
        layout.addWidget(self._listing_group())
        layout.addWidget(self._other_group())
        layout.addStretch(1)
        self.load(None)

    # -- building -------------------------------------------------------------------------------
    def _line(self, key: str) -> QLineEdit:
        edit = QLineEdit()
        spec = FIELD_BY_KEY[key]
        if spec.max_length:
            edit.setMaxLength(spec.max_length)
        if spec.kind in (Kind.MONEY, Kind.DECIMAL):
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        edit.textEdited.connect(self._changed)
        self.lines[key] = edit
        return edit

    def _form(self, title: str) -> tuple[QGroupBox, _Form]:
        group = QGroupBox(title)
        return group, _Form(group, self._label_width)

    def _basic_group(self) -> QGroupBox:
        group, form = self._form(self.tr("基本信息"))
        form.add(self.tr("商品编码 *"), self._line("code"))
        form.add(self.tr("京东SKU"), self._line("jd_sku"))
        self.lines["jd_sku"].setToolTip(self.tr("京东生成商品后回填；新品可留空"))
        form.add(self.tr("商品名称 *"), self._line("name"))
        form.add(self.tr("品牌"), self._line("brand"))
        form.add(self.tr("型号"), self._line("model"))
        form.add(self.tr("规格"), self._line("spec"))
        form.add(self.tr("单位"), self._line("unit"))
        form.add(self.tr("条码"), self._line("barcode"))
        return group

    def _category_group(self) -> QGroupBox:
        group, form = self._form(self.tr("类目"))
        form.add(self.tr("一级类目"), self._line("category1"))
        form.add(self.tr("二级类目"), self._line("category2"))
        form.add(self.tr("三级类目"), self._line("category3"))
        self.standard_label = QLabel()
        self.standard_label.setStyleSheet(NOTE_STYLE)
        self.standard_label.setWordWrap(True)
        form.add("", self.standard_label)
        self.lines["category3"].textChanged.connect(self._update_breaches)
        return group

    def _price_group(self) -> QGroupBox:
        group, form = self._form(self.tr("价格（元）"))
        form.add(self.tr("采购价"), self._line("purchase_price"))
        form.add(self.tr("京东价"), self._line("jd_price"))
        form.add(self.tr("市场价"), self._line("market_price"))
        form.add(self.tr("税率(%)"), self._line("tax_rate"))
        return group

    def _shipping_group(self) -> QGroupBox:
        group, form = self._form(self.tr("物流与包装"))
        form.add(self.tr("重量(kg)"), self._line("weight_kg"))
        size = QHBoxLayout()
        size.setSpacing(4)
        for key, sign in (("length_cm", ""), ("width_cm", "×"), ("height_cm", "×")):
            if sign:
                size.addWidget(QLabel(sign))
            edit = self._line(key)
            edit.setMinimumWidth(48)
            size.addWidget(edit, 1)
        self.lines["length_cm"].setToolTip(self.tr("长"))
        self.lines["width_cm"].setToolTip(self.tr("宽"))
        self.lines["height_cm"].setToolTip(self.tr("高"))
        form.add(self.tr("长×宽×高(cm)"), size)
        self.packing_edit = QPlainTextEdit()
        self.packing_edit.setTabChangesFocus(True)
        self.packing_edit.setFixedHeight(self.fontMetrics().height() * 3 + 12)
        self.packing_edit.textChanged.connect(self._changed)
        form.add(self.tr("包装清单"), self.packing_edit)
        form.add(self.tr("质保"), self._line("warranty"))
        form.add(self.tr("产地"), self._line("origin"))
        form.add(self.tr("生产厂家"), self._line("manufacturer"))
        return group

    def _listing_group(self) -> QGroupBox:
        group, form = self._form(self.tr("上柜与发货时效"))
        self.listed_box = QCheckBox(self.tr("上柜（客户可下单）"))
        self.listed_box.toggled.connect(self._changed)
        form.add(self.tr("上柜状态"), self.listed_box)
        self.spot_spin = QSpinBox()
        self.spot_spin.setRange(0, MAX_SPOT_HOURS)
        self.spot_spin.setSuffix(self.tr(" 小时"))
        self.spot_spin.setToolTip(self.tr("现货须在 48 小时内发货"))
        self.spot_spin.valueChanged.connect(self._changed)
        form.add(self.tr("现货时效"), self.spot_spin)
        self.futures_spin = QSpinBox()
        self.futures_spin.setRange(0, MAX_INT)
        self.futures_spin.setSuffix(self.tr(" 小时"))
        self.futures_spin.setSpecialValueText(self.tr("未设置"))
        self.futures_spin.setToolTip(self.tr("无货预定时承诺的发货时效；不得超过三级类目标准"))
        self.futures_spin.valueChanged.connect(self._changed)
        self.futures_spin.valueChanged.connect(self._update_breaches)
        form.add(self.tr("期货时效"), self.futures_spin)
        self.futures_note = QLabel()
        self.futures_note.setWordWrap(True)
        form.add("", self.futures_note)
        self.preorder_box = QCheckBox(self.tr("开通无货预定"))
        self.preorder_box.toggled.connect(self._changed)
        self.preorder_box.toggled.connect(self._update_breaches)
        form.add(self.tr("无货预定"), self.preorder_box)
        self.quota_spin = QSpinBox()
        self.quota_spin.setRange(0, MAX_INT)
        self.quota_spin.setGroupSeparatorShown(True)
        self.quota_spin.valueChanged.connect(self._changed)
        self.quota_spin.valueChanged.connect(self._update_breaches)
        form.add(self.tr("可期货库存"), self.quota_spin)
        self.quota_note = QLabel()
        self.quota_note.setWordWrap(True)
        form.add("", self.quota_note)
        return group

    def _other_group(self) -> QGroupBox:
        group, form = self._form(self.tr("标签与合规"))
        form.add(self.tr("标签"), self._line("labels"))
        self.lines["labels"].setToolTip(self.tr("定制化商品标签，多个用逗号分隔"))
        self.violation_box = QCheckBox(self.tr("违规商品（须下柜、库存清零）"))
        self.violation_box.toggled.connect(self._changed)
        form.add(self.tr("违规"), self.violation_box)
        return group

    def set_categories(self, categories: list[str], standards: Mapping[str, int]) -> None:
        """Completion for the 三级类目 box, and the standards the breach marks compare with."""
        self.standards = dict(standards)
        completer = QCompleter(categories, self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.lines["category3"].setCompleter(completer)
        self._update_breaches()

    # -- reading and writing --------------------------------------------------------------------
    def load(self, record: ProductRecord | None) -> None:
        """Show a SKU (None: an empty form for a new one) and forget the clerk's edits."""
        self._loading = True
        try:
            self.record = record
            for key, edit in self.lines.items():
                value = record.value(key) if record is not None else ""
                edit.setText(_number_text(value) if not isinstance(value, str) else value)
                edit.setCursorPosition(0)
            self.packing_edit.setPlainText(record.packing_list if record else "")
            self.listed_box.setChecked(bool(record and record.listed))
            self.spot_spin.setValue(record.spot_hours if record else MAX_SPOT_HOURS)
            hours = record.futures_hours if record else None
            self.futures_spin.setValue(hours or 0)
            self.preorder_box.setChecked(bool(record and record.preorder))
            self.quota_spin.setValue(record.futures_quota if record else 0)
            self.violation_box.setChecked(bool(record and record.violation))
        finally:
            self._loading = False
        self._loaded = self.values()
        self._update_heading()
        self._update_breaches()

    def values(self) -> dict[str, object]:
        """Every field, as save_product takes them (text as typed, spin boxes as numbers)."""
        out: dict[str, object] = {key: edit.text() for key, edit in self.lines.items()}
        out["packing_list"] = self.packing_edit.toPlainText()
        out["listed"] = self.listed_box.isChecked()
        out["spot_hours"] = self.spot_spin.value()
        futures = self.futures_spin.value()
        out["futures_hours"] = futures if futures > 0 else None
        out["preorder"] = self.preorder_box.isChecked()
        out["futures_quota"] = self.quota_spin.value()
        out["violation"] = self.violation_box.isChecked()
        return out

    @property
    def is_new(self) -> bool:
        return self.record is None

    @property
    def dirty(self) -> bool:
        return self.values() != self._loaded

    def focus_first(self) -> None:
        edit = self.lines["code"] if self.is_new else self.lines["name"]
        self.ensureWidgetVisible(edit)
        edit.setFocus()
        edit.selectAll()

    def _changed(self) -> None:
        if not self._loading:
            self._update_heading()
            self.edited.emit()

    def _update_heading(self) -> None:
        record = self.record
        if record is None:
            text = self.tr("新商品")
        else:
            text = self.tr("商品 %1（第 %2 版）").replace("%1", record.code)
            text = text.replace("%2", str(record.version))
        if not self._loading and self.dirty:
            text += self.tr(" · 未保存")
        self.heading.setText(text)

    # -- rule 20 and 21, live -------------------------------------------------------------------
    def current_breaches(self) -> list[Breach]:
        category = self.lines["category3"].text().strip()
        futures = self.futures_spin.value()
        return breaches_of(
            category3=category,
            futures_hours=futures if futures > 0 else None,
            standard_hours=self.standards.get(category),
            preorder=self.preorder_box.isChecked(),
            futures_quota=self.quota_spin.value(),
        )

    def _update_breaches(self) -> None:
        category = self.lines["category3"].text().strip()
        standard = self.standards.get(category)
        if not category:
            self.standard_label.setText(self.tr("未填三级类目：无法核对期货时效标准"))
        elif standard is None:
            self.standard_label.setText(
                self.tr("三级类目「%1」未设发货时效标准").replace("%1", category)
            )
        else:
            self.standard_label.setText(
                self.tr("三级类目「%1」发货时效标准：%2 小时")
                .replace("%1", category)
                .replace("%2", str(standard))
            )
        breaches = self.current_breaches()
        by_field = {b.field: b for b in breaches}
        self._mark(self.futures_spin, self.futures_note, by_field.get("futures_hours"))
        self._mark(self.quota_spin, self.quota_note, by_field.get("futures_quota"))
        self.breach_banner.setText("\n".join("⚠ " + self._breach_text(b) for b in breaches))
        self.breach_banner.setVisible(bool(breaches))

    def _mark(self, widget: QWidget, note: QLabel, breach: Breach | None) -> None:
        # The palette, not a style sheet: a style sheet on a spin box drops its arrows.
        palette = widget.style().standardPalette() if breach is None else widget.palette()
        if breach is not None:
            palette.setColor(QPalette.ColorRole.Base, BREACH_BACKGROUND)
            palette.setColor(QPalette.ColorRole.Text, BREACH_FOREGROUND)
        widget.setPalette(palette)
        if breach is None:
            note.clear()
            note.setVisible(False)
            return
        note.setStyleSheet(BREACH_STYLE)
        note.setText(self._breach_text(breach))
        note.setVisible(True)

    def _breach_text(self, breach: Breach) -> str:
        if breach.rule == 21:
            category = self.lines["category3"].text().strip()
            return (
                self.tr("期货时效 %1 小时，超过三级类目「%2」的标准 %3 小时（规则 21）")
                .replace("%1", str(self.futures_spin.value()))
                .replace("%2", category)
                .replace("%3", str(self.standards.get(category)))
            )
        return self.tr("已开通无货预定，但可期货库存为 0：客户无法预定（规则 20）")
