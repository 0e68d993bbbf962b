"""The 预警看板 page: alert figures, the rows behind them, history and turnover charts, rules."""

from __future__ import annotations

from jdstock_desktop.ui.dashboard.page import DashboardPage

__all__ = ["DashboardPage"]
