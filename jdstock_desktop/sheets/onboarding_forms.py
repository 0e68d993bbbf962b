"""JD's onboarding paperwork, each form declared once (SPEC §7, issue 5).

No public JD template exists to copy: the layouts are ours, built from what the onboarding steps
of seed 000 name. Matching a real template later means changing these declarations only.

- 供应商入驻评估表: a key–value form in sections (sheets/keyvalue.py), from the supplier profile;
- 新品提报表: one row per SKU, every product field of SPEC §5 plus what a submission needs;
- 上柜表, 无货预定, 类目时效标准: small tables that set one aspect of existing rows.
"""

from __future__ import annotations

from dataclasses import replace

from jdstock_desktop.domain import onboarding as rules
from jdstock_desktop.domain.limits import MAX_MONEY as LIMIT_MONEY
from jdstock_desktop.domain.limits import MAX_QUANTITY
from jdstock_desktop.domain.onboarding import TAX_RATES, tax_rate_label, uscc_problem
from jdstock_desktop.sheets.definition import Column, ColumnType, SheetDef
from jdstock_desktop.sheets.keyvalue import Block, Field, KeyValueForm, Section

T = ColumnType

# --- 供应商入驻评估表 ----------------------------------------------------------------------------

TAXPAYER_TYPES = (rules.GENERAL_TAXPAYER, rules.SMALL_TAXPAYER)
COMPANY_TYPES = ("生产厂家", "品牌商", "代理商")
TRADEMARK_STATES = ("已注册", "已受理（申请中）", "无")
AUTHORIZATION_TYPES = ("自有品牌", "独家授权", "一级授权", "二级及以下授权")
CHANNELS = ("京东主站采销", "京喜", "新通路", "其他")
COOP_MODES = ("厂家直发", "入仓")
MONEY = "#,##0.00"

QUALIFICATIONS = Block(
    "qualifications",
    "行业资质",
    (
        Field(rules.QUALIFICATION_NAME, "资质名称", required=True, max_length=100),
        Field("number", "证书编号", max_length=100),
        Field(rules.QUALIFICATION_EXPIRY, "资质有效期至", T.DATE, help="YYYY-MM-DD"),
    ),
    help="如 3C 认证、生产许可证、医疗器械经营许可证；每行一项，可插入行",
)
WAREHOUSES = Block(
    "warehouses",
    "仓库与发货地址",
    (
        Field("name", "仓库名称"),
        Field("address", "发货地址"),
        Field("status", "仓库状态"),
    ),
    help="来自库存账本的商家仓（灰色只读）：在「仓库」页修改，导入本表时忽略",
    readonly=True,
)

SUPPLIER_FORM = KeyValueForm(
    name="供应商入驻评估表",
    form_id="supplier_evaluation",
    version=1,
    aliases=("供应商评估表", "入驻评估表"),
    note="带 * 为必填；黄色格填写，灰色格由库存账本生成（导入时忽略）。行可移动，标签不要改动。",
    sections=(
        Section(
            "基本信息",
            (
                Field("company_name", "公司名称", required=True, max_length=200,
                      help="与营业执照一致"),
                Field(rules.CREDIT_CODE, "统一社会信用代码", required=True, max_length=18,
                      check=uscc_problem, help="营业执照上的 18 位代码（GB 32100-2015，含校验位）"),
                Field("registered_address", "注册地址", max_length=300, lines=2),
                Field("registered_capital", "注册资本(万元)", T.DECIMAL, min_value=0,
                      max_value=1e12, number_format=MONEY),
                Field(rules.ESTABLISHED, "成立日期", T.DATE,
                      help="YYYY-MM-DD；经主站采销入驻要求成立满 2 年"),
                Field("legal_representative", "法定代表人", max_length=50),
                Field(rules.TAXPAYER_TYPE, "纳税人类型", T.CHOICE, choices=TAXPAYER_TYPES,
                      help="入驻京东慧采一般要求一般纳税人"),
                Field("company_type", "企业性质", T.CHOICE, choices=COMPANY_TYPES),
                Field("website", "官网", max_length=200),
            ),
        ),
        Section(
            "品牌与资质",
            (
                Field("brand", "品牌", max_length=100, help="多个品牌用「、」分隔"),
                Field(rules.TRADEMARK_NO, "商标注册号", max_length=50,
                      help="商标注册号与商标受理通知书号至少填一项"),
                Field(rules.TRADEMARK_NOTICE_NO, "商标受理通知书号", max_length=50,
                      help="商标尚在申请中时填写"),
                Field("trademark_status", "商标状态", T.CHOICE, choices=TRADEMARK_STATES),
                Field(rules.TRADEMARK_EXPIRY, "商标有效期至", T.DATE, help="YYYY-MM-DD"),
                Field("authorization", "授权类型", T.CHOICE, choices=AUTHORIZATION_TYPES,
                      help="非自有品牌须提供品牌方授权书"),
                QUALIFICATIONS,
            ),
        ),
        Section(
            "经营情况",
            (
                Field("main_categories", "主营类目", max_length=300, lines=2),
                Field("annual_sales", "年销售额(万元)", T.DECIMAL, min_value=0, max_value=1e12,
                      number_format=MONEY),
                Field("key_customers", "主要企业客户", max_length=500, lines=3,
                      help="国企、央企、银行、学校等，逗号或换行分隔"),
                WAREHOUSES,
                Field("channel", "入驻渠道", T.CHOICE, choices=CHANNELS,
                      help="经京喜、新通路等渠道入驻的慧采店铺不支持部队采购"),
            ),
        ),
        Section(
            "合作条款",
            (
                Field("commission_pct", "扣点(%)", T.DECIMAL, min_value=0, max_value=100,
                      help="慧采扣点一般为 6–8 个点"),
                Field("deposit", "保证金(元)", T.DECIMAL, min_value=0, max_value=1e12,
                      number_format=MONEY, help="一般 5 万元，经主站采销可能为 20 万元"),
                Field("payment_days", "账期(天)", T.INT, min_value=0, max_value=365,
                      help="一般 30 天"),
                Field("coop_mode", "合作模式", T.CHOICE, choices=COOP_MODES,
                      help="慧采一般为厂家直发，商品不入仓"),
                Field(rules.CONTRACT_START, "合同开始日期", T.DATE, help="YYYY-MM-DD"),
                Field(rules.CONTRACT_END, "合同到期日", T.DATE,
                      help="YYYY-MM-DD；合规检查在到期前提醒盘点库存（规则 17）"),
            ),
        ),
        Section(
            "联系人",
            (
                Field("contact_name", "联系人姓名", max_length=50),
                Field("contact_title", "职务", max_length=50),
                Field("contact_phone", "联系电话", max_length=50),
                Field("contact_email", "电子邮箱", max_length=100),
            ),
        ),
        Section(
            "开票信息",
            (
                Field("invoice_name", "开票名称", max_length=200, help="一般与公司名称一致"),
                Field("invoice_tax_no", "纳税人识别号", max_length=20,
                      help="一般即统一社会信用代码"),
                Field("invoice_address", "开票地址", max_length=300),
                Field("invoice_phone", "开票电话", max_length=50),
                Field("bank_name", "开户银行", max_length=100),
                Field("bank_account", "银行账号", max_length=40),
            ),
        ),
    ),
)  # fmt: skip

# --- 新品提报表 -----------------------------------------------------------------------------------

TAX_RATE_CHOICES = tuple(tax_rate_label(r) for r in TAX_RATES)
UNITS = (
    "个", "件", "台", "套", "箱", "包", "盒", "袋", "卷", "米", "千克", "克", "吨", "升",
    "把", "支", "瓶", "桶", "双", "副", "张", "块", "根", "条", "对", "组", "片", "只", "本",
)  # fmt: skip
LISTED = ("上柜", "下柜")
# Bounds are whole numbers: a float bound such as 9999999999.99 is not exactly that decimal.
MAX_MONEY = LIMIT_MONEY  # fits Numeric(14, 2)
MAX_WEIGHT = 999_999  # kg, fits Numeric(12, 3)
MAX_SIZE = 99_999  # cm, fits Numeric(10, 1)
MAX_QTY = MAX_QUANTITY  # fits a 32-bit integer column


def jd_required(col: Column) -> Column:
    """A column JD's buyer needs filled for a submission: marked '*' in the header, and an
    empty cell is reported as a warning, not refused, since a SKU in the book may still lack
    it (the file must round-trip) and the header matches with or without the '*'."""
    return replace(col, header=f"*{col.header}", help=col.help or "京东新品提报必填")


NEW_PRODUCTS = SheetDef(
    name="新品提报表",
    form_id="new_products",
    version=1,
    key=("code",),
    aliases=("新品提报",),
    description="每行一个 SKU：按商品编码新增或修改商品；初始库存只对新商品生效",
    columns=(
        Column("code", "商品编码", required=True, max_length=64, width=16),
        Column("jd_sku", "京东SKU", max_length=64, width=14, help="京东审核通过后生成，新品留空"),
        Column("name", "商品名称", required=True, max_length=300),  # sized from the names
        jd_required(Column("brand", "品牌", max_length=100)),
        Column("model", "型号", max_length=100),
        Column("spec", "规格", max_length=300),
        jd_required(Column("category1", "一级类目", max_length=100)),
        jd_required(Column("category2", "二级类目", max_length=100)),
        jd_required(Column("category3", "三级类目", max_length=100, width=16)),
        jd_required(Column("unit", "单位", max_length=20, width=8)),
        Column("barcode", "条形码", max_length=32, width=16,
               help="EAN-13 商品条码（国内多为 69 开头）；也接受 8/12/14 位 GTIN"),
        jd_required(Column("purchase_price", "采购价", T.DECIMAL, min_value=0,
                           max_value=MAX_MONEY, number_format="0.00",
                           help="给京东的供货价（含税），最多两位小数")),
        jd_required(Column("jd_price", "京东价", T.DECIMAL, min_value=0, max_value=MAX_MONEY,
                           number_format="0.00",
                           help="京东售价，最多两位小数；低于采购价时导入会提示")),
        Column("market_price", "市场价", T.DECIMAL, min_value=0, max_value=MAX_MONEY,
               number_format="0.00"),
        jd_required(Column("tax_rate", "税率", max_length=8, width=9,
                           help="增值税率：13%/9%/6%/3%/0%")),
        Column("weight_kg", "重量(kg)", T.DECIMAL, min_value=0, max_value=MAX_WEIGHT,
               number_format="0.000", help="毛重，最多三位小数"),
        Column("length_cm", "长(cm)", T.DECIMAL, min_value=0, max_value=MAX_SIZE,
               number_format="0.0"),
        Column("width_cm", "宽(cm)", T.DECIMAL, min_value=0, max_value=MAX_SIZE,
               number_format="0.0"),
        Column("height_cm", "高(cm)", T.DECIMAL, min_value=0, max_value=MAX_SIZE,
               number_format="0.0"),
        Column("packing_list", "包装清单", max_length=2000,
               help="如：主机×1、说明书×1、合格证×1"),
        Column("warranty", "质保期", max_length=100, width=10, help="如：12个月"),
        Column("origin", "产地", max_length=100),
        Column("manufacturer", "生产厂家", max_length=200),
        Column("listed", "上柜状态", T.CHOICE, choices=LISTED, width=10, help="留空 = 下柜"),
        Column("spot_hours", "现货时效(小时)", T.INT, min_value=0, max_value=48,
               help="现货须 48 小时内发货；留空 = 48"),
        Column("futures_hours", "期货时效(小时)", T.INT, min_value=0, max_value=24 * 365,
               help="不得超过三级类目的时效标准（规则 21）"),
        Column("preorder", "无货预定", T.BOOL, width=10),
        Column("futures_quota", "可期货库存", T.INT, min_value=0, max_value=MAX_QTY),
        Column("labels", "商品标签", max_length=300, help="时效标签、物料编码标签、场景标签等"),
        Column("main_image", "主图", max_length=500, width=20,
               help="图片文件名，多个用 ; 分隔（图片另行上传）"),
        Column("detail_images", "详情图", max_length=500, width=24,
               help="图片文件名，多个用 ; 分隔"),
        Column("initial_stock", "初始库存", T.INT, min_value=0, max_value=MAX_QTY,
               help="仅对新商品生效：设为发货仓的现货库存；已有商品请用「分区库存」表"),
        Column("ship_warehouse", "发货仓", max_length=100, width=16,
               help="填写初始库存时必填：账本中的仓库名称"),
    ),
)  # fmt: skip

JD_REQUIRED = tuple(c.key for c in NEW_PRODUCTS.columns if c.header.startswith("*"))

# --- 上柜表, 无货预定, 类目时效标准 ---------------------------------------------------------------

LISTING = SheetDef(
    name="上柜表",
    form_id="listing",
    version=1,
    key=("code",),
    aliases=("上柜",),
    description="按商品编码设置上柜/下柜",
    columns=(
        Column("code", "商品编码", required=True, max_length=64, width=16),
        Column("name", "商品名称", max_length=300, width=30, column_required=False,
               help="仅供核对，导入时不修改"),
        Column("listed", "上柜状态", T.CHOICE, required=True, choices=LISTED, width=10),
    ),
)  # fmt: skip

PREORDER = SheetDef(
    name="无货预定",
    form_id="preorder",
    version=1,
    key=("code",),
    aliases=("无货预定表",),
    description="按商品编码设置无货预定开关、期货时效与可期货库存",
    columns=(
        Column("code", "商品编码", required=True, max_length=64, width=16),
        Column("preorder", "无货预定", T.BOOL, required=True, width=10,
               help="是 = 现货不足时客户仍可下单，按期货时效发货"),
        Column("futures_hours", "期货时效(小时)", T.INT, min_value=0, max_value=24 * 365,
               help="不得超过三级类目的时效标准（规则 21）"),
        Column("futures_quota", "可期货库存", T.INT, min_value=0, max_value=MAX_QTY,
               help="现货之外最多可预定的数量；留空 = 0"),
    ),
)  # fmt: skip

CATEGORY_STANDARDS = SheetDef(
    name="类目时效标准",
    form_id="category_standards",
    version=1,
    key=("category3",),
    aliases=("时效标准",),
    description="三级类目的发货时效标准（小时）：期货时效不得超过它",
    columns=(
        Column("category1", "一级类目", max_length=100, width=16),
        Column("category2", "二级类目", max_length=100, width=16),
        Column("category3", "三级类目", required=True, max_length=100, width=18),
        Column("ship_hours", "时效标准(小时)", T.INT, min_value=0, max_value=24 * 365,
               help="留空 = 该类目无标准"),
    ),
)  # fmt: skip

ONBOARDING_SHEETS: tuple[SheetDef, ...] = (NEW_PRODUCTS, LISTING, PREORDER, CATEGORY_STANDARDS)
