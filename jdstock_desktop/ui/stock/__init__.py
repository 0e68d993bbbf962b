"""The 库存 page: the SKU × warehouse stock grid with staged, undoable edits."""

from __future__ import annotations

from jdstock_desktop.ui.stock.page import StockPage

__all__ = ["StockPage"]
