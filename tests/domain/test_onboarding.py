"""domain/onboarding.py: the credit code (GB 32100-2015), barcodes (GS1), tax rates and the
onboarding requirements of seed 000, each with its numbers worked by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from jdstock_desktop.domain.onboarding import (
    USCC_ALPHABET,
    USCC_WEIGHTS,
    add_years,
    check_profile,
    gtin_check_digit,
    gtin_problem,
    parse_tax_rate,
    price_warning,
    uscc_check_char,
    uscc_problem,
)

TODAY = dt.date(2026, 11, 27)


# --- unified social credit code ------------------------------------------------------------------


def test_alphabet_and_weights_are_the_standards() -> None:
    # 31 characters: 0-9 and A-Z without I, O, S, V, Z; weights 3^i mod 31.
    assert USCC_ALPHABET == "0123456789" + "ABCDEFGH" + "JKLMN" + "PQR" + "TU" + "WXY"
    assert len(USCC_ALPHABET) == 31
    assert tuple(pow(3, i, 31) for i in range(17)) == USCC_WEIGHTS


def test_check_character_worked_by_hand() -> None:
    # 9 1 3 5 0 1 0 0 M 0 0 0 1 0 0 Y 4  (M = 21, Y = 30)
    # 9·1 + 1·3 + 3·9 + 5·27 + 0·19 + 1·26 + 0·16 + 0·17 + 21·20 + 0·29 + 0·25 + 0·13
    #   + 1·8 + 0·24 + 0·10 + 30·30 + 4·28
    # = 9 + 3 + 27 + 135 + 26 + 420 + 8 + 900 + 112 = 1640; 1640 mod 31 = 28; 31 - 28 = 3 -> '3'
    assert uscc_check_char("91350100M000100Y4") == "3"
    assert uscc_problem("91350100M000100Y43") is None
    # 9 1 1 1 0 1 0 8 5 5 1 3 8 5 0 8 2
    # 9 + 3 + 9 + 27 + 0 + 26 + 0 + 136 + 100 + 145 + 25 + 39 + 64 + 120 + 0 + 240 + 56 = 999
    # 999 mod 31 = 7; 31 - 7 = 24 -> alphabet[24] = 'Q'
    assert uscc_check_char("91110108551385082") == "Q"
    assert uscc_problem("91110108551385082Q") is None


def test_check_character_zero_when_the_sum_divides_by_31() -> None:
    # 9 1 3 2 0 5 0 0 6 6 3 8 1 3 0 0 M
    # 9 + 3 + 27 + 54 + 0 + 130 + 0 + 0 + 120 + 174 + 75 + 104 + 8 + 72 + 0 + 0 + 21·28 (= 588)
    # = 1364 = 44 · 31 -> (31 - 0) mod 31 = 0 -> '0', not the out-of-range 31
    assert uscc_check_char("9132050066381300M") == "0"
    assert uscc_problem("9132050066381300M0") is None


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("91350100M000100Y44", "校验位错误：第 18 位应为「3」，实际为「4」"),
        ("91110108551385082R", "第 18 位应为「Q」"),
        ("91350100M000100Y4", "应为 18 位，实际为 17 位"),
        ("91350100M000100Y433", "应为 18 位，实际为 19 位"),
        ("91350100m000100y43", "大写"),
        ("91350100O000100Y43", "不允许的字符「O」"),  # letter O, not zero
        ("91350100I000100Y43", "不允许的字符「I」"),
        ("913501X0M000100Y43", "第 3–8 位"),
        ("91350100M000100Y4３", "不允许的字符「３」"),  # full-width digit
    ],
)
def test_invalid_codes_say_why(code: str, reason: str) -> None:
    why = uscc_problem(code)
    assert why is not None and reason in why


def test_one_changed_character_is_always_caught() -> None:
    # The weights are all non-zero mod 31 (a prime), so any single substitution moves the sum.
    good = "91350100M000100Y43"
    for i in range(17):
        for c in "0123456789ABCDEFGHJKLMNPQRTUWXY":
            if c == good[i] or (2 <= i < 8 and not c.isdigit()):
                continue
            bad = good[:i] + c + good[i + 1 :]
            assert uscc_problem(bad) is not None, bad


# --- barcodes ------------------------------------------------------------------------------------


def test_ean13_check_digit_worked_by_hand() -> None:
    # 6 9 0 1 2 3 4 5 6 7 8 9: from the right, weights 3, 1, 3, …
    # 9·3 + 8·1 + 7·3 + 6·1 + 5·3 + 4·1 + 3·3 + 2·1 + 1·3 + 0·1 + 9·3 + 6·1
    # = 27 + 8 + 21 + 6 + 15 + 4 + 9 + 2 + 3 + 0 + 27 + 6 = 128 -> 130 - 128 = 2
    assert gtin_check_digit("690123456789") == "2"
    assert gtin_problem("6901234567892") is None
    # 4006381333931 (a published EAN): 4 0 0 6 3 8 1 3 3 3 9 3 read from the right
    # 3·3 + 9·1 + 3·3 + 3·1 + 3·3 + 1·1 + 8·3 + 3·1 + 6·3 + 0·1 + 0·3 + 4·1
    # = 9 + 9 + 9 + 3 + 9 + 1 + 24 + 3 + 18 + 0 + 0 + 4 = 89 -> 90 - 89 = 1
    assert gtin_check_digit("400638133393") == "1"
    assert gtin_problem("4006381333931") is None
    assert gtin_problem("96385074") is None  # EAN-8
    assert gtin_problem("036000291452") is None  # UPC-A
    assert gtin_problem("10614141000415") is None  # GTIN-14 (GS1 example)


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("6901234567893", "最后一位应为 2，实际为 3"),
        ("690123456789", "最后一位应为"),  # 12 digits: read as UPC-A, whose check fails
        ("69012345678", "实际为 11 位"),
        ("69012345678A2", "只含数字"),
        ("６９０１２３４５６７８９２", "只含数字"),  # full-width digits
    ],
)
def test_bad_barcodes_say_why(code: str, reason: str) -> None:
    why = gtin_problem(code)
    assert why is not None and reason in why


# --- tax rate ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rate"),
    [
        ("13%", 13),
        ("13", 13),
        ("0.13", 13),
        ("9％", 9),
        ("0.06", 6),
        ("3 %", 3),
        ("0%", 0),
        ("0", 0),
    ],
)
def test_tax_rate_forms(text: str, rate: int) -> None:
    assert parse_tax_rate(text) == Decimal(rate)


@pytest.mark.parametrize("text", ["16%", "0.16", "abc", "", "13%%", "-13%"])
def test_tax_rate_refusals(text: str) -> None:
    with pytest.raises(ValueError, match="税率应为 13%/9%/6%/3%/0% 之一"):
        parse_tax_rate(text)


# --- the profile ---------------------------------------------------------------------------------

GOOD = {
    "credit_code": "91350100M000100Y43",
    "taxpayer_type": "一般纳税人",
    "established": dt.date(2020, 5, 1),
    "trademark_no": "12345678",
}


def messages(fields: dict[str, object], quals: list[dict[str, object]] | None = None) -> list[str]:
    return [f.message for f in check_profile(fields, quals or [], TODAY)]


def test_a_complete_profile_has_no_findings() -> None:
    assert check_profile(GOOD, [], TODAY) == []


def test_missing_requirements_are_warnings() -> None:
    found = check_profile({}, [], TODAY)
    assert [f.field for f in found] == [
        "credit_code",
        "taxpayer_type",
        "established",
        "trademark_no",
    ]
    assert not any(f.error for f in found)


def test_small_taxpayer_is_flagged() -> None:
    assert messages({**GOOD, "taxpayer_type": "小规模纳税人"}) == [
        "纳税人类型为「小规模纳税人」：入驻一般要求一般纳税人"
    ]


def test_two_years_since_establishment() -> None:
    # Established 2024-11-27: two full years on 2026-11-27 (today) -> fine; one day later -> not.
    assert messages({**GOOD, "established": dt.date(2024, 11, 27)}) == []
    assert messages({**GOOD, "established": dt.date(2024, 11, 28)}) == [
        "成立未满 2 年（成立于 2024-11-28，2026-11-28 起满 2 年）"
    ]


def test_leap_day_anniversary() -> None:
    # 2024-02-29 + 2 years: no 29 Feb in 2026, the second year is complete on 1 March.
    assert add_years(dt.date(2024, 2, 29), 2) == dt.date(2026, 3, 1)
    assert add_years(dt.date(2024, 2, 28), 2) == dt.date(2026, 2, 28)


def test_acceptance_notice_is_enough() -> None:
    fields = {**GOOD, "trademark_no": None, "trademark_notice_no": "TMZC12345678"}
    assert messages(fields) == []
    assert messages({**GOOD, "trademark_no": "  "}) == [
        "缺少商标注册号或商标受理通知书号（入驻须有其一）"
    ]


def test_wrong_credit_code_is_an_error() -> None:
    [f] = check_profile({**GOOD, "credit_code": "91350100M000100Y44"}, [], TODAY)
    assert f.error and f.field == "credit_code"


def test_expired_certificates_and_contract_dates() -> None:
    fields = {
        **GOOD,
        "trademark_expiry": dt.date(2026, 11, 26),
        "contract_start": dt.date(2026, 1, 1),
        "contract_end": dt.date(2025, 12, 31),
    }
    quals = [
        {"name": "3C 认证", "expiry": dt.date(2026, 1, 1)},
        {"name": "生产许可证", "expiry": TODAY},  # valid through today
    ]
    found = check_profile(fields, quals, TODAY)
    assert [(f.message, f.error) for f in found] == [
        ("商标已于 2026-11-26 过期", False),
        ("合同到期日 2025-12-31 早于开始日期 2026-01-01", True),
        ("行业资质「3C 认证」已于 2026-01-01 过期", False),
    ]


def test_price_below_purchase_price() -> None:
    assert price_warning(Decimal("10.00"), Decimal("9.99")) == "京东价 9.99 低于采购价 10.00"
    assert price_warning(Decimal("10"), Decimal("10.00")) is None
    assert price_warning(None, Decimal("1")) is None
