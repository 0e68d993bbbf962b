"""Benchmark of a big stock book: demo fill, the 分区库存 sheet both ways, and routing.

    python bench/bench_book.py [--db PATH] [--skus 100000] [--seed 1] [--routes 1000] [--keep]

Builds a demo book (`fill_demo`: SKUs × 5 warehouses + the national one, a year of history) in a
temp dir, or uses the book at --db (filled first when it holds no products, reused otherwise).
Then times, each step in a fresh subprocess so that its peak RSS is its own:

- export 分区库存 (`export_sheet`), and for scale a bare openpyxl write-only write of the same rows;
- a bare python-calamine read of the exported file, and the import of it unedited (must change
  nothing);
- an edited copy with ~10 % of the quantities changed: a --dry-run import, then the real import;
- `route` (services.routing.route) ~1,000 random calls: mean and p95 in ms; and one cold
  `jdstock route` subprocess, wall time (the CLI imports no Qt, so it must start fast).

Prints a table (rows; wall seconds of the step itself; CPU seconds of its whole process, which
include imports and setup but not waiting on a busy machine; peak RSS), the book's size, and the
ratios import ÷ calamine read and export ÷ openpyxl write-only. The real import changes the book
(~10 % of pairs get a ledger row); a reused book stays valid for later runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SHEET = "分区库存"
STEPS = (
    "fill",
    "export",
    "openpyxl_write",
    "calamine_read",
    "import_unedited",
    "edit",
    "import_edited_dry_run",
    "import_edited",
    "route",
    "route_cli",
)


@dataclass
class Figure:
    step: str
    seconds: float
    rows: int = 0
    rss_mb: float = 0.0
    cpu_seconds: float = 0.0  # user + system, this step's process and its children
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


def _cpu_seconds() -> float:
    # CPU time stays meaningful on a busy machine, where wall time also counts waiting.
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = fn()
    return time.perf_counter() - started, result


# -- the steps, each run in its own process ------------------------------------------------------


def step_fill(db: Path, work: Path, args: argparse.Namespace) -> Figure:
    from sqlalchemy import func, select

    from jdstock_desktop.demo_book import fill_demo
    from jdstock_desktop.storage.db import open_book
    from jdstock_desktop.storage.models import LedgerEntry

    def progress(done: int, total: int, label: str) -> None:
        if sys.stderr.isatty():
            print(f"\r  {label} {done:,}/{total:,}   ", end="", file=sys.stderr, flush=True)

    book = open_book(db)
    try:
        seconds, summary = _timed(
            lambda: fill_demo(book, skus=args.skus, seed=args.seed, progress=progress)
        )
        with book.read() as s:
            rows = s.scalar(select(func.count()).select_from(LedgerEntry)) or 0
    finally:
        book.close()  # checkpoints the WAL into the book file
    if sys.stderr.isatty():
        print(file=sys.stderr)
    return Figure("fill", seconds, rows, note=summary)


def step_export(db: Path, work: Path, args: argparse.Namespace) -> Figure:
    from jdstock_desktop.services.forms.table import export_sheet
    from jdstock_desktop.sheets.forms import REGIONAL_STOCK
    from jdstock_desktop.storage.db import open_book

    book = open_book(db)
    try:
        seconds, rows = _timed(lambda: export_sheet(book, REGIONAL_STOCK, work / "export.xlsx"))
    finally:
        book.close()
    size = (work / "export.xlsx").stat().st_size / 2**20
    return Figure("export", seconds, rows, note=f"export.xlsx {size:.1f} MB")


def _calamine_rows(path: Path) -> list[list[Any]]:
    from python_calamine import CalamineWorkbook

    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(SHEET).to_python()


def step_calamine_read(db: Path, work: Path, args: argparse.Namespace) -> Figure:
    seconds, data = _timed(lambda: _calamine_rows(work / "export.xlsx"))
    return Figure("calamine_read", seconds, len(data) - 1, note="bare python-calamine to_python()")


def step_openpyxl_write(db: Path, work: Path, args: argparse.Namespace) -> Figure:
    from openpyxl import Workbook

    data = _calamine_rows(work / "export.xlsx")  # the same rows, read before the clock starts

    def write() -> None:
        wb = Workbook(write_only=True)
        ws = wb.create_sheet(SHEET)
        for row in data:
            ws.append(row)
        wb.save(work / "openpyxl.xlsx")

    seconds, _ = _timed(write)
    return Figure("openpyxl_write", seconds, len(data) - 1, note="bare write-only, no styles")


def _import(db: Path, path: Path, *, dry_run: bool, step: str) -> Figure:
    from jdstock_desktop.services.forms.importing import import_sheet
    from jdstock_desktop.sheets.forms import REGIONAL_STOCK
    from jdstock_desktop.storage.db import open_book

    book = open_book(db, operator="bench")
    try:
        seconds, report = _timed(lambda: import_sheet(book, REGIONAL_STOCK, path, dry_run=dry_run))
    finally:
        book.close()
    return Figure(
        step,
        seconds,
        report.rows,
        note=report.summary(),
        extra={"changed": report.changed, "ledger_rows": report.ledger_rows},
    )


def step_import_unedited(db: Path, work: Path, args: argparse.Namespace) -> Figure:
    figure = _import(db, work / "export.xlsx", dry_run=False, step="import_unedited")
    if figure.extra["changed"]:
        figure.note = "FAILED: an unedited export changed the book! " + figure.note
    return figure


def step_edit(db: Path, work: Path, args: argparse.Namespace) -> Figure:
    """An edited copy: ~10 % of quantities changed, never below what open orders reserve."""
    from sqlalchemy import select

    from jdstock_desktop.sheets.forms import REGIONAL_STOCK
    from jdstock_desktop.sheets.writer import write_sheet
    from jdstock_desktop.storage.db import open_book
    from jdstock_desktop.storage.models import Product, Stock, Warehouse

    book = open_book(db)
    try:
        with book.read() as s:
            reserved = {
                (code, name): r
                for code, name, r in s.execute(
                    select(Product.code, Warehouse.name, Stock.reserved)
                    .join(Product, Product.id == Stock.product_id)
                    .join(Warehouse, Warehouse.id == Stock.warehouse_id)
                )
            }
    finally:
        book.close()
    rng = random.Random(args.seed)
    data = _calamine_rows(work / "export.xlsx")
    header, body = data[0], data[1:]
    rows, changed = [], 0
    for code, name, qty in body:
        on_hand = int(qty)
        if rng.random() < 0.10:
            new = max(reserved.get((code, name), 0), on_hand + rng.randint(-5, 20))
            on_hand = new if new != on_hand else on_hand + 1
            changed += 1
        rows.append({"sku": code, "warehouse": name, "on_hand": on_hand})
    seconds, _ = _timed(lambda: write_sheet(work / "edited.xlsx", REGIONAL_STOCK, rows))
    assert header[:3] == ["商品编码", "仓库名称", "现货库存"], header
    return Figure("edit", seconds, len(rows), note=f"{changed:,} quantities changed (setup)",
                  extra={"changed_rows": changed})  # fmt: skip


def step_import_edited_dry_run(db: Path, work: Path, args: argparse.Namespace) -> Figure:
    return _import(db, work / "edited.xlsx", dry_run=True, step="import_edited_dry_run")


def step_import_edited(db: Path, work: Path, args: argparse.Namespace) -> Figure:
    return _import(db, work / "edited.xlsx", dry_run=False, step="import_edited")


def _route_addresses() -> list[str]:
    from jdstock_desktop.demo_book import REGIONS

    # The demo's customer addresses plus a few that fall back to the 全国 list or a ban.
    extra = ["广东/深圳/南山区", "江苏/南京/玄武区", "湖北/武汉/江汉区", "西藏/拉萨/城关区", "全国"]
    return [a.path for _, group in REGIONS for a in group] + extra


def _listed_codes(db: Path, k: int, seed: int) -> list[str]:
    from sqlalchemy import select

    from jdstock_desktop.storage.db import open_book
    from jdstock_desktop.storage.models import Product

    book = open_book(db)
    try:
        with book.read() as s:
            codes = list(s.scalars(select(Product.code).where(Product.listed.is_(True))))
    finally:
        book.close()
    return random.Random(seed).choices(codes, k=k)


def step_route(db: Path, work: Path, args: argparse.Namespace) -> Figure:
    from jdstock_desktop.services.routing import route
    from jdstock_desktop.storage.db import open_book

    rng = random.Random(args.seed)
    codes = _listed_codes(db, args.routes, args.seed)
    addresses = _route_addresses()
    book = open_book(db)
    kinds: dict[str, int] = {}
    times: list[float] = []
    try:
        first, _ = _timed(lambda: route(book, codes[0], 1, addresses[0]))  # loads the regions
        for code in codes:
            address, qty = rng.choice(addresses), rng.randint(1, 5)
            seconds, decision = _timed(lambda c=code, a=address, q=qty: route(book, c, q, a))
            times.append(seconds)
            kinds[decision.kind.value] = kinds.get(decision.kind.value, 0) + 1
    finally:
        book.close()
    ms = [t * 1000 for t in times]
    p95 = statistics.quantiles(ms, n=20)[-1] if len(ms) >= 2 else ms[0]
    return Figure(
        "route",
        sum(times),
        len(times),
        note=f"mean {statistics.fmean(ms):.2f} ms, p95 {p95:.2f} ms, "
        f"first call {first * 1000:.0f} ms; "
        + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())),
        extra={"mean_ms": statistics.fmean(ms), "p95_ms": p95, "first_ms": first * 1000},
    )


def step_route_cli(db: Path, work: Path, args: argparse.Namespace) -> Figure:
    code = _listed_codes(db, 1, args.seed)[0]
    script = Path(sys.executable).with_name("jdstock")
    cli = [str(script)] if script.exists() else [sys.executable, "-m", "jdstock_desktop"]
    cmd = [*cli, "--db", str(db), "route", "--sku", code, "--qty", "1", "--address", "广东/深圳"]
    started = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    answer = (done.stdout.strip().splitlines() or [done.stderr.strip()])[-1]
    return Figure("route_cli", seconds, 1, note=f"exit {done.returncode}: {answer[:60]}")


STEP_FUNCTIONS: dict[str, Callable[[Path, Path, argparse.Namespace], Figure]] = {
    name: globals()[f"step_{name}"] for name in STEPS
}


def run_step(args: argparse.Namespace) -> int:
    figure = STEP_FUNCTIONS[args.step](args.db, args.work, args)
    figure.rss_mb = _peak_rss_mb()
    figure.cpu_seconds = _cpu_seconds()
    print(json.dumps(figure.__dict__, ensure_ascii=False))
    return 0


# -- orchestration ----------------------------------------------------------------------------


def _child(step: str, args: argparse.Namespace, work: Path) -> Figure:
    cmd = [sys.executable, __file__, "--step", step, "--db", str(args.db), "--work", str(work)]
    cmd += ["--skus", str(args.skus), "--seed", str(args.seed), "--routes", str(args.routes)]
    done = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, check=False)
    if done.returncode != 0:
        return Figure(step, float("nan"), note=f"FAILED (exit {done.returncode}), see stderr")
    return Figure(**json.loads(done.stdout.strip().splitlines()[-1]))


def _has_products(db: Path) -> bool:
    if not db.exists():
        return False
    from sqlalchemy import func, select

    from jdstock_desktop.storage.db import open_book
    from jdstock_desktop.storage.models import Product

    book = open_book(db)
    try:
        with book.read() as s:
            return bool(s.scalar(select(func.count()).select_from(Product)))
    finally:
        book.close()


def _book_mb(db: Path) -> float:
    files = [db, db.with_name(db.name + "-wal")]
    return sum(f.stat().st_size for f in files if f.exists()) / 2**20


def _print_table(figures: list[Figure]) -> None:
    head = f"{'step':<24}{'rows':>12}{'seconds':>10}{'CPU s':>9}{'peak RSS MB':>13}  note"
    print(head)
    print("-" * len(head))
    for f in figures:
        print(
            f"{f.step:<24}{f.rows:>12,}{f.seconds:>10.2f}{f.cpu_seconds:>9.1f}"
            f"{f.rss_mb:>13.0f}  {f.note}"
        )


def _ratio(figures: dict[str, Figure], a: str, b: str) -> str:
    if a not in figures or b not in figures or not figures[b].seconds:
        return "n/a"
    return f"{figures[a].seconds / figures[b].seconds:.1f}×"


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--db", type=Path, help="book file; default: a new one in a temp dir")
    parser.add_argument("--skus", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--routes", type=int, default=1_000, help="random route() calls")
    parser.add_argument("--keep", action="store_true", help="keep the temp dir with the book")
    parser.add_argument("--step", choices=STEPS, help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        return run_step(args)

    temp = Path(tempfile.mkdtemp(prefix="jdstock_bench_"))
    if args.db is None:
        args.db = temp / "bench_book.sqlite3"
    args.db = args.db.resolve()
    print(f"book: {args.db}  ({dt.datetime.now():%Y-%m-%d %H:%M}, python {sys.version.split()[0]})")
    figures: list[Figure] = []
    try:
        steps = list(STEPS)
        if _has_products(args.db):
            steps.remove("fill")
            print("reusing the book: it already holds products")
        for step in steps:
            figure = _child(step, args, temp)
            figures.append(figure)
            print(f"  {step}: {figure.seconds:.2f} s", file=sys.stderr, flush=True)
            if step == "fill":
                figure.note += f"; book {_book_mb(args.db):.0f} MB"
        print()
        _print_table(figures)
        by_step = {f.step: f for f in figures}
        print()
        print(f"book file: {_book_mb(args.db):.0f} MB")
        read = _ratio(by_step, "import_unedited", "calamine_read")
        write = _ratio(by_step, "export", "openpyxl_write")
        print(f"import (unedited) ÷ calamine read: {read}")
        print(f"export ÷ openpyxl write-only:      {write}")
        failed = [f.step for f in figures if f.note.startswith("FAILED")]
        return 1 if failed else 0
    finally:
        if args.keep:
            print(f"kept: {temp}")
        else:
            shutil.rmtree(temp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
