"""The 4-level region tree of China (全国 → 省 → 市 → 区县 → 乡镇街道) and address resolution.

The data set is resources/regions.json.gz, a flat {code: name} table (see resources/REGIONS.md).
A region's parent is the prefix of its code: towns have 9 digits, counties 6, cities 4,
provinces 2; the root 全国 has the code "0".

Clerks type addresses the way people say them, so resolution accepts a name without its usual
suffix (广东 = 广东省, 南山 = 南山区), skips the placeholder cities of the data set (市辖区, 县,
省直辖县级行政区划 …: 北京/朝阳区, 河南/济源市) and a name repeated right after itself
(北京市/北京市/朝阳区). Every refusal is an AddressError naming the part that failed.
"""

from __future__ import annotations

import functools
import gzip
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources

from jdstock_desktop.errors import BadInput

ROOT_CODE = "0"
ROOT_NAME = "全国"
DATA_FILE = "regions.json.gz"

# Code length → level; the parent code is the code cut to the length of the level above.
LEVEL_OF_LENGTH = {2: 1, 4: 2, 6: 3, 9: 4}
PARENT_LENGTH = {2: 0, 4: 2, 6: 4, 9: 6}
LEVEL_NAMES = ("全国", "省", "市", "区县", "乡镇")
MAX_PARTS = 4

# City-level nodes that only group counties (the municipalities' districts, the county-level
# cities a province administers directly); nobody writes them in an address.
PLACEHOLDERS = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"})

# Longest first, so that 自治区 is tried before 区; at most one is stripped from a name.
SUFFIXES = (
    "特别行政区",
    "街道办事处",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "办事处",
    "街道",
    "新区",
    "地区",
    "林区",
    "特区",
    "苏木",
    "省",
    "市",
    "区",
    "县",
    "旗",
    "盟",
    "镇",
    "乡",
)
# Ethnic groups named in autonomous regions and ethnic towns (广西壮族自治区 → 广西, 博尔塔拉蒙古
# 自治州 → 博尔塔拉). One-character names are stripped only with 族, since 水, 白, 土 … also end
# ordinary place names; 各族 is 龙胜各族自治县's.
_MULTI = (
    "蒙古|维吾尔|哈萨克|柯尔克孜|达斡尔|鄂温克|鄂伦春|朝鲜|俄罗斯|土家|布依|哈尼|傈僳|拉祜|"
    "纳西|景颇|仫佬|毛南|仡佬|布朗|撒拉|东乡|保安|裕固|普米|独龙|锡伯|塔吉克|乌孜别克|塔塔尔|"
    "德昂|阿昌|基诺|门巴|珞巴|赫哲|高山"
)
_SINGLE = "满回藏苗彝壮侗瑶白傣黎佤畲水土羌怒京各"
ETHNIC_TAIL = re.compile(f"(?:(?:{_MULTI})族?|[{_SINGLE}]族|民族)$")
# A shortened name keeps at least two characters: 忠县, 赵县, 城区 are only ever written in full.
MIN_SHORT = 2


@dataclass(frozen=True, slots=True)
class Region:
    """One node of the tree; `parent` is derived from the code, kept for cheap walks up."""

    code: str
    name: str
    level: int  # 0 全国, 1 province, 2 city, 3 county, 4 town
    parent: str | None  # None only for the root


class AddressError(BadInput):
    """An address that names no region, or more than one; `part` is the name that failed."""

    def __init__(self, part: str, reason: str, address: str = "") -> None:
        self.part = part
        self.reason = reason
        self.address = address
        super().__init__(self.message())

    def message(self) -> str:
        where = f"地址「{self.address}」" if self.address else "地址"
        return f"{where}中的「{self.part}」{self.reason}" if self.part else f"{where}{self.reason}"

    def __reduce__(self) -> tuple[type[AddressError], tuple[str, str, str]]:
        # Exceptions pickle their args; ours are not the constructor's, so say how to rebuild.
        return (type(self), (self.part, self.reason, self.address))


def short_names(name: str) -> set[str]:
    """The names `name` may be written as besides itself: 广西壮族自治区 → 广西壮族, 广西."""
    full = name
    shorts: set[str] = set()
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= MIN_SHORT:
            name = name[: -len(suffix)]
            shorts.add(name)
            break
    # Only names that say they are ethnic, so that a 河东乡镇 would never lose its 东乡.
    if "族" in full or "自治" in full:
        while (m := ETHNIC_TAIL.search(name)) and m.start() >= MIN_SHORT:
            name = name[: m.start()]
            shorts.add(name)
    return shorts


class _Index:
    """Names that may follow one region in an address → the regions they name."""

    __slots__ = ("exact", "short")

    def __init__(self) -> None:
        self.exact: dict[str, list[str]] = {}
        self.short: dict[str, list[str]] = {}

    def add(self, region: Region, shorts: Iterable[str]) -> None:
        self.exact.setdefault(region.name, []).append(region.code)
        for short in shorts:
            self.short.setdefault(short, []).append(region.code)

    def find(self, name: str) -> list[str]:
        # An exact full name beats a shortened one, so that a name typed in full is never
        # ambiguous with another region's shortened name.
        return self.exact.get(name) or self.short.get(name) or []


class RegionTree:
    """All regions by code, with per-parent name indexes built once for resolve()."""

    def __init__(self, names: dict[str, str]) -> None:
        root = Region(ROOT_CODE, ROOT_NAME, 0, None)
        self._regions: dict[str, Region] = {ROOT_CODE: root}
        self._children: dict[str, list[Region]] = {ROOT_CODE: []}
        levels: list[list[Region]] = [[root], [], [], [], []]
        for code in sorted(names):
            parent = code[: PARENT_LENGTH[len(code)]] or ROOT_CODE
            region = Region(code, names[code], LEVEL_OF_LENGTH[len(code)], parent)
            self._regions[code] = region
            self._children[parent].append(region)
            self._children[code] = []
            levels[region.level].append(region)
        # For search(): shallower levels first, code order within a level.
        self._by_level = [region for level in levels for region in level]
        # Name indexes are built per parent on first use: an address touches at most four of
        # them, while building all 3,352 up front would double the load time. Two threads may
        # build the same index at once; they build equal ones, so the race is harmless.
        self._indexes: dict[str, _Index] = {}

    def _index(self, code: str) -> _Index:
        """Names that may follow region `code` in an address."""
        index = self._indexes.get(code)
        if index is None:
            index = _Index()
            name = self._regions[code].name
            for kid in self._children[code]:
                index.add(kid, self._short_names(kid))
                # Look through a placeholder to its children (北京市 → 市辖区 → 朝阳区), and
                # through a child named like its parent: the data gives 东莞市 a single county
                # 东莞市 holding its towns, and clerks write 广东/东莞/莞城街道.
                if kid.name in PLACEHOLDERS or kid.name == name:
                    for grandchild in self._children[kid.code]:
                        index.add(grandchild, self._short_names(grandchild))
            self._indexes[code] = index
        return index

    @functools.cached_property
    def _everywhere(self) -> _Index:
        """Every region by name, for the hints of AddressError only (built on the first one)."""
        index = _Index()
        for region in self._regions.values():
            index.add(region, self._short_names(region))
        return index

    def _short_names(self, region: Region) -> set[str]:
        shorts = short_names(region.name)
        # The data prefixes some towns with their county (濮阳县柳屯镇, 济源市沁园街道) where
        # clerks write 柳屯镇.
        parent = self._regions[region.parent].name if region.level > 1 and region.parent else ""
        if parent and region.name.startswith(parent):
            rest = region.name[len(parent) :]
            if len(rest) >= MIN_SHORT:
                shorts |= {rest, *short_names(rest)}
        return shorts

    def get(self, code: str) -> Region:
        return self._regions[code]

    def __contains__(self, code: object) -> bool:
        return code in self._regions

    def __len__(self) -> int:
        """Number of regions, the root 全国 included (every code `in` the tree)."""
        return len(self._regions)

    def children(self, code: str) -> list[Region]:
        """Direct children in code order; KeyError for an unknown code."""
        return list(self._children[code])

    def ancestors(self, code: str) -> list[str]:
        """[code, parent, …, ROOT_CODE]: the order in which routing looks for a priority list."""
        chain = [code]
        parent = self._regions[code].parent
        while parent is not None:
            chain.append(parent)
            parent = self._regions[parent].parent
        return chain

    def path_names(self, code: str) -> list[str]:
        """Full names from the province down, placeholders included; [] for the root.

        Keeping every level (北京市/市辖区/朝阳区) puts a town in the 乡镇 column of a sheet.
        """
        return [self._regions[c].name for c in reversed(self.ancestors(code)[:-1])]

    def display_path(self, code: str) -> str:
        return "/".join(self.path_names(code)) or ROOT_NAME

    def resolve(self, path: str | Sequence[str | None]) -> Region:
        """The region an address names: "全国", "广东/深圳/南山" or the 省/市/区县/乡镇 cells."""
        parts = _split(path)
        address = "/".join(parts)
        if parts == [ROOT_NAME]:
            return self._regions[ROOT_CODE]
        if not parts:
            raise AddressError("", "为空", address)
        if len(parts) > MAX_PARTS:
            raise AddressError(parts[MAX_PARTS], "超出四级（省/市/区县/乡镇）", address)
        current = self._regions[ROOT_CODE]
        skipped: int | None = None  # level of an empty middle cell, e.g. the 市 of 上海//嘉定区
        for i, part in enumerate(parts):
            if not part:
                skipped = i if skipped is None else skipped
                continue
            found = self._index(current.code).find(part)
            if len(found) == 1:
                current = self._regions[found[0]]
            elif len(found) > 1:
                choices = "、".join(self.display_path(c) for c in found)
                raise AddressError(part, f"有歧义：{choices}", address)
            elif current.level > 0 and part in (current.name, *short_names(current.name)):
                # A name repeated right after itself: 北京市/北京市/朝阳区 (the municipality written
                # again as its city), 河南/济源市/济源市 (the county-level city as its county).
                continue
            elif skipped is not None:
                # An empty 市 is fine where the level is only a placeholder (上海//嘉定区 finds
                # 嘉定区 through 市辖区); elsewhere the clerk left out a real level.
                reason = (
                    f"缺少第 {skipped + 1} 级（{LEVEL_NAMES[skipped + 1]}），而其后填写了「{part}」"
                )
                raise AddressError("", reason, address)
            else:
                raise AddressError(part, self._not_found(part, current), address)
            skipped = None
        return current

    def _not_found(self, part: str, under: Region) -> str:
        if under.level == 0:
            where = "不是省、自治区或直辖市的名称"
        else:
            where = f"在「{under.name}」下找不到"
        # A hint for the usual slip of leaving out a level (广东/南山区, 朝阳): the same name
        # further down the same branch, shallowest first.
        guesses = sorted(
            (self._regions[c] for c in self._everywhere.find(part)),
            key=lambda r: (r.level, r.code),
        )
        guesses = [r for r in guesses if under.code in self.ancestors(r.code)[1:]][:3]
        if guesses:
            where += f"（是否指：{'、'.join(self.display_path(r.code) for r in guesses)}？）"
        return where

    def search(self, text: str, limit: int = 50) -> list[Region]:
        """Regions whose name contains `text`, shallower levels first: a type-to-search picker."""
        text = text.strip()
        if not text or limit <= 0:
            return []
        found: list[Region] = []
        for region in self._by_level:
            if text in region.name:
                found.append(region)
                if len(found) >= limit:
                    break
        return found


def _split(path: str | Sequence[str | None]) -> list[str]:
    """Stripped parts of an address with empty trailing parts dropped ("an address may stop")."""
    raw: Iterable[object] = path.split("/") if isinstance(path, str) else path
    # Sheet cells may hold numbers, hence str(); None is an empty cell.
    parts = ["" if p is None else str(p).strip() for p in raw]
    while parts and not parts[-1]:
        parts.pop()
    return parts


def _read_names() -> dict[str, str]:
    data = resources.files("jdstock_desktop.resources").joinpath(DATA_FILE).read_bytes()
    names: dict[str, str] = json.loads(gzip.decompress(data))
    return names


@functools.cache
def load_regions() -> RegionTree:
    """The region tree, loaded from the packaged data set once per process."""
    return RegionTree(_read_names())
