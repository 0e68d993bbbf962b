"""SPEC §8 compliance check list: one test per check, named after its rule."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from jdstock_desktop.cli import main
from jdstock_desktop.services.compliance import ComplianceReport, compliance_report
from jdstock_desktop.services.stock import StockEdit, submit_stock_changes
from jdstock_desktop.services.warehouses import create_warehouse
from jdstock_desktop.storage.db import Book
from jdstock_desktop.storage.models import CategoryStandard, Setting
from tests.helpers import add_product

DAY = dt.date(2026, 6, 1)
SHENZHEN = ("广东省", "深圳市", "南山区", "粤海街道")


def items(report: ComplianceReport, check: str) -> dict[str, str]:
    return {f.item: f.detail for f in report.by_check(check)}


def test_a_new_book_is_clean_and_the_national_warehouse_is_never_flagged(book: Book) -> None:
    report = compliance_report(book, DAY)
    assert report.findings == []
    assert "未发现问题" in report.text()
    assert report.as_json()["count"] == 0


def test_rules_12_14_listed_sku_with_no_stock_set_anywhere(book: Book) -> None:
    create_warehouse(book, "华南仓", SHENZHEN, "科技园路1号")
    add_product(book, "A1")  # listed, never given stock
    add_product(book, "A2")  # listed, stock set to 0: set, so fine
    add_product(book, "A3", listed=False)  # delisted: not offered to customers
    submit_stock_changes(book, [StockEdit("A2", "华南仓", 0)])
    report = compliance_report(book, DAY)
    found = report.by_check("no_stock")
    assert [(f.rule, f.item) for f in found] == [(12, "A1")]
    assert "没有设置库存" in found[0].detail


def test_rule_21_futures_time_over_the_category_standard(book: Book) -> None:
    with book.transaction() as s:
        s.add(
            CategoryStandard(
                category1="工具", category2="电动工具", category3="电钻", ship_hours=72
            )
        )
        s.add(CategoryStandard(category3="手套", ship_hours=None))  # no standard: nothing to breach
    add_product(book, "D1", category3="电钻", futures_hours=96)
    add_product(book, "D2", category3="电钻", futures_hours=72)  # equal is within
    add_product(book, "D3", category3="手套", futures_hours=999)
    add_product(book, "D4", category3="电钻", futures_hours=200, listed=False)
    report = compliance_report(book, DAY)
    assert items(report, "futures_over_standard") == {
        "D1": "期货时效 96 小时，超过三级类目「电钻」的标准 72 小时"
    }
    assert report.by_check("futures_over_standard")[0].rule == 21


def test_rule_19_incomplete_warehouse_addresses(book: Book) -> None:
    create_warehouse(book, "完整仓", SHENZHEN, "科技园路1号")
    create_warehouse(book, "县级仓", SHENZHEN[:3], "科技园路2号")
    create_warehouse(book, "无门牌仓", SHENZHEN, "  ")
    found = items(compliance_report(book, DAY), "warehouse_address")
    assert set(found) == {"县级仓", "无门牌仓"}
    assert "未到乡镇街道" in found["县级仓"] and "缺少详细地址" not in found["县级仓"]
    assert "缺少详细地址" in found["无门牌仓"] and "未到乡镇" not in found["无门牌仓"]


def test_rule_18_violating_skus_still_holding_stock_or_listed(book: Book) -> None:
    create_warehouse(book, "华南仓", SHENZHEN, "科技园路1号")
    add_product(book, "V1", violation=True)  # listed, stock 5
    add_product(book, "V2", violation=True, listed=False)  # delisted, stock 0: done right
    add_product(book, "V3", violation=True, listed=False)  # delisted, still stock 2
    add_product(book, "OK", listed=True)
    submit_stock_changes(
        book,
        [
            StockEdit("V1", "华南仓", 5),
            StockEdit("V2", "华南仓", 0),
            StockEdit("V3", "华南仓", 2),
            StockEdit("OK", "华南仓", 9),
        ],
    )
    found = items(compliance_report(book, DAY), "violation")
    assert set(found) == {"V1", "V3"}
    assert "仍有现货库存 5 件" in found["V1"] and "仍处于上柜状态" in found["V1"]
    assert "仍有现货库存 2 件" in found["V3"] and "上柜" not in found["V3"]


def test_rule_20_preorder_without_quota_or_futures_time(book: Book) -> None:
    add_product(book, "P1", preorder=True, futures_quota=0, futures_hours=120)
    add_product(book, "P2", preorder=True, futures_quota=10, futures_hours=None)
    add_product(book, "P3", preorder=True, futures_quota=10, futures_hours=120)
    add_product(book, "P4", preorder=False, futures_quota=0)
    found = items(compliance_report(book, DAY), "preorder_setup")
    assert set(found) == {"P1", "P2"}
    assert "可期货库存为 0" in found["P1"] and "未设置期货时效" in found["P2"]


def set_contract_end(book: Book, value: str) -> None:
    with book.transaction() as s:
        s.merge(Setting(key="contract_end_date", value=value))


@pytest.mark.parametrize(
    ("end", "expected"),
    [
        ("2026-07-02", None),  # 31 days ahead: not yet
        ("2026-07-01", "还剩 30 天"),
        ("2026-06-01", "还剩 0 天"),
        ("2026-05-29", "已过 3 天"),
        ("下个月", "不是 YYYY-MM-DD"),
    ],
)
def test_rule_17_contract_close_to_its_end(book: Book, end: str, expected: str | None) -> None:
    set_contract_end(book, end)
    found = compliance_report(book, DAY).by_check("contract")
    if expected is None:
        assert found == []
    else:
        [finding] = found
        assert (finding.rule, finding.item) == (17, "销售合同")
        assert expected in finding.detail


def test_text_and_json_and_cli(book: Book, capsys: pytest.CaptureFixture[str]) -> None:
    add_product(book, "A1")
    set_contract_end(book, "2026-06-10")
    report = compliance_report(book, DAY)
    text = report.text()
    assert "共 2 项" in text and "✗ 规则 12–14" in text and "✓ 规则 21" in text
    assert main(["--db", book.url, "compliance", "--date", "2026-06-01", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["date"] == "2026-06-01" and data["count"] == 2
    assert [f["item"] for f in data["findings"]] == ["A1", "销售合同"]
    assert {c["check"]: c["count"] for c in data["checks"]}["contract"] == 1
