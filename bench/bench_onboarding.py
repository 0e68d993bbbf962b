"""Benchmark of the 新品提报表 (new-product submission form) on a 20,000-SKU book.

    python bench/bench_onboarding.py [--skus 20000] [--repeat 1]

Builds a book with --skus fully described SKUs (every column filled, one stocked warehouse each),
then times, best of --repeat:
  export        export_new_products: the whole form with the book's dropdowns;
  re-import     the unedited file into the same book (the preview says "no change");
  import new    the file into an empty book with the same warehouses: every SKU created and its
                initial stock written through the ledger (one ledger row per SKU);
  supplier form the 供应商入驻评估表 export + import (a few dozen cells: a floor, not a load).
Prints rows, seconds (wall and CPU), file size and the peak resident memory.
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

from sqlalchemy import insert, select

from jdstock_desktop.domain.stock import LedgerKind
from jdstock_desktop.services.forms.door import export_any, import_any
from jdstock_desktop.services.forms.importing import ImportReport
from jdstock_desktop.services.forms.onboarding_sheets import export_new_products
from jdstock_desktop.services.ledger import LedgerWriter
from jdstock_desktop.services.supplier_profile import save_profile
from jdstock_desktop.sheets.keyvalue import FormData
from jdstock_desktop.storage.db import Book, open_book
from jdstock_desktop.storage.models import Product, Warehouse

T = TypeVar("T")
WAREHOUSES = ("华东仓", "华南仓", "华北仓", "西南仓")
NOW = dt.datetime(2026, 11, 27, 9, 0)


def _peak_rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def timed(fn: Callable[..., T], *args: object) -> tuple[T, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn(*args)
    return result, time.perf_counter() - wall, time.process_time() - cpu


def add_warehouses(book: Book) -> dict[str, int]:
    with book.transaction() as s:
        for name in WAREHOUSES:
            s.add(
                Warehouse(name=name, region_code="31", address_detail="测试路1号", created_at=NOW)
            )
        s.flush()
        return dict(s.execute(select(Warehouse.name, Warehouse.id)).all())


def product(i: int) -> dict[str, object]:
    return {
        "code": f"GY{i:07d}",
        "jd_sku": f"10000{i:08d}" if i % 3 else "",
        "name": f"圆锥滚子轴承 {30200 + i % 500} P6级 型号{i:06d}",
        "brand": ("精轴", "华轴", "恒转", "密邦")[i % 4],
        "model": f"JZ-{i:06d}",
        "spec": f"内径{10 + i % 90}mm 外径{30 + i % 150}mm",
        "category1": "动力传动",
        "category2": ("轴承", "传动带", "密封件")[i % 3],
        "category3": f"类目{i % 400:03d}",
        "unit": ("个", "套", "箱")[i % 3],
        "barcode": "",
        "purchase_price": Decimal(100 + i % 9000) / 100,
        "jd_price": Decimal(130 + i % 9000) / 100,
        "market_price": Decimal(160 + i % 9000) / 100,
        "tax_rate": Decimal(13),
        "weight_kg": Decimal(1 + i % 5000) / 1000,
        "length_cm": Decimal(10 + i % 300) / 10,
        "width_cm": Decimal(10 + i % 200) / 10,
        "height_cm": Decimal(10 + i % 100) / 10,
        "packing_list": "轴承×1；合格证×1",
        "warranty": "12个月",
        "origin": "辽宁大连",
        "manufacturer": "精轴轴承（大连）有限公司",
        "listed": i % 5 != 0,
        "spot_hours": 48,
        "futures_hours": 168,
        "preorder": i % 4 == 0,
        "futures_quota": i % 50,
        "labels": f"时效:48小时发货;物料编码:M{i:06d}",
        "main_image": f"GY{i:07d}-主图.jpg",
        "detail_images": f"GY{i:07d}-1.jpg;GY{i:07d}-2.jpg",
        "violation": False,
        "version": 1,
    }


def build(book: Book, skus: int) -> None:
    whs = add_warehouses(book)
    with book.transaction() as s:
        s.execute(insert(Product), [product(i) for i in range(skus)])
        ids = dict(s.execute(select(Product.code, Product.id)).all())
        writer = LedgerWriter(s, "bench", NOW)
        writer.load(())
        for i in range(skus):
            wid = whs[WAREHOUSES[i % len(WAREHOUSES)]]
            writer.set_on_hand((ids[f"GY{i:07d}"], wid), i % 1000, LedgerKind.IMPORT, where="bench")
        writer.flush()


def line(label: str, rows: int, wall: float, cpu: float, extra: str = "") -> str:
    return f"  {label:<14}{rows:>8,} rows {wall:7.2f} s wall {cpu:7.2f} s cpu  {extra}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--skus", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        book = open_book(folder / "bench.sqlite3", operator="bench")
        _, build_wall, _ = timed(build, book, args.skus)
        path = folder / "新品提报表.xlsx"
        best: dict[str, tuple[int, float, float]] = {}

        def keep(label: str, rows: int, wall: float, cpu: float) -> None:
            if label not in best or wall < best[label][1]:
                best[label] = (rows, wall, cpu)

        for attempt in range(args.repeat):
            count, wall, cpu = timed(export_new_products, book, path)
            keep("export", count, wall, cpu)
            report: ImportReport
            report, wall, cpu = timed(import_any, book, "新品提报表", path)
            assert not report.changed, report.summary()
            keep("re-import", report.rows, wall, cpu)
            fresh = open_book(folder / f"fresh{attempt}.sqlite3", operator="bench")
            add_warehouses(fresh)
            report, wall, cpu = timed(import_any, fresh, "新品提报表", path)
            assert report.created == args.skus and report.ledger_rows == args.skus
            keep("import new", report.rows, wall, cpu)
            fresh.close()
            save_profile(
                book, FormData({"company_name": "甲", "credit_code": "91350100M000100Y43"})
            )
            kv = folder / "评估表.xlsx"
            _, wall1, cpu1 = timed(export_any, book, "供应商评估表", kv)
            report, wall2, cpu2 = timed(import_any, book, "供应商评估表", kv)
            assert not report.changed
            keep("supplier form", 1, wall1 + wall2, cpu1 + cpu2)
        size_mb = path.stat().st_size / 2**20
        book.close()

    print(f"新品提报表 bench: {args.skus:,} SKUs × 34 columns, best of {args.repeat}")
    print(f"  (book built in {build_wall:.1f} s)")
    for label, (rows, wall, cpu) in best.items():
        extra = f"{rows / wall:,.0f} rows/s" if rows > 1 else ""
        if label == "export":
            extra += f", {size_mb:.1f} MB file"
        print(line(label, rows, wall, cpu, extra))
    print(f"  peak RSS {_peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
