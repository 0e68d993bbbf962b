"""The supplier profile behind the 供应商入驻评估表: kept, edited, exported and read back.

The profile is one JSON document in the Setting row "supplier_profile" (the form declaration
says what it holds, so a new field needs no migration). Its contract end date is also the
Setting "contract_end_date" that the compliance check reads (rule 17): saving the profile keeps
the two in step. The form's 仓库与发货地址 come from the book's warehouses and are never imported.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from jdstock_desktop.domain.onboarding import CONTRACT_END, Finding, check_profile
from jdstock_desktop.errors import BadInput, CellProblem, SheetErrors
from jdstock_desktop.services.compliance import CONTRACT_END_KEY
from jdstock_desktop.services.forms.importing import ImportReport
from jdstock_desktop.services.warehouses import view
from jdstock_desktop.sheets.cells import show
from jdstock_desktop.sheets.keyvalue import FormData, from_json, to_json, validate
from jdstock_desktop.sheets.keyvalue_reader import FormRead, check_form
from jdstock_desktop.sheets.keyvalue_writer import write_form
from jdstock_desktop.sheets.onboarding_forms import SUPPLIER_FORM
from jdstock_desktop.storage.db import Book
from jdstock_desktop.storage.models import Setting, Warehouse

PROFILE_KEY = "supplier_profile"
FORM = SUPPLIER_FORM


# --- loading and saving --------------------------------------------------------------------------


def get_profile(book: Book) -> FormData:
    """The stored profile (every field, None when empty) with the book's warehouses."""
    with book.read() as s:
        return load_profile(s)


def load_profile(s: Session) -> FormData:
    data = _stored(s) or FormData()
    data = data.editable(FORM)
    if data.fields.get(CONTRACT_END) is None:
        # A book whose contract date was set before it had a profile (or by the demo).
        data.fields[CONTRACT_END] = _setting_date(s)
    data.blocks["warehouses"] = _warehouse_rows(s)
    return data


def save_profile(book: Book, data: FormData) -> bool:
    """Check and store `data` in one transaction; False when it equals what is stored.
    Refuses (BadInput, nothing written) a value the form would refuse or a wrong credit code."""
    problems = [f"「{label}」{reason}" for label, reason in validate(FORM, data)]
    problems += [
        f.message for f in check_profile(data.fields, _quals(data), dt.date.today()) if f.error
    ]
    if problems:
        raise BadInput(
            "供应商资料未保存：\n" + "\n".join(f"  {p}" for p in dict.fromkeys(problems))
        )
    with book.transaction() as s:
        current = load_profile(s)
        if current.editable(FORM) == data.editable(FORM):
            return False
        _store(s, current, data)
    return True


def profile_findings(data: FormData, today: dt.date | None = None) -> list[Finding]:
    """The onboarding requirements flagged for `data` (domain/onboarding.py)."""
    return check_profile(data.fields, _quals(data), today or dt.date.today())


def _quals(data: FormData) -> list[dict[str, object]]:
    return data.blocks.get("qualifications", [])


def _stored(s: Session) -> FormData | None:
    text = s.scalar(select(Setting.value).where(Setting.key == PROFILE_KEY))
    if not text:
        return None
    try:
        return from_json(FORM, json.loads(text))
    except (ValueError, TypeError, AttributeError) as exc:
        raise BadInput(f"账本中的供应商资料已损坏，无法读取（{exc}）") from exc


def _setting_date(s: Session) -> dt.date | None:
    value = s.scalar(select(Setting.value).where(Setting.key == CONTRACT_END_KEY))
    try:
        return dt.date.fromisoformat(value.strip()[:10]) if value else None
    except ValueError:
        return None  # the compliance check reports the unreadable value itself


def _store(s: Session, current: FormData, data: FormData) -> None:
    text = json.dumps(to_json(FORM, data), ensure_ascii=False, sort_keys=True)
    _put_setting(s, PROFILE_KEY, text)
    end = data.fields.get(CONTRACT_END)
    if isinstance(end, dt.date):
        _put_setting(s, CONTRACT_END_KEY, end.isoformat())
    elif current.fields.get(CONTRACT_END) is not None:
        # The clerk cleared the date the profile showed: the compliance check must forget it.
        row = s.get(Setting, CONTRACT_END_KEY)
        if row is not None:
            s.delete(row)


def _put_setting(s: Session, key: str, value: str) -> None:
    row = s.get(Setting, key)
    if row is None:
        s.add(Setting(key=key, value=value))
    elif row.value != value:
        row.value = value


def _warehouse_rows(s: Session) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for wh in s.scalars(
        select(Warehouse)
        .where(Warehouse.deleted.is_(False), Warehouse.is_national.is_(False))
        .order_by(Warehouse.id)
    ):
        v = view(wh)
        place = "".join(p for p in v.address_parts if p)
        rows.append(
            {
                "name": v.name,
                "address": f"{place} {v.address_detail}".strip(),
                "status": v.status_label,
            }
        )
    return rows


# --- the form ------------------------------------------------------------------------------------


def export_supplier_form(book: Book, path: str | Path) -> int:
    """Write the 供应商入驻评估表 from the profile; returns the number of filled values."""
    data = get_profile(book)
    write_form(path, FORM, data)
    return sum(v is not None for v in data.fields.values()) + sum(map(len, data.blocks.values()))


def import_supplier_form(book: Book, path: str | Path, *, dry_run: bool = False) -> ImportReport:
    """Read the form back into the profile. Fields found in the file replace the stored ones;
    a field (or the 行业资质 block) whose label was removed keeps its stored value. Any bad cell
    refuses the whole file (SheetErrors), and so does an empty required field when the file
    changes anything; an unedited export reports no change and writes nothing, even of a profile
    still missing its required fields."""
    file = str(path)
    read = check_form(path, FORM)
    wrong = [p for p in read.problems if p not in read.unfilled]
    if wrong:
        raise SheetErrors(read.problems, file=file)
    if not read.found:  # no label of the form anywhere: an empty sheet, or another file
        labels = "、".join(f.label for f in FORM.fields[:3])
        why = f"工作表中找不到这张表格的任何项目（如「{labels}」），是空表或别的文件"
        raise SheetErrors([CellProblem(FORM.name, 0, "", why, file)], file=file)
    report = ImportReport(sheet=FORM.name, file=file, dry_run=dry_run, rows=len(read.found))
    with book.writing() as s:
        current = load_profile(s)
        if read.empty:
            report.unchanged = 1
            report.detail("表格未填写任何内容，未导入")
            return report
        merged = _merge(current, read)
        _refuse_errors(read, merged, file)
        changes = _changes(current, merged)
        for f in profile_findings(merged):
            report.detail(f"注意：{f.message}")
        if not changes:
            report.unchanged = 1
            return report
        if read.unfilled:  # what changes must leave a complete profile behind
            raise SheetErrors(read.unfilled, file=file)
        if _stored(s) is None:
            report.created = 1
        else:
            report.updated = 1
        report.details[:0] = changes  # what changes first, the reminders after
        if dry_run:
            return report
        try:
            _store(s, current, merged)
            s.commit()
        except BaseException:
            s.rollback()
            raise
    return report


def _merge(current: FormData, read: FormRead) -> FormData:
    out = current.editable(FORM)
    for f in FORM.fields:
        if f.key in read.found and not f.readonly:
            out.fields[f.key] = read.data.fields.get(f.key)
    for b in FORM.blocks:
        if b.key in read.found and not b.readonly:
            out.blocks[b.key] = read.data.blocks.get(b.key, [])
    return out


def _refuse_errors(read: FormRead, merged: FormData, file: str) -> None:
    """Checks across fields (contract end before its start): refused like a bad cell."""
    errors = [f for f in profile_findings(merged) if f.error]
    if errors:
        problems = [
            CellProblem(read.title, read.rows.get(f.field, 0), _label(f.field), f.message, file)
            for f in errors
        ]
        raise SheetErrors(problems, file=file)


def _label(key: str) -> str:
    try:
        return FORM.field(key).label
    except KeyError:  # a block or the whole profile
        return ""


def _changes(current: FormData, merged: FormData) -> list[str]:
    """One line per changed field or block, in the form's order."""
    before, after = current.editable(FORM), merged.editable(FORM)
    lines = []
    for f in FORM.fields:
        if f.readonly:
            continue
        old, new = before.fields.get(f.key), after.fields.get(f.key)
        if old != new:
            lines.append(f"修改「{f.label}」：{_shown(old)} → {_shown(new)}")
    for b in FORM.blocks:
        if b.readonly:
            continue
        old_rows, new_rows = before.blocks.get(b.key, []), after.blocks.get(b.key, [])
        if old_rows != new_rows:
            lines.append(f"修改「{b.title}」：{len(old_rows)} 项 → {len(new_rows)} 项")
    return lines


def _shown(value: object) -> str:
    return "（空）" if value is None else show(value)
