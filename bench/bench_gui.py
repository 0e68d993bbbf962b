"""Benchmark of the main window and the 库存 grid on a big book: 100,000 SKUs × 5 warehouses.

    python bench/bench_gui.py [--db PATH] [--skus 100000] [--repeat 5]

Builds the book at PATH when it holds no products yet (Core executemany inserts: products, one
stock row per pair for ~95 % of the pairs, one 导入 ledger row per stock row, so the stock equals
the ledger sums), otherwise reuses it. Then times, offscreen:

- opening the book and the main window until the stock page has painted its first rows
  (aim < 1.5 s), split into load_stock_grid and the rest;
- text filters typed into the search box, each until the view has repainted (aim < 150 ms);
- the other filters, a sort by header click, scrolling page by page, and staging a big paste.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from sqlalchemy import func, insert, select

from jdstock_desktop.storage.db import Book, open_book
from jdstock_desktop.storage.models import LedgerEntry, Product, Stock, Warehouse

WAREHOUSES = [("华东仓", False), ("华南仓", False), ("华北仓", False), ("华中仓", True)]
NAMES = ["不锈钢六角螺栓", "尼龙扎带", "劳保手套", "安全帽", "工业胶带", "角磨机砂轮片", "密封圈"]
CATEGORIES = [f"{n}类{i}" for n in ("紧固件", "劳保", "工具", "包装") for i in range(50)]
NOW = dt.datetime(2026, 11, 27, 9)
CHUNK = 50_000


def build(book: Book, skus: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    started = time.perf_counter()
    with book.transaction() as s:
        for name, paused in WAREHOUSES:
            s.add(
                Warehouse(
                    name=name,
                    is_national=False,
                    paused=paused,
                    region_code="31",
                    address_detail="工业园 1 号",
                    created_at=NOW,
                )
            )
        s.flush()
        wids = list(s.scalars(select(Warehouse.id).order_by(Warehouse.id)))
        s.execute(
            insert(Product),
            [
                dict(
                    code=f"SKU{i:06d}",
                    name=f"{NAMES[i % len(NAMES)]} M{i % 30} 型号{i}",
                    category3=CATEGORIES[i % len(CATEGORIES)],
                    listed=i % 7 != 0,
                )
                for i in range(skus)
            ],
        )
        pids = list(s.scalars(select(Product.id).order_by(Product.id)))
        stock: list[dict[str, object]] = []
        ledger: list[dict[str, object]] = []
        for pid in pids:
            for wid in wids:
                if rng.random() < 0.05:  # some pairs do not exist yet: empty cells
                    continue
                qty = rng.randint(0, 500)
                stock.append(
                    dict(product_id=pid, warehouse_id=wid, on_hand=qty, reserved=0, version=1)
                )
                ledger.append(
                    dict(
                        time=NOW,
                        product_id=pid,
                        warehouse_id=wid,
                        kind="import",
                        delta=qty,
                        reserved_delta=0,
                        qty_before=0,
                        qty_after=qty,
                        operator="bench",
                        note="",
                        created_at=NOW,
                    )
                )
            if len(stock) >= CHUNK:
                s.execute(insert(Stock), stock)
                s.execute(insert(LedgerEntry), ledger)
                stock, ledger = [], []
        if stock:
            s.execute(insert(Stock), stock)
            s.execute(insert(LedgerEntry), ledger)
    print(f"built {skus:,} SKUs in {time.perf_counter() - started:.1f} s", file=sys.stderr)


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """(median, worst) milliseconds."""
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - t) * 1000)
    return statistics.median(runs), max(runs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=str(Path.home() / ".cache" / "jdstock-bench-gui.sqlite3"))
    parser.add_argument("--skus", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    book = open_book(args.db)
    with book.read() as s:
        products = s.scalar(select(func.count()).select_from(Product)) or 0
        pairs = s.scalar(select(func.count()).select_from(Stock)) or 0
    if not products:
        build(book, args.skus)
        with book.read() as s:
            products = s.scalar(select(func.count()).select_from(Product)) or 0
            pairs = s.scalar(select(func.count()).select_from(Stock)) or 0
    book.close()
    print(f"book: {args.db}  ({products:,} SKUs, {pairs:,} stock rows)")

    started = time.perf_counter()
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtWidgets import QApplication

    from jdstock_desktop.services.stock_grid import load_stock_grid
    from jdstock_desktop.ui.main_window import MainWindow
    from jdstock_desktop.ui.stock import StockPage

    app = QApplication.instance() or QApplication(sys.argv)
    home = Path(args.db).parent if "://" not in args.db else Path(tempfile.gettempdir())
    os.environ.setdefault("JDSTOCK_HOME", str(home / "jdstock-bench-home"))
    imports = time.perf_counter() - started

    # -- window ready -----------------------------------------------------------------------
    t0 = time.perf_counter()
    book = open_book(args.db)
    t_open = time.perf_counter()
    window = MainWindow(book)
    stock_index = next(i for i, p in enumerate(window.pages) if isinstance(p, StockPage))
    window.show_page(stock_index)  # loads the grid unless it was the page left open
    window.resize(1280, 780)
    window.show()
    app.processEvents()  # the first paint, rows included
    ready = time.perf_counter() - t0
    page = window.pages[stock_index]
    assert isinstance(page, StockPage) and page.model.rowCount() == products
    t = time.perf_counter()
    load_stock_grid(book)
    load_only = time.perf_counter() - t
    print(f"imports (PySide6 + app modules)      {imports * 1000:8.0f} ms")
    print(f"open book                           {(t_open - t0) * 1000:8.0f} ms")
    print(f"  of which load_stock_grid (again)  {load_only * 1000:8.0f} ms")
    print(f"window ready, grid painted           {ready * 1000:8.0f} ms   (aim < 1500)")

    # -- filters --------------------------------------------------------------------------------
    def measure(prepare: Callable[[], object], act: Callable[[], object]) -> tuple[float, float]:
        """(median, worst) ms of `act` + repaint, with an untimed `prepare` before each run."""
        runs = []
        for _ in range(args.repeat):
            prepare()
            app.processEvents()
            t = time.perf_counter()
            act()
            app.processEvents()  # the view repaints with the new rows
            runs.append((time.perf_counter() - t) * 1000)
        return statistics.median(runs), max(runs)

    print(f"text filter (setText → model reset → repaint), median / worst of {args.repeat}")
    for text in ("螺栓", "sku0123", "m1 型号9", "zzz"):
        median, worst = measure(
            lambda: page.search.setText(""), lambda text=text: page.search.setText(text)
        )
        rows = page.model.rowCount()
        print(f"  {text:<12} {rows:>7,} rows   {median:6.1f} / {worst:6.1f} ms   (aim < 150)")
    median, worst = measure(lambda: page.search.setText("螺栓"), lambda: page.search.setText(""))
    print(f"  {'(cleared)':<12} {page.model.rowCount():>7,} rows   {median:6.1f} / {worst:6.1f} ms")

    page.search.setText("")
    keystrokes = []
    for text in ("型", "型号", "型号1", "型号12", "型号123"):
        t = time.perf_counter()
        page.search.setText(text)
        app.processEvents()
        keystrokes.append((time.perf_counter() - t) * 1000)
    print(
        "  typing 型号123 one key at a time: "
        + " ".join(f"{k:.0f}" for k in keystrokes)
        + f" ms per key ({page.model.rowCount():,} rows left)"
    )
    page.search.setText("")

    for label, box, index in (
        ("category", page.category_box, 1),
        ("listing 下柜", page.listing_box, 2),
        ("alert 无货", page.alert_box, 1),
    ):
        median, worst = measure(
            lambda box=box: box.setCurrentIndex(0),
            lambda box=box, index=index: box.setCurrentIndex(index),
        )
        rows = page.model.rowCount()
        print(f"  {label:<12} {rows:>7,} rows   {median:6.1f} / {worst:6.1f} ms")
        box.setCurrentIndex(0)
    app.processEvents()

    # -- sort, scroll, paste -----------------------------------------------------------------
    header = page.view.horizontalHeader()
    column = page.model.columnCount() - 1  # 可用合计

    def click_header() -> None:
        x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
        from PySide6.QtTest import QTest

        QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
        app.processEvents()

    median, worst = timed(click_header, args.repeat)
    print(f"sort by 可用合计 (header click)       {median:6.1f} / {worst:6.1f} ms")

    bar = page.view.verticalScrollBar()
    steps = 200
    positions = [round(bar.maximum() * i / steps) for i in range(steps + 1)]
    t = time.perf_counter()
    for pos in positions:
        bar.setValue(pos)
        page.view.viewport().repaint()
    per_step = (time.perf_counter() - t) * 1000 / len(positions)
    print(f"scroll: {len(positions)} jumps across all rows, {per_step:.2f} ms per repaint")

    from PySide6.QtGui import QGuiApplication

    block = "\r\n".join("\t".join(str(r * 4 + c) for c in range(4)) for r in range(2500))
    QGuiApplication.clipboard().setText(block)
    page.view.setCurrentIndex(page.model.index(0, 5))
    t = time.perf_counter()
    page.paste()
    app.processEvents()
    paste_ms = (time.perf_counter() - t) * 1000
    print(f"paste 2,500 × 4 block (10,000 staged cells)  {paste_ms:6.0f} ms")
    t = time.perf_counter()
    page.model.undo_stack.undo()
    app.processEvents()
    print(
        f"undo that paste                              {(time.perf_counter() - t) * 1000:6.0f} ms"
    )

    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {rss:.0f} MB")
    page.model.discard()
    window.close()
    book.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
