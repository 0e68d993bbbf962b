"""`jdstock backup` / `jdstock restore`, and the automatic backup an import leaves."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import openpyxl
import pytest

from jdstock_desktop.cli import main
from jdstock_desktop.config import data_dir


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    rc = main(list(args))
    out, err = capsys.readouterr()
    return rc, out, err


def warehouses(path: Path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return [r[0] for r in con.execute("SELECT name FROM warehouse ORDER BY id")]
    finally:
        con.close()


def warehouse_sheet(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "仓库"
    ws.append(["仓库名称", "省", "市", "区县", "乡镇", "详细地址", "状态"])
    ws.append(["华东仓", "上海市", "市辖区", "嘉定区", "", "安亭路2号", "启用"])
    wb.save(path)
    return path


def test_import_leaves_one_automatic_backup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "cli.sqlite3"
    assert run(capsys, "--db", str(db), "init")[0] == 0
    sheet = warehouse_sheet(tmp_path / "仓库.xlsx")
    rc, _out, err = run(capsys, "--db", str(db), "import", "仓库", str(sheet), "--dry-run")
    assert rc == 0, err
    assert not (data_dir() / "backups").exists()  # a dry run changes nothing: no backup

    rc, _out, err = run(capsys, "--db", str(db), "import", "仓库", str(sheet))
    assert rc == 0, err

    [backup] = (data_dir() / "backups").iterdir()
    assert backup.name.startswith("cli-") and backup.name.endswith("-import.sqlite3")
    assert warehouses(backup) == ["商家全国仓"]  # the book as it was before the import
    assert warehouses(db) == ["商家全国仓", "华东仓"]


def test_backup_and_restore_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "cli.sqlite3"
    saved = tmp_path / "备份.sqlite3"
    assert run(capsys, "--db", str(db), "init")[0] == 0
    rc, out, err = run(capsys, "--db", str(db), "backup", str(saved))
    assert rc == 0, err
    assert str(saved) in out and saved.exists()
    sheet = warehouse_sheet(tmp_path / "仓库.xlsx")
    assert run(capsys, "--db", str(db), "import", "仓库", str(sheet))[0] == 0

    rc, out, err = run(capsys, "--db", str(db), "restore", str(saved))

    assert rc == 0, err
    assert "已用备份" in out and "另存为" in out
    assert warehouses(db) == ["商家全国仓"]
    assert run(capsys, "--db", str(db), "check")[0] == 0


def dump(db: Path) -> list[str]:
    with contextlib.closing(sqlite3.connect(db)) as conn:
        return list(conn.iterdump())


def test_restore_of_a_non_book_is_refused_and_the_book_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "cli.sqlite3"
    assert run(capsys, "--db", str(db), "init")[0] == 0
    before = dump(db)
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"PK\x03\x04 not a book")

    rc, out, err = run(capsys, "--db", str(db), "restore", str(junk))

    assert rc == 2 and out == ""
    assert "不是 SQLite 数据库文件" in err and str(junk) in err
    # Compared as content: a WAL checkpoint may rewrite the file's pages without changing it.
    assert dump(db) == before


def test_backup_of_a_missing_book_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rc, _out, err = run(capsys, "--db", str(tmp_path / "none.sqlite3"), "backup", "x.sqlite3")
    assert rc == 2 and "账本不存在" in err
    assert not (tmp_path / "none.sqlite3").exists()
