"""SPEC §5 products: the table as arrays, saving one SKU, 上柜/下柜, rule 20 and 21 breaches."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from jdstock_desktop.errors import BadInput, Conflict, NotFound, Refused
from jdstock_desktop.services.products import (
    BreachFilter,
    Column,
    ProductFilter,
    breaches_of,
    get_product,
    get_products,
    list_products,
    product_breaches,
    save_product,
    set_listed,
)
from jdstock_desktop.storage.db import Book
from jdstock_desktop.storage.models import CategoryStandard, Product
from tests.helpers import add_product


def add_standard(book: Book, category3: str, hours: int | None) -> None:
    with book.transaction() as s:
        s.add(CategoryStandard(category1="工业品", category2="紧固件", category3=category3,
                               ship_hours=hours))  # fmt: skip


def stored(book: Book, code: str) -> Product:
    with book.read() as s:
        p = s.scalar(select(Product).where(Product.code == code))
        assert p is not None
        return p


FULL = {
    "code": "P100",
    "jd_sku": "100012345678",
    "name": "不锈钢六角螺栓 M8×30",
    "brand": "东明",
    "model": "DIN933",
    "spec": "M8×30 304不锈钢",
    "category1": "工业品",
    "category2": "紧固件",
    "category3": "螺栓",
    "unit": "盒",
    "barcode": "6901234567892",
    "purchase_price": "12.5",
    "jd_price": "¥1,299.00",
    "market_price": "１５００",  # typed with a full-width IME
    "tax_rate": "13%",
    "weight_kg": "0.85",
    "length_cm": "20",
    "width_cm": "10.5",
    "height_cm": "5",
    "packing_list": "螺栓×100，说明书×1",
    "warranty": "12个月",
    "origin": "浙江宁波",
    "manufacturer": "宁波东明紧固件有限公司",
    "listed": True,
    "spot_hours": "24",
    "futures_hours": "72小时",
    "preorder": True,
    "futures_quota": "50",
    "labels": "时效标签,场景标签",
    "violation": False,
}


def test_create_with_every_field_stores_typed_values(book: Book) -> None:
    record = save_product(book, FULL, None)
    p = stored(book, "P100")
    assert (p.jd_price, p.market_price, p.purchase_price) == (
        Decimal("1299.00"),
        Decimal("1500.00"),
        Decimal("12.50"),
    )
    assert (p.tax_rate, p.weight_kg, p.width_cm) == (
        Decimal("13"),
        Decimal("0.85"),
        Decimal("10.5"),
    )
    assert (p.spot_hours, p.futures_hours, p.futures_quota) == (24, 72, 50)
    assert (p.listed, p.preorder, p.violation) == (True, True, False)
    assert (p.manufacturer, p.packing_list, p.labels) == (
        "宁波东明紧固件有限公司",
        "螺栓×100，说明书×1",
        "时效标签,场景标签",
    )
    assert record.version == p.version == 1
    assert get_product(book, "P100") == record


def test_new_product_needs_only_code_and_name(book: Book) -> None:
    save_product(book, {"code": " N1 ", "name": "劳保手套"}, None)
    p = stored(book, "N1")
    assert (p.spot_hours, p.futures_hours, p.futures_quota, p.listed, p.jd_price) == (
        48,
        None,
        0,
        False,
        None,
    )


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"code": "", "name": "x"}, "商品编码不能为空"),
        ({"code": "X1", "name": "  "}, "商品名称不能为空"),
        ({"code": "X1"}, "商品名称不能为空"),
        ({"code": "X1", "name": "x", "spot_hours": "49"}, "现货时效(小时) 49 小时超过 48 小时"),
        ({"code": "X1", "name": "x", "spot_hours": ""}, "现货时效(小时)不能为空"),
        ({"code": "X1", "name": "x", "futures_quota": "-3"}, "可期货库存不能为负数"),
        ({"code": "X1", "name": "x", "futures_quota": "2.5"}, "可期货库存「2.5」不是整数"),
        ({"code": "X1", "name": "x", "jd_price": "12.345"}, "京东价「12.345」最多 2 位小数"),
        ({"code": "X1", "name": "x", "jd_price": "十二元"}, "京东价「十二元」不是有效的金额"),
        ({"code": "X1", "name": "x", "purchase_price": "-1"}, "采购价不能为负数"),
        ({"code": "X1", "name": "x", "tax_rate": "130"}, "税率(%)「130」不能超过 100"),
        ({"code": "X1", "name": "x", "futures_hours": "0"}, "期货时效(小时)须为正整数"),
        ({"code": "X1", "name": "x", "weight_kg": "1.2345"}, "重量(kg)「1.2345」最多 3 位小数"),
        ({"code": "X1", "name": "x", "preorder": "也许"}, "无货预定「也许」应为 是/否"),
    ],
)
def test_bad_input_is_refused_in_chinese_and_nothing_written(
    book: Book, values: dict[str, object], message: str
) -> None:
    with pytest.raises(BadInput) as err:
        save_product(book, values, None)
    assert message in str(err.value)
    assert list_products(book).row_count == 0


def test_duplicate_code_is_refused(book: Book) -> None:
    add_product(book, "P1")
    with pytest.raises(BadInput, match="商品编码「P1」已存在"):
        save_product(book, {"code": "P1", "name": "另一个"}, None)
    assert stored(book, "P1").name == "测试商品P1"


def test_update_changes_given_fields_and_bumps_the_version(book: Book) -> None:
    add_product(book, "P1", jd_price=Decimal("10"), brand="东明")
    before = get_product(book, "P1")
    after = save_product(
        book, {"code": "P1", "jd_price": "19.90", "futures_hours": "96"}, before.version
    )
    p = stored(book, "P1")
    assert (p.jd_price, p.futures_hours, p.brand) == (Decimal("19.90"), 96, "东明")
    assert after.version == before.version + 1 == p.version


def test_update_with_an_old_version_is_a_conflict_and_writes_nothing(book: Book) -> None:
    add_product(book, "P1", jd_price=Decimal("10"))
    seen = get_product(book, "P1").version
    save_product(book, {"code": "P1", "jd_price": "11"}, seen)  # a colleague saved first
    with pytest.raises(Conflict, match="已被他人修改"):
        save_product(book, {"code": "P1", "jd_price": "12"}, seen)
    assert stored(book, "P1").jd_price == Decimal("11")


def test_a_code_can_be_corrected_but_not_to_another_skus_code(book: Book) -> None:
    add_product(book, "P1")
    add_product(book, "P2")
    v = get_product(book, "P1").version
    with pytest.raises(BadInput, match="「P2」已被其他商品使用"):
        save_product(book, {"code": "P2"}, v, original_code="P1")
    save_product(book, {"code": "P1-A"}, v, original_code="P1")
    assert stored(book, "P1-A").name == "测试商品P1"
    with pytest.raises(NotFound):
        get_product(book, "P1")


def test_set_listed_changes_several_in_one_go(book: Book) -> None:
    add_product(book, "P1", listed=False)
    add_product(book, "P2", listed=False)
    add_product(book, "P3", listed=True)
    assert set_listed(book, ["P1", "P2", "P3"], True) == 2
    assert all(stored(book, c).listed for c in ("P1", "P2", "P3"))
    assert set_listed(book, ["P3"], False) == 1
    assert not stored(book, "P3").listed


def test_set_listed_with_an_unknown_code_changes_nothing(book: Book) -> None:
    add_product(book, "P1", listed=False)
    with pytest.raises(NotFound, match="未知商品编码「NOPE」"):
        set_listed(book, ["P1", "NOPE"], True)
    assert not stored(book, "P1").listed


def test_a_violating_sku_cannot_be_listed(book: Book) -> None:
    """Rule 18: a violating SKU is delisted; listing it again is refused, delisting works."""
    add_product(book, "V1", listed=False, violation=True)
    with pytest.raises(Refused, match="违规"):
        set_listed(book, ["V1"], True)
    with pytest.raises(Refused, match="违规"):
        save_product(book, {"code": "V1", "listed": True}, get_product(book, "V1").version)
    assert not stored(book, "V1").listed


def test_rule_21_futures_over_the_category_standard() -> None:
    """Standard 72 h for 螺栓: 96 h breaches it, 72 h does not; no standard, no breach."""
    [b] = breaches_of(
        category3="螺栓", futures_hours=96, standard_hours=72, preorder=False, futures_quota=0
    )
    assert (b.rule, b.field) == (21, "futures_hours")
    assert "96 小时" in b.message and "「螺栓」的标准 72 小时" in b.message
    assert not breaches_of(
        category3="螺栓", futures_hours=72, standard_hours=72, preorder=False, futures_quota=0
    )
    assert not breaches_of(
        category3="胶带", futures_hours=999, standard_hours=None, preorder=False, futures_quota=0
    )


def test_rule_20_preorder_without_quota() -> None:
    [b] = breaches_of(
        category3="", futures_hours=None, standard_hours=None, preorder=True, futures_quota=0
    )
    assert (b.rule, b.field) == (20, "futures_quota")
    assert not breaches_of(
        category3="", futures_hours=None, standard_hours=None, preorder=True, futures_quota=1
    )


def test_product_breaches_and_records_name_the_standard(book: Book) -> None:
    add_standard(book, "螺栓", 72)
    add_standard(book, "手套", None)
    add_product(book, "A", category3="螺栓", futures_hours=96, listed=False)
    add_product(book, "B", category3="螺栓", futures_hours=48)
    add_product(book, "C", category3="手套", futures_hours=500)
    add_product(book, "D", preorder=True, futures_quota=0)
    found = [(b.code, b.rule) for b in product_breaches(book)]
    assert found == [("A", 21), ("D", 20)]
    assert [b.code for b in product_breaches(book, listed_only=True)] == ["D"]
    record = get_product(book, "A")
    assert record.standard_hours == 72
    assert [b.rule for b in record.breaches] == [21]
    assert get_products(book, ["A", "B", "ZZ"]).keys() == {"A", "B"}


def test_list_products_filters_and_sorts_in_memory(book: Book) -> None:
    add_standard(book, "螺栓", 72)
    add_product(book, "P2", name="六角螺母", brand="东明", category3="螺母", jd_price=Decimal("3"))
    add_product(book, "P1", name="六角螺栓", model="DIN933", category3="螺栓", futures_hours=100)
    add_product(book, "P3", name="劳保手套", listed=False, jd_price=Decimal("12.5"))
    table = list_products(book)
    assert table.codes == ["P1", "P2", "P3"]
    assert table.standards == {"螺栓": 72}
    everything = list(range(table.row_count))

    def codes(f: ProductFilter) -> list[str]:
        return [table.codes[r] for r in table.filter_rows(everything, f)]

    assert codes(ProductFilter(text="六角")) == ["P1", "P2"]
    assert codes(ProductFilter(text="ｄｉｎ933")) == ["P1"]  # full-width, any case, model
    assert codes(ProductFilter(text="东明")) == ["P2"]  # brand
    assert codes(ProductFilter(listed=False)) == ["P3"]
    assert codes(ProductFilter(category="螺母")) == ["P2"]
    assert codes(ProductFilter(breach=BreachFilter.BREACH)) == ["P1"]
    by_price = [table.codes[r] for r in table.sort_order(Column.JD_PRICE, descending=True)]
    assert by_price == ["P3", "P2", "P1"]  # no price sorts lowest


def test_upsert_patches_the_arrays(book: Book) -> None:
    add_product(book, "P1")
    table = list_products(book)
    record = save_product(book, {"code": "P1", "name": "新名字"}, get_product(book, "P1").version)
    assert table.upsert(record, row=0) == (0, False)
    assert table.names == ["新名字"]
    assert table.filter_rows([0], ProductFilter(text="新名字")) == [0]
    new = save_product(book, {"code": "P9", "name": "新商品"}, None)
    assert table.upsert(new) == (1, True)
    assert table.codes == ["P1", "P9"]
