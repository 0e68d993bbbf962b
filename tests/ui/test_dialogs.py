"""The shared dialogs, run for real (only the modal loop is skipped)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from jdstock_desktop.ui.widgets.dialogs import UnsavedChoice, ask_unsaved_changes


def test_unsaved_changes_question_names_the_count(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []

    def fake_exec(box: QMessageBox) -> int:
        shown.append(box.text())
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    # Closing the question without a button keeps the clerk where they are.
    assert ask_unsaved_changes(None, 3) is UnsavedChoice.CANCEL
    assert shown == ["有 3 处库存修改尚未提交。"]
