"""The pages of the main window, in navigation order (Ctrl+1 … Ctrl+6 follow this order).

The order is 仓库, 库存, 商品, 订单, 预警看板, 合规检查. A page is listed once it exists: add one
import line and its class at its place in PAGES. A page is a ui.widgets.page.Page: a class
attribute `title` (Chinese source string), a `(book, parent=None)` constructor, `refresh()`,
`can_leave()`, `status_message` and `book_changed`.
"""

from __future__ import annotations

from jdstock_desktop.ui.compliance import CompliancePage
from jdstock_desktop.ui.dashboard import DashboardPage
from jdstock_desktop.ui.orders import OrdersPage
from jdstock_desktop.ui.products import ProductsPage
from jdstock_desktop.ui.stock import StockPage
from jdstock_desktop.ui.warehouses import WarehousesPage
from jdstock_desktop.ui.widgets.page import Page

PAGES: list[type[Page]] = [
    WarehousesPage,
    StockPage,
    ProductsPage,
    OrdersPage,
    DashboardPage,
    CompliancePage,
]
