"""Issue 10: faulty books and systems get one Chinese sentence and the driver's text on the
command line, exit 1, never a Python traceback, and the file is left as it was."""

from __future__ import annotations

import errno
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
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
    from jdstock_desktop.services.forms import door as forms_io

    def fail(*_args: object, **_kw: object) -> None:
        raise error

    monkeypatch.setattr(forms_io, "import_sheet", fail)
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


# --- for real where this machine allows it (root: a tiny tmpfs, an immutable file) ---------------


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MiB file system, mounted for the test (skipped where mounting is not allowed)."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip("cannot mount a small file system here")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _fill(folder: Path, leave: int) -> Path:
    """A filler file taking all but about `leave` bytes of the file system of `folder`."""
    free = os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize
    filler = folder / f"filler-{len(list(folder.iterdir()))}.bin"
    with filler.open("wb") as f:
        f.write(b"\0" * max(free - leave, 0))
    return filler


def test_a_full_disk_during_import_export_and_check(tiny_disk: Path, tmp_path: Path) -> None:
    from tests.helpers import write_xlsx

    book = tiny_disk / "book.sqlite3"
    home = tmp_path / "home"
    assert jdstock("--db", str(book), "demo", "--skus", "5", home=home).returncode == 0
    from jdstock_desktop.sheets.forms import PRODUCTS

    blank = [""] * (len(PRODUCTS.columns) - 2)
    products = [list(PRODUCTS.headers)]
    products += [[f"P{i:05d}", "", "螺栓" * 40, *blank[1:]] for i in range(3000)]
    sheet = write_xlsx(tmp_path / "products.xlsx", "商品", products)
    before = jdstock("--db", str(book), "export", "分区库存", str(tmp_path / "s.xlsx"), home=home)
    assert before.returncode == 0
    filler = _fill(tiny_disk, 96 * 1024)
    result = jdstock("--db", str(book), "import", "商品", str(sheet), home=home)
    refused(result, "磁盘空间已满")
    out = tiny_disk / "export.xlsx"
    more = _fill(tiny_disk, 0)
    more.rename(tiny_disk / "filler2.bin")
    refused(jdstock("--db", str(book), "export", "分区库存", str(out), home=home), "磁盘空间已满")
    assert not out.exists() and not [p for p in tiny_disk.iterdir() if p.suffix == ".tmp"]
    checked = jdstock("--db", str(book), "check", home=home)
    assert "Traceback" not in checked.stderr
    filler.unlink()
    (tiny_disk / "filler2.bin").unlink()
    # Nothing half-written: the book is as it was, and sound.
    assert jdstock("--db", str(book), "check", home=home).returncode == 0
    again = jdstock("--db", str(book), "export", "分区库存", str(tmp_path / "s2.xlsx"), home=home)
    assert again.returncode == 0
    assert _rows(tmp_path / "s.xlsx") == _rows(tmp_path / "s2.xlsx")


def _rows(path: Path) -> list[tuple[object, ...]]:
    from openpyxl import load_workbook

    return [tuple(r) for r in load_workbook(path).active.iter_rows(values_only=True)]


def test_an_immutable_book(tmp_path: Path, real_book: Path) -> None:
    done = subprocess.run(["chattr", "+i", str(real_book)], capture_output=True, check=False)
    if done.returncode != 0:
        pytest.skip("chattr +i is not available here")
    try:
        before = real_book.read_bytes()
        sheet = tmp_path / "w.xlsx"
        from tests.helpers import write_xlsx

        head = ["仓库名称", "省", "市", "区县", "乡镇", "详细地址", "状态"]
        write_xlsx(sheet, "仓库", [head, ["华东仓", "上海", "", "", "", "1号", "启用"]])
        result = jdstock("--db", str(real_book), "import", "仓库", str(sheet), home=tmp_path)
        assert "Traceback" not in result.stderr and result.returncode == 1, result.stderr
        assert "只读" in result.stderr or "无法打开账本文件" in result.stderr, result.stderr
        assert real_book.read_bytes() == before
    finally:
        subprocess.run(["chattr", "-i", str(real_book)], check=False)


def test_the_server_connection_dies_mid_import(
    book_url: str,
    backend: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The server ends our connection while the import writes (an administrator's restart, a
    network cut): one sentence, exit 1, and nothing of the import in the book."""
    if backend != "postgresql":
        pytest.skip("a server connection: PostgreSQL only")
    from sqlalchemy import create_engine, text

    from jdstock_desktop.services.ledger import LedgerWriter
    from jdstock_desktop.storage.models import Product
    from tests.helpers import on_hand_by_cell, write_xlsx

    assert main(["--db", book_url, "init"]) == 0
    capsys.readouterr()
    book = open_book(book_url)
    before = on_hand_by_cell(book)
    flush = LedgerWriter.flush

    def dying_flush(self: LedgerWriter) -> int:
        pid = self.session.connection().exec_driver_sql("SELECT pg_backend_pid()").scalar()
        killer = create_engine(book_url)
        with killer.connect() as conn:
            conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        killer.dispose()
        return flush(self)

    with book.transaction() as s:
        s.add(Product(code="A1", name="螺栓", listed=True))
    sheet = write_xlsx(
        tmp_path / "s.xlsx",
        "分区库存",
        [["商品编码", "仓库名称", "现货库存"], ["A1", "商家全国仓", 5]],
    )
    monkeypatch.setattr(LedgerWriter, "flush", dying_flush)
    assert main(["--db", book_url, "import", "分区库存", str(sheet)]) == 1
    err = capsys.readouterr().err
    assert "连接失败或中断，本次操作未写入" in err and "Traceback" not in err
    monkeypatch.setattr(LedgerWriter, "flush", flush)
    assert on_hand_by_cell(book) == before
    book.close()
