"""The 商品 page: every SKU in a filterable table, with a form for all of one SKU's fields."""

from __future__ import annotations

from jdstock_desktop.ui.products.page import ProductsPage

__all__ = ["ProductsPage"]
