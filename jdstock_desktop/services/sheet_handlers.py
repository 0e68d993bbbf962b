"""Every module that registers sheet importers/exporters; imported once before a sheet is used."""

from __future__ import annotations

from jdstock_desktop.services import import_book, import_orders, import_stock, sheet_export  # noqa: F401
