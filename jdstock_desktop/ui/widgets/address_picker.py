"""The 4-level address picker (省/市/区县/乡镇) over the bundled region data, and a region search.

Clerks type addresses the way they say them (广东, 深圳, 南山), so every level is an editable
combo box with type-to-search; the search box finds any region by part of its name and fills
the four levels at once. Used by the 仓库 page (warehouse address, what-if) and the orders page.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QGridLayout,
    QLineEdit,
    QSizePolicy,
    QWidget,
)

from jdstock_desktop.domain.regions import ROOT_CODE, Region, load_regions, short_names

LEVELS = 4
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
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


def is_enter(event: QEvent) -> bool:
    return (
        event.type() == QEvent.Type.KeyPress
        and isinstance(event, QKeyEvent)
        and event.key() in ENTER_KEYS
        and event.modifiers()
        in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
    )


def popup(completer: QCompleter) -> QAbstractItemView:
    """The completer's list (created on first use, then always the same one)."""
    view = completer.popup()
    assert view is not None
    return view


def highlighted(completer: QCompleter) -> str | None:
    """The popup row the clerk moved to (arrow keys), if any; None when none is selected.

    The unfiltered popup makes a prefix match current without selecting it: that is Qt's
    guess, not the clerk's choice, so only a selected row counts.
    """
    view = popup(completer)
    current = view.currentIndex()
    selection = view.selectionModel()
    if not view.isVisible() or not current.isValid() or selection is None:
        return None
    return str(current.data()) if selection.isSelected(current) else None


def line_edit(combo: QComboBox) -> QLineEdit:
    """The line edit of an editable combo box (they always have one)."""
    line = combo.lineEdit()
    assert line is not None, "the picker's combo boxes are editable"
    return line


def is_named(region: Region, text: str) -> bool:
    """`text` is the region's full name or one of its usual short names (广东, 南山)."""
    return text == region.name or text in short_names(region.name)


def match_child(children: list[Region], text: str) -> list[Region]:
    """The children `text` names: the full name, a usual short name, a prefix, then a substring.

    The first tier that matches anything wins, so the short name 南山 names 南山区 even where a
    南山村 would also match as a prefix; more than one hit is for the caller to report.
    """
    text = text.strip()
    if not text:
        return []
    tiers = (
        lambda r: r.name == text,
        lambda r: is_named(r, text),
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
        self._completer.activated.connect(self._activated)  # the (str) overload
        popup(self._completer).installEventFilter(self)
        self.textEdited.connect(self._search)

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
        popup(self._completer).hide()
        self.region_chosen.emit(code)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # While the popup is open it receives the keys (on most platforms): Enter there and
        # Enter in the box mean the same, and are handled here rather than by the completer.
        if watched is popup(self._completer) and is_enter(event):
            self._enter()
            return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, e: QKeyEvent) -> None:
        if is_enter(e):
            self._enter()
            e.accept()  # it must not also press the dialog's default button
            return
        super().keyPressEvent(e)

    def _enter(self) -> None:
        row = highlighted(self._completer)
        if row is not None:
            self._activated(row)
        else:
            self._return_pressed()

    def _activated(self, path: str) -> None:
        code = self._codes.get(path)
        if code is not None:
            self.choose(code)

    def _return_pressed(self) -> None:
        # Enter without picking from the popup: take a match only when it is the one meant
        # (a full path, the only match, or the only region named exactly so, inside the current
        # scope if need be); otherwise the popup stays for the clerk to choose.
        text = self.text().strip()
        if text in self._codes:
            self.choose(self._codes[text])
            return
        if not self._codes and text:
            self._search(text)
        codes = list(self._codes.values())
        if len(codes) == 1:
            self.choose(codes[0])
            return
        regions = load_regions()
        named = [regions.get(c) for c in codes if is_named(regions.get(c), text)]
        scoped = [r for r in named if under(r.code, self._scope)]
        for group in (named, scoped):
            # 南山 inside 广东 means the county 南山区 rather than the town 南山街道 below it.
            top = [r for r in group if r.level == min((r.level for r in group), default=0)]
            if len(top) == 1:
                self.choose(top[0].code)
                return


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
        line = line_edit(combo)
        line.setPlaceholderText(hint)
        combo.setToolTip(self.tr("%1：可直接输入名称的一部分搜索").replace("%1", hint))
        completer = QCompleter(combo.model(), combo)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        combo.setCompleter(completer)
        popup(completer).installEventFilter(self)
        level = len(self.combos)
        # A row clicked in the popup is a choice made: move on to the next level.
        completer.activated.connect(lambda _text, level=level: self._focus_after(level))
        combo.currentIndexChanged.connect(lambda _i, level=level: self._level_changed(level))
        line.editingFinished.connect(lambda level=level: self._commit_text(level))
        line.installEventFilter(self)
        return combo

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Enter in a level confirms the typed name (or the popup row moved to) and moves on, as
        # in a spreadsheet; left to the dialog it would press 保存 with the address half typed.
        # The completer's popup gets the keys while it is open, hence both places.
        if not is_enter(event):
            return super().eventFilter(watched, event)
        for level, combo in enumerate(self.combos):
            completer = combo.completer()
            if completer is None or watched not in (combo.lineEdit(), popup(completer)):
                continue
            row = highlighted(completer)
            popup(completer).hide()
            if row is not None:
                line_edit(combo).setText(row)
            self._commit_text(level)
            self._focus_after(level)
            return True
        return super().eventFilter(watched, event)

    def _focus_after(self, level: int) -> None:
        later = [c for c in self.combos[level + 1 :] if c.isEnabled()]
        if later and self.combos[level].currentIndex() >= 0:
            later[0].setFocus()
            line_edit(later[0]).selectAll()
        elif self.combos[level].currentIndex() >= 0:
            self.combos[level].focusNextChild()

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
        for combo in self.combos:
            text = line_edit(combo).text().strip()
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
        text = line_edit(combo).text().strip()
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
            line_edit(combo).setText(hits[0].name)

    def _code_at(self, level: int) -> str | None:
        combo = self.combos[level]
        index = combo.currentIndex()
        return str(combo.itemData(index)) if index >= 0 else None

    def _search_chosen(self, code: str) -> None:
        self.set_region(code)
        if self.search is not None:
            self.search.clear()
