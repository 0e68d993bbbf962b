"""The command line (SPEC §9). Imports no Qt unless it opens the GUI, so scripts start fast."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any

from jdstock_desktop import __version__
from jdstock_desktop.errors import BadInput, JdStockError

EXIT_OK, EXIT_ERROR, EXIT_BAD_INPUT = 0, 1, 2


def _print_json(obj: object) -> None:
    print(json.dumps(obj, ensure_ascii=False, indent=2))


def _open(args: argparse.Namespace) -> Any:
    from jdstock_desktop.storage.db import open_book

    return open_book(args.db)


def cmd_init(args: argparse.Namespace) -> int:
    from jdstock_desktop.storage.db import HEAD_REVISION

    book = _open(args)
    print(f"库存账本已就绪：{book.display_name}（版本 {HEAD_REVISION}）")
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from jdstock_desktop.demo_book import fill_demo

    book = _open(args)
    summary = fill_demo(book, skus=args.skus, seed=args.seed, progress=_stderr_progress)
    print(summary)
    return EXIT_OK


def _stderr_progress(done: int, total: int, label: str) -> None:
    if sys.stderr.isatty():
        print(f"\r{label} {done}/{total}", end="", file=sys.stderr, flush=True)


def cmd_import(args: argparse.Namespace) -> int:
    from jdstock_desktop.services.forms.door import form_by_name, import_any

    form_by_name(args.sheet)  # an unknown name is refused before the book is opened
    book = _open(args)
    report = import_any(book, args.sheet, args.file, args.dry_run, annotated=args.annotate)
    if args.json:
        _print_json(report.as_json())
        return EXIT_OK
    print(report.summary())
    for line in report.details[: args.show]:
        print(f"  {line}")
    if len(report.details) > args.show:
        print(f"  ……（共 {report.created + report.updated} 处变化，仅列出前 {args.show} 处）")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from jdstock_desktop.services.forms.door import display_name, export_any

    name = display_name(args.sheet)
    book = _open(args)
    count = export_any(book, args.sheet, args.file)
    print(f"已导出「{name}」{count} 行到 {args.file}")
    return EXIT_OK


def cmd_route(args: argparse.Namespace) -> int:
    from jdstock_desktop.services.routing import route

    if args.qty <= 0:
        raise BadInput(f"--qty 必须是正整数，收到 {args.qty}")
    decision = route(_open(args), args.sku, args.qty, args.address)
    if args.json:
        _print_json(decision.as_json())
        return EXIT_OK
    labels = {"spot": "现货", "futures": "期货", "refused": "拒绝"}
    print(f"结果：{labels[decision.kind.value]}")
    if decision.warehouse:
        print(f"发货仓：{decision.warehouse}，承诺时效：{decision.promised_hours} 小时")
    if decision.chain:
        print("支援链：" + " → ".join(f"{c.name}(可用 {c.available})" for c in decision.chain))
    print(f"原因：{decision.reason}")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from jdstock_desktop.services.stock import check_book, check_lines

    book = _open(args)
    problems = check_book(book)
    if not problems:
        print("库存流水合计与库存一致，每个商品+仓的流水按时间前后衔接")
        return EXIT_OK
    for line in check_lines(book, problems[:100]):
        print(line, file=sys.stderr)
    print(f"发现 {len(problems)} 处库存与流水不一致", file=sys.stderr)
    return EXIT_ERROR


def _day(text: str | None) -> Any:
    import datetime as dt

    if text is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise BadInput(f"--date 需要 YYYY-MM-DD 格式的日期，收到「{text}」") from None


def cmd_alerts(args: argparse.Namespace) -> int:
    from jdstock_desktop.services.alerts import alerts_report, take_new_out_of_stock

    book = _open(args)
    day = _day(args.date)
    if args.new:
        entries = take_new_out_of_stock(book, day)
        if args.json:
            _print_json([e.as_json() for e in entries])
        else:
            print(f"自上次查看以来新进入无货的 {len(entries)} 个 商品+仓：")
            for e in entries:
                print(f"  {e.text()}")
        return EXIT_OK
    report = alerts_report(book, day)
    if args.json:
        _print_json(report.as_json())
    else:
        print(report.text())
    return EXIT_OK


def cmd_compliance(args: argparse.Namespace) -> int:
    from jdstock_desktop.services.compliance import compliance_report

    report = compliance_report(_open(args), _day(args.date))
    if args.json:
        _print_json(report.as_json())
    else:
        print(report.text())
    return EXIT_OK


def cmd_replenish(args: argparse.Namespace) -> int:
    from jdstock_desktop.services.replenish import replenishment_report

    report = replenishment_report(_open(args), _day(args.date), cover_days=args.cover_days)
    if args.json:
        _print_json(report.as_json())
    else:
        print(report.text())
    return EXIT_OK


def cmd_order(args: argparse.Namespace) -> int:
    from jdstock_desktop.services import orders

    book = _open(args)
    if args.action == "ship":
        result = orders.ship_order(book, args.order_no, warehouse=args.warehouse)
    elif args.action == "cancel":
        result = orders.cancel_order(book, args.order_no)
    else:
        result = orders.order_documents(book, args.order_no, args.out)
    print(result)
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    from pathlib import Path

    from jdstock_desktop.services.backup import backup_book
    from jdstock_desktop.storage.db import resolve_url

    url = resolve_url(args.db)
    # Opening a missing file would create an empty book and "back it up": say so instead.
    if url.startswith("sqlite:///") and not Path(url.split("///", 1)[1]).exists():
        raise BadInput(f"账本不存在：{url.split('///', 1)[1]}")
    book = _open(args)
    try:
        dest = backup_book(book, Path(args.file))
    finally:
        book.close()
    print(f"已把账本 {book.display_name} 备份到 {dest}")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from pathlib import Path

    from jdstock_desktop.services.backup import restore_book
    from jdstock_desktop.storage.db import resolve_url

    target = resolve_url(args.db).split("///", 1)[-1]
    safety = restore_book(Path(args.file), args.db)
    print(f"已用备份 {args.file} 恢复账本 {target}")
    if safety is not None:
        print(f"恢复前的账本已另存为 {safety}")
    return EXIT_OK


def cmd_gui(args: argparse.Namespace) -> int:
    from jdstock_desktop.ui.app import run_gui

    return run_gui(args.db)


def cmd_screenshot(args: argparse.Namespace) -> int:
    from pathlib import Path

    from jdstock_desktop.ui.screenshots import screenshot_command

    written = screenshot_command(args.db, Path(args.dir), skus=args.skus, language=args.lang)
    for path in written:
        print(path)
    print(f"已保存 {len(written)} 张截图到 {args.dir}")
    return EXIT_OK


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"需要整数，收到「{text}」") from None
    return value


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        default=argparse.SUPPRESS,
        help="库存账本：文件路径或 SQLAlchemy URL（postgresql+psycopg://…）；默认用户数据目录下的账本",
    )
    parser = argparse.ArgumentParser(
        prog="jdstock", description="京东工业/慧采 供应商库存账本", parents=[common]
    )
    parser.add_argument("--version", action="version", version=f"jdstock {__version__}")
    sub = parser.add_subparsers(dest="command")

    def add(
        name: str, fn: Callable[[argparse.Namespace], int], help: str
    ) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=help, parents=[common])
        p.set_defaults(func=fn)
        return p

    add("init", cmd_init, "创建或升级库存账本")
    p = add("demo", cmd_demo, "填充演示数据")
    p.add_argument("--skus", type=_positive_int, default=200, help="商品数量（默认 200）")
    p.add_argument("--seed", type=int, default=1, help="随机种子")
    p = add("import", cmd_import, "导入表格")
    p.add_argument(
        "sheet",
        help="表格名称，如 仓库、覆盖优先级、商品、分区库存、库存流水、订单、预警规则、"
        "供应商评估表、新品提报表、上柜表、无货预定、类目时效标准",
    )
    p.add_argument("file")
    p.add_argument("--dry-run", action="store_true", help="只检查并显示变化，不写入")
    p.add_argument("--annotate", metavar="OUT", help="导入失败时，把错误单元格标红的副本写到 OUT")
    p.add_argument("--json", action="store_true")
    p.add_argument("--show", type=int, default=20, help="列出前 N 处变化")
    p = add("export", cmd_export, "导出表格")
    p.add_argument("sheet")
    p.add_argument("file")
    p = add("route", cmd_route, "试算：哪个仓发货（SPEC §3）")
    p.add_argument("--sku", required=True)
    p.add_argument("--qty", required=True, type=_positive_int)
    p.add_argument("--address", required=True, help="省/市/区县/乡镇，1–4 级用 / 分隔")
    p.add_argument("--json", action="store_true")
    add("check", cmd_check, "核对库存流水合计与库存")
    p = add("backup", cmd_backup, "把账本备份到一个文件（SQLite 账本）")
    p.add_argument("file", help="备份文件路径")
    p = add("restore", cmd_restore, "用备份文件替换账本（原账本先自动备份）")
    p.add_argument("file", help="备份文件路径")
    p = add("alerts", cmd_alerts, "预警与看板（SPEC §6）")
    p.add_argument("--date", help="业务日期 YYYY-MM-DD，默认今天")
    p.add_argument("--json", action="store_true")
    p.add_argument("--new", action="store_true", help="列出自上次查看以来新进入无货的 商品+仓")
    p = add("compliance", cmd_compliance, "合规检查清单（规则 12–21）")
    p.add_argument("--date", help="业务日期 YYYY-MM-DD，默认今天")
    p.add_argument("--json", action="store_true")
    p = add("replenish", cmd_replenish, "补货建议（每个 商品+仓）")
    p.add_argument("--date", help="业务日期 YYYY-MM-DD，默认今天")
    p.add_argument("--cover-days", type=int, default=14, help="安全水位之外再覆盖的天数")
    p.add_argument("--json", action="store_true")
    p = add("order", cmd_order, "订单操作：发货、取消、打印装箱清单与签收单")
    p.add_argument("action", choices=("ship", "cancel", "documents"))
    p.add_argument("order_no")
    p.add_argument("--warehouse", help="发货仓（期货订单到货后发货时可指定）")
    p.add_argument("--out", default=".", help="documents：xlsx 输出目录")
    p = add("screenshot", cmd_screenshot, "把主窗口的每个页面截图为 PNG（默认用临时演示账本）")
    p.add_argument("dir", help="截图保存到的文件夹")
    p.add_argument("--skus", type=_positive_int, default=300, help="演示商品数量（默认 300）")
    p.add_argument("--lang", choices=("zh_CN", "en"), default="zh_CN", help="界面语言")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        # Windows consoles and pipes default to a legacy code page; Chinese must survive.
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: 2 for bad usage, 0 for --help/--version
        return int(exc.code or 0)
    if not hasattr(args, "db"):
        args.db = None
    func = getattr(args, "func", cmd_gui)
    try:
        return func(args)
    except BadInput as exc:
        _say(str(exc))
        return EXIT_BAD_INPUT
    except JdStockError as exc:
        _say(str(exc))
        return EXIT_ERROR
    except KeyboardInterrupt:
        _say("已中断")
        return EXIT_ERROR
    except Exception as exc:  # a faulty book, a driver, the disk: a sentence, never a traceback
        _say(_failure(exc))
        return EXIT_ERROR


def _say(text: str) -> None:
    from jdstock_desktop.domain.text import printable

    print(printable(text), file=sys.stderr)


def _failure(exc: Exception) -> str:
    """What the clerk reads for an error no refusal foresaw; the trace goes to the log file."""
    from jdstock_desktop.storage.book_file import UNKNOWN_FAILURE, failure_reason, failure_text

    logged = _log_trace(exc)
    if failure_reason(exc) != UNKNOWN_FAILURE or _is_database_error(exc):
        text = failure_text(exc)
    else:
        text = f"程序出现意外错误：{type(exc).__name__}: {str(exc)[:300]}"
    return text + (f"\n错误详情已记录到 {logged}" if logged else "")


def _is_database_error(exc: BaseException) -> bool:
    from sqlalchemy.exc import SQLAlchemyError

    return isinstance(exc, SQLAlchemyError)


def _log_trace(exc: Exception) -> str | None:
    """Append the traceback to the program's log (the GUI's crash log); its path, or None
    when the log cannot be written (a full disk, say)."""
    import traceback

    from jdstock_desktop.config import data_dir

    path = data_dir() / "logs" / "jdstock.log"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as f:
            f.write("command line: " + " ".join(sys.argv[1:]) + "\n")
            f.write("".join(traceback.format_exception(exc)))
    except OSError:
        return None
    return str(path)


if __name__ == "__main__":
    sys.exit(main())
