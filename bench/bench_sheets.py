"""Sheet reader/writer speed against the bare libraries they wrap.

    python bench/bench_sheets.py [--rows 500000] [--repeat 1] [--shape stock|prices]

`stock` is the 分区库存 form (text, text, int: the big sheet suppliers really export);
`prices` is text, decimal with a money format, datetime (every cell of two columns styled).
Targets: read_sheet within ~3x of calamine's bare read of the same file, write_sheet within
1.2x of a bare openpyxl write-only write of the same values. Best of --repeat runs,
interleaved, in wall and in CPU seconds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from python_calamine import CalamineWorkbook

from jdstock_desktop.sheets.definition import Column, ColumnType, SheetDef
from jdstock_desktop.sheets.forms import REGIONAL_STOCK
from jdstock_desktop.sheets.reader import read_sheet
from jdstock_desktop.sheets.writer import write_sheet

PRICES = SheetDef(
    name="价格",
    form_id="bench_prices",
    version=1,
    key=("sku",),
    columns=(
        Column("sku", "商品编码", required=True, max_length=64),
        Column("price", "京东价", ColumnType.DECIMAL, min_value=0, number_format="0.00"),
        Column("since", "生效时间", ColumnType.DATETIME),
    ),
)


def stock_rows(n: int) -> list[dict[str, object]]:
    return [
        {"sku": f"SKU{i // 7:07d}", "warehouse": f"华东{i % 7}号仓", "on_hand": i % 1000}
        for i in range(n)
    ]


def price_rows(n: int) -> list[dict[str, object]]:
    base = dt.datetime(2026, 1, 1)
    return [
        {
            "sku": f"SKU{i:07d}",
            "price": Decimal(i % 100_000) / 100,
            "since": base + dt.timedelta(minutes=i),
        }
        for i in range(n)
    ]


def timed(fn: Callable[[], object]) -> tuple[float, float]:
    """(wall, cpu) seconds of one run: CPU time is the steadier figure on a shared machine,
    wall time is what a clerk waits."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def _min(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
    return min(a[0], b[0]), min(a[1], b[1])


def line(label: str, t: tuple[float, float], base: tuple[float, float] | None, goal: str) -> str:
    text = f"  {label:<22}{t[0]:7.2f} s wall {t[1]:7.2f} s cpu"
    if base is not None:
        text += f"   ratio {t[0] / base[0]:.2f} wall {t[1] / base[1]:.2f} cpu ({goal})"
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=500_000)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--shape", choices=("stock", "prices"), default="stock")
    args = parser.parse_args()
    sheet, make = (REGIONAL_STOCK, stock_rows) if args.shape == "stock" else (PRICES, price_rows)
    rows = make(args.rows)
    keys = [c.key for c in sheet.columns]
    values = [tuple(r[k] for k in keys) for r in rows]

    with tempfile.TemporaryDirectory() as tmp:
        bare_path = Path(tmp) / "bare.xlsx"
        ours_path = Path(tmp) / "ours.xlsx"

        def bare_write() -> None:
            wb = Workbook(write_only=True)
            ws = wb.create_sheet(sheet.name)
            ws.append(list(sheet.headers))
            for v in values:
                ws.append(v)
            wb.save(bare_path)

        def bare_read() -> None:
            with CalamineWorkbook.from_path(str(ours_path)) as wb:
                wb.get_sheet_by_name(sheet.name).to_python()

        # Interleaved, so a busy spell of the machine hits both sides alike.
        t_bare_write, t_write = (float("inf"),) * 2, (float("inf"),) * 2
        t_bare_read, t_read = (float("inf"),) * 2, (float("inf"),) * 2
        for _ in range(args.repeat):
            t_bare_write = _min(t_bare_write, timed(bare_write))
            t_write = _min(t_write, timed(lambda: write_sheet(ours_path, sheet, rows)))
            t_bare_read = _min(t_bare_read, timed(bare_read))
            t_read = _min(t_read, timed(lambda: read_sheet(ours_path, sheet)))
        assert len(read_sheet(ours_path, sheet)) == args.rows

    print(f"{args.rows} rows x {len(keys)} columns ({args.shape}), best of {args.repeat}")
    print(line("bare calamine read", t_bare_read, None, ""))
    print(line("read_sheet", t_read, t_bare_read, "<~3"))
    print(line("bare openpyxl write", t_bare_write, None, ""))
    print(line("write_sheet", t_write, t_bare_write, "<1.2"))


if __name__ == "__main__":
    main()
