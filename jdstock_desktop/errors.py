"""Errors a clerk can act on.

Every refusal names where and why. The messages are Chinese because they reach the clerk as they
are (CLI stderr, GUI message boxes); the exception class says what kind of refusal it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class Cancelled(Exception):
    """Long work stopped because the clerk cancelled it (a progress step said so); whatever it
    had begun was rolled back. Not an error to show."""


class JdStockError(Exception):
    """Base of every expected refusal; anything else is a bug."""


class BadInput(JdStockError):
    """Input that breaks a rule; nothing was written (CLI exit code 2)."""


class NotFound(BadInput):
    """An unknown warehouse, SKU, region or order was named."""


class Refused(BadInput):
    """A well-formed request the rulebook forbids (national warehouse edit, negative stock, …)."""


class BookUnusable(JdStockError):
    """The book cannot be opened or written as it is (damaged, foreign, newer, full disk…);
    the message says what to do (CLI exit code 1)."""


class Conflict(JdStockError):
    """Someone else changed the same row since it was read (shared PostgreSQL books)."""


@dataclass(frozen=True, slots=True)
class CellProblem:
    """One bad cell (or row, when column is empty) of a sheet."""

    sheet: str
    row: int
    column: str
    reason: str
    file: str = ""

    def __str__(self) -> str:
        where = f"{self.file}: " if self.file else ""
        row = f"第 {self.row} 行" if self.row else ""  # 0: the whole file or sheet, no row
        col = f" 列「{self.column}」" if self.column else ""
        return f"{where}工作表「{self.sheet}」{row}{col}: {self.reason}"


@dataclass(eq=False)
class SheetErrors(BadInput):
    """A sheet that cannot be imported: every bad cell is listed, nothing is written."""

    problems: list[CellProblem] = field(default_factory=list)
    file: str = ""

    def __post_init__(self) -> None:
        super().__init__(self.message())

    def message(self) -> str:
        head = f"{self.file}: " if self.file else ""
        lines = [f"{head}导入失败，共 {len(self.problems)} 处错误，未写入任何数据："]
        lines += [f"  {p}" for p in self.problems[:200]]
        if len(self.problems) > 200:
            lines.append(f"  ……另有 {len(self.problems) - 200} 处错误")
        return "\n".join(lines)
