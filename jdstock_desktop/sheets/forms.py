"""The interchange sheets of SPEC §7.1, each declared once.

Headers are exactly the Chinese headers of SPEC §7.1; `key` is the attribute name services use.
"""

from __future__ import annotations

from jdstock_desktop.domain.limits import MAX_MONEY, MAX_QUANTITY
from jdstock_desktop.sheets.definition import Column, ColumnType, SheetDef

T = ColumnType

LEDGER_TYPES = ("入库", "发货", "盘点", "调整", "退货")
ORDER_STATES = ("待发货", "已发货", "已取消")

WAREHOUSES = SheetDef(
    name="仓库",
    form_id="warehouses",
    version=1,
    key=("name",),
    description="创建或更新仓库（按仓库名称）；商家全国仓只可原样保留",
    columns=(
        Column("name", "仓库名称", required=True, max_length=100, width=18),
        Column("province", "省", width=12),
        Column("city", "市", width=12),
        Column("county", "区县", width=12),
        Column("town", "乡镇", width=16),
        Column("detail", "详细地址", max_length=300, width=30),
        Column("status", "状态", T.CHOICE, choices=("启用", "暂停"), width=8),
    ),
)

PRIORITIES = SheetDef(
    name="覆盖优先级",
    form_id="priorities",
    version=1,
    key=("region", "warehouse"),
    description="替换文件中出现的每个区域的优先级列表；优先级为空 = 该区域禁售",
    columns=(
        Column(
            "region",
            "区域",
            required=True,
            width=30,
            help="全国，或 省/市/区县/乡镇 路径（1–4 级，用 / 分隔）",
        ),
        Column("warehouse", "仓库名称", required=True, width=18),
        Column(
            "rank",
            "优先级",
            T.INT,
            min_value=1,
            max_value=999,
            width=8,
            help="1 = 最优先；留空 = 禁售",
        ),
    ),
)

PRODUCTS = SheetDef(
    name="商品",
    form_id="products",
    version=1,
    key=("code",),
    description="按商品编码创建或更新商品",
    columns=(
        Column("code", "商品编码", required=True, max_length=64, width=16),
        Column("jd_sku", "京东SKU", max_length=64, width=14),
        Column("name", "商品名称", required=True, max_length=300, width=30),
        Column("brand", "品牌", max_length=100),
        Column("model", "型号", max_length=100),
        Column("spec", "规格", max_length=300),
        Column("category1", "一级类目", max_length=100),
        Column("category2", "二级类目", max_length=100),
        Column("category3", "三级类目", max_length=100),
        Column("unit", "单位", max_length=20, width=6),
        Column(
            "purchase_price",
            "采购价",
            T.DECIMAL,
            min_value=0,
            max_value=MAX_MONEY,
            number_format="0.00",
        ),
        Column(
            "jd_price", "京东价", T.DECIMAL, min_value=0, max_value=MAX_MONEY, number_format="0.00"
        ),
        Column("listed", "上柜状态", T.CHOICE, choices=("上柜", "下柜"), width=9),
        Column(
            "spot_hours",
            "现货时效(小时)",
            T.INT,
            min_value=0,
            max_value=48,
            help="现货须 48 小时内发货",
        ),
        Column("futures_hours", "期货时效(小时)", T.INT, min_value=0, max_value=24 * 365),
        Column("preorder", "无货预定", T.BOOL, width=9),
        Column("futures_quota", "可期货库存", T.INT, min_value=0, max_value=MAX_QUANTITY),
    ),
)

REGIONAL_STOCK = SheetDef(
    name="分区库存",
    form_id="regional_stock",
    version=1,
    key=("sku", "warehouse"),
    description="设置每个商品在每个仓的现货库存；差额记入库存流水",
    columns=(
        Column("sku", "商品编码", required=True, max_length=64, width=16),
        Column("warehouse", "仓库名称", required=True, width=18),
        Column(
            "on_hand",
            "现货库存",
            T.INT,
            required=True,
            min_value=0,
            max_value=MAX_QUANTITY,
            width=10,
        ),
    ),
)

LEDGER = SheetDef(
    name="库存流水",
    form_id="ledger",
    version=1,
    description="按各自时间追加库存流水；发货行计入销量",
    columns=(
        Column("time", "时间", T.DATETIME, required=True, width=20),
        Column("sku", "商品编码", required=True, max_length=64, width=16),
        Column("warehouse", "仓库名称", required=True, width=18),
        Column(
            "qty",
            "变动数量",
            T.INT,
            required=True,
            min_value=-MAX_QUANTITY,
            max_value=MAX_QUANTITY,
            width=10,
            help="入库/退货为增加，发货为减少（正负号均可），盘点/调整按正负号",
        ),
        Column("type", "类型", T.CHOICE, required=True, choices=LEDGER_TYPES, width=8),
        Column("note", "备注", max_length=500, width=24),
    ),
)

ORDERS = SheetDef(
    name="订单",
    form_id="orders",
    version=1,
    key=("order_no", "sku"),
    description="每行一个订单行",
    columns=(
        Column("order_no", "订单号", required=True, max_length=64, width=18),
        Column("ordered_at", "下单时间", T.DATETIME, required=True, width=20),
        Column("customer", "客户", max_length=200, width=20),
        Column("province", "省", required=True, width=10),
        Column("city", "市", width=10),
        Column("county", "区县", width=10),
        Column("town", "乡镇", width=14),
        Column("detail", "详细地址", max_length=300, width=26),
        Column("sku", "商品编码", required=True, max_length=64, width=16),
        Column("qty", "数量", T.INT, required=True, min_value=1, max_value=MAX_QUANTITY, width=8),
        Column("status", "状态", T.CHOICE, choices=ORDER_STATES, width=9),
        Column("shipped_at", "发货时间", T.DATETIME, width=20),
        Column("ship_warehouse", "发货仓", width=16),
    ),
)

ALERT_RULES = SheetDef(
    name="预警规则",
    form_id="alert_rules",
    version=1,
    key=("rule", "sku", "warehouse"),
    description="滞销：阈值天数，不分仓；安全库存：阈值数量或阈值天数二选一",
    columns=(
        Column("rule", "规则", T.CHOICE, required=True, choices=("滞销", "安全库存"), width=10),
        Column("sku", "商品编码", max_length=64, width=16, help="留空 = 默认规则"),
        Column("warehouse", "仓库名称", width=16, help="留空 = 所有仓"),
        Column("qty", "阈值数量", T.INT, min_value=0, max_value=MAX_QUANTITY, width=10),
        Column("days", "阈值天数", T.DECIMAL, min_value=0, width=10),
        Column("enabled", "启用", T.BOOL, width=6),
    ),
)

INTERCHANGE_SHEETS: tuple[SheetDef, ...] = (
    WAREHOUSES,
    PRIORITIES,
    PRODUCTS,
    REGIONAL_STOCK,
    LEDGER,
    ORDERS,
    ALERT_RULES,
)


def sheet_by_name(name: str) -> SheetDef:
    # Imported here: onboarding_forms builds on this module's neighbours, not the reverse.
    from jdstock_desktop.sheets.onboarding_forms import ONBOARDING_SHEETS

    sheets = (*INTERCHANGE_SHEETS, *ONBOARDING_SHEETS)
    for sheet in sheets:
        if name in (sheet.name, sheet.form_id, *sheet.aliases):
            return sheet
    known = "、".join(s.name for s in sheets)
    from jdstock_desktop.errors import BadInput

    raise BadInput(f"未知表格「{name}」；可用：{known}")
