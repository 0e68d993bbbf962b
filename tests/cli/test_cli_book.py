"""The command line on a real book: import/export round trip, route JSON, check, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from jdstock_desktop.cli import main
from tests.helpers import write_xlsx


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    rc = main(list(args))
    out, err = capsys.readouterr()
    return rc, out, err


@pytest.fixture
def db(book_url: str) -> str:
    """--db of the book: a file, or a PostgreSQL URL (shared mode) when a test server is set."""
    return book_url


@pytest.fixture
def stocked(tmp_path: Path, db: str, capsys: pytest.CaptureFixture[str]) -> str:
    """华南仓 (深圳) first for 广东, 华东仓 (上海) for 全国; SKU A1: 华南 2, 华东 10, 全国仓 50."""
    files = {
        "仓库": [
            ["仓库名称", "省", "市", "区县", "乡镇", "详细地址", "状态"],
            ["华南仓", "广东", "深圳", "南山区", "", "科技园1号", "启用"],
            ["华东仓", "上海市", "市辖区", "嘉定区", "", "安亭路2号", "启用"],
        ],
        "覆盖优先级": [
            ["区域", "仓库名称", "优先级"],
            ["全国", "华东仓", 1],
            ["全国", "华南仓", 2],
            ["广东", "华南仓", 1],
            ["广东", "华东仓", 2],
        ],
        "商品": [
            [
                "商品编码",
                "京东SKU",
                "商品名称",
                "品牌",
                "型号",
                "规格",
                "一级类目",
                "二级类目",
                "三级类目",
                "单位",
                "采购价",
                "京东价",
                "上柜状态",
                "现货时效(小时)",
                "期货时效(小时)",
                "无货预定",
                "可期货库存",
            ],
            [
                "A1",
                "",
                "丁腈手套",
                "星宇",
                "N-100",
                "L 码 100 只/盒",
                "劳保",
                "手部防护",
                "防护手套",
                "盒",
                "12.5",
                19.9,
                "上柜",
                24,
                168,
                "是",
                60,
            ],
        ],
        "分区库存": [
            ["商品编码", "仓库名称", "现货库存"],
            ["A1", "华南仓", 2],
            ["A1", "华东仓", "10"],
            ["A1", "商家全国仓", 50],
        ],
    }
    for sheet, rows in files.items():
        path = write_xlsx(tmp_path / f"{sheet}.xlsx", sheet, rows)
        rc, _, err = run(capsys, "--db", db, "import", sheet, str(path))
        assert rc == 0, err
    return db


def route_json(capsys: pytest.CaptureFixture[str], db: str, *args: str) -> dict[str, object]:
    rc, out, err = run(capsys, "route", "--db", db, "--json", *args)
    assert rc == 0, err
    return json.loads(out)


def test_route_follows_the_guangdong_chain(
    stocked: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # 广东 list: 华南 (2 available) then 华东 (10) then 全国仓 (50).
    assert route_json(
        capsys, stocked, "--sku", "A1", "--qty", "2", "--address", "广东/深圳/南山区"
    ) == {
        "warehouse": "华南仓",
        "kind": "spot",
        "promised_hours": 24,
        "reason": route_json(
            capsys, stocked, "--sku", "A1", "--qty", "2", "--address", "广东/深圳/南山区"
        )["reason"],
    }
    assert (
        route_json(capsys, stocked, "--sku", "A1", "--qty", "3", "--address", "广东省/广州市")[
            "warehouse"
        ]
        == "华东仓"
    )
    assert (
        route_json(capsys, stocked, "--sku", "A1", "--qty", "50", "--address", "广东")["warehouse"]
        == "商家全国仓"
    )


def test_route_elsewhere_uses_the_national_list(
    stocked: str, capsys: pytest.CaptureFixture[str]
) -> None:
    d = route_json(capsys, stocked, "--sku", "A1", "--qty", "10", "--address", "北京/朝阳区")
    assert (d["warehouse"], d["kind"]) == ("华东仓", "spot")


def test_route_futures_and_oversell(stocked: str, capsys: pytest.CaptureFixture[str]) -> None:
    # No single warehouse holds 55 (at most 50): pre-order on with quota 60 -> futures on the
    # first warehouse of the 广东 chain (华南仓), promised 168 h; 61 > quota 60 -> refused.
    d = route_json(capsys, stocked, "--sku", "A1", "--qty", "55", "--address", "广东/深圳")
    assert (d["warehouse"], d["kind"], d["promised_hours"]) == ("华南仓", "futures", 168)
    d = route_json(capsys, stocked, "--sku", "A1", "--qty", "61", "--address", "广东/深圳")
    assert (d["warehouse"], d["kind"], d["promised_hours"]) == (None, "refused", None)


def test_route_refuses_unknown_sku_and_address(
    stocked: str, capsys: pytest.CaptureFixture[str]
) -> None:
    d = route_json(capsys, stocked, "--sku", "NOPE", "--qty", "1", "--address", "广东")
    assert d["kind"] == "refused" and "NOPE" in str(d["reason"])
    d = route_json(capsys, stocked, "--sku", "A1", "--qty", "1", "--address", "火星省")
    assert d["kind"] == "refused" and "火星省" in str(d["reason"])


def test_route_rejects_a_non_positive_quantity(
    stocked: str, capsys: pytest.CaptureFixture[str]
) -> None:
    rc, _, err = run(
        capsys, "route", "--db", stocked, "--sku", "A1", "--qty", "0", "--address", "广东"
    )
    assert rc == 2 and "--qty" in err


def test_export_then_import_changes_nothing(
    stocked: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for sheet in ("仓库", "覆盖优先级", "商品", "分区库存", "库存流水"):
        path = tmp_path / f"out-{sheet}.xlsx"
        rc, _, err = run(capsys, "--db", stocked, "export", sheet, str(path))
        assert rc == 0, err
        rc, out, err = run(capsys, "--db", stocked, "import", sheet, str(path), "--json")
        assert rc == 0, err
        assert json.loads(out)["changed"] is False, (sheet, out)
    assert run(capsys, "--db", stocked, "check")[0] == 0


def test_bad_import_exits_2_names_the_cell_and_writes_nothing(
    stocked: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_xlsx(
        tmp_path / "bad.xlsx",
        "分区库存",
        [
            ["商品编码", "仓库名称", "现货库存"],
            ["A1", "华南仓", 99],
            ["A1", "火星仓", 5],
            ["A1", "华东仓", -3],
        ],
    )
    before = tmp_path / "before.xlsx"
    run(capsys, "--db", stocked, "export", "分区库存", str(before))
    rc, _, err = run(capsys, "--db", stocked, "import", "分区库存", str(path))
    assert rc == 2
    assert "第 3 行" in err and "仓库名称" in err and "火星仓" in err
    assert "第 4 行" in err and "现货库存" in err
    after = tmp_path / "after.xlsx"
    run(capsys, "--db", stocked, "export", "分区库存", str(after))
    cells = lambda p: [r for r in openpyxl.load_workbook(p).active.iter_rows(values_only=True)]  # noqa: E731
    assert cells(before) == cells(after)


def test_check_passes_on_a_sound_book(stocked: str, capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, _ = run(capsys, "--db", stocked, "check")
    assert rc == 0 and "一致" in out


def test_unknown_sheet_is_bad_input(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rc, _, err = run(capsys, "--db", db, "export", "不存在的表", str(tmp_path / "x.xlsx"))
    assert rc == 2 and "未知表格" in err


def test_every_command_runs_on_the_book(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Shared mode: `--db postgresql+psycopg://…` works for every command (each test of this
    module runs on PostgreSQL too when a test server is set); on SQLite the same commands."""
    from sqlalchemy import select

    from jdstock_desktop.services.orders import list_orders
    from jdstock_desktop.storage.db import open_book
    from jdstock_desktop.storage.models import Product

    def ok(*args: str) -> str:
        rc, out, err = run(capsys, "--db", db, *args)
        assert rc == 0, (args, err)
        return out

    ok("init")
    ok("demo", "--skus", "30", "--seed", "3")
    assert "一致" in ok("check")
    for command in ("alerts", "compliance", "replenish"):
        assert isinstance(json.loads(ok(command, "--date", "2026-11-27", "--json")), dict)
    book = open_book(db)
    try:
        with book.read() as s:
            sku = s.scalar(select(Product.code).order_by(Product.id))
        open_orders = list_orders(book, status="待发货")
        spot = [o.order_no for o in open_orders if all(x.kind == "spot" for x in o.lines)]
        shipping, cancelling = (
            spot[0],
            next(o.order_no for o in open_orders if o.order_no != spot[0]),
        )
    finally:
        book.close()
    route = json.loads(
        ok("route", "--sku", sku, "--qty", "1", "--address", "广东/深圳/南山区", "--json")
    )
    assert route["kind"] in ("spot", "futures", "refused")
    for sheet in ("商品", "分区库存", "订单"):
        path = tmp_path / f"{sheet}.xlsx"
        ok("export", sheet, str(path))
        assert json.loads(ok("import", sheet, str(path), "--json"))["changed"] is False
    assert "已于" in ok("order", "ship", shipping)
    ok("order", "documents", shipping, "--out", str(tmp_path / "docs"))
    assert len(list((tmp_path / "docs").glob("*.xlsx"))) == 2
    assert "已取消" in ok("order", "cancel", cancelling)
    rc, _, err = run(capsys, "--db", db, "backup", str(tmp_path / "copy.sqlite3"))
    if "://" in db:  # a server's book is backed up by its administrator
        assert rc == 2 and "pg_dump" in err
    else:
        assert rc == 0 and (tmp_path / "copy.sqlite3").exists()
    assert "一致" in ok("check")
