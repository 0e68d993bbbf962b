"""Peak memory of the annotated copy of a refused sheet, and of reading a sheet with a long tail
of empty rows (issue 10).

    python bench/bench_annotate.py [--rows 1000000] [--cols 26] [--dir DIR]

Writes a sheet of ROWS × COLS text cells (openpyxl write-only), a few of them bad, then in a
fresh subprocess each (so that the peak RSS is the measurement's own) writes its annotated copy
with sheets.annotate.write_annotated_copy, and prints rows, seconds and MB. Building the file
takes a while for a million rows (about 4 minutes on this 2-core machine).
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = """
import resource, sys, time
from pathlib import Path
from jdstock_desktop.errors import CellProblem
from jdstock_desktop.sheets.annotate import write_annotated_copy
from jdstock_desktop.sheets.forms import REGIONAL_STOCK
src, dst = Path(sys.argv[1]), Path(sys.argv[2])
problems = [CellProblem("分区库存", r, "现货库存", "应为整数", str(src)) for r in (2, 1000, 50000)]
t = time.perf_counter()
write_annotated_copy(src, dst, problems, REGIONAL_STOCK)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
from openpyxl import load_workbook
wb = load_workbook(dst, read_only=True)
sheets = {ws.title: ws.max_row for ws in wb.worksheets}
print(f"{time.perf_counter() - t:.1f} s, peak {peak:.0f} MB; copy holds {sheets}")
"""


def build(path: Path, rows: int, cols: int) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("分区库存")
    ws.append(["商品编码", "仓库名称", "现货库存", *(f"列{i}" for i in range(cols - 3))])
    for r in range(rows):
        ws.append([f"P{r:07d}", "华东仓", "x" if r in (0, 998, 49998) else r % 100,
                   *(f"v{r % 997}" for _ in range(cols - 3))])  # fmt: skip
    wb.save(path)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--cols", type=int, default=26)
    parser.add_argument("--dir", default=None)
    args = parser.parse_args()
    folder = Path(args.dir or tempfile.mkdtemp())
    src = folder / f"big-{args.rows}x{args.cols}.xlsx"
    if not src.exists():
        t = time.perf_counter()
        build(src, args.rows, args.cols)
        print(
            f"built {src} ({src.stat().st_size / 2**20:.0f} MB) in {time.perf_counter() - t:.0f} s"
        )
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(src), str(folder / "annotated.xlsx")],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    print(f"annotate {args.rows:,} rows × {args.cols} columns: {out.stdout.strip()}")
    print(f"(this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB)")


if __name__ == "__main__":
    main()
