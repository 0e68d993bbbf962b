"""Issue 6: a bounded fuzz test over mutated 分区库存 files. Whatever the bytes, import_sheet
either imports or refuses with SheetErrors (a BadInput) and changes nothing; the annotated copy
of a refused file is still written. Derandomized: the same cases run every time."""

from __future__ import annotations

import io
import time
import zipfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from jdstock_desktop.errors import SheetErrors
from jdstock_desktop.services.forms.importing import import_sheet
from jdstock_desktop.services.forms.table import export_sheet
from jdstock_desktop.services.stock import StockEdit, check_book, submit_stock_changes
from jdstock_desktop.sheets.annotate import write_annotated_copy
from jdstock_desktop.sheets.forms import REGIONAL_STOCK
from jdstock_desktop.storage.db import Book, open_book
from jdstock_desktop.storage.models import LedgerEntry, Product, Stock
from tests.helpers import add_product, add_warehouse

MAX_EXAMPLES = 200
BUDGET_SECONDS = 30.0
OUTCOMES: Counter[str] = Counter()

# Text that makes XML parsers and cell readers work hard, spliced into the parts of the file.
NASTY = (
    '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>',
    "&b;",
    "&a;",
    "&#0;",
    "&#x110000;",
    "<",
    ">",
    "&",
    '"',
    "'",
    "\x00",
    "\ufeff",
    "]]>",
    "<![CDATA[x]]>",
    '<c r="XFD1048576"><v>1</v></c>',
    '<row r="1048576"><c r="C1048576"><v>1</v></c></row>',
    '<c r="ZZ99999"><v>1</v></c>',
    '<c r="C2" t="s"><v>99999</v></c>',
    '<c r="C2" t="e"><v>#REF!</v></c>',
    '<c r="C2" t="b"><v>1</v></c>',
    '<c r="C2" t="d"><v>2026-13-45</v></c>',
    '<c r="C2"><f>1/0</f></c>',
    "<v>1e308</v>",
    "<v>-1</v>",
    "<v>NaN</v>",
    "<v>4.5</v>",
    '<mergeCell ref="A1:C3"/>',
    '<dimension ref="A1:XFD1048576"/>',
    '<sheet name="分区库存" sheetId="9" r:id="rId99"/>',
    "=cmd|' /C calc'!A0",
    "9" * 30,
    "商品编码",
    "</row>",
    "</sheetData>",
)


def _snapshot(book: Book) -> tuple[object, ...]:
    with book.read() as s:
        return (
            s.scalar(select(func.count()).select_from(LedgerEntry)),
            tuple(
                sorted(
                    s.execute(
                        select(Stock.product_id, Stock.warehouse_id, Stock.on_hand, Stock.version)
                    ).all()
                )
            ),
            s.scalar(select(func.count()).select_from(Product)),
        )


class _Corpus:
    """One book with stock and a valid export of it: the seed every case mutates."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.book = open_book(folder / "fuzz.sqlite3", operator="测试员")
        for name in ("华东仓", "华南仓", "华北仓"):
            add_warehouse(self.book, name)
        codes = [f"F{i:03d}" for i in range(12)]
        for code in codes:
            add_product(self.book, code)
        edits = [
            StockEdit(code, wh, (i * 7 + j) % 20)
            for i, code in enumerate(codes)
            for j, wh in enumerate(("华东仓", "华南仓", "华北仓"))
        ]
        submit_stock_changes(self.book, edits)
        seed = folder / "seed.xlsx"
        export_sheet(self.book, REGIONAL_STOCK, seed)
        self.seed = seed.read_bytes()
        with zipfile.ZipFile(io.BytesIO(self.seed)) as z:
            self.members = [(i.filename, z.read(i.filename)) for i in z.infolist()]
        self.n = 0


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[_Corpus]:
    c = _Corpus(tmp_path_factory.mktemp("fuzz"))
    yield c
    c.book.close()


@st.composite
def byte_mutations(draw: st.DrawFn, seed: bytes) -> bytes:
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(("flip", "insert", "delete", "truncate")))
        pos = draw(st.integers(0, len(data) - 1))
        if op == "flip":
            data[pos] ^= draw(st.integers(1, 255))
        elif op == "insert":
            data[pos:pos] = draw(st.binary(min_size=1, max_size=16))
        elif op == "delete":
            del data[pos : pos + draw(st.integers(1, 64))]
        else:
            del data[max(pos, 1) :]
        if len(data) < 2:
            break
    return bytes(data)


@st.composite
def xml_mutations(draw: st.DrawFn, members: list[tuple[str, bytes]]) -> bytes:
    """The zip rebuilt well-formed (CRC right), with the text of one or more parts mutated."""
    parts = dict(members)
    names = [n for n, _ in members if n.endswith((".xml", ".rels"))]
    for _ in range(draw(st.integers(1, 4))):
        name = draw(st.sampled_from(names))
        text = parts[name].decode("utf-8")
        pos = draw(st.integers(0, len(text)))
        op = draw(st.sampled_from(("nasty", "text", "delete", "replace_tag")))
        if op == "nasty":
            text = text[:pos] + draw(st.sampled_from(NASTY)) + text[pos:]
        elif op == "text":
            text = text[:pos] + draw(st.text(min_size=1, max_size=8)) + text[pos:]
        elif op == "delete":
            text = text[:pos] + text[pos + draw(st.integers(1, 40)) :]
        else:
            old = draw(st.sampled_from(("<v>", "</c>", "<row", 'r="', "t=", "<sheet ", "Target")))
            text = text.replace(old, draw(st.sampled_from(NASTY)), draw(st.integers(1, 3)))
        parts[name] = text.encode("utf-8", "surrogatepass")
    drop = draw(st.sampled_from([None, None, None, *parts]))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            if name != drop:
                z.writestr(name, data)
    return out.getvalue()


def _cases(corpus: _Corpus) -> st.SearchStrategy[bytes]:
    return st.one_of(byte_mutations(corpus.seed), xml_mutations(corpus.members))


def test_seed_imports_unchanged(corpus: _Corpus) -> None:
    path = corpus.folder / "seed-again.xlsx"
    path.write_bytes(corpus.seed)
    report = import_sheet(corpus.book, REGIONAL_STOCK, path)
    assert report.rows == 36 and not report.changed


def test_mutated_files_import_or_are_refused_cleanly(corpus: _Corpus) -> None:
    started = time.monotonic()

    @settings(
        max_examples=MAX_EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(data=st.data())
    def case(data: st.DataObject) -> None:
        blob = data.draw(_cases(corpus))
        corpus.n += 1
        path = corpus.folder / f"case{corpus.n}.xlsx"
        path.write_bytes(blob)
        before = _snapshot(corpus.book)
        try:
            import_sheet(corpus.book, REGIONAL_STOCK, path)
        except SheetErrors as err:
            OUTCOMES["refused"] += 1
            assert err.problems and "导入失败" in str(err)
            assert _snapshot(corpus.book) == before
            write_annotated_copy(
                path, corpus.folder / "annotated.xlsx", err.problems, REGIONAL_STOCK
            )
        else:
            OUTCOMES["imported"] += 1
        assert check_book(corpus.book) == []
        path.unlink()

    case()
    elapsed = time.monotonic() - started
    print(f"fuzz: {corpus.n} cases in {elapsed:.1f}s: {dict(OUTCOMES)}")
    assert corpus.n >= MAX_EXAMPLES // 2
    assert elapsed < BUDGET_SECONDS
