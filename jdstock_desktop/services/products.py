"""Products (SPEC §5): the 商品 page's table, one SKU's record, saving it, listing/delisting.

`list_products` loads every SKU in one query into plain arrays (`ProductTable`); the page filters
and sorts them in memory, so 100,000 SKUs stay responsive and no screen queries per row.
`save_product` takes the clerk's form as text (or typed values), checks every field and writes
in one transaction; every refusal is a Chinese BadInput naming the field, and Conflict when the
SKU changed since the clerk read it (shared PostgreSQL books).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from jdstock_desktop.domain.limits import MAX_MONEY, MAX_QUANTITY
from jdstock_desktop.domain.text import clean_text, rule_for
from jdstock_desktop.errors import BadInput, Conflict, NotFound, Refused
from jdstock_desktop.services.stock_grid import common_filter, search_key, text_filter
from jdstock_desktop.storage.db import Book
from jdstock_desktop.storage.models import CategoryStandard, Product
from jdstock_desktop.storage.raw_rows import fetch_plain

MAX_SPOT_HOURS = 48  # SPEC §2: spot ships within 48 h
MAX_INT = MAX_QUANTITY
IN_CHUNK = 900  # parameters per IN (…): below SQLite's old 999 limit


# -- fields --------------------------------------------------------------------------------------


class Kind(Enum):
    TEXT = "text"
    MONEY = "money"
    DECIMAL = "decimal"
    HOURS = "hours"
    COUNT = "count"
    FLAG = "flag"


@dataclass(frozen=True, slots=True)
class FieldSpec:
    key: str  # Product attribute
    label: str  # Chinese, as in the form and in refusals
    kind: Kind
    max_length: int = 0  # TEXT
    places: int = 2  # MONEY / DECIMAL
    digits: int = 12  # MONEY / DECIMAL: Numeric(precision) − places
    required: bool = False  # TEXT: may not be blank; HOURS: may not be blank
    upper: Decimal | None = None  # DECIMAL bound (tax rate ≤ 100)


# In form order; every attribute of Product the clerk may set (id and version are the book's).
FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("code", "商品编码", Kind.TEXT, 64, required=True),
    FieldSpec("jd_sku", "京东SKU", Kind.TEXT, 64),
    FieldSpec("name", "商品名称", Kind.TEXT, 300, required=True),
    FieldSpec("brand", "品牌", Kind.TEXT, 100),
    FieldSpec("model", "型号", Kind.TEXT, 100),
    FieldSpec("spec", "规格", Kind.TEXT, 300),
    FieldSpec("category1", "一级类目", Kind.TEXT, 100),
    FieldSpec("category2", "二级类目", Kind.TEXT, 100),
    FieldSpec("category3", "三级类目", Kind.TEXT, 100),
    FieldSpec("unit", "单位", Kind.TEXT, 20),
    FieldSpec("barcode", "条码", Kind.TEXT, 32),
    FieldSpec("purchase_price", "采购价", Kind.MONEY),
    FieldSpec("jd_price", "京东价", Kind.MONEY),
    FieldSpec("market_price", "市场价", Kind.MONEY),
    FieldSpec("tax_rate", "税率(%)", Kind.DECIMAL, places=2, digits=3, upper=Decimal(100)),
    FieldSpec("weight_kg", "重量(kg)", Kind.DECIMAL, places=3, digits=9),
    FieldSpec("length_cm", "长(cm)", Kind.DECIMAL, places=1, digits=9),
    FieldSpec("width_cm", "宽(cm)", Kind.DECIMAL, places=1, digits=9),
    FieldSpec("height_cm", "高(cm)", Kind.DECIMAL, places=1, digits=9),
    FieldSpec("packing_list", "包装清单", Kind.TEXT, 0),
    FieldSpec("warranty", "质保", Kind.TEXT, 100),
    FieldSpec("origin", "产地", Kind.TEXT, 100),
    FieldSpec("manufacturer", "生产厂家", Kind.TEXT, 200),
    FieldSpec("listed", "上柜状态", Kind.FLAG),
    FieldSpec("spot_hours", "现货时效(小时)", Kind.HOURS, required=True),
    FieldSpec("futures_hours", "期货时效(小时)", Kind.HOURS),
    FieldSpec("preorder", "无货预定", Kind.FLAG),
    FieldSpec("futures_quota", "可期货库存", Kind.COUNT),
    FieldSpec("labels", "标签", Kind.TEXT, 300),
    FieldSpec("violation", "违规", Kind.FLAG),
)
FIELD_BY_KEY = {f.key: f for f in FIELDS}

# What an omitted field means for a new SKU (the model's defaults).
NEW_DEFAULTS: dict[str, object] = {
    **{f.key: "" for f in FIELDS if f.kind is Kind.TEXT},
    **{f.key: None for f in FIELDS if f.kind in (Kind.MONEY, Kind.DECIMAL)},
    "listed": False,
    "spot_hours": MAX_SPOT_HOURS,
    "futures_hours": None,
    "preorder": False,
    "futures_quota": 0,
    "violation": False,
}

_NUMBER = re.compile(r"\d+(\.\d*)?|\.\d+")
_GROUPED = re.compile(r"\d{1,3}(,\d{3})+(\.\d*)?")  # 1,200.50 as Excel shows it
_MONEY_MARKS = ("¥", "￥", "元", "RMB", "rmb")
_HOURS_MARKS = ("小时", "h", "H")


def _fold(value: str) -> str:
    """Full-width digits and signs (Chinese IMEs type them) as ASCII, stripped."""
    return unicodedata.normalize("NFKC", value).strip()


def _parse_decimal(spec: FieldSpec, value: object) -> Decimal | None:
    if value is None or isinstance(value, bool):
        if value is None:
            return None
        raise BadInput(f"{spec.label}「{value}」不是数字")
    if isinstance(value, Decimal | int | float):
        number = Decimal(str(value))
        shown = str(value)
    else:
        shown = str(value).strip()
        text = _fold(shown)
        marks = _MONEY_MARKS if spec.kind is Kind.MONEY else ("%",) if spec.upper else ()
        for mark in marks:
            text = text.replace(mark, "").strip()
        if not text:
            return None
        if text.startswith("-") and _NUMBER.fullmatch(text[1:].strip()):
            raise BadInput(f"{spec.label}不能为负数（{shown}）")
        if _GROUPED.fullmatch(text):
            text = text.replace(",", "")
        if not _NUMBER.fullmatch(text):
            what = "金额" if spec.kind is Kind.MONEY else "数字"
            raise BadInput(f"{spec.label}「{shown}」不是有效的{what}")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise BadInput(f"{spec.label}「{shown}」不是有效的数字") from None
    if number < 0:
        raise BadInput(f"{spec.label}不能为负数（{shown}）")
    exponent = number.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > spec.places:
        raise BadInput(f"{spec.label}「{shown}」最多 {spec.places} 位小数")
    if spec.upper is not None and number > spec.upper:
        raise BadInput(f"{spec.label}「{shown}」不能超过 {spec.upper}")
    if number >= Decimal(10) ** spec.digits or (spec.kind is Kind.MONEY and number > MAX_MONEY):
        limit = f"{MAX_MONEY:,}" if spec.kind is Kind.MONEY else f"{Decimal(10) ** spec.digits:,}"
        raise BadInput(f"{spec.label}「{shown}」过大（上限 {limit}）")
    return number.quantize(Decimal(1).scaleb(-spec.places))


def _parse_int(spec: FieldSpec, value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool):
        raise BadInput(f"{spec.label}「{value}」不是整数")
    if isinstance(value, int):
        number, shown = value, str(value)
    elif isinstance(value, Decimal | float) and value == int(value):
        number, shown = int(value), str(value)
    else:
        shown = str(value).strip()
        text = _fold(shown)
        if spec.kind is Kind.HOURS:
            for mark in _HOURS_MARKS:
                text = text.removesuffix(mark).strip()
        text = text.replace(",", "") if _GROUPED.fullmatch(text) else text
        if not text:
            return None
        if re.fullmatch(r"-\s*\d+(\.0*)?", text):
            raise BadInput(f"{spec.label}不能为负数（{shown}）")
        m = re.fullmatch(r"(\d+)(\.0*)?", text)
        if m is None:
            raise BadInput(f"{spec.label}「{shown}」不是整数")
        number = int(m.group(1))
    if number < 0:
        raise BadInput(f"{spec.label}不能为负数（{shown}）")
    if number > MAX_INT:
        raise BadInput(f"{spec.label}「{shown}」过大（上限 {MAX_INT:,}）")
    return number


_TRUE = {"1", "true", "yes", "y", "是", "上柜", "开", "开启", "on"}
_FALSE = {"0", "false", "no", "n", "否", "下柜", "关", "关闭", "off", ""}


def _parse_flag(spec: FieldSpec, value: object) -> bool:
    if isinstance(value, bool):
        return value
    if value is None:
        return False
    text = _fold(str(value)).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise BadInput(f"{spec.label}「{value}」应为 是/否")


def parse_field(key: str, value: object) -> object:
    """One field as stored; BadInput (Chinese, naming the field) when it breaks a rule."""
    spec = FIELD_BY_KEY[key]
    if spec.kind is Kind.TEXT:
        text = "" if value is None else str(value).strip()
        text = clean_text(rule_for(spec.label), text, spec.label)
        if spec.required and not text:
            raise BadInput(f"{spec.label}不能为空")
        if spec.max_length and len(text) > spec.max_length:
            raise BadInput(f"{spec.label}「{text[:20]}…」超过 {spec.max_length} 个字符")
        return text
    if spec.kind in (Kind.MONEY, Kind.DECIMAL):
        return _parse_decimal(spec, value)
    if spec.kind is Kind.FLAG:
        return _parse_flag(spec, value)
    number = _parse_int(spec, value)
    if key == "spot_hours":
        if number is None:
            raise BadInput(f"{spec.label}不能为空（现货须在 {MAX_SPOT_HOURS} 小时内发货）")
        if number > MAX_SPOT_HOURS:
            raise BadInput(
                f"{spec.label} {number} 小时超过 {MAX_SPOT_HOURS} 小时：现货必须在 "
                f"{MAX_SPOT_HOURS} 小时内发货，更长的时效请填在期货时效"
            )
    if key == "futures_hours" and number == 0:
        raise BadInput(f"{spec.label}须为正整数（不设期货时效请留空）")
    if key == "futures_quota" and number is None:
        return 0
    return number


# -- breaches (rules 20 and 21) ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Breach:
    rule: int
    field: str  # the Product attribute to fix
    message: str  # Chinese, names the standard


def breaches_of(
    *,
    category3: str,
    futures_hours: int | None,
    standard_hours: int | None,
    preorder: bool,
    futures_quota: int,
) -> list[Breach]:
    """What is wrong with one SKU's ship-time settings; pure, shared by table, form and report."""
    out = []
    if futures_hours is not None and standard_hours is not None and futures_hours > standard_hours:
        out.append(
            Breach(
                21,
                "futures_hours",
                f"期货时效 {futures_hours} 小时，超过三级类目「{category3}」的标准 "
                f"{standard_hours} 小时（规则 21）",
            )
        )
    if preorder and futures_quota <= 0:
        out.append(
            Breach(
                20,
                "futures_quota",
                "已开通无货预定，但可期货库存为 0：客户无法预定（规则 20）",
            )
        )
    return out


# -- one SKU -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ProductRecord:
    """Every field of one SKU as stored, with its version and the standard of its category."""

    code: str
    jd_sku: str
    name: str
    brand: str
    model: str
    spec: str
    category1: str
    category2: str
    category3: str
    unit: str
    barcode: str
    purchase_price: Decimal | None
    jd_price: Decimal | None
    market_price: Decimal | None
    tax_rate: Decimal | None
    weight_kg: Decimal | None
    length_cm: Decimal | None
    width_cm: Decimal | None
    height_cm: Decimal | None
    packing_list: str
    warranty: str
    origin: str
    manufacturer: str
    listed: bool
    spot_hours: int
    futures_hours: int | None
    preorder: bool
    futures_quota: int
    labels: str
    violation: bool
    version: int
    standard_hours: int | None = None
    breaches: tuple[Breach, ...] = field(default=())

    def value(self, key: str) -> object:
        return getattr(self, key)


def _record(p: Product, standard: int | None) -> ProductRecord:
    values = {f.key: getattr(p, f.key) for f in FIELDS}
    return ProductRecord(
        **values,
        version=p.version,
        standard_hours=standard,
        breaches=tuple(
            breaches_of(
                category3=p.category3,
                futures_hours=p.futures_hours,
                standard_hours=standard,
                preorder=p.preorder,
                futures_quota=p.futures_quota,
            )
        ),
    )


def _standard(s: Session, category3: str) -> int | None:
    if not category3:
        return None
    return s.scalar(
        select(CategoryStandard.ship_hours).where(CategoryStandard.category3 == category3)
    )


def get_product(book: Book, code: str) -> ProductRecord:
    with book.read() as s:
        p = s.scalar(select(Product).where(Product.code == str(code).strip()))
        if p is None:
            raise NotFound(f"未知商品编码「{code}」")
        return _record(p, _standard(s, p.category3))


def get_products(book: Book, codes: Iterable[str]) -> dict[str, ProductRecord]:
    """Records by code for a few SKUs (an order's lines) in two queries; unknown codes left out."""
    wanted = sorted({str(c).strip() for c in codes})
    out: dict[str, ProductRecord] = {}
    with book.read() as s:
        standards = category_standards_in(s)
        for start in range(0, len(wanted), IN_CHUNK):
            chunk = wanted[start : start + IN_CHUNK]
            for p in s.scalars(select(Product).where(Product.code.in_(chunk))):
                out[p.code] = _record(p, standards.get(p.category3))
    return out


def category_standards_in(s: Session) -> dict[str, int]:
    rows = s.execute(select(CategoryStandard.category3, CategoryStandard.ship_hours))
    return {cat: hours for cat, hours in rows if hours is not None}


def category_standards(book: Book) -> dict[str, int]:
    """三级类目 → ship-time standard in hours, for the categories that have one."""
    with book.read() as s:
        return category_standards_in(s)


def save_product(
    book: Book,
    values: Mapping[str, object],
    expected_version: int | None,
    *,
    original_code: str | None = None,
) -> ProductRecord:
    """Create (expected_version None) or update one SKU in one transaction.

    `values` maps Product attributes to the clerk's text or typed values; for an update only the
    keys given change. The SKU updated is `original_code` (default: values["code"]), so a clerk
    can correct a mistyped code. Refusals are BadInput naming the field; Conflict when the SKU's
    version is no longer `expected_version`.
    """
    unknown = set(values) - set(FIELD_BY_KEY)
    if unknown:
        raise ValueError(f"unknown product fields: {sorted(unknown)}")
    parsed = {key: parse_field(key, value) for key, value in values.items()}
    creating = expected_version is None
    if creating:
        parsed = {**NEW_DEFAULTS, **parsed}
        for key in ("code", "name"):  # required even when omitted
            parsed[key] = parse_field(key, parsed[key])
    target = str(original_code if original_code is not None else parsed.get("code", "")).strip()
    if not target:
        raise BadInput("商品编码不能为空")
    try:
        with book.transaction() as s:
            if creating:
                product = _create(s, parsed)
            else:
                product = _update(s, target, parsed, expected_version)
            s.flush()
            return _record(product, _standard(s, product.category3))
    except StaleDataError:
        raise Conflict(
            f"商品「{target}」在您修改期间已被他人修改，本次保存没有写入。请刷新后重新修改"
        ) from None
    except IntegrityError:
        # Two clerks created the same code at once: the unique index decides.
        raise BadInput(f"商品编码「{parsed.get('code', target)}」已存在，不能重复") from None


def _check_listing(product: Product, code: str) -> None:
    if product.listed and product.violation:
        raise Refused(f"商品「{code}」已标记违规，不能上柜（规则 18：违规商品须下柜、库存清零）")


def _code_taken(s: Session, code: str, current_id: int | None) -> bool:
    other = s.scalar(select(Product.id).where(Product.code == code))
    return other is not None and other != current_id


def _create(s: Session, parsed: Mapping[str, object]) -> Product:
    code = str(parsed["code"])
    if _code_taken(s, code, None):
        raise BadInput(f"商品编码「{code}」已存在，不能重复；要修改它请在列表中选中该商品")
    product = Product(**parsed)
    _check_listing(product, code)
    s.add(product)
    return product


def _update(
    s: Session, target: str, parsed: Mapping[str, object], expected_version: int | None
) -> Product:
    product = s.scalar(select(Product).where(Product.code == target))
    if product is None:
        raise NotFound(f"未知商品编码「{target}」")
    if product.version != expected_version:
        raise Conflict(
            f"商品「{target}」在您修改期间已被他人修改（您打开时为第 {expected_version} 版，"
            f"现在是第 {product.version} 版），本次保存没有写入。请刷新后重新修改"
        )
    new_code = str(parsed.get("code", target))
    if new_code != target and _code_taken(s, new_code, product.id):
        raise BadInput(f"商品编码「{new_code}」已被其他商品使用，不能改成这个编码")
    was_listed = product.listed
    for key, value in parsed.items():
        if getattr(product, key) != value:
            setattr(product, key, value)
    if product.listed and not was_listed:
        _check_listing(product, new_code)
    return product


def set_listed(book: Book, codes: Sequence[str], listed: bool) -> int:
    """上柜 / 下柜 of several SKUs in one transaction; returns how many changed.

    Set-based UPDATEs in chunks, not one ORM object per SKU: a clerk may select all 100,000.
    Each changed row's version moves on, so an open form of it saves as a Conflict.
    """
    wanted = list(dict.fromkeys(str(c).strip() for c in codes if str(c).strip()))
    if not wanted:
        raise BadInput("请先选择商品")
    changed = 0
    with book.transaction() as s:
        chunks = [wanted[i : i + IN_CHUNK] for i in range(0, len(wanted), IN_CHUNK)]
        found: set[str] = set()
        for chunk in chunks:
            found.update(s.scalars(select(Product.code).where(Product.code.in_(chunk))))
        missing = [c for c in wanted if c not in found]
        if missing:
            more = f" 等 {len(missing)} 个" if len(missing) > 1 else ""
            raise NotFound(f"未知商品编码「{missing[0]}」{more}，未做任何修改")
        if listed:
            for chunk in chunks:
                bad = s.scalar(
                    select(Product.code)
                    .where(Product.code.in_(chunk), Product.violation.is_(True))
                    .order_by(Product.code)
                    .limit(1)
                )
                if bad is not None:
                    raise Refused(
                        f"商品「{bad}」已标记违规，不能上柜（规则 18：违规商品须下柜、库存清零），"
                        "未做任何修改"
                    )
        for chunk in chunks:
            result = s.execute(
                update(Product)
                .where(Product.code.in_(chunk), Product.listed != listed)
                .values(listed=listed, version=Product.version + 1)
                .execution_options(synchronize_session=False)
            )
            changed += result.rowcount or 0  # type: ignore[attr-defined]
    return changed


@dataclass(frozen=True, slots=True)
class ProductBreach:
    code: str
    name: str
    listed: bool
    rule: int
    field: str
    message: str


def product_breaches(book: Book, *, listed_only: bool = False) -> list[ProductBreach]:
    """SKUs whose ship-time settings break rule 21 (futures over the category standard) or
    rule 20 (pre-order on with no futures quota), by code."""
    query = (
        select(
            Product.code,
            Product.name,
            Product.listed,
            Product.category3,
            Product.futures_hours,
            CategoryStandard.ship_hours,
            Product.preorder,
            Product.futures_quota,
        )
        .outerjoin(CategoryStandard, CategoryStandard.category3 == Product.category3)
        .where(
            (Product.futures_hours > CategoryStandard.ship_hours)
            | (Product.preorder.is_(True) & (Product.futures_quota <= 0))
        )
        .order_by(Product.code)
    )
    if listed_only:
        query = query.where(Product.listed.is_(True))
    out = []
    with book.read() as s:
        for code, name, listed, cat, hours, standard, preorder, quota in s.execute(query):
            for b in breaches_of(
                category3=cat,
                futures_hours=hours,
                standard_hours=standard,
                preorder=bool(preorder),
                futures_quota=quota,
            ):
                out.append(ProductBreach(code, name, bool(listed), b.rule, b.field, b.message))
    return out


# -- the whole table as arrays -------------------------------------------------------------------


class Column(Enum):
    """The columns of the 商品 table, in display order."""

    CODE = "code"
    JD_SKU = "jd_sku"
    NAME = "name"
    BRAND = "brand"
    MODEL = "model"
    CATEGORY = "category3"
    JD_PRICE = "jd_price"
    LISTED = "listed"
    SPOT_HOURS = "spot_hours"
    FUTURES_HOURS = "futures_hours"
    PREORDER = "preorder"
    FUTURES_QUOTA = "futures_quota"


class BreachFilter(Enum):
    ANY = "any"
    BREACH = "breach"  # rule 20 or 21


@dataclass(frozen=True, slots=True)
class ProductFilter:
    text: str = ""  # whitespace-separated terms, all in code, name, brand or model
    listed: bool | None = None
    category: str | None = None  # exact 三级类目
    breach: BreachFilter = BreachFilter.ANY


@dataclass(slots=True)
class ProductTable:
    """The 商品 table of the whole book, as read at one moment; one list per column."""

    codes: list[str]
    jd_skus: list[str]
    names: list[str]
    brands: list[str]
    models: list[str]
    categories: list[str]
    jd_prices: list[Any]  # Decimal / float / None as the driver gives them
    listed: list[bool]
    spot_hours: list[int]
    futures_hours: list[int | None]
    preorder: list[bool]
    futures_quota: list[int]
    standards: dict[str, int]  # 三级类目 → ship-time standard (hours)
    search: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.search:
            self.search = [self._search_text(r) for r in range(self.row_count)]

    def _search_text(self, row: int) -> str:
        return search_key(
            f"{self.codes[row]}\n{self.names[row]}\n{self.brands[row]}\n{self.models[row]}"
        )

    @classmethod
    def empty(cls) -> ProductTable:
        return cls([], [], [], [], [], [], [], [], [], [], [], [], {})

    @property
    def row_count(self) -> int:
        return len(self.codes)

    def column(self, column: Column) -> list[Any]:
        return {
            Column.CODE: self.codes,
            Column.JD_SKU: self.jd_skus,
            Column.NAME: self.names,
            Column.BRAND: self.brands,
            Column.MODEL: self.models,
            Column.CATEGORY: self.categories,
            Column.JD_PRICE: self.jd_prices,
            Column.LISTED: self.listed,
            Column.SPOT_HOURS: self.spot_hours,
            Column.FUTURES_HOURS: self.futures_hours,
            Column.PREORDER: self.preorder,
            Column.FUTURES_QUOTA: self.futures_quota,
        }[column]

    def breaches(self, row: int) -> list[Breach]:
        category = self.categories[row]
        return breaches_of(
            category3=category,
            futures_hours=self.futures_hours[row],
            standard_hours=self.standards.get(category),
            preorder=self.preorder[row],
            futures_quota=self.futures_quota[row],
        )

    def has_breach(self, row: int) -> bool:
        hours, standard = self.futures_hours[row], self.standards.get(self.categories[row])
        over = hours is not None and standard is not None and hours > standard
        return over or (self.preorder[row] and self.futures_quota[row] <= 0)

    def categories_in_use(self) -> list[str]:
        return sorted({c for c in self.categories if c})

    def row_of(self, code: str) -> int | None:
        try:
            return self.codes.index(code)
        except ValueError:
            return None

    def upsert(self, record: ProductRecord, *, row: int | None = None) -> tuple[int, bool]:
        """Put a saved SKU into the arrays (at `row`, or appended); returns (row, appended)."""
        if record.standard_hours is None:
            self.standards.pop(record.category3, None)
        else:
            self.standards[record.category3] = record.standard_hours
        appended = row is None
        if row is None:
            for column in Column:
                self.column(column).append(getattr(record, column.value))
            self.search.append("")
            row = self.row_count - 1
        else:
            for column in Column:
                self.column(column)[row] = getattr(record, column.value)
        self.search[row] = self._search_text(row)
        return row, appended

    def filter_rows(self, rows: Sequence[int], f: ProductFilter) -> list[int]:
        """The rows of `rows` (an order of all rows) that pass `f`, in that order."""
        out = common_filter(rows, self.categories, f.category, self.listed, f.listed)
        if f.breach is BreachFilter.BREACH:
            out = [r for r in out if self.has_breach(r)]
        return text_filter(out, self.search, f.text)

    def sort_order(self, column: Column, *, descending: bool = False) -> list[int]:
        """All rows ordered by one column; ties keep code order, blanks sort lowest."""
        values = self.column(column)
        keys: Sequence[Any] = values
        if column in (Column.JD_PRICE, Column.FUTURES_HOURS):
            keys = [(v is not None, v or 0) for v in values]  # blanks below every number
        by_code = sorted(range(self.row_count), key=self.codes.__getitem__)
        return sorted(by_code, key=keys.__getitem__, reverse=descending)


def list_products(book: Book) -> ProductTable:
    """Every SKU, by code, in one query (plus the few category standards)."""
    columns = [getattr(Product, c.value) for c in Column]
    with book.read() as s:
        rows = fetch_plain(s, select(*columns).order_by(Product.code))
        standards = category_standards_in(s)
    if not rows:
        table = ProductTable.empty()
        table.standards = standards
        return table
    cols = dict(zip(Column, zip(*rows, strict=True), strict=True))

    def text(column: Column) -> list[str]:
        return [v or "" for v in cols[column]]

    return ProductTable(
        codes=list(cols[Column.CODE]),
        jd_skus=text(Column.JD_SKU),
        names=list(cols[Column.NAME]),
        brands=text(Column.BRAND),
        models=text(Column.MODEL),
        categories=text(Column.CATEGORY),
        jd_prices=list(cols[Column.JD_PRICE]),
        listed=[bool(v) for v in cols[Column.LISTED]],
        spot_hours=list(cols[Column.SPOT_HOURS]),
        futures_hours=list(cols[Column.FUTURES_HOURS]),
        preorder=[bool(v) for v in cols[Column.PREORDER]],
        futures_quota=[v or 0 for v in cols[Column.FUTURES_QUOTA]],
        standards=standards,
    )
