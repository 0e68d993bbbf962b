"""The 仓库 page: warehouses, coverage and priorities, and the routing what-if (SPEC §3, §8)."""

from __future__ import annotations

from jdstock_desktop.ui.warehouses.page import WarehousesPage

__all__ = ["WarehousesPage"]
