"""One door for `jdstock import|export SHEET FILE`: table sheets and the key–value form alike.

The 供应商入驻评估表 is not a SheetDef (it is a form of labelled fields), and the 新品提报表
export carries the book's dropdowns; everything else goes through the sheet registries. A refused
import can leave an annotated copy of the file (bad cells red, with the reason) for the clerk.
"""

from __future__ import annotations

from pathlib import Path

from jdstock_desktop.errors import SheetErrors
from jdstock_desktop.services.backup import auto_backup
from jdstock_desktop.services.forms.importing import ImportReport, import_sheet
from jdstock_desktop.services.forms.onboarding_sheets import export_new_products
from jdstock_desktop.services.forms.table import export_sheet
from jdstock_desktop.services.supplier_profile import export_supplier_form, import_supplier_form
from jdstock_desktop.sheets.annotate import write_annotated_copy
from jdstock_desktop.sheets.definition import SheetDef
from jdstock_desktop.sheets.forms import sheet_by_name
from jdstock_desktop.sheets.keyvalue import KeyValueForm
from jdstock_desktop.sheets.keyvalue_annotate import write_annotated_form_copy
from jdstock_desktop.sheets.onboarding_forms import NEW_PRODUCTS, SUPPLIER_FORM
from jdstock_desktop.storage.db import Book

KEY_VALUE_FORMS: tuple[KeyValueForm, ...] = (SUPPLIER_FORM,)


def form_by_name(name: str) -> SheetDef | KeyValueForm:
    """The form a CLI name means: a key–value form by name, id or alias, else a sheet (which
    raises BadInput listing the known names when there is none)."""
    for form in KEY_VALUE_FORMS:
        if name.strip() in (form.name, form.form_id, *form.aliases):
            return form
    return sheet_by_name(name.strip())


def import_any(
    book: Book,
    name: str,
    path: str | Path,
    dry_run: bool = False,
    *,
    annotated: str | Path | None = None,
) -> ImportReport:
    """Import FILE as the form `name`. When the file is refused and `annotated` is given, the
    annotated copy is written there before SheetErrors is raised again."""
    form = form_by_name(name)
    if not dry_run:  # an import can change thousands of rows: keep the book as it was first
        auto_backup(book, "import")
    try:
        if isinstance(form, KeyValueForm):
            return import_supplier_form(book, path, dry_run=dry_run)
        return import_sheet(book, form, path, dry_run=dry_run)
    except SheetErrors as exc:
        if annotated is not None:
            if isinstance(form, KeyValueForm):
                write_annotated_form_copy(path, annotated, exc.problems, form)
            else:
                write_annotated_copy(path, annotated, exc.problems, form)
        raise


def export_any(book: Book, name: str, path: str | Path) -> int:
    """Write the form `name` to `path`; returns its data rows (filled values for the
    key–value form)."""
    form = form_by_name(name)
    if isinstance(form, KeyValueForm):
        return export_supplier_form(book, path)
    return export_form(book, form, path)


def export_form(book: Book, form: SheetDef, path: str | Path) -> int:
    """Write the table form `form` to `path` as the command line and every window write it
    (the 新品提报表 with the book's dropdowns); returns its data rows."""
    if form is NEW_PRODUCTS:
        return export_new_products(book, path)
    return export_sheet(book, form, path)


def display_name(name: str) -> str:
    """The form's own name, for messages ('已导出「新品提报表」…')."""
    return form_by_name(name).name
