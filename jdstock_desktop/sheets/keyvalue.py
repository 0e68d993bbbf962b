"""Key–value forms: a sheet of labelled fields in sections, not a table (供应商入驻评估表).

One `KeyValueForm` declares sections of `Field`s (label, type, required, choices, help) and
repeating `Block`s (行业资质: a small table inside the form). The writer lays it out (title,
merged section rows, label / value / help columns, dropdowns, frozen top, hidden meta sheet);
the reader finds each field by its label wherever the clerk moved the rows, converts the value
cell with the same converters as table sheets, and reports bad cells with row, column and
reason; the annotator marks them in a copy. This module holds the declaration and the data
(FormData, its JSON, validate); keyvalue_writer, keyvalue_locate, keyvalue_reader and
keyvalue_annotate the rest. Nothing else knows the form's layout.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import cast

from jdstock_desktop.sheets.cells import (
    header_keys,
    show,
    text_of,
)
from jdstock_desktop.sheets.definition import Column, ColumnType, SheetDef

T = ColumnType
Check = Callable[[str], str | None]  # a text value -> why it is wrong, or None


# --- labels as the reader compares them ---------------------------------------------------------

_NUMBERING = "0123456789〇一二三四五六七八九十、.．)）(（ "


def label_key(text: object) -> str:
    return header_keys(text)[0]


def section_key(text: object) -> str:
    """'一、基本信息', '(1) 基本信息', '基本信息' -> the same key."""
    s = unicodedata.normalize("NFKC", text_of(text))
    return header_keys(s.lstrip(_NUMBERING))[0]


# --- the declaration -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Field:
    """One labelled value: the label cell, the value cell right of it, the help beside."""

    key: str
    label: str
    type: ColumnType = T.TEXT
    required: bool = False
    choices: tuple[str, ...] = ()
    help: str = ""
    max_length: int | None = None
    min_value: float | None = None
    max_value: float | None = None
    number_format: str | None = None
    lines: int = 1  # > 1: free text over several lines (a taller row, a text box in the dialog)
    check: Check | None = None  # a rule beyond the type (the credit code's check character)
    readonly: bool = False  # filled from the book on export, ignored on import

    @property
    def column(self) -> Column:
        """The same field as a table column: its converter checks a cell exactly as the table
        reader would."""
        return Column(
            self.key,
            self.label,
            self.type,
            required=self.required,
            choices=self.choices,
            help=self.help,
            min_value=self.min_value,
            max_value=self.max_value,
            max_length=self.max_length,
            number_format=self.number_format,
        )


@dataclass(frozen=True, slots=True)
class Block:
    """A repeating table inside the form: a title row, a header row, one row per item."""

    key: str
    title: str
    columns: tuple[Field, ...]  # 1–3 columns, laid over the label / value / help columns
    help: str = ""
    readonly: bool = False  # from the book (the warehouses): shown, never imported
    spare_rows: int = 3  # empty rows for the clerk to fill in


@dataclass(frozen=True, slots=True)
class Section:
    title: str
    items: tuple[Field | Block, ...]


@dataclass(frozen=True, slots=True)
class KeyValueForm:
    name: str  # worksheet title and the CLI name
    form_id: str  # written to the hidden meta sheet
    version: int
    sections: tuple[Section, ...]
    aliases: tuple[str, ...] = ()
    note: str = ""  # a line under the title: how to fill the form in

    def __post_init__(self) -> None:
        # Fields are found by label: two texts that compare equal would be ambiguous.
        names = [s.title for s in self.sections]
        for item in self.items:
            if isinstance(item, Field):
                names.append(item.label)
            else:
                names += [item.title, *(c.label for c in item.columns)]
                if not 1 <= len(item.columns) <= 3:
                    raise ValueError(f"block {item.key} needs 1-3 columns")
        keys = Counter(label_key(n) for n in names)
        clash = [n for n in names if keys[label_key(n)] > 1]
        if clash:
            raise ValueError(f"labels of {self.form_id} must differ: {clash}")

    @property
    def items(self) -> Iterator[Field | Block]:
        for section in self.sections:
            yield from section.items

    @property
    def fields(self) -> tuple[Field, ...]:
        return tuple(i for i in self.items if isinstance(i, Field))

    @property
    def blocks(self) -> tuple[Block, ...]:
        return tuple(i for i in self.items if isinstance(i, Block))

    def field(self, key: str) -> Field:
        for f in self.fields:
            if f.key == key:
                return f
        raise KeyError(key)

    def block(self, key: str) -> Block:
        for b in self.blocks:
            if b.key == key:
                return b
        raise KeyError(key)

    @property
    def stub(self) -> SheetDef:
        """A column-less SheetDef naming this form, for the worksheet helpers of cells.py."""
        return SheetDef(self.name, self.form_id, self.version, (), aliases=self.aliases)


# --- the data ------------------------------------------------------------------------------------

Item = dict[str, object]  # one row of a block, keyed by its column keys


@dataclass
class FormData:
    """Values keyed by Field.key (None = empty) and the rows of each block."""

    fields: dict[str, object] = field(default_factory=dict)
    blocks: dict[str, list[Item]] = field(default_factory=dict)

    def editable(self, form: KeyValueForm) -> FormData:
        """Every editable field (None when empty) and block, without the book's read-only
        parts: what is stored, and what an import compares."""
        return FormData(
            {f.key: self.fields.get(f.key) for f in form.fields if not f.readonly},
            {
                b.key: [
                    {c.key: r.get(c.key) for c in b.columns} for r in self.blocks.get(b.key, [])
                ]
                for b in form.blocks
                if not b.readonly
            },
        )


def _json_value(f: Field, value: object) -> object:
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"{f.key}: cannot store {value!r}")


def _from_json(f: Field, value: object) -> object:
    if value is None:
        return None
    if f.type is T.DECIMAL:
        return Decimal(str(value))
    if f.type is T.DATE:
        return dt.date.fromisoformat(str(value))
    if f.type is T.DATETIME:
        return dt.datetime.fromisoformat(str(value))
    if f.type is T.INT:
        return int(cast(int, value))
    if f.type is T.BOOL:
        return bool(value)
    return str(value)


def to_json(form: KeyValueForm, data: FormData) -> dict[str, object]:
    """The editable values as JSON types (Decimal and dates as text); empty fields left out."""
    plain = data.editable(form)
    fields = {
        f.key: _json_value(f, plain.fields[f.key])
        for f in form.fields
        if not f.readonly and plain.fields[f.key] is not None
    }
    blocks = {
        b.key: [{c.key: _json_value(c, row.get(c.key)) for c in b.columns} for row in rows]
        for b in form.blocks
        if (rows := plain.blocks.get(b.key))
    }
    return {"form": form.form_id, "version": form.version, "fields": fields, "blocks": blocks}


def from_json(form: KeyValueForm, obj: Mapping[str, object]) -> FormData:
    """Inverse of to_json; unknown keys (a later version's fields) are dropped."""
    fields = cast(Mapping[str, object], obj.get("fields") or {})
    blocks = cast(Mapping[str, list[Mapping[str, object]]], obj.get("blocks") or {})
    data = FormData({f.key: _from_json(f, fields.get(f.key)) for f in form.fields})
    for b in form.blocks:
        if b.readonly:
            continue
        data.blocks[b.key] = [
            {c.key: _from_json(c, row.get(c.key)) for c in b.columns}
            for row in blocks.get(b.key, [])
        ]
    return data


def validate(form: KeyValueForm, data: FormData) -> list[tuple[str, str]]:
    """(label, reason) for every typed value that breaks the declaration: what the reader would
    refuse in a cell, for values that come from a dialog instead."""
    out: list[tuple[str, str]] = []

    def one(f: Field, value: object) -> None:
        if value is None or value == "":
            if f.required:
                out.append((f.label, "必填，不能为空"))
            return
        if isinstance(value, str):
            if f.max_length is not None and len(value) > f.max_length:
                out.append((f.label, f"长度不能超过 {f.max_length} 个字符，实际为 {len(value)} 个"))
            if f.choices and value not in f.choices:
                out.append(
                    (f.label, f"应为以下之一：{'、'.join(f.choices)}；实际为「{show(value)}」")
                )
            if f.check is not None and (why := f.check(value)) is not None:
                out.append((f.label, why))
        if isinstance(value, int | Decimal) and not isinstance(value, bool):
            if f.min_value is not None and value < f.min_value:
                out.append((f.label, f"不能小于 {show(f.min_value)}，实际为 {value}"))
            if f.max_value is not None and value > f.max_value:
                out.append((f.label, f"不能大于 {show(f.max_value)}，实际为 {value}"))

    for f in form.fields:
        if not f.readonly:
            one(f, data.fields.get(f.key))
    for b in form.blocks:
        if b.readonly:
            continue
        for row in data.blocks.get(b.key, []):
            for c in b.columns:
                one(c, row.get(c.key))
    return out
