"""Small builders shared by tests: rows inserted directly, without regions or sheets."""

from __future__ import annotations

import datetime as dt

from jdstock_desktop.storage.db import Book
from jdstock_desktop.storage.models import Product, Warehouse

NOW = dt.datetime(2026, 11, 27, 9, 0, 0)


def add_warehouse(book: Book, name: str, region_code: str = "31", *, paused: bool = False) -> int:
    with book.transaction() as s:
        wh = Warehouse(
            name=name,
            is_national=False,
            paused=paused,
            region_code=region_code,
            address_detail="测试路1号",
            created_at=NOW,
        )
        s.add(wh)
        s.flush()
        return wh.id


def add_product(book: Book, code: str, **kw: object) -> int:
    fields: dict[str, object] = dict(code=code, name=f"测试商品{code}", listed=True)
    fields.update(kw)
    with book.transaction() as s:
        p = Product(**fields)
        s.add(p)
        s.flush()
        return p.id
