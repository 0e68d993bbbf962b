"""The region tree and address resolution (SPEC §3 regions, §7.1 addresses), on the real data."""

from __future__ import annotations

import pickle
import time
from collections import Counter

import pytest

from jdstock_desktop.domain.regions import (
    ROOT_CODE,
    AddressError,
    Region,
    RegionTree,
    load_regions,
    short_names,
)
from jdstock_desktop.errors import BadInput

NANSHAN = "440305"  # 广东省/深圳市/南山区
YUEHAI = "440305007"  # …/南山区/粤海街道
CHAOYANG_BJ = "110105"  # 北京市/市辖区/朝阳区


@pytest.fixture(scope="module")
def tree() -> RegionTree:
    return load_regions()


def code(tree: RegionTree, path: str | list[str | None]) -> str:
    return tree.resolve(path).code


def test_counts_per_level_match_the_2023_data(tree: RegionTree) -> None:
    levels = Counter(tree.get(c).level for c in tree.ancestors(YUEHAI))
    assert levels == {0: 1, 1: 1, 2: 1, 3: 1, 4: 1}
    per_level: Counter[int] = Counter()
    stack = [ROOT_CODE]
    while stack:
        kids = tree.children(stack.pop())
        per_level.update(k.level for k in kids)
        stack += [k.code for k in kids]
    assert per_level == {1: 31, 2: 342, 3: 2978, 4: 41352}
    assert len(tree) == 1 + 31 + 342 + 2978 + 41352  # the root counts: "0" in tree


def test_load_is_cached() -> None:
    assert load_regions() is load_regions()


def test_root_get_contains_and_children(tree: RegionTree) -> None:
    assert tree.get(ROOT_CODE) == Region("0", "全国", 0, None)
    assert ROOT_CODE in tree and NANSHAN in tree and "999999" not in tree
    with pytest.raises(KeyError):
        tree.get("999999")
    provinces = tree.children(ROOT_CODE)
    assert (provinces[0].name, provinces[-1].name) == ("北京市", "新疆维吾尔自治区")
    assert [r.code for r in provinces] == sorted(r.code for r in provinces)
    assert all(r.parent == ROOT_CODE and r.level == 1 for r in provinces)
    shenzhen = [r.name for r in tree.children("4403")]
    assert shenzhen[:3] == ["罗湖区", "福田区", "南山区"] and len(shenzhen) == 9
    assert tree.children(YUEHAI) == []


def test_ancestors_path_names_and_display_path(tree: RegionTree) -> None:
    assert tree.ancestors(YUEHAI) == [YUEHAI, NANSHAN, "4403", "44", ROOT_CODE]
    assert tree.ancestors(ROOT_CODE) == [ROOT_CODE]
    assert tree.path_names(YUEHAI) == ["广东省", "深圳市", "南山区", "粤海街道"]
    assert tree.path_names(ROOT_CODE) == []
    assert tree.display_path(NANSHAN) == "广东省/深圳市/南山区"
    assert tree.display_path(CHAOYANG_BJ) == "北京市/市辖区/朝阳区"
    assert tree.display_path(ROOT_CODE) == "全国"
    assert tree.get(YUEHAI) == Region(YUEHAI, "粤海街道", 4, NANSHAN)


def test_full_names_and_names_without_suffix(tree: RegionTree) -> None:
    assert code(tree, "广东省/深圳市/南山区/粤海街道") == YUEHAI
    assert code(tree, "广东/深圳/南山/粤海") == YUEHAI
    assert code(tree, "广东/深圳") == "4403"
    assert code(tree, "全国") == ROOT_CODE


@pytest.mark.parametrize(
    ("short", "full_code"),
    [("内蒙古", "15"), ("广西", "45"), ("西藏", "54"), ("宁夏", "64"), ("新疆", "65")],
)
def test_autonomous_regions_without_their_long_suffix(
    tree: RegionTree, short: str, full_code: str
) -> None:
    assert code(tree, short) == full_code


def test_ethnic_names_and_other_suffixes_may_be_dropped(tree: RegionTree) -> None:
    assert tree.display_path(code(tree, "新疆/博尔塔拉/博乐")) == (
        "新疆维吾尔自治区/博尔塔拉蒙古自治州/博乐市"
    )
    assert tree.get(code(tree, "广西/桂林/龙胜")).name == "龙胜各族自治县"
    assert tree.get(code(tree, "内蒙古/兴安")).name == "兴安盟"
    assert tree.get(code(tree, "黑龙江/大兴安岭")).name == "大兴安岭地区"
    assert tree.get(code(tree, "上海/浦东")).name == "浦东新区"


def test_short_names() -> None:
    assert short_names("广西壮族自治区") == {"广西壮族", "广西"}
    assert short_names("内蒙古自治区") == {"内蒙古"}  # never 内
    assert short_names("忠县") == set()  # a shortened name keeps two characters
    assert short_names("三都水族自治县") == {"三都水族", "三都"}
    assert short_names("白水县") == {"白水"}  # 水 is only an ethnic name with 族
    # 东乡 is an ethnic group, but a name that does not say 族 or 自治 keeps it.
    assert short_names("大河东乡镇") == {"大河东乡"}


@pytest.mark.parametrize(
    "path",
    ["北京/朝阳区", "北京/朝阳", "北京市/市辖区/朝阳区", "北京市/北京市/朝阳区", "北京/北京/朝阳"],
)
def test_municipality_forms(tree: RegionTree, path: str) -> None:
    assert code(tree, path) == CHAOYANG_BJ


def test_chongqing_counties_sit_under_the_placeholder_city_xian(tree: RegionTree) -> None:
    assert code(tree, "重庆/城口") == "500229"
    assert code(tree, "重庆市/县/城口县") == "500229"
    assert code(tree, "重庆市/重庆市/城口县") == "500229"
    assert tree.display_path("500229") == "重庆市/县/城口县"


def test_county_level_cities_under_placeholder_cities(tree: RegionTree) -> None:
    assert code(tree, "河南/济源市") == "419001"
    assert code(tree, "河南省/省直辖县级行政区划/济源市") == "419001"
    assert code(tree, "湖北/仙桃") == "429004"
    assert code(tree, "新疆/石河子") == "659001"
    assert tree.display_path("659001") == "新疆维吾尔自治区/自治区直辖县级行政区划/石河子市"


def test_cities_without_counties_hold_one_county_of_their_own_name(tree: RegionTree) -> None:
    # The data nests 东莞市 → 东莞市 (441900) → towns; the same for 中山, 儋州, 嘉峪关.
    assert code(tree, "广东/东莞") == "4419"
    assert code(tree, "广东/东莞/东莞") == "441900"
    assert code(tree, "广东/东莞/莞城街道") == "441900006"
    assert code(tree, "广东省/东莞市/东莞市/莞城街道") == "441900006"
    assert code(tree, "海南/儋州/那大镇") == "460400100"
    assert tree.display_path("460400100") == "海南省/儋州市/儋州市/那大镇"


def test_towns_the_data_prefixes_with_their_county(tree: RegionTree) -> None:
    assert tree.get(code(tree, "河南/濮阳/濮阳县/柳屯镇")).name == "濮阳县柳屯镇"
    assert code(tree, "河南/济源/沁园街道") == "419001001"


def test_jilin_province_then_jilin_city(tree: RegionTree) -> None:
    assert code(tree, "吉林") == "22"
    assert code(tree, "吉林/吉林") == "2202"
    assert code(tree, "吉林省/吉林市") == "2202"
    assert code(tree, "吉林/长春/朝阳") == "220104"


def test_exact_full_name_beats_a_shortened_one() -> None:
    # The real data has no such pair under one parent, so a small tree of its own.
    tree = RegionTree({"13": "甲乙省", "1301": "东山市", "1302": "东山"})
    assert tree.resolve("甲乙/东山").code == "1302"
    assert tree.resolve("甲乙/东山市").code == "1301"


def test_unknown_name_names_the_part_and_the_parent(tree: RegionTree) -> None:
    with pytest.raises(AddressError) as err:
        tree.resolve("广东/深圳/南天区")
    assert str(err.value) == "地址「广东/深圳/南天区」中的「南天区」在「深圳市」下找不到"
    assert err.value.part == "南天区"
    assert err.value.reason == "在「深圳市」下找不到"
    assert isinstance(err.value, BadInput)


def test_unknown_province_and_skipped_level_get_a_hint(tree: RegionTree) -> None:
    with pytest.raises(AddressError) as err:
        tree.resolve("广东/南山区")
    assert str(err.value) == (
        "地址「广东/南山区」中的「南山区」在「广东省」下找不到（是否指：广东省/深圳市/南山区？）"
    )
    with pytest.raises(AddressError) as err:
        tree.resolve("朝阳")
    assert str(err.value).startswith("地址「朝阳」中的「朝阳」不是省、自治区或直辖市的名称")
    assert "是否指：辽宁省/朝阳市、北京市/市辖区/朝阳区" in str(err.value)
    with pytest.raises(AddressError, match="「香港」不是省、自治区或直辖市的名称"):
        tree.resolve("香港")  # the data set has no Hong Kong, Macao or Taiwan


def test_ambiguous_names_list_the_candidates(tree: RegionTree) -> None:
    with pytest.raises(AddressError) as err:
        tree.resolve("新疆/伊犁/伊宁")
    assert str(err.value) == (
        "地址「新疆/伊犁/伊宁」中的「伊宁」有歧义："
        "新疆维吾尔自治区/伊犁哈萨克自治州/伊宁市、新疆维吾尔自治区/伊犁哈萨克自治州/伊宁县"
    )
    assert err.value.part == "伊宁"
    with pytest.raises(AddressError) as err:
        tree.resolve("河南/新乡/封丘/城关")
    assert err.value.reason == "有歧义：河南省/新乡市/封丘县/城关镇、河南省/新乡市/封丘县/城关乡"
    assert code(tree, "新疆/伊犁/伊宁县") == "654021"  # the full name is not ambiguous


def test_sheet_columns_with_empty_trailing_parts(tree: RegionTree) -> None:
    assert code(tree, ["广东省", "深圳市", "南山区", None]) == NANSHAN
    assert code(tree, ["广东", "", None, "  "]) == "44"
    assert code(tree, [" 广东 ", "\u3000深圳 ", "南山", "粤海街道 "]) == YUEHAI
    assert code(tree, ["北京市", "北京市", "朝阳区", None]) == CHAOYANG_BJ
    assert code(tree, ("全国", None, None, None)) == ROOT_CODE
    assert code(tree, " 广东 / 深圳 ") == "4403"


def test_empty_middle_part_is_an_error(tree: RegionTree) -> None:
    with pytest.raises(AddressError) as err:
        tree.resolve(["广东", None, "南山区", None])
    assert err.value.part == ""  # callers map it to the first empty column
    assert str(err.value) == "地址「广东//南山区」缺少第 2 级（市），而其后填写了「南山区」"
    with pytest.raises(AddressError, match="缺少第 1 级（省）"):
        tree.resolve("/深圳")


def test_empty_and_too_long_addresses(tree: RegionTree) -> None:
    with pytest.raises(AddressError) as err:
        tree.resolve([None, "", None, None])
    assert str(err.value) == "地址为空"
    with pytest.raises(AddressError, match="地址为空"):
        tree.resolve("  ")
    with pytest.raises(AddressError) as err:
        tree.resolve("广东/深圳/南山/粤海街道/科技园")
    assert err.value.part == "科技园" and "超出四级" in str(err.value)
    with pytest.raises(AddressError, match="「科技园」在「三里屯街道」下找不到"):
        tree.resolve("北京/朝阳/三里屯街道/科技园")  # a town has nothing below it


def test_address_error_survives_pickling() -> None:
    err = AddressError("南天区", "在「深圳市」下找不到", "广东/深圳/南天区")
    copy = pickle.loads(pickle.dumps(err))
    assert (copy.part, copy.reason, str(copy)) == (err.part, err.reason, str(err))


def test_search_is_substring_shallower_first(tree: RegionTree) -> None:
    found = tree.search("朝阳", limit=5)
    assert [tree.display_path(r.code) for r in found[:2]] == [
        "辽宁省/朝阳市",
        "北京市/市辖区/朝阳区",
    ]
    assert len(found) == 5
    every = tree.search("朝阳", limit=10_000)
    assert all("朝阳" in r.name for r in every)
    assert [r.level for r in every] == sorted(r.level for r in every)
    assert len(every) > 50 and len(tree.search("朝阳")) == 50
    assert tree.search("北京")[0].code == "11"
    assert tree.search("全国") == [tree.get(ROOT_CODE)]
    assert tree.search(" ") == [] and tree.search("不存在的地名") == []


def test_resolve_is_fast(tree: RegionTree) -> None:
    paths = ["广东/深圳/南山/粤海街道", "北京市/北京市/朝阳区", "河南/济源/沁园街道"]
    for p in paths:
        tree.resolve(p)  # indexes are built on first use
    start = time.perf_counter()
    for _ in range(1000):
        for p in paths:
            tree.resolve(p)
    # About 3 µs each; a generous bound so a slow CI machine does not fail it.
    assert time.perf_counter() - start < 1.0


def test_an_empty_city_cell_is_fine_for_a_municipality() -> None:
    # The 省/市/区县 columns of a sheet often hold 上海 / (empty) / 嘉定区: 市辖区 is implied.
    regions = load_regions()
    assert regions.resolve(["上海", "", "嘉定区"]).code == regions.resolve("上海/嘉定区").code
    assert regions.display_path(regions.resolve(["北京", None, "朝阳区", ""]).code) == (
        "北京市/市辖区/朝阳区"
    )
    with pytest.raises(AddressError, match="缺少第 2 级（市），而其后填写了「南山区」"):
        regions.resolve(["广东", "", "南山区"])
