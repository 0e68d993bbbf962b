"""Which table forms can be imported and exported, and by which function: one explicit table.

Every form of sheets.forms and sheets.onboarding_forms that the book reads or writes is a row
here (its form_id → the function turning checked rows into changes, the function giving its
rows). Nothing registers itself on import: a new sheet is a declaration, a handler module, and a
line in this table. The command line (forms.door) and every window go through it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jdstock_desktop.services.forms import (
    alert_rule_sheets,
    book_sheets,
    onboarding_sheets,
    order_sheets,
    stock_sheets,
)
from jdstock_desktop.services.forms.context import Exporter, Importer
from jdstock_desktop.sheets.definition import SheetDef
from jdstock_desktop.sheets.writer import write_sheet
from jdstock_desktop.storage.db import Book


@dataclass(frozen=True, slots=True)
class FormHandlers:
    importer: Importer | None
    exporter: Exporter | None


FORMS: dict[str, FormHandlers] = {
    "warehouses": FormHandlers(book_sheets.import_warehouses, book_sheets.export_warehouses),
    "priorities": FormHandlers(book_sheets.import_priorities, book_sheets.export_priorities),
    "products": FormHandlers(book_sheets.import_products, book_sheets.export_products),
    "regional_stock": FormHandlers(
        stock_sheets.import_regional_stock, stock_sheets.export_regional_stock
    ),
    "ledger": FormHandlers(stock_sheets.import_ledger, stock_sheets.export_ledger),
    "orders": FormHandlers(order_sheets.import_orders, order_sheets.export_orders),
    "alert_rules": FormHandlers(
        alert_rule_sheets.import_alert_rules, alert_rule_sheets.export_alert_rules
    ),
    "new_products": FormHandlers(
        onboarding_sheets.import_new_products, onboarding_sheets.export_new_product_rows
    ),
    "listing": FormHandlers(onboarding_sheets.import_listing, onboarding_sheets.export_listing),
    "preorder": FormHandlers(onboarding_sheets.import_preorder, onboarding_sheets.export_preorder),
    "category_standards": FormHandlers(
        onboarding_sheets.import_category_standards, onboarding_sheets.export_category_standards
    ),
}

IMPORTERS: dict[str, Importer] = {k: h.importer for k, h in FORMS.items() if h.importer}
EXPORTERS: dict[str, Exporter] = {k: h.exporter for k, h in FORMS.items() if h.exporter}


def can_import(sheet: SheetDef) -> bool:
    return sheet.form_id in IMPORTERS


def can_export(sheet: SheetDef) -> bool:
    return sheet.form_id in EXPORTERS


def export_sheet(book: Book, sheet: SheetDef, path: str | Path) -> int:
    """Write `sheet` from the book to `path`; returns the number of data rows."""
    fn = EXPORTERS.get(sheet.form_id)
    if fn is None:
        raise NotImplementedError(f"no exporter for {sheet.form_id}")
    with book.read() as s:
        return write_sheet(path, sheet, fn(s))
