"""导入表格… / 导出表格… driven as a clerk would: pick a file, read the preview or the errors,
save the annotated copy, import, export. Every test ends by looking at the book or the file."""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QMenu, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from jdstock_desktop.services.forms import preview as planning
from jdstock_desktop.sheets.forms import PRODUCTS, REGIONAL_STOCK
from jdstock_desktop.sheets.reader import read_sheet
from jdstock_desktop.sheets.writer import write_sheet
from jdstock_desktop.storage.db import Book
from jdstock_desktop.storage.models import LedgerEntry
from jdstock_desktop.ui.main_window import MainWindow
from jdstock_desktop.ui.sheets_dialog import ExportDialog, ImportDialog
from jdstock_desktop.ui.sheets_dialog.import_dialog import ERRORS, PREVIEW
from jdstock_desktop.ui.widgets import dialogs, jobs
from jdstock_desktop.ui.widgets.jobs import Cancelled, Job, Step
from tests.helpers import add_product, add_warehouse, on_hand_by_cell


@pytest.fixture
def stock_book(book: Book) -> Book:
    add_warehouse(book, "华东仓")
    add_product(book, "P001", name="六角螺栓")
    add_product(book, "P002", name="六角螺母")
    return book


@pytest.fixture(autouse=True)
def _no_job_left_running() -> Iterator[None]:
    yield
    assert jobs.wait_all(10_000)


ROW_P001: dict[str, object] = {"sku": "P001", "warehouse": "华东仓", "on_hand": 5}


def stock_file(path: Path, rows: Sequence[Mapping[str, object]]) -> Path:
    write_sheet(path, REGIONAL_STOCK, rows)
    return path


def ledger_rows(book: Book) -> int:
    with book.read() as s:
        return s.scalar(select(func.count()).select_from(LedgerEntry)) or 0


def choose_file(monkeypatch: pytest.MonkeyPatch, method: str, path: Path | str) -> None:
    monkeypatch.setattr(QFileDialog, method, lambda *a, **k: (str(path), ""))


@pytest.fixture
def import_dialog(qtbot: QtBot, stock_book: Book) -> ImportDialog:
    d = ImportDialog(stock_book)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    return d


def pick(qtbot: QtBot, dialog: ImportDialog) -> object:
    """Click 选择文件… (the file chooser is patched) and wait for the check to finish."""
    with qtbot.waitSignal(dialog.checked, timeout=20_000) as blocker:
        qtbot.mouseClick(dialog.browse_button, Qt.MouseButton.LeftButton)
    return blocker.args[0]


def errors(dialog: ImportDialog) -> list[tuple[object, ...]]:
    return dialog.errors_model.rows()


def test_a_bad_cell_shows_its_row_and_nothing_is_written(
    qtbot: QtBot,
    import_dialog: ImportDialog,
    stock_book: Book,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = stock_file(
        tmp_path / "库存.xlsx",
        [
            {"sku": "P001", "warehouse": "华东仓", "on_hand": 5},
            {"sku": "P002", "warehouse": "华东仓", "on_hand": "十二"},
            {"sku": "P404", "warehouse": "华东仓", "on_hand": 1},
        ],
    )
    choose_file(monkeypatch, "getOpenFileName", path)
    plan = pick(qtbot, import_dialog)
    assert not plan.ok  # type: ignore[attr-defined]
    assert import_dialog.stack.currentIndex() == ERRORS
    assert import_dialog.sheet_box.currentText() == "分区库存"
    assert import_dialog.detected_label.text() == "（自动识别）"
    problems = errors(import_dialog)
    assert [p[:3] for p in problems] == [("分区库存", 3, "现货库存"), ("分区库存", 4, "商品编码")]
    assert "十二" in str(problems[0][3])
    assert "发现 2 处错误，未写入任何数据" in import_dialog.errors_label.text()
    assert not import_dialog.confirm_button.isEnabled()
    assert on_hand_by_cell(stock_book) == {} and ledger_rows(stock_book) == 0

    annotated = tmp_path / "库存-错误批注.xlsx"
    choose_file(monkeypatch, "getSaveFileName", annotated)
    with qtbot.waitSignal(import_dialog.annotated, timeout=20_000):
        qtbot.mouseClick(import_dialog.annotate_button, Qt.MouseButton.LeftButton)
    wb = openpyxl.load_workbook(annotated)
    assert "错误清单" in wb.sheetnames
    assert "十二" in wb["分区库存"]["C3"].comment.text
    assert import_dialog.annotate_status.text() == f"已保存：{annotated}"


def test_a_good_file_previews_then_imports(
    qtbot: QtBot,
    import_dialog: ImportDialog,
    stock_book: Book,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = stock_file(
        tmp_path / "库存.xlsx",
        [
            {"sku": "P001", "warehouse": "华东仓", "on_hand": 5},
            {"sku": "P002", "warehouse": "华东仓", "on_hand": "12"},  # typed as text: fine
        ],
    )
    choose_file(monkeypatch, "getOpenFileName", path)
    plan = pick(qtbot, import_dialog)
    assert plan.ok  # type: ignore[attr-defined]
    assert import_dialog.stack.currentIndex() == PREVIEW
    assert "试运行，未写入" in import_dialog.summary_label.text()
    assert [r[0] for r in import_dialog.details_model.rows()] == [
        "P001 @ 华东仓：新建 5",
        "P002 @ 华东仓：新建 12",
    ]
    assert import_dialog.details_note.text() == "共 2 条变化。"
    assert on_hand_by_cell(stock_book) == {}  # the preview wrote nothing
    assert import_dialog.confirm_button.isEnabled()

    with qtbot.waitSignal(import_dialog.book_changed, timeout=20_000):
        qtbot.mouseClick(import_dialog.confirm_button, Qt.MouseButton.LeftButton)
    assert on_hand_by_cell(stock_book) == {("P001", "华东仓"): 5, ("P002", "华东仓"): 12}
    assert ledger_rows(stock_book) == 2
    assert import_dialog.summary_label.text().startswith("已导入：")
    assert not import_dialog.confirm_button.isEnabled()  # not twice


def test_the_same_file_again_changes_nothing(
    qtbot: QtBot,
    import_dialog: ImportDialog,
    stock_book: Book,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = stock_file(
        tmp_path / "库存.xlsx", [{"sku": "P001", "warehouse": "华东仓", "on_hand": 5}]
    )
    choose_file(monkeypatch, "getOpenFileName", path)
    pick(qtbot, import_dialog)
    with qtbot.waitSignal(import_dialog.book_changed, timeout=20_000):
        qtbot.mouseClick(import_dialog.confirm_button, Qt.MouseButton.LeftButton)
    pick(qtbot, import_dialog)
    assert import_dialog.details_note.text() == "文件与账本一致，导入不会改变任何数据。"
    assert not import_dialog.confirm_button.isEnabled()
    assert ledger_rows(stock_book) == 1


def test_the_sheet_type_can_be_overridden(
    qtbot: QtBot,
    import_dialog: ImportDialog,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = stock_file(
        tmp_path / "库存.xlsx", [{"sku": "P001", "warehouse": "华东仓", "on_hand": 5}]
    )
    choose_file(monkeypatch, "getOpenFileName", path)
    pick(qtbot, import_dialog)
    products = import_dialog.sheets.index(PRODUCTS)
    with qtbot.waitSignal(import_dialog.checked, timeout=20_000):
        import_dialog.sheet_box.setCurrentIndex(products)
        import_dialog.sheet_box.activated.emit(products)  # what a pick in the list sends
    assert import_dialog.detected_label.text() == "（手动选择）"
    assert import_dialog.stack.currentIndex() == ERRORS
    assert [p[3] for p in errors(import_dialog)] == ["这是「分区库存」表格，不是「商品」"]


def test_an_unreadable_file_is_an_error_not_a_crash(
    qtbot: QtBot, import_dialog: ImportDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "坏文件.xlsx"
    path.write_text("不是 Excel")
    choose_file(monkeypatch, "getOpenFileName", path)
    pick(qtbot, import_dialog)
    assert import_dialog.stack.currentIndex() == ERRORS
    assert import_dialog.errors_label.text()
    assert not import_dialog.confirm_button.isEnabled()


def test_cancelling_the_check_writes_nothing(
    qtbot: QtBot,
    import_dialog: ImportDialog,
    stock_book: Book,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def slow_dry_run(_book: Book, _path: str, _sheet: object, step: Step) -> None:
        while step(1, 3):  # a big file: works until the clerk cancels
            time.sleep(0.005)
        raise Cancelled

    monkeypatch.setattr(planning, "dry_run", slow_dry_run)
    path = stock_file(tmp_path / "库存.xlsx", [ROW_P001])
    import_dialog.open_file(str(path))
    qtbot.waitUntil(
        lambda: import_dialog.progress is not None and import_dialog.progress.isVisible()
    )
    progress = import_dialog.progress
    assert progress is not None and progress.labelText() == "正在检查 库存.xlsx …"
    job = import_dialog.job
    assert job is not None
    [cancel] = progress.findChildren(QPushButton)
    assert cancel.text() == "取消"
    with qtbot.waitSignal(job.ended, timeout=10_000):
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert import_dialog.errors_label.text() == "已取消检查，未写入任何数据。"
    assert not import_dialog.confirm_button.isEnabled()
    assert on_hand_by_cell(stock_book) == {} and import_dialog.progress is None


def test_export_dialog_writes_the_chosen_sheet(
    qtbot: QtBot, stock_book: Book, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = ExportDialog(stock_book)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.sheet_box.setCurrentIndex(dialog.sheets.index(PRODUCTS))
    target = tmp_path / "商品"
    choose_file(monkeypatch, "getSaveFileName", target)
    with qtbot.waitSignal(dialog.exported, timeout=20_000) as blocker:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [str(target) + ".xlsx", 2]
    rows = read_sheet(str(target) + ".xlsx", PRODUCTS)
    assert [(r.values["code"], r.values["name"]) for r in rows] == [
        ("P001", "六角螺栓"),
        ("P002", "六角螺母"),
    ]
    assert dialog.status.text() == f"已导出 2 行到 {target}.xlsx"
    assert [p.name for p in tmp_path.glob("*.xlsx")] == ["商品.xlsx"]  # no temporary file left


@pytest.mark.parametrize("form", ["新品提报表", "商品", "分区库存", "无货预定", "类目时效标准"])
def test_every_form_from_the_export_dialog_equals_the_command_lines(
    qtbot: QtBot,
    stock_book: Book,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    form: str,
) -> None:
    """The GUI wrote the 新品提报表 without its dropdowns (issue 11): both doors now write one
    file — the same cells, the same dropdowns, the same hidden sheet."""
    from jdstock_desktop.cli import main
    from jdstock_desktop.services.forms.door import form_by_name

    sheet = form_by_name(form)
    dialog = ExportDialog(stock_book)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.sheet_box.setCurrentIndex(dialog.sheets.index(sheet))
    gui = tmp_path / "gui.xlsx"
    choose_file(monkeypatch, "getSaveFileName", gui)
    with qtbot.waitSignal(dialog.exported, timeout=20_000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    cli = tmp_path / "cli.xlsx"
    assert main(["--db", stock_book.url, "export", form, str(cli)]) == 0

    def content(path: Path) -> dict[str, object]:
        wb = openpyxl.load_workbook(path)
        return {
            ws.title: (
                [list(r) for r in ws.iter_rows(values_only=True)],
                sorted(
                    (str(v.sqref), v.type, v.formula1) for v in ws.data_validations.dataValidation
                ),
                ws.sheet_state,
            )
            for ws in wb.worksheets
        }

    assert content(gui) == content(cli)
    if form == "新品提报表":
        assert any(validations for _, validations, _ in content(gui).values())


def test_jobs_deliver_results_errors_and_cancellation(qtbot: QtBot) -> None:
    def work(step: Step) -> int:
        for i in range(1000):
            if not step(i, 1000):
                raise Cancelled
        return 42

    job = Job(work)
    with qtbot.waitSignal(job.succeeded, timeout=10_000) as blocker:
        job.start()
    assert blocker.args == [42]

    def boom(_step: Step) -> None:
        raise ValueError("坏了")

    job = Job(boom)
    with qtbot.waitSignal(job.failed, timeout=10_000) as blocker:
        job.start()
    assert isinstance(blocker.args[0], ValueError)

    started: list[bool] = []

    def slow(step: Step) -> int:
        started.append(True)
        while step(0, 1):
            pass
        raise Cancelled

    job = Job(slow)
    job.start()
    qtbot.waitUntil(lambda: bool(started))
    with qtbot.waitSignal(job.cancelled, timeout=10_000):
        job.cancel()
    assert not job.is_running()


def test_models_pass_the_model_tester(
    qtmodeltester: object,
    qtbot: QtBot,
    import_dialog: ImportDialog,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = stock_file(
        tmp_path / "库存.xlsx", [{"sku": "P404", "warehouse": "华东仓", "on_hand": 1}]
    )
    choose_file(monkeypatch, "getOpenFileName", path)
    pick(qtbot, import_dialog)
    qtmodeltester.check(import_dialog.errors_model)  # type: ignore[attr-defined]
    good = stock_file(tmp_path / "好.xlsx", [{"sku": "P001", "warehouse": "华东仓", "on_hand": 1}])
    choose_file(monkeypatch, "getOpenFileName", good)
    pick(qtbot, import_dialog)
    qtmodeltester.check(import_dialog.details_model)  # type: ignore[attr-defined]


# -- the 文件 menu of the main window --------------------------------------------------------------


@pytest.fixture
def window(qtbot: QtBot, stock_book: Book, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    monkeypatch.setattr(dialogs, "ask_unsaved_changes", lambda *_: dialogs.UnsavedChoice.DISCARD)
    w = MainWindow(stock_book)
    qtbot.addWidget(w)
    w.show()
    return w


def file_menu(window: MainWindow) -> dict[str, str]:
    menu = window.menuBar().actions()[0].menu()
    assert isinstance(menu, QMenu)
    return {a.text(): a.shortcut().toString() for a in menu.actions() if a.text()}


def test_file_menu_has_import_and_export(window: MainWindow) -> None:
    entries = file_menu(window)
    assert entries["导入表格…"] == "Ctrl+I"
    assert entries["导出表格…"] == "Ctrl+E"


def test_import_from_the_menu_refreshes_the_window(
    qtbot: QtBot,
    window: MainWindow,
    stock_book: Book,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = stock_file(
        tmp_path / "库存.xlsx", [{"sku": "P001", "warehouse": "华东仓", "on_hand": 7}]
    )
    choose_file(monkeypatch, "getOpenFileName", path)

    def run(dialog: ImportDialog) -> int:
        pick(qtbot, dialog)
        with qtbot.waitSignal(dialog.book_changed, timeout=20_000):
            qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ImportDialog, "exec", run)
    before = window.counts_label.text()
    window.import_sheet_action.trigger()
    assert on_hand_by_cell(stock_book) == {("P001", "华东仓"): 7}
    assert window.counts_label.text() != before and "流水 1 行" in window.counts_label.text()
    assert "分区库存" in window.message_label.text()


def test_export_from_the_menu(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "仓库.xlsx"
    choose_file(monkeypatch, "getSaveFileName", target)

    def run(dialog: ExportDialog) -> int:
        dialog.sheet_box.setCurrentIndex(0)  # 仓库
        with qtbot.waitSignal(dialog.exported, timeout=20_000):
            qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ExportDialog, "exec", run)
    window.export_sheet_action.trigger()
    assert target.exists()
    assert window.message_label.text() == f"已导出 2 行到 {target}"
