"""The onboarding checks of JD Huicai (seed 000): who may join, and which codes are well formed.

Plain functions over plain values. The supplier profile is a mapping keyed by the names below;
the form declaration (sheets/onboarding_forms.py) uses the same names, so a check and the field it
checks cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

# --- profile keys the checks read ----------------------------------------------------------------

CREDIT_CODE = "credit_code"
TAXPAYER_TYPE = "taxpayer_type"
ESTABLISHED = "established"
TRADEMARK_NO = "trademark_no"
TRADEMARK_NOTICE_NO = "trademark_notice_no"
TRADEMARK_EXPIRY = "trademark_expiry"
CONTRACT_START = "contract_start"
CONTRACT_END = "contract_end"
QUALIFICATION_NAME = "name"
QUALIFICATION_EXPIRY = "expiry"

GENERAL_TAXPAYER = "一般纳税人"
SMALL_TAXPAYER = "小规模纳税人"
MIN_YEARS = 2  # 走主站采销入驻公司需要满两年

# --- unified social credit code (GB 32100-2015) --------------------------------------------------

# 31 characters: the digits and the capitals without I, O, S, V, Z (easily misread).
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)  # 3^i mod 31
USCC_LENGTH = 18


def uscc_check_char(first17: str) -> str:
    """The 18th character for the first 17: 31 - (Σ value × weight mod 31), 31 read as 0."""
    if len(first17) != USCC_LENGTH - 1 or any(c not in USCC_ALPHABET for c in first17):
        raise ValueError(f"need 17 characters of the USCC alphabet, got {first17!r}")
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def uscc_problem(code: str) -> str | None:
    """Why `code` is not a unified social credit code, in the clerk's words; None when it is."""
    if len(code) != USCC_LENGTH:
        return f"统一社会信用代码应为 18 位，实际为 {len(code)} 位"
    if code != code.upper():
        return "统一社会信用代码应使用大写字母"
    bad = [c for c in code if c not in USCC_ALPHABET]
    if bad:
        shown = "、".join(dict.fromkeys(bad))
        return f"统一社会信用代码含有不允许的字符「{shown}」（不使用 I、O、S、V、Z）"
    if not code[2:8].isdigit():
        return "统一社会信用代码第 3–8 位应为登记管理机关行政区划码（6 位数字）"
    want = uscc_check_char(code[:17])
    if code[17] != want:
        return f"统一社会信用代码校验位错误：第 18 位应为「{want}」，实际为「{code[17]}」"
    return None


# --- barcodes (GS1 GTIN: EAN-8, UPC-A, EAN-13, GTIN-14) ------------------------------------------

GTIN_LENGTHS = (8, 12, 13, 14)


def gtin_check_digit(body: str) -> str:
    """Check digit for the digits before it: weights 3, 1, 3, … from the right, up to a
    multiple of 10."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return str(-total % 10)


def gtin_problem(code: str) -> str | None:
    """Why `code` is not an EAN-13 / GTIN barcode; None when it is."""
    if not code.isascii() or not code.isdigit():
        return f"条形码应只含数字，实际为「{code}」"
    if len(code) not in GTIN_LENGTHS:
        return f"条形码应为 13 位（EAN-13；也接受 8/12/14 位 GTIN），实际为 {len(code)} 位"
    want = gtin_check_digit(code[:-1])
    if code[-1] != want:
        return f"条形码校验位错误：最后一位应为 {want}，实际为 {code[-1]}"
    return None


# --- tax rate ------------------------------------------------------------------------------------

TAX_RATES = (Decimal(13), Decimal(9), Decimal(6), Decimal(3), Decimal(0))  # VAT, percent


def tax_rate_label(rate: Decimal) -> str:
    return f"{rate.normalize():f}%"


def parse_tax_rate(text: str) -> Decimal:
    """'13%', '13', 13 or 0.13 (Excel turns a typed 13% into 0.13) -> Decimal(13); ValueError
    with the clerk's reason otherwise. No allowed rate lies strictly between 0 and 1, so a
    fraction is unambiguous."""
    s = text.strip().replace("％", "%")
    try:
        value = Decimal(s[:-1].strip() if s.endswith("%") else s)
    except InvalidOperation:
        value = None
    if value is not None and not s.endswith("%") and 0 < value < 1:
        value *= 100
    if value is None or value not in TAX_RATES:
        allowed = "/".join(tax_rate_label(r) for r in TAX_RATES)
        raise ValueError(f"税率应为 {allowed} 之一，实际为「{text}」")
    return next(r for r in TAX_RATES if r == value)


# --- the profile ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing to fix before JD's buyer (采销) sees the form. `error` blocks saving."""

    field: str  # profile key ("" for the whole profile)
    message: str
    error: bool = False


def add_years(day: dt.date, years: int) -> dt.date:
    """The same calendar day `years` later; 29 Feb becomes 1 Mar (the year is then complete).
    Past the calendar's end (9999-12-31, written for 长期): the last day there is."""
    if day.year + years > dt.MAXYEAR:
        return dt.date.max
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return dt.date(day.year + years, 3, 1)


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def check_profile(
    fields: Mapping[str, object],
    qualifications: Sequence[Mapping[str, object]],
    today: dt.date,
) -> list[Finding]:
    """What the onboarding requirements flag in a supplier profile: a wrong credit code is an
    error; a missing or short requirement (general taxpayer, two years since establishment,
    trademark or acceptance notice, expired certificates) is a warning to act on."""
    out: list[Finding] = []
    code = _text(fields.get(CREDIT_CODE))
    if not code:
        out.append(Finding(CREDIT_CODE, "未填写统一社会信用代码"))
    elif (why := uscc_problem(code)) is not None:
        out.append(Finding(CREDIT_CODE, why, error=True))

    taxpayer = _text(fields.get(TAXPAYER_TYPE))
    if not taxpayer:
        out.append(Finding(TAXPAYER_TYPE, "未填写纳税人类型：入驻京东慧采一般要求一般纳税人"))
    elif taxpayer != GENERAL_TAXPAYER:
        out.append(Finding(TAXPAYER_TYPE, f"纳税人类型为「{taxpayer}」：入驻一般要求一般纳税人"))

    established = fields.get(ESTABLISHED)
    if not isinstance(established, dt.date):
        out.append(Finding(ESTABLISHED, f"未填写成立日期：经主站采销入驻要求成立满 {MIN_YEARS} 年"))
    elif established > today:
        out.append(Finding(ESTABLISHED, f"成立日期 {established} 晚于今天，请核对"))
    else:
        due = add_years(established, MIN_YEARS)
        if due > today:
            out.append(
                Finding(
                    ESTABLISHED,
                    f"成立未满 {MIN_YEARS} 年（成立于 {established}，{due} 起满 {MIN_YEARS} 年）",
                )
            )

    if not _text(fields.get(TRADEMARK_NO)) and not _text(fields.get(TRADEMARK_NOTICE_NO)):
        out.append(Finding(TRADEMARK_NO, "缺少商标注册号或商标受理通知书号（入驻须有其一）"))
    expiry = fields.get(TRADEMARK_EXPIRY)
    if isinstance(expiry, dt.date) and expiry < today:
        out.append(Finding(TRADEMARK_EXPIRY, f"商标已于 {expiry} 过期"))

    start, end = fields.get(CONTRACT_START), fields.get(CONTRACT_END)
    if isinstance(start, dt.date) and isinstance(end, dt.date) and end < start:
        out.append(Finding(CONTRACT_END, f"合同到期日 {end} 早于开始日期 {start}", error=True))

    for i, q in enumerate(qualifications, 1):
        q_expiry = q.get(QUALIFICATION_EXPIRY)
        if isinstance(q_expiry, dt.date) and q_expiry < today:
            name = _text(q.get(QUALIFICATION_NAME)) or f"第 {i} 项"
            out.append(Finding("qualifications", f"行业资质「{name}」已于 {q_expiry} 过期"))
    return out


def price_warning(purchase: Decimal | None, jd_price: Decimal | None) -> str | None:
    """JD price below the purchase price: a sale at a loss to JD, worth a second look."""
    if purchase is not None and jd_price is not None and jd_price < purchase:
        return f"京东价 {jd_price} 低于采购价 {purchase}"
    return None
