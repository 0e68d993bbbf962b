"""Importing a sheet: read and check every cell, plan the changes, write them in one transaction.

A handler per form (the table in services.form_handlers) turns checked rows into changes. Every
problem found, in the file or against the book (unknown warehouse, negative stock, …), is
collected with its sheet, row and column; if there is any, nothing is written and SheetErrors
lists them all.
"""

from __future__ import annotations

from pathlib import Path

from jdstock_desktop.errors import CellProblem
from jdstock_desktop.services.forms.context import ImportContext, ImportReport, Problems
from jdstock_desktop.services.forms.table import IMPORTERS
from jdstock_desktop.sheets.definition import SheetDef
from jdstock_desktop.sheets.reader import SheetRow, check_sheet
from jdstock_desktop.storage.db import Book

__all__ = ["ImportReport", "import_rows", "import_sheet"]


def import_rows(
    book: Book,
    sheet: SheetDef,
    rows: list[SheetRow],
    *,
    file: str = "",
    dry_run: bool = False,
    cell_problems: list[CellProblem] | None = None,
) -> ImportReport:
    """Apply checked rows of `sheet`; with dry_run the same work is done and rolled back.

    `cell_problems` (bad cells found while reading) are reported together with what the book
    finds wrong in the good rows, so the clerk sees every problem of the file at once.
    """
    handler = IMPORTERS.get(sheet.form_id)
    if handler is None:
        raise NotImplementedError(f"no importer for {sheet.form_id}")
    report = ImportReport(sheet=sheet.name, file=file, dry_run=dry_run, rows=len(rows))
    ctx = ImportContext(sheet, report, Problems(sheet, file), book.operator)
    ctx.problems.items.extend(cell_problems or ())
    with book.writing() as session:
        try:
            handler(session, rows, ctx)
            ctx.problems.raise_if_any()
            if dry_run:
                session.rollback()
            else:
                session.commit()
        except BaseException:
            session.rollback()
            raise
    return report


def import_sheet(
    book: Book, sheet: SheetDef, path: str | Path, *, dry_run: bool = False
) -> ImportReport:
    rows, problems = check_sheet(path, sheet)
    return import_rows(book, sheet, rows, file=str(path), dry_run=dry_run, cell_problems=problems)
