"""Every module that registers sheet importers/exporters; imported once before a sheet is used."""

from __future__ import annotations

from jdstock_desktop.services import (  # noqa: F401
    alert_rules_sheet,
    import_book,
    import_orders,
    import_stock,
    onboarding_sheets,
    sheet_export,
)
