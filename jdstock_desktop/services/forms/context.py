"""What every sheet handler works with: the report it fills, the problems it collects, the
context of one import; and the shape of an exporter's rows. No handler is imported here, so
every handler module can import this one (services.form_handlers lists the handlers)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from jdstock_desktop.errors import CellProblem, SheetErrors
from jdstock_desktop.sheets.definition import SheetDef
from jdstock_desktop.sheets.reader import SheetRow


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
Row = dict[str, object]
Exporter = Callable[[Session], Iterator[Row]]
