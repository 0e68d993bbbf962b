"""The 4-level address picker (省/市/区县/乡镇) over the bundled region data, and a region search.

Clerks type addresses the way they say them (广东, 深圳, 南山), so every level is an editable
combo box with type-to-search; the search box finds any region by part of its name and fills
the four levels at once. Used by the 仓库 page (warehouse address, what-if) and the orders page.
"""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QGridLayout,
    QLineEdit,
    QSizePolicy,
    QWidget,
)

from jdstock_desktop.domain.regions import ROOT_CODE, Region, load_regions, short_names

LEVELS = 4
SEARCH_LIMIT = 50
# The domain search stops at its limit in level order; ask for more so that results inside the
# clerk's current province or city can be put first without losing them to the cut.
SEARCH_POOL = 400


def under(code: str, scope: str | None) -> bool:
    """Whether region `code` lies in the subtree of `scope` (codes extend their parent's)."""
    return not scope or scope == ROOT_CODE or code.startswith(scope)


def search_regions(text: str, scope: str | None = None, limit: int = SEARCH_LIMIT) -> list[Region]:
    """Regions whose name contains `text`; those under `scope` first, shallower levels first."""
    found = load_regions().search(text, SEARCH_POOL)
    found.sort(key=lambda r: not under(r.code, scope))  # stable: keeps the level order
    return found[:limit]


def match_child(children: list[Region], text: str) -> list[Region]:
    """The children `text` names: the full name, a usual short name, a prefix, then a substring.

    The first of those tiers that matches anything wins, so 南山 picks 南山区 over 南山街道 of the
    same parent only when the tier decides it; more than one hit is for the caller to report.
    """
    text = text.strip()
    if not text:
        return []
    tiers = (
        lambda r: r.name == text,
        lambda r: text in short_names(r.name),
        lambda r: r.name.startswith(text),
        lambda r: text in r.name,
    )
    for test in tiers:
        hits = [r for r in children if test(r)]
        if hits:
            return hits
    return []


class RegionSearchBox(QLineEdit):
    """Type part of any region name, then pick one of the matches from the popup (or Enter)."""

    region_chosen = Signal(str)  # region code

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setClearButtonEnabled(True)
        self._scope: str | None = None
        self._codes: dict[str, str] = {}  # display path → code of the current matches
        self._model = QStringListModel(self)
        # Unfiltered: the list is already the search result; the completer only shows it.
        self._completer = QCompleter(self._model, self)
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setMaxVisibleItems(12)
        self.setCompleter(self._completer)
        self._completer.activated[str].connect(self._activated)
        self.textEdited.connect(self._search)
        self.returnPressed.connect(self._return_pressed)

    def set_scope(self, code: str | None) -> None:
        """Matches inside this region are listed first (the clerk's current province …)."""
        self._scope = code

    def matches(self) -> list[tuple[str, str]]:
        """(code, display path) of the current matches, in the popup's order."""
        return [(self._codes[p], p) for p in self._model.stringList()]

    def _search(self, text: str) -> None:
        regions = load_regions()
        found = search_regions(text, self._scope)
        paths = [regions.display_path(r.code) for r in found]
        self._codes = dict(zip(paths, (r.code for r in found), strict=True))
        self._model.setStringList(paths)
        if paths:
            self._completer.complete()

    def choose(self, code: str) -> None:
        self.setText(load_regions().display_path(code))
        self._completer.popup().hide()
        self.region_chosen.emit(code)

    def _activated(self, path: str) -> None:
        code = self._codes.get(path)
        if code is not None:
            self.choose(code)

    def _return_pressed(self) -> None:
        # Enter without picking from the popup: take the match only when it is the only one,
        # or when the text is already a full path; otherwise the popup stays for a choice.
        text = self.text().strip()
        if text in self._codes:
            self.choose(self._codes[text])
            return
        if not self._codes and text:
            self._search(text)
        if len(self._codes) == 1:
            self.choose(next(iter(self._codes.values())))


class AddressPicker(QWidget):
    """Four cascading combo boxes 省/市/区县/乡镇, each filled from the one above, plus search.

    `columns` lays the four levels out in one row (4) or two (2) for narrow panels.
    """

    changed = Signal()  # the chosen region (deepest filled level) changed

    def __init__(
        self, parent: QWidget | None = None, *, columns: int = 4, with_search: bool = True
    ) -> None:
        super().__init__(parent)
        self.search: RegionSearchBox | None = None
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setHorizontalSpacing(6)
        layout.setVerticalSpacing(4)
        row = 0
        if with_search:
            self.search = RegionSearchBox()
            self.search.setPlaceholderText(
                self.tr("搜索地区名称，如：南山、莞城，选中后自动填好四级")
            )
            self.search.region_chosen.connect(self._search_chosen)
            layout.addWidget(self.search, 0, 0, 1, columns)
            row = 1
        hints = (self.tr("省/直辖市"), self.tr("市"), self.tr("区/县"), self.tr("乡镇/街道"))
        self.combos: list[QComboBox] = []
        for level in range(LEVELS):
            combo = self._make_combo(hints[level])
            self.combos.append(combo)
            layout.addWidget(combo, row + level // columns, level % columns)
        for column in range(columns):
            layout.setColumnStretch(column, 1)
        self._fill(0, ROOT_CODE)
        if self.search is not None:
            search = self.search
            self.changed.connect(lambda: search.set_scope(self.region_code()))

    def _make_combo(self, hint: str) -> QComboBox:
        combo = QComboBox()
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.setMaxVisibleItems(20)
        combo.setMinimumContentsLength(5)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        line = combo.lineEdit()
        line.setPlaceholderText(hint)
        combo.setToolTip(self.tr("%1：可直接输入名称的一部分搜索").replace("%1", hint))
        completer = QCompleter(combo.model(), combo)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        combo.setCompleter(completer)
        level = len(self.combos)
        combo.currentIndexChanged.connect(lambda _i, level=level: self._level_changed(level))
        line.editingFinished.connect(lambda level=level: self._commit_text(level))
        return combo

    # -- reading and setting --------------------------------------------------------------------
    def region_code(self) -> str | None:
        """The deepest chosen level's code; None when not even a province is chosen."""
        code = None
        for combo in self.combos:
            data = combo.itemData(combo.currentIndex()) if combo.currentIndex() >= 0 else None
            if not isinstance(data, str):
                break
            code = data
        return code

    def parts(self) -> list[str]:
        """Full names of the chosen levels, province first (what the services resolve)."""
        code = self.region_code()
        return load_regions().path_names(code) if code else []

    def set_region(self, code: str | None) -> None:
        """Show `code`'s path in the four levels (None or 全国 clears them)."""
        path = [] if not code or code == ROOT_CODE else load_regions().ancestors(code)[-2::-1]
        self._fill(0, ROOT_CODE)
        for level, step in enumerate(path[:LEVELS]):
            combo = self.combos[level]
            combo.setCurrentIndex(combo.findData(step))
        self.changed.emit()

    def clear(self) -> None:
        self.set_region(None)
        if self.search is not None:
            self.search.clear()

    def problem(self) -> str | None:
        """Why the typed levels do not name a region (Chinese, for the clerk), or None."""
        regions = load_regions()
        parent = ROOT_CODE
        for level, combo in enumerate(self.combos):
            text = combo.lineEdit().text().strip()
            index = combo.currentIndex()
            chosen = combo.itemText(index) if index >= 0 else ""
            if text and text != chosen:
                hits = match_child(regions.children(parent), text)
                where = regions.get(parent).name
                if len(hits) > 1:
                    names = "、".join(r.name for r in hits[:6])
                    return (
                        self.tr("「%1」在「%2」下有多个匹配：%3，请选择一个")
                        .replace("%1", text)
                        .replace("%2", where)
                        .replace("%3", names)
                    )
                return (
                    self.tr("「%1」在「%2」下找不到，请从列表中选择")
                    .replace("%1", text)
                    .replace("%2", where)
                )
            if index < 0:
                return None
            parent = str(combo.itemData(index))
        return None

    # -- cascading ------------------------------------------------------------------------------
    def _fill(self, level: int, parent: str | None) -> None:
        """Fill `level` with the children of `parent` (none: empty) and empty every level below."""
        regions = load_regions()
        for i in range(level, LEVELS):
            combo = self.combos[i]
            combo.blockSignals(True)
            combo.clear()
            if i == level and parent is not None:
                for region in regions.children(parent):
                    combo.addItem(region.name, region.code)
            combo.setCurrentIndex(-1)
            combo.setEnabled(combo.count() > 0)
            combo.blockSignals(False)

    def _level_changed(self, level: int) -> None:
        combo = self.combos[level]
        index = combo.currentIndex()
        if level + 1 < LEVELS:
            if index < 0:
                self._fill(level + 1, None)
            else:
                self._fill(level + 1, str(combo.itemData(index)))
                below = self.combos[level + 1]
                # A level with a single choice is no choice: 北京市 → 市辖区, 东莞市 → 东莞市.
                if below.count() == 1:
                    below.setCurrentIndex(0)
                    return  # that change cascades and emits
        self.changed.emit()

    def _commit_text(self, level: int) -> None:
        """The clerk typed a name and left the box: pick the item it names, if only one."""
        combo = self.combos[level]
        text = combo.lineEdit().text().strip()
        index = combo.currentIndex()
        if index >= 0 and text == combo.itemText(index):
            return
        if not text:
            combo.setCurrentIndex(-1)
            return
        parent = ROOT_CODE if level == 0 else self._code_at(level - 1)
        if parent is None:
            return
        hits = match_child(load_regions().children(parent), text)
        if len(hits) == 1:
            combo.setCurrentIndex(combo.findData(hits[0].code))
            combo.lineEdit().setText(hits[0].name)

    def _code_at(self, level: int) -> str | None:
        combo = self.combos[level]
        index = combo.currentIndex()
        return str(combo.itemData(index)) if index >= 0 else None

    def _search_chosen(self, code: str) -> None:
        self.set_region(code)
        if self.search is not None:
            self.search.clear()
