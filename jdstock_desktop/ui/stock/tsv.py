"""Clipboard text as Excel and WPS exchange it, and quantities as clerks type them.

Plain Python (no Qt) so the rules are easy to test: Excel copies a block as tab-separated lines
ending in CRLF, quoting a cell only when it holds a tab, a newline or a quote.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Sequence

# The stock columns are 32-bit integers on PostgreSQL.
MAX_QUANTITY = 2_147_483_647

_PLAIN = re.compile(r"\d+")
_GROUPED = re.compile(r"\d{1,3}(,\d{3})+")  # 1,200 as Excel shows it with a thousands format
_WHOLE_DECIMAL = re.compile(r"(\d+)\.0*")  # 12.0 from a cell formatted with decimals
_NEGATIVE = re.compile(r"-\s*\d[\d,]*(\.\d*)?")


class QuantityError(ValueError):
    """A typed or pasted quantity that cannot be on-hand stock; the message is for the clerk."""


def parse_quantity(text: str) -> int | None:
    """Whole units ≥ 0, or None for a blank cell (which changes nothing)."""
    t = unicodedata.normalize("NFKC", text).strip()
    if not t:
        return None
    if _PLAIN.fullmatch(t):
        value = int(t)
    elif _GROUPED.fullmatch(t):
        value = int(t.replace(",", ""))
    elif m := _WHOLE_DECIMAL.fullmatch(t):
        value = int(m.group(1))
    elif _NEGATIVE.fullmatch(t):
        raise QuantityError(f"库存不能为负数（{text.strip()}）")
    else:
        raise QuantityError(f"「{text.strip()}」不是整数")
    if value > MAX_QUANTITY:
        raise QuantityError(f"数量 {value} 过大")
    return value


def parse_tsv(text: str) -> list[list[str]]:
    """A pasted block as rows of cells; the trailing line break Excel adds is not a row."""
    if not text:
        return []
    rows = list(csv.reader(io.StringIO(text.replace("\r\n", "\n")), delimiter="\t"))
    while rows and not any(cell.strip() for cell in rows[-1]):
        rows.pop()
    return rows


def format_tsv(rows: Sequence[Sequence[str]]) -> str:
    """Rows as Excel puts them on the clipboard (CRLF line ends, minimal quoting)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerows(rows)
    return out.getvalue()
