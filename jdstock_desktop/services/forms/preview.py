"""The import dialog's use case, without Qt: detect, check, dry-run, commit.

The dry run keeps the checked rows, and 确认导入 commits exactly those rows: what the clerk saw in
the preview is what is written, even if the file is edited meanwhile. The book is planned
against again at commit (one transaction), so a change by someone else in between is caught.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from jdstock_desktop.errors import Cancelled, CellProblem, SheetErrors
from jdstock_desktop.services.backup import auto_backup
from jdstock_desktop.services.forms.importing import ImportReport, import_rows
from jdstock_desktop.services.forms.table import can_export, can_import
from jdstock_desktop.sheets.definition import SheetDef
from jdstock_desktop.sheets.forms import INTERCHANGE_SHEETS
from jdstock_desktop.sheets.onboarding_forms import ONBOARDING_SHEETS
from jdstock_desktop.sheets.reader import SheetRow, check_sheet, detect_form
from jdstock_desktop.storage.db import Book

Step = Callable[[int, int], bool]
DRY_RUN_STEPS = 3  # detect, read and check, plan against the book


__all__ = ["DryRun", "can_export", "can_import", "commit", "dry_run"]


@dataclass(frozen=True)
class DryRun:
    path: str
    sheet: SheetDef | None  # None: the file's form could not be recognised
    rows: list[SheetRow]
    report: ImportReport | None  # the preview; None when refused
    problems: list[CellProblem]  # why it is refused (empty when the preview is good)

    @property
    def ok(self) -> bool:
        return self.report is not None


def dry_run(book: Book, path: str | Path, sheet: SheetDef | None, step: Step) -> DryRun:
    """Detect the form unless `sheet` is given, check every cell, plan against the book and roll
    back. Bad cells and book-level problems come back as `problems`; nothing is written."""
    file = str(path)
    if not step(0, DRY_RUN_STEPS):
        raise Cancelled
    try:
        if sheet is None:
            sheet = detect_form(file, (*INTERCHANGE_SHEETS, *ONBOARDING_SHEETS))
            if sheet is None:
                return DryRun(file, None, [], None, [])
        if not step(1, DRY_RUN_STEPS):
            raise Cancelled
        rows, problems = check_sheet(file, sheet)
        if not step(2, DRY_RUN_STEPS):
            raise Cancelled
        report = import_rows(book, sheet, rows, file=file, dry_run=True, cell_problems=problems)
    except SheetErrors as e:
        return DryRun(file, sheet, [], None, list(e.problems))
    step(DRY_RUN_STEPS, DRY_RUN_STEPS)
    return DryRun(file, sheet, rows, report, [])


def commit(book: Book, plan: DryRun) -> ImportReport:
    """Write what the dry run previewed, in one transaction (SheetErrors if the book changed so
    that it no longer fits)."""
    assert plan.ok and plan.sheet is not None, "only a good preview is committed"
    auto_backup(book, "import")  # as the CLI does: every real import can be undone
    return import_rows(book, plan.sheet, plan.rows, file=plan.path)
