"""Stock arithmetic (SPEC §4): on hand − reserved = available; on hand never below zero."""

from __future__ import annotations

from enum import Enum

from jdstock_desktop.domain.limits import MAX_QUANTITY
from jdstock_desktop.errors import Refused

__all__ = ["MAX_QUANTITY", "LedgerKind", "apply_change", "check_quantity"]


class LedgerKind(Enum):
    """Why a ledger row exists; the value is stored, the label shown."""

    MANUAL = "manual"  # 手工修改 (grid edit)
    IMPORT = "import"  # 导入 (分区库存 sheet sets the quantity)
    INBOUND = "inbound"  # 入库
    SHIP = "ship"  # 发货: a sale on its day
    COUNT = "count"  # 盘点
    ADJUST = "adjust"  # 调整
    RETURN = "return"  # 退货
    RESERVE = "reserve"  # 订单预占
    CANCEL = "cancel"  # 取消 (reservation released)
    VIOLATION = "violation"  # 违规清零 (rule 18)

    @property
    def label(self) -> str:
        return LEDGER_LABELS[self]


LEDGER_LABELS: dict[LedgerKind, str] = {
    LedgerKind.MANUAL: "手工修改",
    LedgerKind.IMPORT: "导入",
    LedgerKind.INBOUND: "入库",
    LedgerKind.SHIP: "发货",
    LedgerKind.COUNT: "盘点",
    LedgerKind.ADJUST: "调整",
    LedgerKind.RETURN: "退货",
    LedgerKind.RESERVE: "订单预占",
    LedgerKind.CANCEL: "取消",
    LedgerKind.VIOLATION: "违规清零",
}


def check_quantity(n: int, *, where: str) -> None:
    """Refused when a quantity or change is beyond MAX_QUANTITY either way."""
    if abs(n) > MAX_QUANTITY:
        raise Refused(f"{where}：数量 {n} 超出上限 {MAX_QUANTITY:,}")


def apply_change(
    on_hand: int, reserved: int, delta: int, reserved_delta: int, *, where: str
) -> tuple[int, int]:
    """New (on hand, reserved) after a change, or Refused when it would break §4."""
    check_quantity(delta, where=where)
    check_quantity(reserved_delta, where=where)
    new_on_hand = on_hand + delta
    new_reserved = reserved + reserved_delta
    if new_on_hand > MAX_QUANTITY:
        raise Refused(
            f"{where}：现货库存 {on_hand} 变动 {delta:+d} 后为 {new_on_hand}，"
            f"超出上限 {MAX_QUANTITY:,}"
        )
    if new_on_hand < 0:
        raise Refused(
            f"{where}：现货库存 {on_hand} 变动 {delta:+d} 后为 {new_on_hand}，库存不能为负"
        )
    if new_reserved < 0:
        raise Refused(f"{where}：已预占 {reserved} 变动 {reserved_delta:+d} 后为负数")
    if new_reserved > new_on_hand:
        raise Refused(
            f"{where}：现货库存 {new_on_hand} 少于已被订单预占的 {new_reserved}，请先发货或取消订单"
        )
    return new_on_hand, new_reserved
