"""Printable 装箱清单 and 签收单 (SPEC §2, §5) as QTextDocuments, printed or written as PDF.

The same facts as the xlsx of services.orders.order_documents: one packing list page per box
(the app packs one order line per box) with goods, quantity, spec, weight, volume and packing;
one receipt with the order, the goods and the receiver's and courier's signature lines. The
HTML is built from get_order and the SKUs' records, never from SQL.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QSizeF
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrinter

from jdstock_desktop.services.orders import OrderLineView, OrderView
from jdstock_desktop.services.products import ProductRecord

TIME_FORMAT = "%Y-%m-%d %H:%M"
MARGIN_MM = 15
FONT_POINTS = 10
TABLE = 'border="1" cellspacing="0" cellpadding="5" width="100%" style="border-collapse: collapse;"'
INFO = 'cellspacing="0" cellpadding="3" width="100%"'
HEAD_BACKGROUND = "#ddebf7"
# Column widths (percent): names and packing get the room, numbers stay narrow.
PACKING_WIDTHS = [5, 23, 15, 11, 6, 5, 9, 9, 17]
RECEIPT_WIDTHS = [6, 13, 17, 29, 23, 6, 6]


def _tr(text: str) -> str:
    return QCoreApplication.translate("order_documents", text)


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value))


def _time(value: dt.datetime | None) -> str:
    return value.strftime(TIME_FORMAT) if value else _tr("未发货")


def line_weight(line: OrderLineView, product: ProductRecord | None) -> Decimal | None:
    if product is None or product.weight_kg is None:
        return None
    return product.weight_kg * line.qty


def line_volume(line: OrderLineView, product: ProductRecord | None) -> Decimal | None:
    """Cubic metres of the line: length × width × height (cm) × qty / 1,000,000."""
    if product is None:
        return None
    dims = (product.length_cm, product.width_cm, product.height_cm)
    if any(d is None for d in dims):
        return None
    length, width, height = (Decimal(d) for d in dims)  # type: ignore[arg-type]
    return length * width * height * line.qty / Decimal(1_000_000)


def _number(value: Decimal | None, places: int) -> str:
    return "" if value is None else f"{value:.{places}f}"


def _title(text: str, *, new_page: bool = False) -> str:
    # Qt applies a page break to the block that carries it, so a box's page starts at its title.
    style = "font-size: 18pt;" + (" page-break-before: always;" if new_page else "")
    return f'<h2 align="center" style="{style}">{_e(text)}</h2>'


def _info(rows: list[list[tuple[str, str]]]) -> str:
    """Label/value pairs, two to a row; a single pair spans the row."""
    out = [f"<table {INFO}>"]
    for pairs in rows:
        cells = []
        for label, value in pairs:
            span = ' colspan="3"' if len(pairs) == 1 else ""
            cells.append(f'<td width="12%" nowrap><b>{_e(label)}：</b></td>')
            cells.append(f'<td{span} width="38%">{_e(value)}</td>')
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</table>")
    return "".join(out)


def _grid(headers: list[str], widths: list[int], rows: list[list[str]], right: set[int]) -> str:
    """A boxed table; `widths` in percent of the page, `right` the right-aligned columns."""
    head = "".join(
        f'<th bgcolor="{HEAD_BACKGROUND}" align="center" width="{w}%">{_e(h)}</th>'
        for h, w in zip(headers, widths, strict=True)
    )
    body = []
    for row in rows:
        cells = "".join(
            f'<td align="{"right" if i in right else "left"}">{value}</td>'
            for i, value in enumerate(row)
        )
        body.append(f"<tr>{cells}</tr>")
    return f"<table {TABLE}><thead><tr>{head}</tr></thead>{''.join(body)}</table>"


def packing_list_html(order: OrderView, products: Mapping[str, ProductRecord]) -> str:
    headers = [
        _tr("序号"),
        _tr("货物名称"),
        _tr("规格"),
        _tr("型号"),
        _tr("数量"),
        _tr("单位"),
        _tr("重量(kg)"),
        _tr("体积(m³)"),
        _tr("包装方式"),
    ]
    pages = []
    count = len(order.lines)
    for box, line in enumerate(order.lines, start=1):
        product = products.get(line.sku)
        info = _info(
            [
                [(_tr("订单号"), order.order_no), (_tr("箱号"), f"{box}/{count}")],
                [(_tr("发货仓"), line.warehouse), (_tr("发货时间"), _time(order.shipped_at))],
                [(_tr("收货客户"), order.customer)],
                [(_tr("收货地址"), order.address)],
            ]
        )
        row = [
            str(box),
            _e(line.name),
            _e(line.spec),
            _e(product.model if product else ""),
            str(line.qty),
            _e(line.unit),
            _number(line_weight(line, product), 3),
            _number(line_volume(line, product), 4),
            _e(product.packing_list if product else "").replace("\n", "<br/>"),
        ]
        codes = f"{_e(_tr('商品编码'))}：{_e(line.sku)}"
        if product is not None and product.jd_sku:
            codes += f"　{_e(_tr('京东SKU'))}：{_e(product.jd_sku)}"
        pages.append(
            f"{_title(_tr('装箱清单'), new_page=box > 1)}{info}<br/>"
            f"{_grid(headers, PACKING_WIDTHS, [row], {0, 4, 6, 7})}<p>{codes}</p>"
        )
    return "<html><body>" + "".join(pages) + "</body></html>"


def receipt_html(order: OrderView, products: Mapping[str, ProductRecord]) -> str:
    warehouses = "、".join(dict.fromkeys(line.warehouse for line in order.lines if line.warehouse))
    info = _info(
        [
            [(_tr("订单号"), order.order_no), (_tr("下单时间"), _time(order.ordered_at))],
            [(_tr("客户"), order.customer), (_tr("发货时间"), _time(order.shipped_at))],
            [(_tr("收货地址"), order.address)],
            [(_tr("发货仓"), warehouses)],
        ]
    )
    headers = [
        _tr("序号"),
        _tr("商品编码"),
        _tr("京东SKU"),
        _tr("商品名称"),
        _tr("规格型号"),
        _tr("数量"),
        _tr("单位"),
    ]
    rows = []
    for i, line in enumerate(order.lines, start=1):
        product = products.get(line.sku)
        spec = " ".join(x for x in (line.spec, product.model if product else "") if x)
        rows.append(
            [
                str(i),
                _e(line.sku),
                _e(product.jd_sku if product else ""),
                _e(line.name),
                _e(spec),
                str(line.qty),
                _e(line.unit),
            ]
        )
    rows.append(["", f"<b>{_e(_tr('合计'))}</b>", "", "", "", f"<b>{order.total_qty}</b>", ""])
    blank = "_" * 18
    signatures = (
        f'<table cellspacing="0" cellpadding="10" width="100%">'
        f"<tr><td><b>{_e(_tr('收货人签字'))}：</b>{blank}</td>"
        f"<td><b>{_e(_tr('签收日期'))}：</b>{blank}</td></tr>"
        f"<tr><td><b>{_e(_tr('送货人签字'))}：</b>{blank}</td>"
        f"<td><b>{_e(_tr('送达日期'))}：</b>{blank}</td></tr></table>"
    )
    note = _e(_tr("请当面清点货物，确认品名、数量与包装完好后签字。"))
    return (
        f"<html><body>{_title(_tr('签收单'))}{info}<br/>"
        f"{_grid(headers, RECEIPT_WIDTHS, rows, {0, 5})}<br/><br/>"
        f"{signatures}<p>{note}</p></body></html>"
    )


def make_document(body: str) -> QTextDocument:
    document = QTextDocument()
    font = QFont()
    font.setPointSize(FONT_POINTS)
    document.setDefaultFont(font)
    document.setHtml(body)
    return document


def a4_printer(mode: QPrinter.PrinterMode = QPrinter.PrinterMode.HighResolution) -> QPrinter:
    printer = QPrinter(mode)
    printer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
            QPageLayout.Unit.Millimeter,
        )
    )
    return printer


def print_document(document: QTextDocument, printer: QPrinter) -> None:
    """Print laid out on the printer's own page: its A4 margins, no extra ones, no page numbers.

    A document without a page size is printed with Qt's fixed 2 cm margins inside the
    printer's and numbered pages; sizing it to the printable area (at the 96 dpi the document
    lays out in) makes the preview, the PDF and the paper the same.
    """
    area = printer.pageLayout().paintRectPixels(96)
    document.setPageSize(QSizeF(area.width(), area.height()))
    document.print_(printer)


def write_pdf(document: QTextDocument, path: Path, title: str) -> Path:
    printer = a4_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setDocName(title)
    printer.setCreator("jdstock_desktop")
    print_document(document, printer)
    return path
