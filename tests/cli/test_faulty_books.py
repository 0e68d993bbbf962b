"""Issue 10: faulty books and systems get one Chinese sentence and the driver's text on the
command line, exit 1, never a Python traceback, and the file is left as it was."""

from __future__ import annotations

import errno
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from jdstock_desktop.cli import main
from jdstock_desktop.storage.book_file import failure_reason
from jdstock_desktop.storage.db import open_book


def jdstock(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    """The real program in a process of its own: what a clerk's terminal shows."""
    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / "data")}
    return subprocess.run(
        [sys.executable, "-m", "jdstock_desktop", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def refused(result: subprocess.CompletedProcess[str], *parts: str) -> None:
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 1, (result.returncode, result.stderr)
    for part in parts:
        assert part in result.stderr, result.stderr


@pytest.fixture
def real_book(tmp_path: Path) -> Path:
    path = tmp_path / "book.sqlite3"
    open_book(path).close()
    return path


def test_a_truncated_book(tmp_path: Path, real_book: Path) -> None:
    cut = tmp_path / "cut.sqlite3"
    cut.write_bytes(real_book.read_bytes()[:3000])
    before = cut.read_bytes()
    for command in (["check"], ["alerts", "--json"], ["export", "商品", str(tmp_path / "o.xlsx")]):
        refused(jdstock("--db", str(cut), *command, home=tmp_path), "账本文件已损坏", "从备份恢复")
    assert cut.read_bytes() == before
    assert not (tmp_path / "o.xlsx").exists()


def test_a_folder_a_text_file_and_another_programs_database(tmp_path: Path) -> None:
    folder = tmp_path / "库存 2026"
    folder.mkdir()
    refused(jdstock("--db", str(folder), "check", home=tmp_path), "是一个文件夹")
    text = tmp_path / "notes.sqlite3"
    text.write_text("not a database", encoding="utf-8")
    refused(jdstock("--db", str(text), "init", home=tmp_path), "不是库存账本")
    assert text.read_text(encoding="utf-8") == "not a database"
    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE contacts (name TEXT)")
    con.commit()
    con.close()
    before = other.read_bytes()
    refused(jdstock("--db", str(other), "init", home=tmp_path), "别的程序的数据库")
    # Not converted: no tables of ours, no WAL switch, not a byte changed.
    assert other.read_bytes() == before
    assert not Path(f"{other}-wal").exists()


def test_a_book_of_a_newer_program(tmp_path: Path, real_book: Path) -> None:
    con = sqlite3.connect(real_book)
    con.execute("UPDATE alembic_version SET version_num = '0099_future'")
    con.commit()
    con.close()
    refused(jdstock("--db", str(real_book), "check", home=tmp_path), "更新版本", "0099_future")


def test_unsupported_url(tmp_path: Path) -> None:
    refused(
        jdstock("--db", "mysql://clerk@server/stock", "check", home=tmp_path), "无法识别的账本地址"
    )


def test_unreachable_server(tmp_path: Path) -> None:
    url = "postgresql+psycopg://clerk@127.0.0.1:9/stock?connect_timeout=2"  # port 9: discard
    refused(jdstock("--db", url, "check", home=tmp_path), "连接失败")


def test_wrong_database_and_user_on_the_test_server(tmp_path: Path) -> None:
    server = os.environ.get("JDSTOCK_TEST_PG_URL")
    if not server:
        pytest.skip("JDSTOCK_TEST_PG_URL is not set")
    base = server.rsplit("/", 1)[0]
    refused(jdstock("--db", f"{base}/no_such_db_xyz", "check", home=tmp_path), "没有这个数据库")
    wrong_user = base.replace("postgres@", "nobody_xyz@")
    refused(jdstock("--db", f"{wrong_user}/postgres", "check", home=tmp_path), "用户名或密码错误")


# Failures that cannot be made for real here (a full disk, a server dying mid-import, a
# read-only or immutable file as root) are raised where the driver or the OS would raise them.


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), "磁盘空间已满"),
        (
            OperationalError("INSERT", {}, sqlite3.OperationalError("database or disk is full")),
            "磁盘空间已满",
        ),
        (
            OperationalError(
                "UPDATE", {}, sqlite3.OperationalError("attempt to write a readonly database")
            ),
            "只读",
        ),
        (
            OperationalError("INSERT", {}, Exception("server closed the connection unexpectedly")),
            "连接失败或中断",
        ),
        (OperationalError("x", {}, Exception("SSL connection is required")), "SSL"),
        (PermissionError(errno.EACCES, "Permission denied"), "权限"),
    ],
)
def test_failures_raised_mid_command(
    real_book: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    error: BaseException,
    expected: str,
) -> None:
    from jdstock_desktop.services import sheet_import

    def fail(*_args: object, **_kw: object) -> None:
        raise error

    monkeypatch.setattr(sheet_import, "import_sheet", fail)
    monkeypatch.setattr("jdstock_desktop.services.forms_io.import_sheet", fail)
    sheet = tmp_path / "s.xlsx"
    from tests.helpers import write_xlsx

    write_xlsx(sheet, "分区库存", [["商品编码", "仓库名称", "现货库存"]])
    before = real_book.read_bytes()
    assert main(["--db", str(real_book), "import", "分区库存", str(sheet)]) == 1
    err = capsys.readouterr().err
    assert expected in err and "Traceback" not in err
    assert failure_reason(error) in err
    assert real_book.read_bytes() == before


def test_a_bug_is_one_line_and_a_log(
    real_book: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def bug(*_args: object) -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr("jdstock_desktop.services.stock.check_book", bug)
    assert main(["--db", str(real_book), "check"]) == 1
    err = capsys.readouterr().err
    assert "程序出现意外错误" in err and "错误详情已记录到" in err and "Traceback" not in err
