"""Issue 6, crash safety: a process killed with SIGKILL in the middle of a large import or a
large stock submission leaves the book exactly as it was before, and `jdstock check` passes.

The child signals from inside the transaction (LedgerWriter.flush has run its inserts and
updates, nothing is committed), then blocks on a pipe the parent never writes; the parent waits
for that signal and kills it. Nothing depends on timing but the bounded wait for the signal.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from sqlalchemy import func, insert, select

from jdstock_desktop.cli import main
from jdstock_desktop.domain.stock import LedgerKind
from jdstock_desktop.services.forms.importing import import_sheet
from jdstock_desktop.services.ledger import LedgerWriter
from jdstock_desktop.services.lookups import warehouse_ids
from jdstock_desktop.services.stock import StockEdit, check_book, submit_stock_changes
from jdstock_desktop.sheets.forms import REGIONAL_STOCK
from jdstock_desktop.sheets.writer import write_sheet
from jdstock_desktop.storage.db import Book, open_book
from jdstock_desktop.storage.models import LedgerEntry, Product, Stock
from tests.helpers import add_warehouse

pytestmark = pytest.mark.skipif(
    sys.platform == "win32", reason="SIGKILL and a blocking pipe: POSIX only"
)

ROOT = Path(__file__).resolve().parents[2]
WAREHOUSES = ("华东仓", "华南仓")
PRODUCTS = 10_000  # × 2 warehouses = 20,000 rows in the import
SUBMITTED = 5_000
READY_TIMEOUT = 120.0  # seconds: only a broken child takes this long

# Runs in the child: argv = book, marker, operation, sheet.
CHILD = textwrap.dedent(
    """
    import sys
    from pathlib import Path

    from jdstock_desktop.services import ledger

    db, marker, operation, sheet = sys.argv[1:5]
    real_flush = ledger.LedgerWriter.flush

    def flush_then_hang(self):
        # A tiny page cache: SQLite spills the uncommitted pages into the WAL file, so the
        # kill also leaves half a transaction on disk, as a real crash would.
        self.session.connection().exec_driver_sql("PRAGMA cache_size=8")
        written = real_flush(self)
        self.session.flush()
        tmp = Path(marker + ".tmp")
        tmp.write_text(str(written))
        tmp.replace(marker)  # the parent sees the whole number or nothing
        sys.stdin.buffer.read()  # the parent never writes nor closes it: blocks until killed
        raise SystemExit("stdin closed: the parent is gone")

    ledger.LedgerWriter.flush = flush_then_hang

    from jdstock_desktop.sheets.forms import REGIONAL_STOCK
    from jdstock_desktop.storage.db import open_book

    book = open_book(db, operator="崩溃测试")
    if operation == "import":
        from jdstock_desktop.services.forms.importing import import_sheet

        import_sheet(book, REGIONAL_STOCK, sheet)
    else:
        from jdstock_desktop.services.stock import StockEdit, submit_stock_changes

        edits = [
            StockEdit(f"P{i:05d}", "华东仓", 1000 + i) for i in range(int(operation))
        ]
        submit_stock_changes(book, edits)
    print("finished without being killed", file=sys.stderr)
    """
)


def _seed(path: Path) -> None:
    """A book with two warehouses, PRODUCTS products and stock (with its ledger) in every pair,
    set through LedgerWriter with the whole book loaded: fast, and the same rows as a clerk's."""
    book = open_book(path, operator="测试员")
    try:
        for name in WAREHOUSES:
            add_warehouse(book, name)
        with book.transaction() as s:
            s.execute(
                insert(Product),
                [
                    {"code": f"P{i:05d}", "name": f"商品{i}", "listed": True}
                    for i in range(PRODUCTS)
                ],
            )
            products = sorted(s.execute(select(Product.id)).scalars())
            warehouses = [warehouse_ids(s)[name] for name in WAREHOUSES]
            writer = LedgerWriter(s, "测试员")
            writer.load(None)
            for i, pid in enumerate(products):
                for j, wid in enumerate(warehouses):
                    writer.set_on_hand((pid, wid), (i + j) % 40, LedgerKind.MANUAL, where="seed")
            writer.flush()
    finally:
        book.close()


def _state(path: Path) -> tuple[int, int, str]:
    """(ledger rows, stock rows, checksum of both tables) of the book at `path`."""
    book = open_book(path, operator="测试员")
    try:
        with book.read() as s:
            ledger = s.execute(
                select(
                    LedgerEntry.id,
                    LedgerEntry.product_id,
                    LedgerEntry.warehouse_id,
                    LedgerEntry.kind,
                    LedgerEntry.delta,
                    LedgerEntry.reserved_delta,
                    LedgerEntry.qty_after,
                ).order_by(LedgerEntry.id)
            ).all()
            stock = s.execute(
                select(
                    Stock.product_id,
                    Stock.warehouse_id,
                    Stock.on_hand,
                    Stock.reserved,
                    Stock.version,
                ).order_by(Stock.product_id, Stock.warehouse_id)
            ).all()
            products = s.scalar(select(func.count()).select_from(Product))
        digest = hashlib.sha256(repr((ledger, stock, products)).encode()).hexdigest()
        assert check_book(book) == []
        return len(ledger), len(stock), digest
    finally:
        book.close()


def _kill_inside_transaction(db: Path, operation: str, sheet: Path, tmp_path: Path) -> int:
    """Run `operation` in a child, SIGKILL it once it is inside the transaction; returns the
    ledger rows the child had written (uncommitted) when it was killed."""
    marker = tmp_path / "inside-transaction"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db), str(marker), operation, str(sheet)],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + READY_TIMEOUT
        while not marker.exists():
            if proc.poll() is not None:
                err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
                pytest.fail(f"the child ended ({proc.returncode}) before the kill:\n{err}")
            if time.monotonic() > deadline:
                pytest.fail("the child never reached the transaction")
            time.sleep(0.01)  # polling the marker, bounded by the deadline
        written = int(marker.read_text())
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(timeout=30) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=30)
        if proc.stdin:
            proc.stdin.close()
        if proc.stderr:
            proc.stderr.close()
    return written


def _jdstock_check(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--db", str(db)]) == 0
    out, _ = capsys.readouterr()
    assert "一致" in out


def _reopened_book_works(db: Path) -> Book:
    return open_book(db, operator="测试员")


def test_sigkill_during_a_large_import_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "book.sqlite3"
    _seed(db)
    sheet = tmp_path / "分区库存.xlsx"
    rows = [
        {"sku": f"P{i:05d}", "warehouse": wh, "on_hand": (i * 7 + j) % 90 + 1}
        for i in range(PRODUCTS)
        for j, wh in enumerate(WAREHOUSES)
    ]
    write_sheet(sheet, REGIONAL_STOCK, rows)
    before = _state(db)

    written = _kill_inside_transaction(db, "import", sheet, tmp_path)

    assert written > 15_000  # killed with the import's ledger rows written, not committed
    wal = db.with_name(db.name + "-wal")  # and the uncommitted pages spilled into the WAL
    assert wal.exists() and wal.stat().st_size > 100_000
    assert _state(db) == before
    _jdstock_check(db, capsys)
    book = _reopened_book_works(db)  # no lock left behind: the same import now goes through
    try:
        report = import_sheet(book, REGIONAL_STOCK, sheet)
        assert report.ledger_rows == written
        assert check_book(book) == []
    finally:
        book.close()


def test_sigkill_during_a_large_stock_submission_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "book.sqlite3"
    _seed(db)
    before = _state(db)

    written = _kill_inside_transaction(db, str(SUBMITTED), tmp_path / "unused.xlsx", tmp_path)

    assert written == SUBMITTED
    assert _state(db) == before
    _jdstock_check(db, capsys)
    book = _reopened_book_works(db)
    try:
        edits = [StockEdit(f"P{i:05d}", "华东仓", 1000 + i) for i in range(SUBMITTED)]
        assert submit_stock_changes(book, edits) == SUBMITTED
        assert check_book(book) == []
    finally:
        book.close()
