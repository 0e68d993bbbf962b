"""Importing a sheet: read and check every cell, plan the changes, write them in one transaction.

A handler per form (registered in IMPORTERS) turns checked rows into changes. Every problem found,
in the file or against the book (unknown warehouse, negative stock, …), is collected with its
sheet, row and column; if there is any, nothing is written and SheetErrors lists them all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import Session

from jdstock_desktop.errors import CellProblem, SheetErrors
from jdstock_desktop.sheets.definition import SheetDef
from jdstock_desktop.sheets.reader import SheetRow, check_sheet
from jdstock_desktop.storage.db import Book


@dataclass
class ImportReport:
    sheet: str
    file: str
    dry_run: bool = False
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    ledger_rows: int = 0
    details: list[str] = field(default_factory=list)  # a preview: what changes, first lines

    MAX_DETAILS = 500

    def detail(self, line: str) -> None:
        if len(self.details) < self.MAX_DETAILS:
            self.details.append(line)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.ledger_rows)

    def summary(self) -> str:
        mode = "（试运行，未写入）" if self.dry_run else ""
        if not self.changed:
            return f"{self.sheet}：{self.rows} 行，无变化{mode}"
        return (
            f"{self.sheet}：{self.rows} 行，新增 {self.created}，修改 {self.updated}，"
            f"未变 {self.unchanged}，库存流水 {self.ledger_rows} 行{mode}"
        )

    def as_json(self) -> dict[str, object]:
        return {
            "sheet": self.sheet,
            "file": self.file,
            "dry_run": self.dry_run,
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "ledger_rows": self.ledger_rows,
            "changed": self.changed,
        }


class Problems:
    """Collects bad cells of one import; `raise_if_any` stops it before anything is written."""

    def __init__(self, sheet: SheetDef, file: str) -> None:
        self.sheet = sheet
        self.file = file
        self.items: list[CellProblem] = []

    def add(self, row: int, column_key: str | None, reason: str) -> None:
        header = self.sheet.column(column_key).header if column_key else ""
        self.items.append(CellProblem(self.sheet.name, row, header, reason, self.file))

    def raise_if_any(self) -> None:
        if self.items:
            raise SheetErrors(sorted(self.items, key=lambda p: p.row), file=self.file)


@dataclass
class ImportContext:
    sheet: SheetDef
    report: ImportReport
    problems: Problems
    operator: str


Importer = Callable[[Session, list[SheetRow], ImportContext], None]
IMPORTERS: dict[str, Importer] = {}


def importer(form_id: str) -> Callable[[Importer], Importer]:
    def register(fn: Importer) -> Importer:
        IMPORTERS[form_id] = fn
        return fn

    return register


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
    _load_handlers()
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


def _load_handlers() -> None:
    # Handlers register themselves on import; imported lazily so each CLI command loads only
    # what it needs.
    from jdstock_desktop.services import sheet_handlers  # noqa: F401
