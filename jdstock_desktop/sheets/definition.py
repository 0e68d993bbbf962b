"""The declarative shape of a sheet.

A `SheetDef` is the single source of truth for a form: the writer derives headers, widths, number
formats and dropdowns from it; the reader derives header matching, type conversion and validation
from it. Nothing else may know a form's columns.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from jdstock_desktop.domain.text import Textual, rule_for


class ColumnType(Enum):
    TEXT = "text"
    INT = "int"  # whole number; "12" and 12.0 accepted, 12.5 refused
    DECIMAL = "decimal"  # money, rates, weights: Decimal
    DATETIME = "datetime"  # Excel date/datetime or "YYYY-MM-DD[ HH:MM[:SS]]" text -> datetime
    DATE = "date"  # Excel date or "YYYY-MM-DD" text -> date
    CHOICE = "choice"  # one of Column.choices, exact after stripping spaces
    BOOL = "bool"  # 是/否 -> True/False


@dataclass(frozen=True, slots=True)
class Column:
    key: str  # English attribute name used by services
    header: str  # exact Chinese header of row 1
    type: ColumnType = ColumnType.TEXT
    required: bool = False  # the cell must not be empty
    choices: tuple[str, ...] = ()  # allowed values for CHOICE (dropdown in exported files)
    width: float | None = None  # column width in Excel characters; derived from header if None
    help: str = ""  # shown as the header cell comment / input message
    min_value: float | None = None  # inclusive lower bound for INT/DECIMAL
    max_value: float | None = None  # inclusive upper bound for INT/DECIMAL
    max_length: int | None = None  # TEXT length limit
    column_required: bool = True  # the column itself must be present in an imported file
    number_format: str | None = None  # Excel number format; derived from type if None
    textual: Textual | None = None  # TEXT: None = by the header (domain.text.rule_for)

    @property
    def text_rule(self) -> Textual:
        return self.textual if self.textual is not None else rule_for(self.header)


@dataclass(frozen=True, slots=True)
class SheetDef:
    """One form: a table whose row 1 holds the headers of `columns`."""

    name: str  # the Chinese name: worksheet title and the SHEET argument of the CLI
    form_id: str  # stable English id written to the hidden meta sheet
    version: int
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()  # column keys that identify a row (duplicates are refused)
    description: str = ""
    aliases: tuple[str, ...] = field(default=())  # other names a clerk may give the worksheet

    def column(self, key: str) -> Column:
        for c in self.columns:
            if c.key == key:
                return c
        raise KeyError(key)

    @property
    def headers(self) -> tuple[str, ...]:
        return tuple(c.header for c in self.columns)


META_SHEET = "_jdstock"  # hidden worksheet naming the form and its version
