"""What a code or a name may hold, and how a value is quoted back safely.

A key that looks the same as another must be the same: `ＧＹ000001` typed with a Chinese IME's
full-width letters is `GY000001`, so codes are folded (NFKC). A key must also not hold what
nobody can see: control characters (NUL, ESC…), zero-width characters and bidi marks make two
codes that print alike differ, and some of them (NUL) PostgreSQL cannot even store.
"""

from __future__ import annotations

import unicodedata
from enum import Enum

from jdstock_desktop.errors import BadInput


class Textual(Enum):
    """How a text value's characters are checked."""

    FREE = "free"  # notes, addresses: no control characters (NUL, ESC…); line breaks kept
    NAME = "name"  # names that identify: nothing invisible (controls, zero-width, bidi marks)
    CODE = "code"  # codes: as NAME, and full-width letters and digits folded (ＧＹ1 = GY1)


# What a field or column names decides how its text is checked, in every sheet and window.
CODE_LABELS = frozenset({"商品编码", "京东SKU", "订单号", "客户订单号", "库房编号", "条码"})
NAME_LABELS = frozenset(
    {"仓库名称", "发货仓", "一级类目", "二级类目", "三级类目", "品牌", "公司名称", "开票名称"}
    | {"客户", "供应商", "承运商"}
)


def rule_for(label: str) -> Textual:
    """The rule of a column or field by its Chinese label ('*品牌' as '品牌')."""
    name = label.lstrip("*").strip()
    if name in CODE_LABELS:
        return Textual.CODE
    return Textual.NAME if name in NAME_LABELS else Textual.FREE


def checked_text(rule: Textual, value: str) -> tuple[str, str | None]:
    """(`value` as stored under `rule`, why it cannot be or None): the one check behind sheet
    cells and the services alike."""
    if rule is Textual.CODE:
        value = fold_code(value)
    return value, text_problem(value) if rule is Textual.FREE else key_problem(value)


def clean_text(rule: Textual, value: str, label: str) -> str:
    """`value` (stripped) as stored under `rule`; BadInput naming `label` when it cannot be."""
    value, why = checked_text(rule, value)
    if why is not None:
        raise BadInput(f"{label}{why}")
    return value


# Format characters (Cf: zero-width space/joiners, bidi marks, BOM), controls (Cc), line and
# paragraph separators, lone surrogates; plus the blank fillers that Unicode counts as letters
# (Hangul fillers, the empty Braille cell), which str.isprintable() lets through.
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})
INVISIBLE_PRINTABLE = frozenset("\u115f\u1160\u3164\uffa0\u2800")
# Free text (notes, addresses, labels) may keep line breaks and tabs, nothing else below 0x20.
_TEXT_ALLOWED_CONTROLS = frozenset("\t\n\r")


def char_name(ch: str) -> str:
    """U+200B (ZERO WIDTH SPACE): how a character nobody can see is named in a message."""
    name = unicodedata.name(ch, "")
    return f"U+{ord(ch):04X}" + (f"（{name}）" if name else "")


def invisible_in_key(value: str) -> str | None:
    """The first character of `value` no key may hold, named; None when there is none."""
    for ch in value:
        if unicodedata.category(ch) in _INVISIBLE_CATEGORIES or ch in INVISIBLE_PRINTABLE:
            return char_name(ch)
    return None


def control_in_text(value: str) -> str | None:
    """The first control character free text may not hold (NUL, ESC…), named; None if none."""
    for ch in value:
        if (ch < " " or "\x7f" <= ch <= "\x9f") and ch not in _TEXT_ALLOWED_CONTROLS:
            return char_name(ch)
    return None


def fold_code(value: str) -> str:
    """A code as stored: full-width letters, digits and signs folded to ASCII (NFKC), spaces
    around it removed."""
    return unicodedata.normalize("NFKC", value).strip()


def key_problem(value: str) -> str | None:
    """Why `value` cannot be a code or a name (商品编码, 订单号, 仓库名称, 类目, 公司名称), in
    Chinese; None when it can."""
    found = invisible_in_key(value)
    if found is not None:
        return f"含有看不见的字符 {found}，请删除后重新输入"
    return None


def text_problem(value: str) -> str | None:
    found = control_in_text(value)
    if found is not None:
        return f"含有控制字符 {found}，请删除后重新输入"
    return None


def printable(text: str) -> str:
    """`text` with every control or invisible character shown as <U+XXXX>, line breaks and tabs
    kept: a message never sends an escape sequence to the clerk's terminal."""
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if ch in "\n\t" or (ch.isprintable() and invisible_in_key(ch) is None):
            out.append(ch)
        else:
            out.append(f"<U+{ord(ch):04X}>")
    return "".join(out)
