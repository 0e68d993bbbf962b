"""A realistic demo stock book (`jdstock demo`): warehouses, SKUs, a year of ledger, orders, rules.

Not a use case of the clerk's, so it lives beside the layers, not in services: it writes the
book's tables in bulk (Core inserts) for speed and reads a constant or two of services.

Everything is drawn from one `random.Random(seed)` in a fixed order, so a seed and a `today` give
the same book every time. The year is simulated day by day, and inside a day phase by phase
(arrivals, shipments of earlier orders, new orders, same-day shipments, counts) with the events
of a phase sorted by time: rows are therefore generated in time order, each pair's qty_before /
qty_after chain is exact, and every change passes the §4 check (on hand never below zero, never
below what is reserved). Customer demand is routed along the same support chains the router
builds (SPEC §3). Rows are written in chunks of executemany inside the caller's one
transaction; the stock table is written last from the same running balances, so it equals the
ledger sums by construction.

Addresses are written as a clerk types them and resolved through domain.regions, the same tree
the router walks, so the demo's support chains are the ones `jdstock route` computes.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, NamedTuple

from sqlalchemy import Connection, func, insert, select, text
from sqlalchemy.orm import Session

from jdstock_desktop.domain.regions import RegionTree, load_regions
from jdstock_desktop.domain.stock import LedgerKind
from jdstock_desktop.errors import BadInput
from jdstock_desktop.services.compliance import CONTRACT_END_KEY
from jdstock_desktop.storage.db import Book
from jdstock_desktop.storage.models import (
    AlertRule,
    CategoryStandard,
    LedgerEntry,
    OrderLine,
    PriorityEntry,
    Product,
    SalesOrder,
    Setting,
    Stock,
    Warehouse,
)

Progress = Callable[[int, int, str], None]
Row = dict[str, Any]

HISTORY_DAYS = 365  # day 0 = today − 365 (opening stock) … day 365 = today (night orders only)
ORDER_DAYS = 14  # the clerk has recorded orders in the app for two weeks; before: ledger only
PAUSE_AGO = 40  # 华中仓 was paused this many days ago
CHUNK = 50_000  # rows per executemany: big enough to be fast, small enough to stay in memory
NATIONAL = "全国"  # key of the national warehouse in the tables below


# -- warehouses, coverage, customers -------------------------------------------------------------


class DemoWarehouse(NamedTuple):
    key: str
    name: str
    address: str  # 省/市/区县/乡镇 as a clerk types it; resolved through domain.regions
    detail: str
    paused: bool


WAREHOUSES: tuple[DemoWarehouse, ...] = (
    DemoWarehouse(
        "华东", "华东仓", "上海/嘉定区/安亭镇", "墨玉南路888号 安亭汽车城物流园3号库", False
    ),
    DemoWarehouse(
        "华南", "华南仓", "广东/佛山/顺德区/北滘镇", "林港路18号 北滘智造物流中心B区", False
    ),
    DemoWarehouse(
        "华北", "华北仓", "天津/武清区/杨村街道", "泉州北路66号 武清开发区仓储中心2号库", False
    ),
    DemoWarehouse(
        "西南", "西南仓", "四川/成都/双流区/东升街道", "空港一路二段99号 双流物流港5栋", False
    ),
    DemoWarehouse(
        "华中", "华中仓", "湖北/武汉/东西湖区/金银湖街道", "金银湖路18号 临空港物流园7栋", True
    ),
)

# Priority lists by region ("全国" = the root); rank None = banned (禁售) there.
PRIORITIES: dict[str, tuple[tuple[str, int | None], ...]] = {
    "全国": (("华东", 1), ("华北", 2), ("华南", 3), ("西南", 4), ("华中", 5)),
    "上海": (("华东", 1), ("华北", 2)),
    "江苏": (("华东", 1), ("华北", 2)),
    "浙江": (("华东", 1), ("华南", 2)),
    "上海/嘉定区": (("华东", 1),),  # next door to the warehouse: no fallback but national
    "广东": (("华南", 1), ("华东", 2)),
    "广西": (("华南", 1), ("西南", 2)),
    "四川": (("西南", 1), ("华南", 2)),
    "重庆": (("西南", 1), ("华南", 2)),
    "北京": (("华北", 1), ("华东", 2)),
    "天津": (("华北", 1), ("华东", 2)),
    "河北": (("华北", 1), ("华东", 2)),
    "湖北": (("华中", 1), ("华东", 2), ("华南", 3)),  # first choice now paused
    "河南": (("华中", 1), ("华北", 2)),
    "西藏": (("西南", 1), ("华南", None)),  # 华南仓's carrier does not serve it
    "新疆": (("华北", 1), ("西南", 2), ("华南", None)),
}


class Address(NamedTuple):
    path: str  # town or county level: an address without a town is accepted (SPEC §7.1)
    city: str  # for customer names


# Where customers are, by sales region, with the share of demand from each region.
REGIONS: tuple[tuple[float, tuple[Address, ...]], ...] = (
    (0.34, (
        Address("上海/嘉定区/安亭镇", "上海"),
        Address("江苏/苏州/虎丘区", "苏州"),
        Address("浙江/杭州/西湖区", "杭州"),
        Address("山东/青岛/崂山区", "青岛"),
    )),
    (0.22, (
        Address("广东/深圳/宝安区/沙井街道", "深圳"),
        Address("广东/深圳/龙岗区/坂田街道", "深圳"),
        Address("广东/佛山/南海区/狮山镇", "佛山"),
        Address("广东/佛山/顺德区/北滘镇", "佛山"),
    )),
    (0.20, (
        Address("北京/大兴区/亦庄地区", "北京"),
        Address("北京/通州区/马驹桥镇", "北京"),
        Address("北京/朝阳区/望京街道", "北京"),
        Address("天津/西青区/杨柳青镇", "天津"),
        Address("河北/石家庄/桥西区", "石家庄"),
    )),
    (0.10, (
        Address("四川/成都/双流区/东升街道", "成都"),
        Address("重庆/渝北区", "重庆"),
    )),
    (0.09, (
        Address("湖北/武汉/东西湖区/金银湖街道", "武汉"),
        Address("湖北/武汉/洪山区/关山街道", "武汉"),
        Address("河南/新乡/牧野区/牧野镇", "新乡"),
    )),
    (0.05, (
        Address("陕西/西安/雁塔区", "西安"),
        Address("新疆/乌鲁木齐/新市区", "乌鲁木齐"),
        Address("西藏/拉萨/城关区", "拉萨"),
        Address("黑龙江/鹤岗/向阳区/北山街道", "鹤岗"),
    )),
)  # fmt: skip

CUSTOMER_NAMES = ("恒通", "华宇", "中联", "鑫达", "永盛", "博远", "宏基", "天成", "金泰", "瑞丰")
CUSTOMER_TRADES = ("机械制造", "精密电子", "汽车零部件", "化工", "物流", "建设工程", "食品", "医药")
ROADS = ("工业大道", "科技园路", "兴业路", "发展大道", "创新路", "环城北路", "物流园路", "建设路")
CLERKS = ("张敏", "李娜", "王强", "赵磊")


# -- catalogue -----------------------------------------------------------------------------------


class Brand(NamedTuple):
    name: str
    manufacturer: str
    origin: str
    model_prefix: str


BRANDS: dict[str, tuple[Brand, ...]] = {
    "tools": (
        Brand("钢盾", "钢盾五金工具（苏州）有限公司", "江苏苏州", "GD"),
        Brand("锐固", "锐固工具制造（宁波）有限公司", "浙江宁波", "RG"),
        Brand("铁狮", "铁狮工具（杭州）有限公司", "浙江杭州", "TS"),
        Brand("精锋", "精锋五金制品（东莞）有限公司", "广东东莞", "JF"),
    ),
    "power": (
        Brand("博力", "博力电动工具（南通）有限公司", "江苏南通", "BL"),
        Brand("锐动", "锐动电器（永康）有限公司", "浙江永康", "RD"),
        Brand("东锐", "东锐机电（启东）有限公司", "江苏启东", "DR"),
    ),
    "ppe": (
        Brand("安卫", "安卫防护用品（青岛）有限公司", "山东青岛", "AW"),
        Brand("盾护", "盾护劳保用品（南通）有限公司", "江苏南通", "DH"),
        Brand("佳安", "佳安安全防护（深圳）有限公司", "广东深圳", "JA"),
    ),
    "fastener": (
        Brand("恒固", "恒固紧固件（嘉兴）有限公司", "浙江嘉兴", "HG"),
        Brand("紧邦", "紧邦标准件（邯郸）有限公司", "河北邯郸", "JB"),
        Brand("东标", "东标紧固件（宁波）有限公司", "浙江宁波", "DB"),
    ),
    "bearing": (
        Brand("精轴", "精轴轴承（大连）有限公司", "辽宁大连", "JZ"),
        Brand("华轴", "华轴精密轴承（无锡）有限公司", "江苏无锡", "HZ"),
        Brand("恒转", "恒转传动科技（聊城）有限公司", "山东聊城", "HT"),
    ),
    "electric": (
        Brand("正电", "正电电气（乐清）有限公司", "浙江乐清", "ZD"),
        Brand("华缆", "华缆电线电缆（宜兴）有限公司", "江苏宜兴", "HL"),
        Brand("德信", "德信电器（温州）有限公司", "浙江温州", "DX"),
    ),
    "office": (
        Brand("文采", "文采文具（宁波）有限公司", "浙江宁波", "WC"),
        Brand("齐力", "齐力办公用品（上海）有限公司", "上海", "QL"),
        Brand("百纸", "百纸纸业（日照）有限公司", "山东日照", "BZ"),
    ),
    "chemical": (
        Brand("长润", "长润润滑油（天津）有限公司", "天津", "CR"),
        Brand("昆澜", "昆澜石化（大连）有限公司", "辽宁大连", "KL"),
        Brand("固特", "固特化工（广州）有限公司", "广东广州", "GT"),
    ),
    "seal": (
        Brand("密邦", "密邦密封科技（衡水）有限公司", "河北衡水", "MB"),
        Brand("亚气", "亚气气动元件（宁波）有限公司", "浙江宁波", "YQ"),
        Brand("精封", "精封橡塑制品（东莞）有限公司", "广东东莞", "JS"),
    ),
    "storage": (
        Brand("优储", "优储物流设备（苏州）有限公司", "江苏苏州", "YC"),
        Brand("洁力", "洁力清洁用品（佛山）有限公司", "广东佛山", "JL"),
        Brand("固封", "固封包装材料（东莞）有限公司", "广东东莞", "GF"),
    ),
}


class Category(NamedTuple):
    c1: str
    c2: str
    c3: str
    items: tuple[str, ...]
    unit: str
    price: tuple[float, float]  # purchase price range, yuan
    specs: tuple[tuple[str, ...], ...]  # one choice from each part, joined by a space
    weight: tuple[float, float]  # kg
    size: tuple[float, float, float]  # typical length, width, height in cm
    ship_hours: int  # the category's ship-time standard (rule 21)
    brands: str


def _c(
    path: str,
    items: str,
    unit: str,
    price: tuple[float, float],
    specs: Sequence[str],
    weight: tuple[float, float],
    size: tuple[float, float, float],
    hours: int,
    brands: str,
) -> Category:
    c1, c2, c3 = path.split("/")
    parts = tuple(tuple(p.split()) for p in specs)
    return Category(
        c1, c2, c3, tuple(items.split()), unit, price, parts, weight, size, hours, brands
    )


CATEGORIES: tuple[Category, ...] = (
    _c("工具/手动工具/扳手", "两用扳手 双头呆扳手 活动扳手 双头梅花扳手", "把", (8, 90),
       ("8mm 10mm 12mm 14mm 17mm 19mm 22mm 8寸 10寸 12寸", "铬钒钢 碳素钢 镜面抛光"),
       (0.05, 0.6), (20, 5, 2), 96, "tools"),
    _c("工具/手动工具/螺丝刀", "一字螺丝刀 十字螺丝刀 精密螺丝刀套装", "把", (3, 60),
       ("PH1×75mm PH2×100mm PH2×150mm SL5×100mm SL6×150mm", "磁性批头 绝缘手柄 穿心柄"),
       (0.03, 0.3), (25, 4, 4), 96, "tools"),
    _c("工具/手动工具/钳子", "钢丝钳 尖嘴钳 斜口钳 剥线钳", "把", (12, 85),
       ("6寸 7寸 8寸", "日式 欧式 德式"), (0.15, 0.45), (22, 7, 2), 96, "tools"),
    _c("工具/电动工具/电钻", "充电式电钻 冲击钻 锂电起子机", "台", (159, 899),
       ("12V 18V 20V", "单电 双电 无刷"), (1.0, 2.8), (30, 25, 9), 168, "power"),
    _c("工具/电动工具/角磨机", "角磨机 无刷角磨机", "台", (129, 699),
       ("100mm 125mm", "710W 850W 1050W"), (1.6, 2.6), (35, 12, 12), 168, "power"),
    _c("工具/测量工具/卷尺", "钢卷尺 自锁卷尺", "个", (6, 45),
       ("3m×16mm 5m×19mm 7.5m×25mm 10m×25mm", "公制 公英制"), (0.15, 0.6), (9, 9, 4), 72,
       "tools"),
    _c("工具/测量工具/游标卡尺", "数显游标卡尺 机械游标卡尺", "把", (35, 420),
       ("0-150mm 0-200mm 0-300mm", "精度0.01mm 精度0.02mm"), (0.15, 0.5), (28, 10, 3), 120,
       "tools"),
    _c("工具/工具收纳/工具箱", "三层折叠工具箱 铁皮手提工具箱 塑料工具箱", "个", (25, 260),
       ("14寸 17寸 20寸", "红色 蓝色 黑色"), (0.8, 4.5), (45, 22, 20), 120, "tools"),
    _c("劳动防护/手部防护/劳保手套", "丁腈涂掌手套 防割手套 帆布手套 乳胶浸胶手套", "副", (1.2, 28),
       ("M码 L码 XL码", "单副装 12副/打 60副/箱"), (0.05, 0.3), (25, 12, 2), 72, "ppe"),
    _c("劳动防护/头部防护/安全帽", "ABS安全帽 V型安全帽 玻璃钢安全帽", "个", (12, 85),
       ("白色 黄色 红色 蓝色", "带透气孔 旋钮式帽衬 一字型"), (0.35, 0.6), (30, 24, 16), 96,
       "ppe"),
    _c("劳动防护/眼脸部防护/护目镜", "防冲击护目镜 防雾护目镜 焊接面屏", "副", (6, 120),
       ("透明 灰色 茶色", "防雾 防刮擦 防紫外线"), (0.03, 0.4), (18, 8, 7), 96, "ppe"),
    _c("劳动防护/呼吸防护/防尘口罩", "KN95防尘口罩 活性炭口罩 半面罩", "盒", (18, 160),
       ("耳戴式50只/盒 头戴式20只/盒 带呼吸阀25只/盒", "标准款 大号"), (0.2, 0.8),
       (20, 12, 10), 72, "ppe"),
    _c("劳动防护/足部防护/安全鞋", "防砸防刺穿安全鞋 绝缘安全鞋 轻便劳保鞋", "双", (89, 360),
       ("38码 39码 40码 41码 42码 43码 44码", "钢包头 复合包头"), (0.9, 1.6), (33, 22, 12),
       168, "ppe"),
    _c("劳动防护/身体防护/反光背心", "反光背心 反光马甲", "件", (6, 45),
       ("均码 XL码", "荧光黄 荧光橙"), (0.08, 0.2), (30, 22, 2), 72, "ppe"),
    _c("紧固件/螺钉/内六角圆柱头螺钉", "内六角圆柱头螺钉 内六角沉头螺钉", "盒", (8, 120),
       ("M3×10 M4×12 M5×16 M6×20 M8×25 M10×30 M12×40", "304不锈钢 12.9级合金钢 8.8级镀锌",
        "50只/盒 100只/盒 200只/盒"), (0.2, 2.5), (12, 8, 5), 120, "fastener"),
    _c("紧固件/螺栓/外六角螺栓", "外六角螺栓 全牙外六角螺栓", "盒", (10, 150),
       ("M6×30 M8×40 M10×50 M12×60 M16×80", "304不锈钢 8.8级镀锌 4.8级发黑", "20只/盒 50只/盒"),
       (0.5, 4.0), (15, 10, 6), 120, "fastener"),
    _c("紧固件/螺母/六角螺母", "六角螺母 尼龙锁紧螺母 法兰螺母", "盒", (5, 80),
       ("M4 M5 M6 M8 M10 M12 M16", "304不锈钢 碳钢镀锌", "100只/盒 500只/盒"), (0.2, 3.0),
       (12, 8, 5), 120, "fastener"),
    _c("紧固件/垫圈/平垫圈", "平垫圈 弹簧垫圈", "盒", (3, 45),
       ("M4 M5 M6 M8 M10 M12", "304不锈钢 碳钢镀锌", "200只/盒 1000只/盒"), (0.1, 2.0),
       (10, 8, 4), 120, "fastener"),
    _c("紧固件/锚栓/膨胀螺栓", "膨胀螺栓 化学锚栓", "盒", (10, 150),
       ("M6×60 M8×80 M10×100 M12×120", "碳钢镀锌 304不锈钢", "20套/盒 50套/盒"), (1.0, 6.0),
       (20, 12, 8), 168, "fastener"),
    _c("动力传动/轴承/深沟球轴承", "深沟球轴承", "个", (4, 180),
       ("6000 6201 6202 6203 6204 6205 6206 6305 6308", "-2RS胶封 -ZZ铁封 开式"), (0.02, 0.8),
       (6, 6, 2), 240, "bearing"),
    _c("动力传动/轴承/圆锥滚子轴承", "圆锥滚子轴承", "个", (12, 320),
       ("30204 30205 30206 30207 32208 32210", "P0级 P6级"), (0.15, 1.5), (9, 9, 3), 240,
       "bearing"),
    _c("动力传动/传动带/三角带", "三角带 窄V带", "条", (8, 95),
       ("A-1000 A-1400 B-1600 B-2000 SPZ-1250", "耐油 普通"), (0.1, 0.6), (35, 30, 2), 168,
       "bearing"),
    _c("电工电气/电线电缆/BV电线", "BV单芯硬线 BVR多股软线 RVV护套线", "卷", (95, 1280),
       ("1.5平方 2.5平方 4平方 6平方", "100米/卷 50米/卷", "红色 蓝色 黄绿双色 黑色"),
       (1.5, 12.0), (30, 30, 10), 168, "electric"),
    _c("电工电气/低压配电/小型断路器", "小型断路器 漏电保护断路器", "个", (12, 160),
       ("1P 2P 3P 1P+N", "C16 C20 C32 C63"), (0.1, 0.5), (10, 8, 7), 120, "electric"),
    _c("电工电气/照明/LED工矿灯", "LED工矿灯 LED投光灯 防爆灯", "个", (89, 680),
       ("100W 150W 200W", "6500K白光 4000K中性光"), (1.5, 4.5), (40, 40, 20), 168, "electric"),
    _c("电工电气/电工胶带/绝缘胶带", "PVC绝缘胶带 高压自粘带", "卷", (1.5, 35),
       ("18mm×10m 18mm×20m 25mm×5m", "黑色 红色 黄绿色"), (0.03, 0.3), (10, 10, 2), 72,
       "electric"),
    _c("办公用品/办公纸张/复印纸", "A4复印纸 A3复印纸", "箱", (95, 260),
       ("70g 80g", "500张/包×5包 500张/包×8包"), (10.0, 25.0), (44, 30, 23), 72, "office"),
    _c("办公用品/书写工具/中性笔", "中性笔 签字笔 记号笔", "盒", (8, 45),
       ("0.38mm 0.5mm 0.7mm", "黑色 蓝色 红色", "12支/盒 24支/盒"), (0.1, 0.4), (16, 8, 3), 72,
       "office"),
    _c("办公用品/文件管理/文件夹", "文件夹 档案盒 拉链文件袋", "个", (3, 38),
       ("A4 A5 B5", "蓝色 黑色 透明"), (0.05, 0.4), (32, 24, 3), 72, "office"),
    _c("化学品/润滑油/液压油", "抗磨液压油 导轨油 齿轮油", "桶", (180, 1650),
       ("L-HM32 L-HM46 L-HM68 L-CKC220", "4L/桶 18L/桶 200L/桶"), (3.5, 185.0), (30, 30, 40),
       240, "chemical"),
    _c("化学品/润滑脂/锂基润滑脂", "锂基润滑脂 高温润滑脂", "桶", (25, 680),
       ("0# 2# 3#", "400g/支 1kg/桶 15kg/桶"), (0.4, 16.0), (25, 25, 30), 240, "chemical"),
    _c("化学品/清洗剂/防锈润滑剂", "防锈润滑剂 金属清洗剂 接点清洁剂", "瓶", (12, 85),
       ("400ml 550ml 5L", "喷雾型 浓缩型"), (0.3, 5.0), (7, 7, 22), 120, "chemical"),
    _c("机械配件/密封件/O型圈", "O型圈 O型圈套装", "包", (6, 220),
       ("内径10×线径1.9 内径20×线径2.4 内径35×线径3.1 内径50×线径3.5", "丁腈NBR 氟橡胶FKM 硅胶VMQ",
        "50只/包 100只/包"), (0.05, 0.6), (15, 10, 3), 168, "seal"),
    _c("机械配件/密封件/油封", "TC骨架油封 TG油封", "个", (2, 45),
       ("25×40×7 35×52×7 40×62×8 55×75×10", "丁腈NBR 氟橡胶FKM"), (0.01, 0.1), (8, 8, 1), 168,
       "seal"),
    _c("机械配件/气动元件/气缸", "标准气缸 迷你气缸 薄型气缸", "个", (85, 980),
       ("SC32×50 SC50×100 SC63×150 MAL20×50 SDA32×30", "带磁 不带磁"), (0.3, 3.5),
       (30, 8, 8), 240, "seal"),
    _c("搬运存储/周转箱/塑料周转箱", "塑料周转箱 物流箱 零件盒", "个", (8, 95),
       ("400×300×150mm 600×400×280mm 600×400×340mm", "蓝色 灰色 带盖"), (0.6, 2.8),
       (60, 40, 28), 168, "storage"),
    _c("搬运存储/手推车/平板手推车", "平板手推车 静音手推车", "台", (120, 680),
       ("承重150kg 承重300kg 承重500kg", "折叠式 固定式"), (8.0, 25.0), (90, 60, 20), 240,
       "storage"),
    _c("包装材料/胶带/封箱胶带", "透明封箱胶带 米黄封箱胶带", "箱", (95, 320),
       ("48mm×100m 60mm×150m", "24卷/箱 36卷/箱"), (8.0, 16.0), (40, 30, 25), 72, "storage"),
    _c("包装材料/缠绕膜/缠绕膜", "工业缠绕膜 打包膜", "卷", (25, 95),
       ("50cm×300m 50cm×500m", "15μ 20μ 25μ"), (2.0, 5.0), (52, 10, 10), 72, "storage"),
    _c("清洁用品/工业擦拭/工业擦拭纸", "工业擦拭纸 无尘擦拭布", "箱", (20, 180),
       ("大卷 抽取式", "500张×12卷 300张×24包"), (3.0, 9.0), (40, 30, 30), 72, "storage"),
)  # fmt: skip

SCENES = ("车间生产", "设备维修", "仓储物流", "安全防护", "办公行政")
FUTURES_HOURS = (72, 96, 120, 168, 240, 360)


class SalesClass(NamedTuple):
    name: str
    share: float  # of all SKUs
    rate: float  # customer orders of the SKU per day, all regions together
    max_qty: int  # a line orders 1..max_qty units, small quantities much more often


# Demand is skewed like a real MRO catalogue: a few SKUs ship most days, most rarely ship.
CLASSES: tuple[SalesClass, ...] = (
    SalesClass("fast", 0.03, 1.0, 12),
    SalesClass("medium", 0.22, 0.1, 6),
    SalesClass("slow", 0.40, 0.05, 4),
    SalesClass("rare", 0.20, 0.012, 2),
    SalesClass("dead", 0.15, 0.0, 1),  # stock bought once, never sold: the dormant list
)


# -- small helpers -------------------------------------------------------------------------------


def ean13(first12: str) -> str:
    """The 12 digits plus their EAN-13 check digit (weights 1,3,1,3,… from the left)."""
    if len(first12) != 12 or not first12.isdigit():
        raise ValueError(f"EAN-13 needs 12 digits, got {first12!r}")
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    return first12 + str((10 - total % 10) % 10)


def _decimal(value: float, places: str) -> Decimal:
    return Decimal(str(value)).quantize(Decimal(places), rounding=ROUND_HALF_UP)


def _cumulative(weights: Sequence[float]) -> list[float]:
    total = sum(weights)
    out, acc = [], 0.0
    for w in weights:
        acc += w / total
        out.append(acc)
    out[-1] = 1.0  # no float gap at the top end
    return out


def chain_keys(
    tree: RegionTree,
    lists: dict[str, tuple[tuple[str, int | None], ...]],
    code: str,
    paused: frozenset[str],
) -> tuple[str, ...]:
    """The support chain of SPEC §3 for an address, by warehouse key, national last."""
    for node in tree.ancestors(code):
        entries = lists.get(node)
        if entries:
            ranked = sorted((rank, key) for key, rank in entries if rank is not None)
            return (*(key for _, key in ranked if key not in paused), NATIONAL)
    return (NATIONAL,)


@dataclass(frozen=True, slots=True)
class DemoCounts:
    skus: int
    listed: int
    warehouses: int
    paused: int
    ledger_rows: int
    orders: int
    open_orders: int
    seconds: float

    def summary(self) -> str:
        return (
            f"演示数据已生成：商品 {self.skus:,} 个（上柜 {self.listed:,} 个），"
            f"仓库 {self.warehouses} 个（含商家全国仓，暂停 {self.paused} 个），"
            f"库存流水 {self.ledger_rows:,} 行，订单 {self.orders:,} 个"
            f"（待发货 {self.open_orders:,} 个），用时 {self.seconds:.1f} 秒"
        )


# -- writing the ledger --------------------------------------------------------------------------

LEDGER_COLUMNS = (
    "time",
    "product_id",
    "warehouse_id",
    "kind",
    "delta",
    "reserved_delta",
    "qty_before",
    "qty_after",
    "operator",
    "note",
    "order_line_id",
    "created_at",
)
LedgerRow = tuple[str, int, int, str, int, int, int, int, str, str, int | None, str]
TIME_TEXT = "%Y-%m-%d %H:%M:%S.000000"  # how SQLAlchemy stores a whole-second DateTime on SQLite


class _LedgerSink:
    """Bulk writer of ledger rows given as tuples with times as text, in time order.

    On SQLite the tuples go straight to the driver's executemany, and every ledger index not
    led by `time` is dropped for the load and rebuilt from its own DDL at the end (an index led
    by time is only appended to, rows coming in time order): SQLAlchemy's per-row parameter
    processing and the out-of-order inserts into (product, warehouse, time) were two thirds of
    the load time. The text is SQLAlchemy's own storage format, checked against its DateTime
    processor first. Anywhere else the rows go through Core as dicts of datetimes.
    """

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.written = 0
        self.raw = conn.dialect.name == "sqlite" and _sqlite_time_format_matches(conn)
        self.index_ddl: list[tuple[str, str]] = []
        if self.raw:
            names = ", ".join(LEDGER_COLUMNS)
            marks = ", ".join("?" for _ in LEDGER_COLUMNS)
            self.sql = f"INSERT INTO ledger ({names}) VALUES ({marks})"
            self.index_ddl = [
                (name, sql)
                for name, sql in conn.exec_driver_sql(
                    "SELECT name, sql FROM sqlite_master "
                    "WHERE type = 'index' AND tbl_name = 'ledger' AND sql IS NOT NULL"
                ).all()
                if conn.exec_driver_sql(f'PRAGMA index_info("{name}")').all()[0][2] != "time"
            ]
            for name, _ in self.index_ddl:
                conn.exec_driver_sql(f'DROP INDEX "{name}"')

    def write(self, rows: list[LedgerRow]) -> None:
        if not rows:
            return
        if self.raw:
            self.conn.exec_driver_sql(self.sql, rows)
        else:
            parse = dt.datetime.fromisoformat
            self.conn.execute(
                insert(LedgerEntry),
                [
                    {**dict(zip(LEDGER_COLUMNS, r, strict=True)), "time": parse(r[0]),
                     "created_at": parse(r[11])}
                    for r in rows
                ],
            )  # fmt: skip
        self.written += len(rows)

    def finish(self) -> None:
        # Inside the same transaction: a failure before commit restores the indexes too.
        for _, sql in self.index_ddl:
            self.conn.exec_driver_sql(sql)
        self.index_ddl = []


def _sqlite_time_format_matches(conn: Connection) -> bool:
    column_type = LedgerEntry.__table__.c.time.type
    process = column_type.dialect_impl(conn.dialect).bind_processor(conn.dialect)
    sample = dt.datetime(2026, 1, 2, 3, 4, 5)
    return process is not None and process(sample) == sample.strftime(TIME_TEXT)


# -- the builder ---------------------------------------------------------------------------------

DAY = 86_400
INBOUND = LedgerKind.INBOUND.value
SHIP = LedgerKind.SHIP.value
RESERVE = LedgerKind.RESERVE.value
CANCEL = LedgerKind.CANCEL.value
RETURN = LedgerKind.RETURN.value
COUNT = LedgerKind.COUNT.value
MANUAL = LedgerKind.MANUAL.value
DEAD = len(CLASSES) - 1


class _Order(NamedTuple):
    order_no: str
    order_id: int
    lines: list[tuple[int, int, int]]  # (pair index, qty, order line id)


class _Builder:
    """Generates and writes the demo book inside one session; times are integer ticks (seconds
    since midnight of day 0) until a row is written, which keeps the hot loop cheap."""

    def __init__(
        self, session: Session, skus: int, seed: int, today: dt.date, progress: Progress | None
    ) -> None:
        self.s = session
        self.conn: Connection = session.connection()
        self.n = skus
        self.rng = random.Random(seed)
        self.today = today
        self.progress = progress
        first_day = today - dt.timedelta(days=HISTORY_DAYS)
        self.window_start = HISTORY_DAYS - ORDER_DAYS  # first day with orders in the app
        self.pause_day = HISTORY_DAYS - PAUSE_AGO
        days = range(HISTORY_DAYS + 3)  # +2: orders placed late may ship after today
        midnight = dt.datetime.combine(first_day, dt.time())
        self.day_start = [midnight + dt.timedelta(days=d) for d in days]
        self.day_text = [(first_day + dt.timedelta(days=d)).isoformat() for d in days]
        self.clock = [
            f" {s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}.000000" for s in range(DAY)
        ]
        self.rows: list[LedgerRow] = []
        self.order_rows: list[Row] = []
        self.line_rows: list[Row] = []
        self.orders = 0
        self.open_orders = 0

    def _dt(self, tick: int) -> dt.datetime:
        day, sec = divmod(tick, DAY)
        return self.day_start[day] + dt.timedelta(seconds=sec)

    def _report(self, done: int, total: int, label: str) -> None:
        if self.progress is not None:
            self.progress(done, total, label)

    # -- master data ---------------------------------------------------------------------------
    def warehouses(self) -> None:
        national = self.s.scalar(select(Warehouse).where(Warehouse.is_national.is_(True)))
        assert national is not None, "every book has its national warehouse (storage.migrate)"
        self.wid: dict[str, int] = {NATIONAL: national.id}
        self.paused_ids: set[int] = set()
        tree = load_regions()
        for wh in WAREHOUSES:
            row = Warehouse(
                name=wh.name,
                is_national=False,
                paused=wh.paused,
                deleted=False,
                region_code=tree.resolve(wh.address).code,
                address_detail=wh.detail,
                created_at=self._dt(9 * 3600) - dt.timedelta(days=30),
            )
            self.s.add(row)
            self.s.flush()
            self.wid[wh.key] = row.id
            if wh.paused:
                self.paused_ids.add(row.id)
        lists = {tree.resolve(path).code: entries for path, entries in PRIORITIES.items()}
        self.conn.execute(
            insert(PriorityEntry),
            [
                {"region_code": code, "warehouse_id": self.wid[key], "rank": rank}
                for code, entries in lists.items()
                for key, rank in entries
            ],
        )
        paused = frozenset(w.key for w in WAREHOUSES if w.paused)
        # Support chains by customer address, before and after the pause (SPEC §3).
        self.addresses = [a for _, group in REGIONS for a in group]
        self.address_codes = [tree.resolve(a.path).code for a in self.addresses]
        self.address_cum = _cumulative([w / len(g) for w, g in REGIONS for _ in g])
        self.chains_before = [
            tuple(self.wid[k] for k in chain_keys(tree, lists, code, frozenset()))
            for code in self.address_codes
        ]
        self.chains_after = [
            tuple(self.wid[k] for k in chain_keys(tree, lists, code, paused))
            for code in self.address_codes
        ]

    def customers(self) -> None:
        rng = self.rng
        count = max(24, min(3000, self.n // 40))
        self.customers_by_address: list[list[tuple[str, str]]] = [[] for _ in self.addresses]
        for n in range(count):
            a = n % len(self.addresses)  # every address has customers
            kind = "集团有限公司" if rng.random() < 0.2 else "有限公司"
            name = (
                f"{self.addresses[a].city}{rng.choice(CUSTOMER_NAMES)}"
                f"{rng.choice(CUSTOMER_TRADES)}{kind}"
            )
            detail = f"{rng.choice(ROADS)}{rng.randint(1, 999)}号"
            if rng.random() < 0.5:
                detail += f" {rng.randint(1, 12)}号厂房"
            self.customers_by_address[a].append((name, detail))

    def categories(self) -> None:
        self.conn.execute(
            insert(CategoryStandard),
            [
                {
                    "category1": c.c1,
                    "category2": c.c2,
                    "category3": c.c3,
                    "ship_hours": c.ship_hours,
                }
                for c in CATEGORIES
            ],
        )

    def products(self) -> None:
        rng = self.rng
        first_id = (self.s.scalar(select(func.max(Product.id))) or 0) + 1
        self.pid = [first_id + i for i in range(self.n)]
        all_brands = [b for group in BRANDS.values() for b in group]
        # A GS1 company prefix per brand (China: 690–699), an item reference per product.
        ean_prefix = {b.name: 23017 + i * 1931 for i, b in enumerate(all_brands)}
        ean_count = dict.fromkeys(ean_prefix, 0)
        order = list(range(self.n))
        rng.shuffle(order)
        # Classes by quota over a shuffled order: even a 50-SKU book has every kind of SKU.
        self.sku_class = [DEAD] * self.n
        start = 0
        for c, cls in enumerate(CLASSES[:-1]):
            size = max(1, round(cls.share * self.n))
            for k in order[start : start + size]:
                self.sku_class[k] = c
            start += size
        self.listed = [False] * self.n
        self.spot_hours = [48] * self.n
        self.quota = [0] * self.n  # futures quota of pre-order SKUs, else 0
        self.futures_hours = [0] * self.n
        rows: list[Row] = []
        for i in range(self.n):
            cat = rng.choice(CATEGORIES)
            brand = rng.choice(BRANDS[cat.brands])
            item = rng.choice(cat.items)
            spec = " ".join(rng.choice(part) for part in cat.specs)
            model = f"{brand.model_prefix}-{rng.randint(1000, 99999)}"
            code = f"GY{i + 1:06d}"
            lo, hi = cat.price
            purchase = math.exp(rng.uniform(math.log(lo), math.log(hi)))
            jd_price = purchase * rng.uniform(1.18, 1.45)
            listed = rng.random() < (0.7 if self.sku_class[i] == DEAD else 0.88)
            violation = rng.random() < 0.002
            if violation and rng.random() < 0.7:
                listed = False  # most violating SKUs were delisted, some still hold stock
            preorder = listed and rng.random() < 0.12
            quota = rng.randrange(20, 501, 10) if preorder and rng.random() < 0.95 else 0
            if rng.random() < 0.97:
                futures = rng.choice([h for h in FUTURES_HOURS if h <= cat.ship_hours])
            else:  # rule 21 breach: promised longer than the category allows
                futures = rng.choice([h for h in FUTURES_HOURS if h > cat.ship_hours] or [480])
            spot = 24 if rng.random() < 0.4 else 48
            self.listed[i] = listed
            self.spot_hours[i] = spot
            self.quota[i] = quota
            self.futures_hours[i] = futures
            n_ean = ean_count[brand.name]
            ean_count[brand.name] = n_ean + 1
            company = (ean_prefix[brand.name] + n_ean // 100_000) % 100_000
            scale = rng.uniform(0.8, 1.25)
            pack = spec.split()[-1] if "/" in spec else f"{item}×1"
            jd_sku = str(100_009_000_000 + i * 37 + rng.randrange(37))  # unique, JD-like
            rows.append(
                {
                    "id": self.pid[i],
                    "code": code,
                    "jd_sku": "" if not listed and rng.random() < 0.4 else jd_sku,
                    "name": f"{brand.name} {item} {spec} {model}",
                    "brand": brand.name,
                    "model": model,
                    "spec": spec,
                    "category1": cat.c1,
                    "category2": cat.c2,
                    "category3": cat.c3,
                    "unit": cat.unit,
                    "barcode": ean13(f"69{company:05d}{n_ean % 100_000:05d}"),
                    "purchase_price": _decimal(purchase, "0.01"),
                    "jd_price": _decimal(jd_price, "0.01"),
                    "market_price": _decimal(jd_price * rng.uniform(1.05, 1.25), "0.01"),
                    "tax_rate": Decimal("13.00"),  # percent: MRO goods carry 13 % VAT
                    "weight_kg": _decimal(rng.uniform(*cat.weight), "0.001"),
                    "length_cm": _decimal(cat.size[0] * scale, "0.1"),
                    "width_cm": _decimal(cat.size[1] * scale, "0.1"),
                    "height_cm": _decimal(cat.size[2] * scale, "0.1"),
                    "packing_list": f"{item}（{pack}）；合格证×1；装箱单×1",
                    "warranty": rng.choice(("6个月", "12个月", "12个月", "24个月", "无")),
                    "origin": brand.origin,
                    "manufacturer": brand.manufacturer,
                    "listed": listed,
                    "spot_hours": spot,
                    "futures_hours": futures,
                    "preorder": preorder,
                    "futures_quota": quota,
                    "labels": f"时效:{spot}小时发货;场景:{rng.choice(SCENES)};物料编码:M{code[2:]}",
                    "violation": violation,
                    "version": 1,
                }
            )
            if len(rows) >= CHUNK:
                self.conn.execute(insert(Product), rows)
                rows = []
                self._report(i + 1, self.n, "写入商品")
        if rows:
            self.conn.execute(insert(Product), rows)
        self._report(self.n, self.n, "写入商品")

    # -- pairs and their replenishment policy --------------------------------------------------
    def pairs(self) -> None:
        rng = self.rng
        weights = {
            NATIONAL: 0.4,
            "华东": 0.85,
            "华南": 0.6,
            "华北": 0.55,
            "西南": 0.35,
            "华中": 0.3,
        }
        self.pair_pid: list[int] = []
        self.pair_wid: list[int] = []
        self.pair_sku: list[int] = []
        self.sku_pairs: list[dict[int, int]] = []  # per SKU: warehouse id → pair index
        for i in range(self.n):
            chosen: dict[int, int] = {}
            if rng.random() >= 0.005:  # a few new SKUs have no stock set anywhere (rule 12)
                pool = list(weights)
                for _ in range(rng.choices((2, 3, 4), (0.35, 0.4, 0.25))[0]):
                    key = rng.choices(pool, [weights[x] for x in pool])[0]
                    pool.remove(key)
                    chosen[self.wid[key]] = len(self.pair_pid)
                    self.pair_pid.append(self.pid[i])
                    self.pair_wid.append(self.wid[key])
                    self.pair_sku.append(i)
            self.sku_pairs.append(chosen)
        npairs = len(self.pair_pid)
        self.on_hand = [0] * npairs
        self.reserved = [0] * npairs
        self.pending = [False] * npairs
        self.reorder = [0] * npairs
        self.upto = [0] * npairs
        self.last_arrival = [HISTORY_DAYS] * npairs  # no restock arrives after this day
        # Per SKU: last day with demand; last day with any ledger row (dormant ones stop early).
        self.stop_day = [HISTORY_DAYS] * self.n
        self.quiet_day = [HISTORY_DAYS] * self.n
        pause_id = next(self.wid[w.key] for w in WAREHOUSES if w.paused)
        cum = self.address_cum
        address_share = [cum[a] - (cum[a - 1] if a else 0.0) for a in range(len(cum))]
        for i in range(self.n):
            c = self.sku_class[i]
            r = rng.random()
            if c == DEAD:
                self.quiet_day[i] = HISTORY_DAYS - 60 - rng.randrange(200)
            elif r < 0.06:  # no sales in the last 30 days; restocks may still land
                self.stop_day[i] = HISTORY_DAYS - 31 - rng.randrange(25)
            elif r < 0.10:  # no sales for 90+ days and untouched for 60+: dormant
                self.stop_day[i] = HISTORY_DAYS - 91 - rng.randrange(120)
                self.quiet_day[i] = min(self.stop_day[i] + rng.randrange(20), HISTORY_DAYS - 61)
            if not self.listed[i]:  # delisted some time ago: no orders since
                self.stop_day[i] = min(self.stop_day[i], self.window_start - rng.randrange(200))
            cls = CLASSES[c]
            # Expected daily units per pair: the demand of the addresses it is first to serve.
            daily = dict.fromkeys(self.sku_pairs[i], 0.0)
            for a, chain in enumerate(self.chains_before):
                wid = next((w for w in chain if w in daily), None)
                if wid is not None:
                    daily[wid] += address_share[a] * cls.rate * (1 + cls.max_qty / 3)
            for wid, p in self.sku_pairs[i].items():
                d = daily[wid]
                if d > 0:  # reorder point: a lead time's demand, sometimes cut too fine
                    self.reorder[p] = math.ceil(d * rng.uniform(4, 10))
                    self.upto[p] = self.reorder[p] + max(5, math.ceil(d * rng.uniform(20, 60)))
                else:  # a support warehouse: a little stock, refilled only when empty
                    self.upto[p] = rng.randint(5, 40)
                if self.upto[p] > 50:
                    self.upto[p] = -(-self.upto[p] // 10) * 10
                if d > 0 and c <= 1 and rng.random() < 0.06:  # sold out, not refilled
                    self.last_arrival[p] = HISTORY_DAYS - 20 - rng.randrange(25)
                if wid == pause_id:
                    self.last_arrival[p] = min(self.last_arrival[p], self.pause_day - 1)
                self.last_arrival[p] = min(self.last_arrival[p], self.quiet_day[i])

    # -- the year, day by day ------------------------------------------------------------------
    def _change(
        self,
        tick: int,
        p: int,
        kind: str,
        delta: int,
        reserved_delta: int = 0,
        note: str = "",
        line_id: int | None = None,
    ) -> None:
        before = self.on_hand[p]
        after = before + delta
        reserved = self.reserved[p] + reserved_delta
        # SPEC §4 as domain.stock.apply_change has it, inlined: this runs millions of times.
        if after < 0 or reserved < 0 or reserved > after:
            raise AssertionError(f"demo generator broke SPEC §4 at pair {p}: {before}{delta:+d}")
        self.on_hand[p] = after
        self.reserved[p] = reserved
        day, sec = divmod(tick, DAY)
        at = self.day_text[day] + self.clock[sec]
        self.rows.append(
            (
                at,
                self.pair_pid[p],
                self.pair_wid[p],
                kind,
                delta,
                reserved_delta,
                before,
                after,
                CLERKS[day % len(CLERKS)],
                note,
                line_id,
                at,
            )
        )
        if len(self.rows) >= CHUNK:
            self.flush()

    def flush(self) -> None:
        # Orders and lines first: ledger rows name their line (foreign key).
        if self.order_rows:
            self.conn.execute(insert(SalesOrder), self.order_rows)
            self.order_rows = []
        if self.line_rows:
            self.conn.execute(insert(OrderLine), self.line_rows)
            self.line_rows = []
        self.sink.write(self.rows)
        self.rows = []

    def simulate(self) -> None:
        rng = self.rng
        self.sink = _LedgerSink(self.conn)
        self.arrivals: dict[int, list[tuple[int, int]]] = {}
        self.returns: dict[int, list[tuple[int, int]]] = {}
        self.ships_due: dict[int, list[tuple[int, _Order]]] = {}
        self.next_order_id = (self.s.scalar(select(func.max(SalesOrder.id))) or 0) + 1
        self.next_line_id = (self.s.scalar(select(func.max(OrderLine.id))) or 0) + 1
        self.members = [
            [i for i in range(self.n) if self.sku_class[i] == c] for c in range(len(CLASSES))
        ]
        # Day 0, 07:00–07:59: the opening stock of every pair, counted when the book started.
        for sec, p in sorted((_below(rng, 3600), p) for p in range(len(self.pair_pid))):
            if self.sku_class[self.pair_sku[p]] == DEAD:
                qty = rng.randint(3, 120)
            else:
                qty = max(1, round(self.upto[p] * rng.uniform(0.7, 1.1)))
            self._change(7 * 3600 + sec, p, INBOUND, qty, note="期初库存")
        for day in range(1, HISTORY_DAYS):
            self._day(day)
            if day % 5 == 0:
                self._report(day, HISTORY_DAYS, "生成库存流水（按天）")
        self._today(HISTORY_DAYS)
        self.flush()
        self.sink.finish()
        self._report(HISTORY_DAYS, HISTORY_DAYS, "生成库存流水（按天）")

    def _day(self, day: int) -> None:
        """One business day in phases whose time windows do not overlap, each applied in time
        order, so every pair's rows come out in time order."""
        rng = self.rng
        base = day * DAY
        # A 08:00–08:59 arrivals of purchase orders and customer returns
        events = [(base + 8 * 3600 + _below(rng, 3600), p, q, INBOUND) for p, q in
                  self.arrivals.pop(day, [])]  # fmt: skip
        events += [(base + 8 * 3600 + _below(rng, 3600), p, q, RETURN) for p, q in
                   self.returns.pop(day, [])]  # fmt: skip
        for n, (tick, p, qty, kind) in enumerate(sorted(events)):
            if kind == INBOUND:
                self.pending[p] = False
                note = f"采购入库 PO{self.day_text[day].replace('-', '')}{n + 1:04d}"
            else:
                note = "客户退货"
            self._change(tick, p, kind, qty, note=note)
        # B 09:00–10:29 shipments of orders placed on earlier days
        for tick, order in sorted(self.ships_due.pop(day, []), key=lambda x: (x[0], x[1][1])):
            self._ship(tick, order)
        # C 11:00–16:59 new customer orders
        later: list[tuple[int, int, str, _Order]] = []  # same-day shipments and cancels
        for tick, address, wanted in self._demand(base + 11 * 3600, 6 * 3600, 1.0):
            later += self._order(day, tick, address, wanted)
        # D 17:00–18:29 same-day shipments and cancellations
        for tick, _, action, order in sorted(later, key=lambda x: (x[0], x[1])):
            if action == SHIP:
                self._ship(tick, order)
            else:
                self._cancel(tick, order)
        # E 18:30–18:59 cycle counts (盘点) and the clerk's corrections in the grid
        self._counts(day, base + 18 * 3600 + 1800)

    def _today(self, day: int) -> None:
        """Today: orders placed overnight (00:00–05:59), reserved and waiting to ship; and a few
        pre-orders (期货) no warehouse could ship."""
        for tick, address, wanted in self._demand(day * DAY, 6 * 3600, 0.15):
            self._order(day, tick, address, wanted)
        self._futures_orders(day)

    def _demand(
        self, start: int, span: int, share: float
    ) -> list[tuple[int, int, list[tuple[int, int]]]]:
        """`share` of a day's orders as (tick, address, [(sku, qty)]), sorted by time."""
        rng = self.rng
        day = start // DAY
        wanted: list[tuple[int, int]] = []
        for c, cls in enumerate(CLASSES):
            members = self.members[c]
            if not members or cls.rate <= 0:
                continue
            k = int(len(members) * cls.rate * share + rng.random())
            for sku in rng.choices(members, k=k):
                if day > self.stop_day[sku]:
                    continue
                qty = 1 + int(rng.random() ** 2 * cls.max_qty)
                if rng.random() < 0.01:
                    qty *= 10  # a project purchase
                wanted.append((sku, qty))
        _shuffle(rng, wanted)  # mix the classes into orders
        orders = []
        n = 0
        while n < len(wanted):
            r = rng.random()
            size = 1 if r < 0.6 else 2 if r < 0.88 else 3  # lines per order
            address = bisect.bisect_right(self.address_cum, rng.random())
            orders.append((start + _below(rng, span), address, wanted[n : n + size]))
            n += size
        orders.sort(key=lambda o: o[0])
        return orders

    def _route(self, day: int, sku: int, qty: int, address: int) -> tuple[int, int] | None:
        """(pair, qty) the support chain ships from (SPEC §3 step 4), or None: refused."""
        pairs = self.sku_pairs[sku]
        chain = self.chains_after[address] if day >= self.pause_day else self.chains_before[address]
        first = True
        for wid in chain:
            p = pairs.get(wid)
            if p is None:
                continue
            available = self.on_hand[p] - self.reserved[p]
            if first:
                first = False
                if 0 < available < qty and self.rng.random() < 0.5:
                    # The customer takes what the nearest warehouse still shows: it runs out.
                    qty = available
            if available >= qty:
                return p, qty
        return None

    def _order(
        self, day: int, tick: int, address: int, wanted: list[tuple[int, int]]
    ) -> list[tuple[int, int, str, _Order]]:
        """Route and record one customer order; returns its same-day ship or cancel, if any."""
        rng = self.rng
        in_app = day >= self.window_start
        lines: list[tuple[int, int, int]] = []
        for sku, qty in wanted:
            if in_app and not self.listed[sku]:
                continue
            if lines and any(sku == other for _, _, other in lines):
                continue  # the same SKU twice in one order: the first line stands
            routed = self._route(day, sku, qty, address)
            if routed is not None:  # else refused as an oversell (SPEC §3 step 5): not recorded
                lines.append((routed[0], routed[1], sku))
        if not lines:
            return []
        if not in_app:  # history from before the app: only the shipment, from the old sheets
            for p, qty, _ in lines:
                self._change(tick, p, SHIP, -qty)
                self._after_ship(day, p, qty)
            return []
        # The outcome is drawn first so that the order row is written once, in its final state.
        action, when, ship_day = "", tick, day
        if day < HISTORY_DAYS:  # today's orders (placed overnight) all wait to ship
            r = rng.random()
            if r < 0.03:
                action, when = CANCEL, day * DAY + 17 * 3600 + _below(rng, 5400)
            else:
                ship_day = day if r < 0.58 else day + (1 if r < 0.95 else 2)
                action = SHIP if ship_day < HISTORY_DAYS else ""  # after today: still open
                start = 17 * 3600 if ship_day == day else 9 * 3600
                when = ship_day * DAY + start + _below(rng, 5400)
        status = {"": "allocated", SHIP: "shipped", CANCEL: "cancelled"}[action]
        order = self._new_order(tick, address, lines, status, when if action == SHIP else None)
        for p, qty, line_id in order.lines:
            self._change(tick, p, RESERVE, 0, qty, f"订单 {order.order_no} 预占", line_id)
            self._restock_check(day, p)
        if not action:
            self.open_orders += 1
            return []
        if action == SHIP and ship_day > day:
            self.ships_due.setdefault(ship_day, []).append((when, order))
            return []
        return [(when, order.order_id, action, order)]

    def _new_order(
        self,
        tick: int,
        address: int,
        lines: list[tuple[int, int, int]],
        status: str,
        shipped_at: int | None,
    ) -> _Order:
        order_id = self.next_order_id
        self.next_order_id += 1
        at = self._dt(tick)
        order_no = f"JD{at:%Y%m%d}{order_id:07d}"
        name, detail = self.rng.choice(self.customers_by_address[address])
        self.order_rows.append(
            {
                "id": order_id,
                "order_no": order_no,
                "ordered_at": at,
                "customer": name,
                "region_code": self.address_codes[address],
                "address_detail": detail,
                "status": status,
                "shipped_at": None if shipped_at is None else self._dt(shipped_at),
                "created_at": at,
            }
        )
        out = []
        for p, qty, sku in lines:
            line_id = self.next_line_id
            self.next_line_id += 1
            self.line_rows.append(
                {
                    "id": line_id,
                    "order_id": order_id,
                    "product_id": self.pair_pid[p],
                    "qty": qty,
                    "warehouse_id": self.pair_wid[p],
                    "kind": "spot",
                    "promised_hours": self.spot_hours[sku],
                }
            )
            out.append((p, qty, line_id))
        self.orders += 1
        return _Order(order_no, order_id, out)

    def _ship(self, tick: int, order: _Order) -> None:
        day = tick // DAY
        for p, qty, line_id in order.lines:
            self._change(tick, p, SHIP, -qty, -qty, f"订单 {order.order_no} 发货", line_id)
            self._after_ship(day, p, qty)

    def _cancel(self, tick: int, order: _Order) -> None:
        for p, qty, line_id in order.lines:
            self._change(tick, p, CANCEL, 0, -qty, f"订单 {order.order_no} 取消", line_id)

    def _after_ship(self, day: int, p: int, qty: int) -> None:
        if not self.pending[p] and self.on_hand[p] - self.reserved[p] <= self.reorder[p]:
            self._restock_check(day, p)
        if self.rng.random() < 0.006:
            back = day + 3 + _below(self.rng, 10)
            if back <= min(self.last_arrival[p], HISTORY_DAYS - 1):
                self.returns.setdefault(back, []).append((p, 1 + _below(self.rng, qty)))

    def _restock_check(self, day: int, p: int) -> None:
        """Order from the supplier when available falls to the reorder point; it arrives after a
        lead time, sometimes late, and never after the pair's last arrival day."""
        if self.pending[p] or self.on_hand[p] - self.reserved[p] > self.reorder[p]:
            return
        lead = 2 + _below(self.rng, 8)
        if self.rng.random() < 0.12:
            lead *= 2  # a late supplier: the warehouse may run dry meanwhile
        if day + lead > self.last_arrival[p]:
            return
        qty = max(1, self.upto[p] - (self.on_hand[p] - self.reserved[p]))
        if qty > 50:
            qty = -(-qty // 10) * 10
        self.pending[p] = True
        self.arrivals.setdefault(day + lead, []).append((p, qty))

    def _counts(self, day: int, start: int) -> None:
        rng = self.rng
        npairs = len(self.pair_pid)
        picks: list[tuple[int, int, str]] = []
        if day % 30 == 15:  # the monthly cycle count of a sample of pairs
            picks += [(start + _below(rng, 1800), p, COUNT) for p in _sample(rng, npairs, 250)]
        if day >= HISTORY_DAYS - 5:  # the clerk's corrections this week
            picks += [(start + _below(rng, 1800), p, MANUAL) for p in _sample(rng, npairs, 5000)]
        for tick, p, kind in sorted(picks):
            if day > self.quiet_day[self.pair_sku[p]] or (
                self.pair_wid[p] in self.paused_ids and day >= self.pause_day
            ):
                continue
            delta = rng.choice((-3, -2, -1, -1, 1, 1, 2))
            if self.on_hand[p] + delta < self.reserved[p]:
                continue
            note = "月度盘点差异" if kind == COUNT else "手工修改：库位复核更正"
            self._change(tick, p, kind, delta, note=note)
            if delta < 0:
                self._restock_check(day, p)

    def _futures_orders(self, day: int) -> None:
        rng = self.rng
        budget = max(1, self.n // 5000)
        candidates = [
            i for i in range(self.n) if self.listed[i] and self.quota[i] > 0 and self.sku_pairs[i]
        ]
        rng.shuffle(candidates)
        for sku in candidates:
            if budget <= 0:
                break
            address = bisect.bisect_right(self.address_cum, rng.random())
            chain = self.chains_after[address]
            qty = max(1, self.quota[sku] // 4)
            pairs = self.sku_pairs[sku]
            stocked = [pairs[w] for w in chain if w in pairs]
            if any(self.on_hand[p] - self.reserved[p] >= qty for p in stocked):
                continue  # spot stock covers it: the router would not book futures
            tick = day * DAY + rng.randrange(6 * 3600)
            self._new_order(
                tick, address, [(next(iter(pairs.values())), qty, sku)], "allocated", None
            )
            # Booked on the first warehouse of the chain, with no reservation: nothing on hand.
            self.line_rows[-1].update(
                warehouse_id=chain[0], kind="futures", promised_hours=self.futures_hours[sku]
            )
            self.open_orders += 1
            budget -= 1

    # -- stock, rules, settings ----------------------------------------------------------------
    def stock(self) -> None:
        rows = [
            {
                "product_id": self.pair_pid[p],
                "warehouse_id": self.pair_wid[p],
                "on_hand": self.on_hand[p],
                "reserved": self.reserved[p],
                "version": 1,
            }
            for p in range(len(self.pair_pid))
        ]
        for start in range(0, len(rows), CHUNK):
            self.conn.execute(insert(Stock), rows[start : start + CHUNK])
            self._report(min(start + CHUNK, len(rows)), len(rows), "写入库存")

    def rules(self) -> None:
        rng = self.rng
        rows: list[Row] = [
            {"kind": "slow", "product_id": None, "warehouse_id": None, "qty": None,
             "days": Decimal("90"), "enabled": True},
            {"kind": "safety", "product_id": None, "warehouse_id": None, "qty": None,
             "days": Decimal("7"), "enabled": True},
            {"kind": "safety", "product_id": None, "warehouse_id": self.wid["华东"], "qty": None,
             "days": Decimal("10"), "enabled": True},
        ]  # fmt: skip
        busy = [i for i in range(self.n) if self.sku_class[i] <= 1 and self.sku_pairs[i]]
        rng.shuffle(busy)
        per_sku = max(3, self.n // 1000)
        for i in busy[:per_sku]:
            rows.append(
                {"kind": "safety", "product_id": self.pid[i], "warehouse_id": None,
                 "qty": rng.randrange(20, 201, 10), "days": None, "enabled": True}
            )  # fmt: skip
        for i in busy[per_sku : per_sku + max(2, self.n // 2000)]:
            rows.append(
                {"kind": "safety", "product_id": self.pid[i],
                 "warehouse_id": next(iter(self.sku_pairs[i])),
                 "qty": rng.randrange(10, 101, 5), "days": None, "enabled": True}
            )  # fmt: skip
        self.conn.execute(insert(AlertRule), rows)

    def settings(self) -> None:
        # A sales contract ending soon, so the compliance list shows rule 17 as well.
        if self.s.get(Setting, CONTRACT_END_KEY) is None:
            end = self.today + dt.timedelta(days=25)
            self.s.add(Setting(key=CONTRACT_END_KEY, value=end.isoformat()))


def _below(rng: random.Random, n: int) -> int:
    """A random int in [0, n): randrange's exactness is not needed here, and this is 4× faster
    in loops that run millions of times."""
    return int(rng.random() * n)


def _shuffle(rng: random.Random, items: list[Any]) -> None:
    """Fisher–Yates with `_below`, for the same reason."""
    for i in range(len(items) - 1, 0, -1):
        j = int(rng.random() * (i + 1))
        items[i], items[j] = items[j], items[i]


def _sample(rng: random.Random, population: int, per: int) -> list[int]:
    """About population/per distinct indexes (at least one), for counts and corrections."""
    if population == 0:
        return []
    return rng.sample(range(population), max(1, population // per))


def _fix_sequences(conn: Connection) -> None:
    """PostgreSQL: rows inserted with explicit ids leave the id sequences behind; catch up."""
    if conn.dialect.name != "postgresql":
        return
    for table in ("product", "sales_order", "order_line"):
        conn.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
            )
        )


def _big_cache(conn: Connection) -> Callable[[], None]:
    """SQLite: a bigger page cache while bulk loading; restored afterwards, since the connection
    goes back to the pool."""
    if conn.dialect.name != "sqlite":
        return lambda: None
    old = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql("PRAGMA cache_size=-131072")  # 128 MB

    def restore() -> None:
        conn.exec_driver_sql(f"PRAGMA cache_size={int(old or -2000)}")

    return restore


def fill_demo(
    book: Book,
    *,
    skus: int = 200,
    seed: int = 1,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> str:
    """Fill an empty book with a demo data set; returns a one-line Chinese summary.

    The same seed and `today` (default: the current date) give the same book. Refused
    (BadInput) when the book already holds products or warehouses of its own: demo data mixed
    into real data could not be told apart. Everything is written in one transaction.
    """
    if skus < 1:
        raise BadInput(f"演示商品数量须为正整数，收到 {skus}")
    started = time.perf_counter()
    with book.transaction() as s:
        products = s.scalar(select(func.count()).select_from(Product)) or 0
        own = s.scalar(
            select(func.count()).select_from(Warehouse).where(Warehouse.is_national.is_(False))
        )
        if products or own:
            what = f"{products:,} 个商品" if products else f"{own} 个商家仓"
            raise BadInput(
                f"当前库存账本已有 {what}，不能再填充演示数据（会与真实数据混在一起）。"
                "请用 --db 指定一个新的账本文件后再运行 jdstock demo"
            )
        conn = s.connection()
        restore = _big_cache(conn)
        try:
            b = _Builder(s, skus, seed, today or dt.date.today(), progress)
            b.warehouses()
            b.customers()
            b.categories()
            b.products()
            b.pairs()
            b.simulate()
            b.stock()
            b.rules()
            b.settings()
            _fix_sequences(conn)
        finally:
            restore()
    counts = DemoCounts(
        skus=skus,
        listed=sum(b.listed),
        warehouses=len(WAREHOUSES) + 1,
        paused=sum(1 for w in WAREHOUSES if w.paused),
        ledger_rows=b.sink.written,
        orders=b.orders,
        open_orders=b.open_orders,
        seconds=time.perf_counter() - started,
    )
    return counts.summary()
