"""The 订单 page: orders, their lines, 新建订单 with a route preview, 发货, 取消, documents."""

from __future__ import annotations

from jdstock_desktop.ui.orders.page import OrdersPage

__all__ = ["OrdersPage"]
