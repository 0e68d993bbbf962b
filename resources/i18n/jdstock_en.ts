<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="zh_CN">
<context>
    <name>AddressPicker</name>
    <message>
        <location filename="../../jdstock_desktop/ui/widgets/address_picker.py" line="224"/>
        <source>搜索地区名称，如：南山、莞城，选中后自动填好四级</source>
        <translation>Search a region name, e.g. Nanshan, Guancheng; choosing one fills in all four levels</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/widgets/address_picker.py" line="229"/>
        <source>乡镇/街道</source>
        <translation>Town/Subdistrict</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/widgets/address_picker.py" line="229"/>
        <source>区/县</source>
        <translation>District/County</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/widgets/address_picker.py" line="229"/>
        <source>市</source>
        <translation>City</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/widgets/address_picker.py" line="229"/>
        <source>省/直辖市</source>
        <translation>Province</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/widgets/address_picker.py" line="252"/>
        <source>%1：可直接输入名称的一部分搜索</source>
        <translation>%1: type part of a name to search</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/widgets/address_picker.py" line="338"/>
        <source>「%1」在「%2」下有多个匹配：%3，请选择一个</source>
        <translation>“%1” matches several places under “%2”: %3. Please choose one</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/widgets/address_picker.py" line="344"/>
        <source>「%1」在「%2」下找不到，请从列表中选择</source>
        <translation>“%1” was not found under “%2”. Please choose from the list</translation>
    </message>
</context>
<context>
    <name>AlertRulesDialog</name>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/rules_dialog.py" line="56"/>
        <source>预警规则设置</source>
        <translation>Alert Rules</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/rules_dialog.py" line="59"/>
        <location filename="../../jdstock_desktop/ui/dashboard/rules_dialog.py" line="105"/>
        <source>规则</source>
        <translation>Rule</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/rules_dialog.py" line="60"/>
        <source>商品</source>
        <translation>Product</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/rules_dialog.py" line="61"/>
        <location filename="../../jdstock_desktop/ui/dashboard/rules_dialog.py" line="136"/>
        <source>仓库</source>
        <translation>Warehouse</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/rules_dialog.py" line="62"/>
        <location filename="../../jdstock_desktop/ui/dashboard/rules_dialog.py" line="137"/>
        <source>阈值</source>
        <translation>Threshold</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/rules_dialog.py" line="63"/>
        <location filename="../../jdstock_desktop/ui/dashboard/rules_dialog.py" line="133"/>
        <source>启用</source>
        <translation>Enabled</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/rules_dialog.py" line="79"/>
        <source>滞销规则按商品设置（阈值天数：周转天数超过即预警）；安全库存规则按商品和仓库设置，阈值为数量或天数（天数 × 日均销量）二选一。商品留空为默认规则，仓库选「所有仓」对所有仓生效；最具体的启用规则优先。</source>
        <translation>Slow-moving rules are set per product (threshold in days: an alert when turnover days exceed it). Safety stock rules are set per product and warehouse, with a threshold either as a quantity or in days (days × average daily sales). Leave the product empty for the default rule; choose “All warehouses” to apply to every warehouse. The most specific enabled rule wins.</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/rules_dialog.py" line="96"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/rules_dialog.py" line="108"/>
        <location filename="../../jdstock_desktop/ui/dashboard/rules_dialog.py" line="173"/>
        <source>安全库存</source>
        <translation>Safety stock</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/rules_dialog.py" line="108"/>
        <location filename="../../jdstock_desktop/ui/dashboard/rules_dialog.py" line="173"/>
        <source>滞销</source>
        <translation>Slow-moving</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/rules_dialog.py" line="110"/>
        <source>留空 = 默认规则（所有商品）</source>
        <translation>Empty = default rule (all products)</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/rules_dialog.py" line="113"/>
        <location filename="../../jdstock_desktop/ui/dashboard/rules_dialog.py" line="177"/>
        <source>所有仓</source>
        <translation>All warehouses</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/rules_dialog.py" line="118"/>
        <source>按天数</source>
        <translation>By days</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/rules_dialog.py" line="118"/>
        <source>按数量</source>
        <translation>By quantity</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/rules_dialog.py" line="121"/>
        <source> 件</source>
        <translation> pcs</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/rules_dialog.py" line="125"/>
        <source> 天</source>
        <translation> days</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/rules_dialog.py" line="134"/>
        <source>规则类型</source>
        <translation>Rule type</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/rules_dialog.py" line="135"/>
        <source>商品编码</source>
        <translation>Product code</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/rules_dialog.py" line="140"/>
        <source>新建</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/rules_dialog.py" line="141"/>
        <source>保存规则</source>
        <translation>Save rule</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/rules_dialog.py" line="143"/>
        <location filename="../../jdstock_desktop/ui/dashboard/rules_dialog.py" line="252"/>
        <source>删除规则</source>
        <translation>Delete rule</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/rules_dialog.py" line="169"/>
        <source>%1 件</source>
        <translation>%1 pcs</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/rules_dialog.py" line="172"/>
        <source>%1 天</source>
        <translation>%1 days</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/rules_dialog.py" line="176"/>
        <source>默认（所有商品）</source>
        <translation>Default (all products)</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/rules_dialog.py" line="179"/>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/rules_dialog.py" line="179"/>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/rules_dialog.py" line="242"/>
        <source>已修改：%1</source>
        <translation>Changed: %1</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/rules_dialog.py" line="242"/>
        <source>已添加：%1</source>
        <translation>Added: %1</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/rules_dialog.py" line="252"/>
        <source>删除%1？</source>
        <translation>Delete %1?</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/rules_dialog.py" line="262"/>
        <source>已删除：%1</source>
        <translation>Deleted: %1</translation>
    </message>
</context>
<context>
    <name>AlertTrendChart</name>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/charts.py" line="120"/>
        <source>近30天预警数量</source>
        <translation>Alerts over the last 30 days</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/charts.py" line="122"/>
        <source>安全库存</source>
        <translation>Safety stock</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/charts.py" line="122"/>
        <source>无货</source>
        <translation>Out of stock</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/charts.py" line="122"/>
        <source>滞销</source>
        <translation>Slow-moving</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/charts.py" line="128"/>
        <source>没有数据</source>
        <translation>No data</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/charts.py" line="134"/>
        <source>正在计算近30天预警（%1/%2）…</source>
        <translation>Computing the alerts of the last 30 days (%1/%2)…</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/charts.py" line="243"/>
        <source>%1
无货 %2　安全库存 %3　滞销 %4</source>
        <translation>%1
Out of stock %2   Safety stock %3   Slow-moving %4</translation>
    </message>
</context>
<context>
    <name>CellHistoryDialog</name>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/history.py" line="40"/>
        <source>库存流水 — %1</source>
        <translation>Stock ledger — %1</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/history.py" line="43"/>
        <source>商品 %1  %2</source>
        <translation>Product %1  %2</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/history.py" line="45"/>
        <source>仓库</source>
        <translation>Warehouse</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/history.py" line="53"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/history.py" line="54"/>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/history.py" line="55"/>
        <source>变动</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/history.py" line="56"/>
        <source>预占变动</source>
        <translation>Reserved change</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/history.py" line="57"/>
        <source>变动前</source>
        <translation>Before</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/history.py" line="58"/>
        <source>变动后</source>
        <translation>After</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/history.py" line="59"/>
        <source>操作人</source>
        <translation>Operator</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/history.py" line="60"/>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/history.py" line="76"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/history.py" line="101"/>
        <source>该商品在此仓库还没有库存流水。</source>
        <translation>This product has no ledger entries in this warehouse yet.</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/history.py" line="103"/>
        <source>显示最近 %1 条流水。</source>
        <translation>Showing the latest %1 entries.</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/history.py" line="105"/>
        <source>共 %1 条流水。</source>
        <translation>%1 entries in all.</translation>
    </message>
</context>
<context>
    <name>CompliancePage</name>
    <message>
        <location filename="../../jdstock_desktop/ui/compliance/page.py" line="56"/>
        <source>上柜商品未在任何仓设置库存</source>
        <translation>Listed, no stock anywhere</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/compliance/page.py" line="57"/>
        <source>期货时效超过三级类目时效标准</source>
        <translation>Futures time over standard</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/compliance/page.py" line="58"/>
        <source>商家仓地址不完整</source>
        <translation>Incomplete warehouse address</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/compliance/page.py" line="59"/>
        <source>违规商品仍有库存或仍上柜</source>
        <translation>Violations still stocked/listed</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/compliance/page.py" line="60"/>
        <source>无货预定设置不完整</source>
        <translation>Pre-order set-up incomplete</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/compliance/page.py" line="61"/>
        <source>销售合同临近到期</source>
        <translation>Sales contract expiring</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/compliance/page.py" line="63"/>
        <source>对象</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/compliance/page.py" line="63"/>
        <source>检查项</source>
        <translation>Check</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/compliance/page.py" line="63"/>
        <source>规则</source>
        <translation>Rule</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/compliance/page.py" line="63"/>
        <source>说明</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/compliance/page.py" line="68"/>
        <source>重新检查</source>
        <translation>Check again</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/compliance/page.py" line="70"/>
        <source>导出清单…</source>
        <translation>Export list…</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/compliance/page.py" line="71"/>
        <source>把右侧列出的问题导出为 Excel 文件（.xlsx）</source>
        <translation>Export the problems listed on the right to an Excel file (.xlsx)</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/compliance/page.py" line="104"/>
        <source>按京东工业库存管理规则 12–21 检查本账本。双击一行（或按回车）打开对应的商品或仓库；左侧选择一条规则只看它的问题。</source>
        <translation>Checks this book against rules 12–21 of JD Industrial&apos;s stock rules. Double-click a row (or press Enter) to open its product or warehouse; choose a rule on the left to see only its problems.</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/compliance/page.py" line="133"/>
        <source>检查日期 %1</source>
        <translation>Checked on %1</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/compliance/page.py" line="141"/>
        <source>共发现 %1 项问题</source>
        <translation>%1 problems found</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/compliance/page.py" line="143"/>
        <source>未发现问题</source>
        <translation>No problems found</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/compliance/page.py" line="152"/>
        <source>全部问题（%1）</source>
        <translation>All problems (%1)</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/compliance/page.py" line="158"/>
        <source>%1 规则 %2 %3（%4）</source>
        <translation>%1 %2 · %3 (%4)</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/compliance/page.py" line="198"/>
        <source>合规检查清单</source>
        <translation>Compliance checklist</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/compliance/page.py" line="201"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/compliance/page.py" line="201"/>
        <source>导出合规检查清单</source>
        <translation>Export the compliance checklist</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/compliance/page.py" line="233"/>
        <source>已导出 %1 行到 %2</source>
        <translation>Exported %1 rows to %2</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/compliance/page.py" line="238"/>
        <source>导出失败</source>
        <translation>Export failed</translation>
    </message>
</context>
<context>
    <name>CoverageTab</name>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/coverage_tab.py" line="40"/>
        <source>搜索地区，如：广东、南山</source>
        <translation>Search a region, e.g. Guangdong, Nanshan</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/coverage_tab.py" line="43"/>
        <source>跳到一个已设置优先级的区域</source>
        <translation>Jump to a region that has its own priorities</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/coverage_tab.py" line="45"/>
        <source>粗体：该区域有自己的优先级列表</source>
        <translation>Bold: the region has its own priority list</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/coverage_tab.py" line="88"/>
        <source>已设置优先级的区域（%1 个）</source>
        <translation>Regions with priorities (%1)</translation>
    </message>
</context>
<context>
    <name>CrashHandler</name>
    <message>
        <location filename="../../jdstock_desktop/ui/crash.py" line="44"/>
        <source>程序出现意外错误，错误详情已记录到 %1；未提交的库存修改仍保留，可以继续操作并提交。如果问题反复出现，请把这个日志文件发给技术支持。</source>
        <translation>An unexpected error occurred; the details were written to %1. Your unsubmitted stock edits are kept: you can go on working and submit them. If this happens again, please send that log file to support.</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/crash.py" line="123"/>
        <source>程序出现意外错误</source>
        <translation>Unexpected error</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/page.py" line="117"/>
        <source>预警按所选日期当天结束时的库存和销量计算</source>
        <translation>Alerts are computed from stock and sales at the end of the chosen day</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/page.py" line="118"/>
        <source>今天</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/page.py" line="119"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/page.py" line="121"/>
        <source>预警规则设置…</source>
        <translation>Alert rules…</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/page.py" line="125"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/page.py" line="141"/>
        <source>无货预警</source>
        <translation>Out of stock</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/page.py" line="142"/>
        <source>安全库存预警</source>
        <translation>Safety stock</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/page.py" line="143"/>
        <source>滞销预警</source>
        <translation>Slow-moving</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/page.py" line="144"/>
        <source>缺货占比</source>
        <translation>Out-of-stock %</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/page.py" line="145"/>
        <source>滞销占比</source>
        <translation>Slow-moving %</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/page.py" line="146"/>
        <source>库存周转天数</source>
        <translation>Turnover days</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/page.py" line="147"/>
        <source>呆滞库存</source>
        <translation>Dormant stock</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/page.py" line="166"/>
        <source>导出明细…</source>
        <translation>Export rows…</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/page.py" line="167"/>
        <source>把下表导出为 Excel 文件（.xlsx）</source>
        <translation>Export the table below to an Excel file (.xlsx)</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/page.py" line="228"/>
        <source>上柜商品 %1 个</source>
        <translation>%1 listed products</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/page.py" line="229"/>
        <source>%1 / %2 个上柜商品</source>
        <translation>%1 / %2 listed</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/page.py" line="233"/>
        <source>涉及 %1 个商品</source>
        <translation>%1 products</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/page.py" line="235"/>
        <source>可用低于安全水位（商品×仓）</source>
        <translation>Available &lt; safety level</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/page.py" line="237"/>
        <source>周转天数超过阈值的商品</source>
        <translation>Over the turnover limit</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/page.py" line="239"/>
        <source>未启用滞销规则</source>
        <translation>No slow-moving rule</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/page.py" line="251"/>
        <source>近30天无销量</source>
        <translation>No sales in the last 30 days</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/page.py" line="254"/>
        <source>%1 天</source>
        <translation>%1 d</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/page.py" line="255"/>
        <source>可用 %1 ÷ 日均销量 %2</source>
        <translation>%1 avail. ÷ %2 a day</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/page.py" line="259"/>
        <source>近30天无库存变动</source>
        <translation>No movement in 30 days</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/page.py" line="263"/>
        <source>无可用</source>
        <translation>None available</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/page.py" line="268"/>
        <source>无销量</source>
        <translation>No sales</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/page.py" line="279"/>
        <source>商品编码</source>
        <translation>Product code</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/page.py" line="280"/>
        <source>仓库</source>
        <translation>Warehouse</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/page.py" line="281"/>
        <source>可用库存</source>
        <translation>Available</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/page.py" line="282"/>
        <source>日均销量</source>
        <translation>Daily sales</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/page.py" line="283"/>
        <source>周转天数</source>
        <translation>Turnover days</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/page.py" line="287"/>
        <source>安全水位</source>
        <translation>Safety level</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/page.py" line="293"/>
        <source>无货仓库数</source>
        <translation>Warehouses out of stock</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/page.py" line="294"/>
        <source>无货仓库</source>
        <translation>Out-of-stock warehouses</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/page.py" line="297"/>
        <source>近30天销量</source>
        <translation>Sales, last 30 days</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/page.py" line="298"/>
        <source>最后变动日期</source>
        <translation>Last movement</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/page.py" line="325"/>
        <source>无货预警明细</source>
        <translation>Out-of-stock alerts</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/page.py" line="326"/>
        <source>安全库存预警明细</source>
        <translation>Safety stock alerts</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/page.py" line="327"/>
        <source>滞销预警明细</source>
        <translation>Slow-moving alerts</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/page.py" line="328"/>
        <source>缺货商品</source>
        <translation>Products out of stock</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/page.py" line="329"/>
        <source>滞销商品</source>
        <translation>Slow-moving products</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/page.py" line="330"/>
        <source>上柜商品周转天数</source>
        <translation>Turnover days of listed products</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/page.py" line="331"/>
        <source>呆滞库存（近30天无库存变动）</source>
        <translation>Dormant stock (no movement in 30 days)</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/page.py" line="335"/>
        <source>周转天数 %1 的商品</source>
        <translation>Products with turnover days %1</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/page.py" line="340"/>
        <source>%1：%2 行（%3）</source>
        <translation>%1: %2 rows (%3)</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/page.py" line="389"/>
        <source>无法计算近30天预警：%1</source>
        <translation>Could not compute the alerts of the last 30 days: %1</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/page.py" line="409"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/page.py" line="409"/>
        <source>导出明细</source>
        <translation>Export rows</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/page.py" line="427"/>
        <source>已导出 %1 行到 %2</source>
        <translation>Exported %1 rows to %2</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/page.py" line="432"/>
        <source>导出失败</source>
        <translation>Export failed</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../jdstock_desktop/ui/sheets_dialog/__init__.py" line="31"/>
        <location filename="../../jdstock_desktop/ui/sheets_dialog/export_dialog.py" line="152"/>
        <source>已导出 %1 行到 %2</source>
        <translation>Exported %1 rows to %2</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/sheets_dialog/export_dialog.py" line="64"/>
        <location filename="../../jdstock_desktop/ui/sheets_dialog/export_dialog.py" line="117"/>
        <source>导出表格</source>
        <translation>Export Sheet</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/sheets_dialog/export_dialog.py" line="73"/>
        <source>%1（暂不支持导出）</source>
        <translation>%1 (export not supported yet)</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/sheets_dialog/export_dialog.py" line="84"/>
        <source>表格</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/sheets_dialog/export_dialog.py" line="86"/>
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/sheets_dialog/export_dialog.py" line="88"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/sheets_dialog/export_dialog.py" line="117"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/sheets_dialog/export_dialog.py" line="132"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/sheets_dialog/export_dialog.py" line="132"/>
        <source>正在导出「%1」…</source>
        <translation>Exporting “%1”…</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/sheets_dialog/export_dialog.py" line="157"/>
        <source>导出失败，未写入文件。</source>
        <translation>Export failed; no file was written.</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/sheets_dialog/export_dialog.py" line="158"/>
        <source>导出失败</source>
        <translation>Export failed</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/sheets_dialog/export_dialog.py" line="161"/>
        <source>已取消导出，未写入文件。</source>
        <translation>Export cancelled; no file was written.</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../jdstock_desktop/ui/sheets_dialog/import_dialog.py" line="64"/>
        <location filename="../../jdstock_desktop/ui/sheets_dialog/import_dialog.py" line="200"/>
        <source>导入表格</source>
        <translation>Import Sheet</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/sheets_dialog/import_dialog.py" line="69"/>
        <source>选择要导入的表格文件（.xlsx、.xlsm、.xls、.ods）</source>
        <translation>Choose the spreadsheet to import (.xlsx, .xlsm, .xls, .ods)</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/sheets_dialog/import_dialog.py" line="71"/>
        <source>选择文件…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/sheets_dialog/import_dialog.py" line="82"/>
        <source>%1（暂不支持导入）</source>
        <translation>%1 (import not supported yet)</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/sheets_dialog/import_dialog.py" line="89"/>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/sheets_dialog/import_dialog.py" line="90"/>
        <source>表格类型</source>
        <translation>Sheet type</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/sheets_dialog/import_dialog.py" line="101"/>
        <source>确认导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/sheets_dialog/import_dialog.py" line="103"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/sheets_dialog/import_dialog.py" line="125"/>
        <source>选择一个文件后，程序会先检查每个单元格并试算将要发生的变化，确认无误后再点「确认导入」写入账本。检查不会修改账本。</source>
        <translation>Once you choose a file, every cell is checked and the changes are worked out first; when they look right, click “Import” to write them to the book. Checking never changes the book.</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/sheets_dialog/import_dialog.py" line="155"/>
        <source>将要发生的变化</source>
        <translation>Changes to be made</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/sheets_dialog/import_dialog.py" line="173"/>
        <source>工作表</source>
        <translation>Worksheet</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/sheets_dialog/import_dialog.py" line="174"/>
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/sheets_dialog/import_dialog.py" line="175"/>
        <source>列</source>
        <translation>Column</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/sheets_dialog/import_dialog.py" line="176"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/sheets_dialog/import_dialog.py" line="181"/>
        <source>保存带批注的副本…</source>
        <translation>Save an annotated copy…</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/sheets_dialog/import_dialog.py" line="183"/>
        <source>另存一份文件：出错的单元格标红并附批注，另加一张「错误清单」工作表</source>
        <translation>Save a copy of the file: bad cells marked red with a comment, plus an “Errors” worksheet</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/sheets_dialog/import_dialog.py" line="202"/>
        <source>表格文件 (*.xlsx *.xlsm *.xls *.ods);;所有文件 (*)</source>
        <translation>Spreadsheets (*.xlsx *.xlsm *.xls *.ods);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/sheets_dialog/import_dialog.py" line="217"/>
        <source>（手动选择）</source>
        <translation>(chosen by hand)</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/sheets_dialog/import_dialog.py" line="231"/>
        <source>正在检查 %1 …</source>
        <translation>Checking %1 …</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/sheets_dialog/import_dialog.py" line="240"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/sheets_dialog/import_dialog.py" line="279"/>
        <source>（自动识别）</source>
        <translation>(recognized)</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/sheets_dialog/import_dialog.py" line="284"/>
        <source>无法识别这个文件是哪种表格：请在「表格类型」中选择，程序会按该表格重新检查。</source>
        <translation>Cannot tell which sheet this file is: choose it under “Sheet type” and the file is checked again as that sheet.</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/sheets_dialog/import_dialog.py" line="293"/>
        <source>发现 %1 处错误，未写入任何数据。请改正后重新选择文件。</source>
        <translation>%1 errors found; nothing was written. Correct them and choose the file again.</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/sheets_dialog/import_dialog.py" line="303"/>
        <source>这种表格暂不支持导入。</source>
        <translation>This sheet cannot be imported yet.</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/sheets_dialog/import_dialog.py" line="310"/>
        <source>已取消检查，未写入任何数据。</source>
        <translation>Check cancelled; nothing was written.</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/sheets_dialog/import_dialog.py" line="321"/>
        <source>文件与账本一致，导入不会改变任何数据。</source>
        <translation>The file matches the book; importing it would change nothing.</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/sheets_dialog/import_dialog.py" line="323"/>
        <source>仅列出前 %1 条变化。</source>
        <translation>Only the first %1 changes are listed.</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/sheets_dialog/import_dialog.py" line="325"/>
        <source>共 %1 条变化。</source>
        <translation>%1 changes in all.</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/sheets_dialog/import_dialog.py" line="352"/>
        <source>正在写入账本（一个事务）…</source>
        <translation>Writing to the book (one transaction)…</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/sheets_dialog/import_dialog.py" line="360"/>
        <source>已导入：%1</source>
        <translation>Imported: %1</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/sheets_dialog/import_dialog.py" line="361"/>
        <source>已写入账本。</source>
        <translation>Written to the book.</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/sheets_dialog/import_dialog.py" line="369"/>
        <source>账本在检查后有变化，导入被拒绝，未写入任何数据：</source>
        <translation>The book changed after the check; the import was refused and nothing was written:</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/sheets_dialog/import_dialog.py" line="373"/>
        <source>导入失败</source>
        <translation>Import failed</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/sheets_dialog/import_dialog.py" line="373"/>
        <source>未写入任何数据。</source>
        <translation>Nothing was written.</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/sheets_dialog/import_dialog.py" line="381"/>
        <source>-错误批注</source>
        <translation>-errors</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/sheets_dialog/import_dialog.py" line="383"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/sheets_dialog/import_dialog.py" line="383"/>
        <source>保存带批注的副本</source>
        <translation>Save an annotated copy</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/sheets_dialog/import_dialog.py" line="391"/>
        <source>无法保存</source>
        <translation>Cannot save</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/sheets_dialog/import_dialog.py" line="391"/>
        <source>请另存为新文件，不要覆盖原文件。</source>
        <translation>Save it as a new file; do not overwrite the original.</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/sheets_dialog/import_dialog.py" line="396"/>
        <source>正在保存带批注的副本…</source>
        <translation>Saving the annotated copy…</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/sheets_dialog/import_dialog.py" line="398"/>
        <source>保存失败</source>
        <translation>Save failed</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/sheets_dialog/import_dialog.py" line="402"/>
        <source>已保存：%1</source>
        <translation>Saved: %1</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx *.xlsm);;所有文件 (*)</source>
        <translation type="vanished">Excel workbooks (*.xlsx *.xlsm);;All files (*)</translation>
    </message>
    <message>
        <source>选择要导入的 Excel 文件（.xlsx）</source>
        <translation type="vanished">Choose the Excel file (.xlsx) to import</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../jdstock_desktop/ui/book_watch.py" line="209"/>
        <source>无法连接账本服务器</source>
        <translation>Cannot reach the book&apos;s server</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/book_watch.py" line="217"/>
        <location filename="../../jdstock_desktop/ui/book_watch.py" line="229"/>
        <source>其他用户修改了账本，按 F5 刷新</source>
        <translation>Another user changed the book. Press F5 to refresh.</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/main_window.py" line="156"/>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/main_window.py" line="158"/>
        <source>新建账本…</source>
        <translation>New Book…</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/main_window.py" line="159"/>
        <source>打开账本…</source>
        <translation>Open Book…</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/main_window.py" line="161"/>
        <source>连接共享账本（PostgreSQL）…</source>
        <translation>Connect to Shared Book (PostgreSQL)…</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/main_window.py" line="163"/>
        <source>最近的账本</source>
        <translation>Recent Books</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/main_window.py" line="167"/>
        <source>备份账本…</source>
        <translation>Back Up Book…</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/main_window.py" line="170"/>
        <source>从备份恢复…</source>
        <translation>Restore from Backup…</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/main_window.py" line="174"/>
        <source>导入表格…</source>
        <translation>Import Sheet…</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/main_window.py" line="177"/>
        <source>导出表格…</source>
        <translation>Export Sheet…</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/main_window.py" line="180"/>
        <source>供应商资料…</source>
        <translation>Supplier profile…</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/main_window.py" line="182"/>
        <source>设置…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/main_window.py" line="185"/>
        <source>退出</source>
        <translation>Exit</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/main_window.py" line="187"/>
        <source>页面(&amp;P)</source>
        <translation>&amp;Pages</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/main_window.py" line="197"/>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/main_window.py" line="198"/>
        <location filename="../../jdstock_desktop/ui/main_window.py" line="607"/>
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/main_window.py" line="315"/>
        <source>京东工业供应商库存账本</source>
        <translation>JD Industrial Supplier Stock Book</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/main_window.py" line="316"/>
        <source>账本：</source>
        <translation>Book: </translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/main_window.py" line="325"/>
        <source>把账本复制为一个备份文件</source>
        <translation>Copy the book into a backup file</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/main_window.py" line="327"/>
        <source>PostgreSQL 账本请由服务器管理员用 pg_dump 备份</source>
        <translation>A PostgreSQL book is backed up by the server administrator with pg_dump</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/main_window.py" line="331"/>
        <source>用一个备份文件替换当前账本（当前账本先另存一份）</source>
        <translation>Replace the current book with a backup file (the current book is saved first)</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/main_window.py" line="333"/>
        <source>PostgreSQL 账本请由服务器管理员用 pg_restore 恢复</source>
        <translation>A PostgreSQL book is restored by the server administrator with pg_restore</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/main_window.py" line="378"/>
        <location filename="../../jdstock_desktop/ui/main_window.py" line="390"/>
        <source>无法打开账本</source>
        <translation>Cannot open the book</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/main_window.py" line="394"/>
        <source>已打开账本 %1</source>
        <translation>Opened the book %1</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/main_window.py" line="410"/>
        <location filename="../../jdstock_desktop/ui/main_window.py" line="493"/>
        <source>服务器要求密码，请输入密码。</source>
        <translation>The server wants a password: please enter it.</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/main_window.py" line="412"/>
        <location filename="../../jdstock_desktop/ui/main_window.py" line="495"/>
        <source>连接失败，请检查后重试。</source>
        <translation>The connection failed: please check and try again.</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/main_window.py" line="421"/>
        <source>库存账本 (*.sqlite3 *.sqlite *.db);;所有文件 (*)</source>
        <translation>Stock books (*.sqlite3 *.sqlite *.db);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/main_window.py" line="430"/>
        <source>新建账本</source>
        <translation>New Book</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/main_window.py" line="431"/>
        <source>库存账本.sqlite3</source>
        <translation>stock-book.sqlite3</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/main_window.py" line="444"/>
        <source>文件已存在</source>
        <translation>File exists</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/main_window.py" line="445"/>
        <source>%1 已存在。请换一个文件名，或用「打开账本」打开它。</source>
        <translation>%1 already exists. Choose another file name, or open it with “Open Book”.</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/main_window.py" line="454"/>
        <source>打开账本</source>
        <translation>Open Book</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/main_window.py" line="470"/>
        <source>（没有最近的账本）</source>
        <translation>(no recent books)</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/main_window.py" line="472"/>
        <source>清除列表</source>
        <translation>Clear List</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/main_window.py" line="479"/>
        <source>找不到账本</source>
        <translation>Book not found</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/main_window.py" line="480"/>
        <source>%1 已不存在（可能被移动或删除），已从最近列表中移除。</source>
        <translation>%1 no longer exists (it may have been moved or deleted); it was removed from the recent list.</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/main_window.py" line="506"/>
        <source>备份账本</source>
        <translation>Back Up Book</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/main_window.py" line="516"/>
        <source>不能备份到账本文件本身。</source>
        <translation>Cannot back up onto the book file itself.</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/main_window.py" line="516"/>
        <source>无法备份</source>
        <translation>Cannot back up</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/main_window.py" line="518"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/main_window.py" line="518"/>
        <source>正在备份账本…</source>
        <translation>Backing up the book…</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/main_window.py" line="531"/>
        <source>已取消备份</source>
        <translation>Backup cancelled</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/main_window.py" line="534"/>
        <source>备份失败</source>
        <translation>Backup failed</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/main_window.py" line="538"/>
        <source>账本已备份到 %1</source>
        <translation>Book backed up to %1</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/main_window.py" line="547"/>
        <location filename="../../jdstock_desktop/ui/main_window.py" line="558"/>
        <source>从备份恢复</source>
        <translation>Restore from Backup</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/main_window.py" line="561"/>
        <source>这就是当前打开的账本，无需恢复。</source>
        <translation>This is the book that is open now; there is nothing to restore.</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/main_window.py" line="563"/>
        <source>无法恢复</source>
        <translation>Cannot Restore</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/main_window.py" line="568"/>
        <source>用备份 %1 替换当前账本 %2？

当前账本的全部内容会被备份的内容取代。替换前，当前账本会先另存一份安全副本到 %3，恢复错了可以再用它恢复。</source>
        <translation>Replace the current book %2 with the backup %1?

Everything in the current book will be replaced by the content of the backup. Before that, a safety copy of the current book is saved in %3; if this was the wrong backup, you can restore that copy.</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/main_window.py" line="586"/>
        <source>恢复失败</source>
        <translation>Restore Failed</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/main_window.py" line="590"/>
        <source>恢复前的账本已另存为 %1</source>
        <translation>The book as it was before the restore has been saved as %1</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/main_window.py" line="598"/>
        <source>已用备份 %1 恢复账本</source>
        <translation>Book restored from the backup %1</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/main_window.py" line="600"/>
        <source>已用备份 %1 恢复账本。</source>
        <translation>The book has been restored from the backup %1.</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/main_window.py" line="608"/>
        <source>&lt;h3&gt;京东工业供应商库存账本&lt;/h3&gt;&lt;p&gt;版本 %1&lt;/p&gt;&lt;p&gt;为直接向京东工业 / 京东慧采供货的供应商库管员：记录各仓库存与流水，按覆盖范围和优先级发货，每日查看预警，填写京东的表格。&lt;/p&gt;</source>
        <translation>&lt;h3&gt;JD Industrial Supplier Stock Book&lt;/h3&gt;&lt;p&gt;Version %1&lt;/p&gt;&lt;p&gt;For the stock clerks of suppliers selling directly to JD Industrial / JD Huicai: record the stock and ledger of every warehouse, ship by coverage and priority, check the alerts daily, and fill in JD&apos;s spreadsheets.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>不是 SQLite 数据库文件</source>
        <translation type="vanished">Not an SQLite database file</translation>
    </message>
    <message>
        <source>这是别的程序的数据库，不是库存账本</source>
        <translation type="vanished">This is another program&apos;s database, not a stock book</translation>
    </message>
</context>
<context>
    <name>NewOrderDialog</name>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/new_order.py" line="254"/>
        <source>新建订单</source>
        <translation>New Order</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/new_order.py" line="268"/>
        <source>订单号</source>
        <translation>Order no.</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/new_order.py" line="269"/>
        <source>下单时间</source>
        <translation>Ordered at</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/new_order.py" line="270"/>
        <source>客户（企业）</source>
        <translation>Customer (company)</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/new_order.py" line="271"/>
        <source>收货地址</source>
        <translation>Delivery address</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/new_order.py" line="272"/>
        <source>详细地址</source>
        <translation>Street address</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/new_order.py" line="296"/>
        <source>添加行</source>
        <translation>Add line</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/new_order.py" line="297"/>
        <source>删除行</source>
        <translation>Delete line</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/new_order.py" line="299"/>
        <source>商品行</source>
        <translation>Order lines</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/new_order.py" line="309"/>
        <source>发货仓按当前库存和仓库优先级预览；下单时整单重新分配：全部成功，或整单不下、库存不变。</source>
        <translation>The shipping warehouses are a preview from current stock and warehouse priorities; placing the order allocates the whole order again: all lines succeed, or nothing is ordered and stock stays unchanged.</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/new_order.py" line="319"/>
        <location filename="../../jdstock_desktop/ui/orders/new_order.py" line="325"/>
        <source>下单</source>
        <translation>Place order</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/new_order.py" line="320"/>
        <source>下单（Ctrl+S）</source>
        <translation>Place order (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/new_order.py" line="322"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/new_order.py" line="401"/>
        <source>数量须为正整数</source>
        <translation>The quantity must be a positive whole number</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/new_order.py" line="406"/>
        <source>请先选择收货地址（至少到省）</source>
        <translation>Choose the delivery address first (at least the province)</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/new_order.py" line="426"/>
        <source>第 %1 行 商品「%2」：数量「%3」须为正整数</source>
        <translation>Line %1, product “%2”: quantity “%3” must be a positive whole number</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/new_order.py" line="439"/>
        <source>收货地址：</source>
        <translation>Delivery address: </translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/new_order.py" line="464"/>
        <source>不能下单</source>
        <translation>Cannot place the order</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/new_order.py" line="465"/>
        <source>订单未保存，库存没有任何变化。</source>
        <translation>The order was not saved; stock is unchanged.</translation>
    </message>
</context>
<context>
    <name>OrderLinesModel</name>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/new_order.py" line="111"/>
        <source>商品编码</source>
        <translation>Product code</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/new_order.py" line="112"/>
        <source>商品名称</source>
        <translation>Product name</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/new_order.py" line="113"/>
        <source>数量</source>
        <translation>Qty</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/new_order.py" line="114"/>
        <source>发货仓（预览）</source>
        <translation>Ships from (preview)</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/new_order.py" line="115"/>
        <source>现货/期货</source>
        <translation>Spot/Futures</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/new_order.py" line="116"/>
        <source>承诺发货</source>
        <translation>Promised shipment</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/new_order.py" line="117"/>
        <source>说明</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/new_order.py" line="144"/>
        <source>现货</source>
        <translation>Spot</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/new_order.py" line="145"/>
        <source>期货</source>
        <translation>Futures</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/new_order.py" line="146"/>
        <source>拒绝</source>
        <translation>Refused</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/new_order.py" line="152"/>
        <source>%1 小时内（%2 前）</source>
        <translation>within %1 h (before %2)</translation>
    </message>
</context>
<context>
    <name>OrdersModel</name>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/model.py" line="107"/>
        <location filename="../../jdstock_desktop/ui/orders/model.py" line="108"/>
        <source>待发货</source>
        <translation>To ship</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/model.py" line="109"/>
        <source>已发货</source>
        <translation>Shipped</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/model.py" line="110"/>
        <source>已取消</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/model.py" line="138"/>
        <source>订单号</source>
        <translation>Order no.</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/model.py" line="139"/>
        <source>下单时间</source>
        <translation>Ordered at</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/model.py" line="140"/>
        <source>客户</source>
        <translation>Customer</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/model.py" line="141"/>
        <source>收货地址</source>
        <translation>Delivery address</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/model.py" line="142"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/model.py" line="143"/>
        <source>总数量</source>
        <translation>Total qty</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/model.py" line="144"/>
        <source>发货时间</source>
        <translation>Shipped at</translation>
    </message>
</context>
<context>
    <name>OrdersPage</name>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/page.py" line="116"/>
        <source>商品编码</source>
        <translation>Product code</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/page.py" line="117"/>
        <source>商品名称</source>
        <translation>Product name</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/page.py" line="118"/>
        <source>规格</source>
        <translation>Spec</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/page.py" line="119"/>
        <source>数量</source>
        <translation>Qty</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/page.py" line="120"/>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/page.py" line="121"/>
        <source>发货仓</source>
        <translation>Ships from</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/page.py" line="122"/>
        <source>现货/期货</source>
        <translation>Spot/Futures</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/page.py" line="123"/>
        <source>承诺时效(小时)</source>
        <translation>Promised time (h)</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/page.py" line="124"/>
        <source>承诺发货截止</source>
        <translation>Ship by</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/page.py" line="163"/>
        <source>新建订单</source>
        <translation>New Order</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/page.py" line="164"/>
        <source>发货</source>
        <translation>Ship</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/page.py" line="165"/>
        <location filename="../../jdstock_desktop/ui/orders/page.py" line="400"/>
        <source>取消订单</source>
        <translation>Cancel order</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/page.py" line="167"/>
        <source>打印装箱清单</source>
        <translation>Print packing list</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/page.py" line="170"/>
        <source>打印签收单</source>
        <translation>Print delivery receipt</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/page.py" line="172"/>
        <source>导出 PDF…</source>
        <translation>Export PDF…</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/page.py" line="173"/>
        <source>导出 xlsx…</source>
        <translation>Export xlsx…</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/page.py" line="174"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/page.py" line="175"/>
        <source>查找</source>
        <translation>Find</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/page.py" line="194"/>
        <source>搜索订单号或客户</source>
        <translation>Search order no. or customer</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/page.py" line="195"/>
        <source>订单号或客户名称的一部分（Ctrl+F）</source>
        <translation>Part of an order no. or customer name (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/page.py" line="200"/>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/page.py" line="200"/>
        <source>已发货</source>
        <translation>Shipped</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/page.py" line="200"/>
        <source>已取消</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/page.py" line="200"/>
        <source>待发货</source>
        <translation>To ship</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/page.py" line="232"/>
        <source>显示 %1 个订单</source>
        <translation>Showing %1 orders</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/page.py" line="234"/>
        <source>（向下滚动加载更多）</source>
        <translation> (scroll down to load more)</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/page.py" line="273"/>
        <source>没有选中的订单。新建订单：Ctrl+N</source>
        <translation>No order selected. New order: Ctrl+N</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/page.py" line="286"/>
        <source>期货</source>
        <translation>Futures</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/page.py" line="286"/>
        <source>现货</source>
        <translation>Spot</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/page.py" line="305"/>
        <source>订单号</source>
        <translation>Order no.</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/page.py" line="306"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/page.py" line="307"/>
        <source>客户</source>
        <translation>Customer</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/page.py" line="308"/>
        <source>下单时间</source>
        <translation>Ordered at</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/page.py" line="311"/>
        <source>发货时间</source>
        <translation>Shipped at</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/page.py" line="316"/>
        <source>收货地址</source>
        <translation>Delivery address</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/page.py" line="318"/>
        <source>发货：Ctrl+Enter　取消订单：Ctrl+Delete</source>
        <translation>Ship: Ctrl+Enter   Cancel order: Ctrl+Delete</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/page.py" line="320"/>
        <source>打印装箱清单：Ctrl+P　打印签收单：Ctrl+Shift+P　导出 PDF：Ctrl+Shift+E　导出 xlsx：Ctrl+Shift+X</source>
        <translation>Print packing list: Ctrl+P   Print delivery receipt: Ctrl+Shift+P   Export PDF: Ctrl+Shift+E   Export xlsx: Ctrl+Shift+X</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/page.py" line="325"/>
        <source>已取消的订单不能再发货</source>
        <translation>A cancelled order cannot be shipped</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/page.py" line="371"/>
        <location filename="../../jdstock_desktop/ui/orders/page.py" line="393"/>
        <source>请先选中一个待发货的订单</source>
        <translation>Select an order to ship first</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/page.py" line="385"/>
        <source>不能发货</source>
        <translation>Cannot ship</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/page.py" line="385"/>
        <source>订单未发货，库存没有变化。</source>
        <translation>The order was not shipped; stock is unchanged.</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/page.py" line="396"/>
        <source>确定取消订单「%1」吗？</source>
        <translation>Cancel the order “%1”?</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/page.py" line="398"/>
        <source>将释放预占库存 %1 件。</source>
        <translation>%1 reserved units will be released.</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/page.py" line="399"/>
        <source>取消后不能恢复。</source>
        <translation>A cancelled order cannot be restored.</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/page.py" line="405"/>
        <source>不能取消</source>
        <translation>Cannot cancel</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/page.py" line="413"/>
        <source>只有已发货的订单才能生成装箱清单和签收单</source>
        <translation>Packing lists and delivery receipts exist only for shipped orders</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/page.py" line="421"/>
        <source>装箱清单</source>
        <translation>Packing list</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/page.py" line="422"/>
        <source>签收单</source>
        <translation>Delivery receipt</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/page.py" line="444"/>
        <source>选择保存装箱清单和签收单（PDF）的文件夹</source>
        <translation>Choose the folder for the packing lists and delivery receipts (PDF)</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/page.py" line="455"/>
        <location filename="../../jdstock_desktop/ui/orders/page.py" line="469"/>
        <source>导出失败</source>
        <translation>Export failed</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/page.py" line="457"/>
        <source>已导出 PDF：</source>
        <translation>Exported PDF: </translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/page.py" line="463"/>
        <source>选择保存装箱清单和签收单（xlsx）的文件夹</source>
        <translation>Choose the folder for the packing lists and delivery receipts (xlsx)</translation>
    </message>
</context>
<context>
    <name>OutOfStockNotifier</name>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/notify.py" line="23"/>
        <source>新增无货预警 %1 项</source>
        <translation>%1 new out-of-stock alerts</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/notify.py" line="28"/>
        <source>%1 @ %2：可用 %3</source>
        <translation>%1 @ %2: available %3</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/notify.py" line="35"/>
        <source>……另有 %1 项</source>
        <translation>… and %1 more</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/notify.py" line="66"/>
        <source>京东工业供应商库存账本</source>
        <translation>JD Industrial Supplier Stock Book</translation>
    </message>
</context>
<context>
    <name>PriorityEditor</name>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/priority_editor.py" line="56"/>
        <source>未保存的优先级</source>
        <translation>Unsaved priorities</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/priority_editor.py" line="57"/>
        <source>「%1」的优先级列表有未保存的修改。</source>
        <translation>The priority list of “%1” has unsaved changes.</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/priority_editor.py" line="58"/>
        <location filename="../../jdstock_desktop/ui/warehouses/priority_editor.py" line="139"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/priority_editor.py" line="59"/>
        <location filename="../../jdstock_desktop/ui/warehouses/priority_editor.py" line="140"/>
        <source>放弃修改</source>
        <translation>Discard changes</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/priority_editor.py" line="60"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/priority_editor.py" line="135"/>
        <source>上移</source>
        <translation>Move up</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/priority_editor.py" line="136"/>
        <source>下移</source>
        <translation>Move down</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/priority_editor.py" line="137"/>
        <source>移除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/priority_editor.py" line="138"/>
        <source>添加仓库</source>
        <translation>Add warehouse</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/priority_editor.py" line="141"/>
        <location filename="../../jdstock_desktop/ui/warehouses/priority_editor.py" line="407"/>
        <source>删除本区域列表</source>
        <translation>Delete this region&apos;s list</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/priority_editor.py" line="147"/>
        <source>选择要加入本区域列表的仓库</source>
        <translation>Choose a warehouse to add to this region&apos;s list</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/priority_editor.py" line="224"/>
        <source>优先级</source>
        <translation>Priorities</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/priority_editor.py" line="225"/>
        <source>在左侧选择一个区域，查看或设置它的仓库优先级。</source>
        <translation>Choose a region on the left to see or set its warehouse priorities.</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/priority_editor.py" line="230"/>
        <source>「%1」的仓库优先级</source>
        <translation>Warehouse priorities of “%1”</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/priority_editor.py" line="261"/>
        <source>按顺位依次发货：前一个仓库可用库存不足时，由下一个支援；勾选「禁售」的仓库不向这里发货；暂停的仓库发货时跳过。拖动行或用 Ctrl+↑/↓ 调整顺序。</source>
        <translation>Orders ship in rank order: when a warehouse lacks available stock, the next one supports it; a warehouse marked “Banned” never ships here; paused warehouses are skipped. Drag rows or use Ctrl+↑/↓ to reorder.</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/priority_editor.py" line="271"/>
        <source>未设置，沿用「%1」的优先级（灰色，只读）。</source>
        <translation>Not set: the priorities of “%1” apply (grey, read-only).</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/priority_editor.py" line="277"/>
        <source>未设置：本区域及上级区域都没有优先级列表，订单只由「%1」兜底发货。</source>
        <translation>Not set: neither this region nor any region above it has a priority list; orders ship only from the fallback “%1”.</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/priority_editor.py" line="284"/>
        <source>在「%1」新建列表（复制「%2」的优先级）</source>
        <translation>New list for “%1” (copy the priorities of “%2”)</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/priority_editor.py" line="288"/>
        <source>在「%1」新建优先级列表</source>
        <translation>New priority list for “%1”</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/priority_editor.py" line="300"/>
        <source>保存（Ctrl+S）</source>
        <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/priority_editor.py" line="301"/>
        <source>（未保存）</source>
        <translation> (unsaved)</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/priority_editor.py" line="312"/>
        <source>%1（暂停）</source>
        <translation>%1 (paused)</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/priority_editor.py" line="320"/>
        <source>所有仓库都已在列表中</source>
        <translation>Every warehouse is already in the list</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/priority_editor.py" line="369"/>
        <source>无法保存优先级</source>
        <translation>Cannot save the priorities</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/priority_editor.py" line="389"/>
        <source>已保存「%1」的优先级：%2 个仓库</source>
        <translation>Saved the priorities of “%1”: %2 warehouses</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/priority_editor.py" line="404"/>
        <source>删除「%1」自己的优先级列表？删除后这里沿用上级区域的优先级。</source>
        <translation>Delete the own priority list of “%1”? The priorities of the region above will then apply here.</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/priority_editor.py" line="411"/>
        <source>已删除「%1」的优先级列表</source>
        <translation>Deleted the priority list of “%1”</translation>
    </message>
</context>
<context>
    <name>PriorityListModel</name>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/priority_model.py" line="56"/>
        <source>仓库</source>
        <translation>Warehouse</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/priority_model.py" line="56"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/priority_model.py" line="56"/>
        <location filename="../../jdstock_desktop/ui/warehouses/priority_model.py" line="187"/>
        <source>禁售</source>
        <translation>Banned</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/priority_model.py" line="56"/>
        <source>顺位</source>
        <translation>Rank</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/priority_model.py" line="188"/>
        <source>启用</source>
        <translation>Enabled</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/priority_model.py" line="188"/>
        <source>暂停（不参与发货）</source>
        <translation>Paused (does not ship)</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/priority_model.py" line="203"/>
        <source>禁售：「%1」不向这个区域发货</source>
        <translation>Banned: “%1” does not ship to this region</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/priority_model.py" line="205"/>
        <source>仓库已暂停：保留在列表中，但发货时跳过</source>
        <translation>Warehouse paused: it stays in the list but is skipped when shipping</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/priority_model.py" line="210"/>
        <source>兜底</source>
        <translation>Fallback</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/priority_model.py" line="210"/>
        <source>固定最低优先级，不可修改</source>
        <translation>Always the lowest priority; cannot be changed</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/priority_model.py" line="218"/>
        <source>「%1」系统自动生成，覆盖全国，始终排在最后兜底，不能排序或禁售</source>
        <translation>“%1” is created by the system, covers all of China and always comes last as the fallback; it cannot be reordered or banned</translation>
    </message>
</context>
<context>
    <name>ProductForm</name>
    <message>
        <location filename="../../jdstock_desktop/ui/products/form.py" line="86"/>
        <location filename="../../jdstock_desktop/ui/products/form.py" line="173"/>
        <source>长×宽×高(cm)</source>
        <translation>L×W×H (cm)</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/form.py" line="127"/>
        <source>基本信息</source>
        <translation>Basic information</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/form.py" line="128"/>
        <source>商品编码 *</source>
        <translation>Product code *</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/form.py" line="129"/>
        <source>京东SKU</source>
        <translation>JD SKU</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/form.py" line="130"/>
        <source>京东生成商品后回填；新品可留空</source>
        <translation>Filled in once JD creates the product; may be empty for a new product</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/form.py" line="131"/>
        <source>商品名称 *</source>
        <translation>Product name *</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/form.py" line="132"/>
        <source>品牌</source>
        <translation>Brand</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/form.py" line="133"/>
        <source>型号</source>
        <translation>Model</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/form.py" line="134"/>
        <source>规格</source>
        <translation>Spec</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/form.py" line="135"/>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/form.py" line="136"/>
        <source>条码</source>
        <translation>Barcode</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/form.py" line="140"/>
        <source>类目</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/form.py" line="141"/>
        <source>一级类目</source>
        <translation>Category level 1</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/form.py" line="142"/>
        <source>二级类目</source>
        <translation>Category level 2</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/form.py" line="143"/>
        <source>三级类目</source>
        <translation>Category level 3</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/form.py" line="152"/>
        <source>价格（元）</source>
        <translation>Prices (CNY)</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/form.py" line="153"/>
        <source>采购价</source>
        <translation>Purchase price</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/form.py" line="154"/>
        <source>京东价</source>
        <translation>JD price</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/form.py" line="155"/>
        <source>市场价</source>
        <translation>Market price</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/form.py" line="156"/>
        <source>税率(%)</source>
        <translation>Tax rate (%)</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/form.py" line="160"/>
        <source>物流与包装</source>
        <translation>Logistics and packing</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/form.py" line="161"/>
        <source>重量(kg)</source>
        <translation>Weight (kg)</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/form.py" line="170"/>
        <source>长</source>
        <translation>Length</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/form.py" line="171"/>
        <source>宽</source>
        <translation>Width</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/form.py" line="172"/>
        <source>高</source>
        <translation>Height</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/form.py" line="178"/>
        <source>包装清单</source>
        <translation>Packing contents</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/form.py" line="179"/>
        <source>质保</source>
        <translation>Warranty</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/form.py" line="180"/>
        <source>产地</source>
        <translation>Origin</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/form.py" line="181"/>
        <source>生产厂家</source>
        <translation>Manufacturer</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/form.py" line="185"/>
        <source>上柜与发货时效</source>
        <translation>Listing and ship times</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/form.py" line="186"/>
        <source>上柜（客户可下单）</source>
        <translation>Listed (customers can order)</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/form.py" line="188"/>
        <source>上柜状态</source>
        <translation>Listing</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/form.py" line="191"/>
        <location filename="../../jdstock_desktop/ui/products/form.py" line="197"/>
        <source> 小时</source>
        <translation> h</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/form.py" line="192"/>
        <source>现货须在 48 小时内发货</source>
        <translation>Spot orders must ship within 48 hours</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/form.py" line="194"/>
        <source>现货时效</source>
        <translation>Spot ship time</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/form.py" line="198"/>
        <source>未设置</source>
        <translation>Not set</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/form.py" line="199"/>
        <source>无货预定时承诺的发货时效；不得超过三级类目标准</source>
        <translation>The ship time promised for pre-orders; must not exceed the 3rd-level category standard</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/form.py" line="202"/>
        <source>期货时效</source>
        <translation>Futures ship time</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/form.py" line="206"/>
        <source>开通无货预定</source>
        <translation>Allow pre-orders</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/form.py" line="209"/>
        <source>无货预定</source>
        <translation>Pre-order</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/form.py" line="215"/>
        <source>可期货库存</source>
        <translation>Futures quota</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/form.py" line="222"/>
        <source>标签与合规</source>
        <translation>Labels and compliance</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/form.py" line="223"/>
        <source>标签</source>
        <translation>Labels</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/form.py" line="224"/>
        <source>定制化商品标签，多个用逗号分隔</source>
        <translation>Custom product labels, separated by commas</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/form.py" line="225"/>
        <source>违规商品（须下柜、库存清零）</source>
        <translation>Violating product (must be delisted, stock zeroed)</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/form.py" line="227"/>
        <source>违规</source>
        <translation>Violation</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/form.py" line="297"/>
        <source>新商品</source>
        <translation>New product</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/form.py" line="299"/>
        <source>商品 %1（第 %2 版）</source>
        <translation>Product %1 (version %2)</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/form.py" line="302"/>
        <source> · 未保存</source>
        <translation> · unsaved</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/form.py" line="321"/>
        <source>未填三级类目：无法核对期货时效标准</source>
        <translation>No 3rd-level category: the futures ship time standard cannot be checked</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/form.py" line="324"/>
        <source>三级类目「%1」未设发货时效标准</source>
        <translation>The 3rd-level category “%1” has no ship time standard</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/form.py" line="328"/>
        <source>三级类目「%1」发货时效标准：%2 小时</source>
        <translation>Ship time standard of the 3rd-level category “%1”: %2 h</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/form.py" line="358"/>
        <source>期货时效 %1 小时，超过三级类目「%2」的标准 %3 小时（规则 21）</source>
        <translation>Futures ship time %1 h exceeds the %3 h standard of the 3rd-level category “%2” (rule 21)</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/form.py" line="363"/>
        <source>已开通无货预定，但可期货库存为 0：客户无法预定（规则 20）</source>
        <translation>Pre-orders are allowed but the futures quota is 0: customers cannot pre-order (rule 20)</translation>
    </message>
</context>
<context>
    <name>ProductTableModel</name>
    <message>
        <location filename="../../jdstock_desktop/ui/products/model.py" line="97"/>
        <source>上柜</source>
        <translation>Listed</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/model.py" line="97"/>
        <source>下柜</source>
        <translation>Delisted</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/model.py" line="99"/>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/model.py" line="99"/>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/model.py" line="146"/>
        <source>红色：超过三级类目的发货时效标准（规则 21）</source>
        <translation>Red: over the ship time standard of the 3rd-level category (rule 21)</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/model.py" line="151"/>
        <source>商品编码</source>
        <translation>Product code</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/model.py" line="152"/>
        <source>京东SKU</source>
        <translation>JD SKU</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/model.py" line="153"/>
        <source>商品名称</source>
        <translation>Product name</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/model.py" line="154"/>
        <source>品牌</source>
        <translation>Brand</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/model.py" line="155"/>
        <source>型号</source>
        <translation>Model</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/model.py" line="156"/>
        <source>三级类目</source>
        <translation>Category level 3</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/model.py" line="157"/>
        <source>京东价</source>
        <translation>JD price</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/model.py" line="158"/>
        <source>上柜状态</source>
        <translation>Listing</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/model.py" line="159"/>
        <source>现货时效</source>
        <translation>Spot (h)</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/model.py" line="160"/>
        <source>期货时效</source>
        <translation>Futures (h)</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/model.py" line="161"/>
        <source>无货预定</source>
        <translation>Pre-order</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/model.py" line="162"/>
        <source>可期货库存</source>
        <translation>Futures quota</translation>
    </message>
</context>
<context>
    <name>ProductsPage</name>
    <message>
        <location filename="../../jdstock_desktop/ui/products/page.py" line="69"/>
        <source>商品未保存</source>
        <translation>Product not saved</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/page.py" line="70"/>
        <source>%1 的修改尚未保存。</source>
        <translation>The changes to %1 are not saved yet.</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/page.py" line="71"/>
        <source>保存后才会写入账本；放弃则恢复为账本中的内容。</source>
        <translation>Saving writes them to the book; discarding restores what the book holds.</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/page.py" line="72"/>
        <location filename="../../jdstock_desktop/ui/products/page.py" line="152"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/page.py" line="73"/>
        <location filename="../../jdstock_desktop/ui/products/page.py" line="153"/>
        <source>放弃修改</source>
        <translation>Discard changes</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/page.py" line="74"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/page.py" line="134"/>
        <source>红色：期货时效超过三级类目标准（规则 21），或开通无货预定但可期货库存为 0（规则 20）。选中多行可批量上柜/下柜。</source>
        <translation>Red: futures ship time over the 3rd-level category standard (rule 21), or pre-orders allowed with a futures quota of 0 (rule 20). Select several rows to list or delist them together.</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/page.py" line="151"/>
        <source>新建商品</source>
        <translation>New product</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/page.py" line="154"/>
        <location filename="../../jdstock_desktop/ui/products/page.py" line="181"/>
        <location filename="../../jdstock_desktop/ui/products/page.py" line="451"/>
        <source>上柜</source>
        <translation>Listed</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/page.py" line="156"/>
        <location filename="../../jdstock_desktop/ui/products/page.py" line="181"/>
        <location filename="../../jdstock_desktop/ui/products/page.py" line="451"/>
        <source>下柜</source>
        <translation>Delisted</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/page.py" line="158"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/page.py" line="159"/>
        <source>查找</source>
        <translation>Find</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/page.py" line="174"/>
        <source>搜索编码/名称/品牌/型号</source>
        <translation>Code/name/brand/model</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/page.py" line="179"/>
        <source>多个词用空格分隔，须全部出现（Ctrl+F）</source>
        <translation>Separate several words with spaces; all must appear (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/page.py" line="181"/>
        <source>全部上柜状态</source>
        <translation>Any listing</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/page.py" line="187"/>
        <location filename="../../jdstock_desktop/ui/products/page.py" line="248"/>
        <source>全部类目</source>
        <translation>All categories</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/page.py" line="189"/>
        <source>仅看时效违规</source>
        <translation>Ship time breaches only</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/page.py" line="189"/>
        <source>全部商品</source>
        <translation>All products</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/page.py" line="196"/>
        <source>类目</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/page.py" line="231"/>
        <source>当前筛选条件下看不到商品 %1</source>
        <translation>SKU %1 is hidden by the current filters</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/page.py" line="278"/>
        <source>共 %1 个商品</source>
        <translation>%1 products</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/page.py" line="280"/>
        <source>显示 %1 / %2 个商品</source>
        <translation>Showing %1 / %2 products</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/page.py" line="285"/>
        <source>，时效违规 %1 个</source>
        <translation>, %1 breaches</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/page.py" line="357"/>
        <source>新商品</source>
        <translation>the new product</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/page.py" line="359"/>
        <source>商品「%1」</source>
        <translation>product “%1”</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/page.py" line="392"/>
        <source>新商品：填写商品编码和名称后保存（Ctrl+S）</source>
        <translation>New product: fill in the code and name, then save (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/page.py" line="408"/>
        <source>商品已被他人修改</source>
        <translation>Product changed by someone else</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/page.py" line="409"/>
        <source>保存未完成：商品已被他人修改</source>
        <translation>Not saved: the product was changed by someone else</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/page.py" line="414"/>
        <source>保存失败</source>
        <translation>Save failed</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/page.py" line="415"/>
        <source>本次没有写入任何数据，您填写的内容仍然保留。</source>
        <translation>Nothing was written this time; what you entered is kept.</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/page.py" line="417"/>
        <source>保存失败：</source>
        <translation>Save failed: </translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/page.py" line="424"/>
        <source>已保存商品「%1」</source>
        <translation>Saved product “%1”</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/page.py" line="426"/>
        <source>；注意：</source>
        <translation>; note: </translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/page.py" line="434"/>
        <source>请先在表格中选中商品</source>
        <translation>Select products in the table first</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/page.py" line="443"/>
        <source>上柜失败</source>
        <translation>Listing failed</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/page.py" line="443"/>
        <source>下柜失败</source>
        <translation>Delisting failed</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/page.py" line="444"/>
        <source>没有修改任何商品。</source>
        <translation>No product was changed.</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/page.py" line="453"/>
        <source>已%1 %2 个商品</source>
        <translation>%1: %2 products</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/page.py" line="455"/>
        <source>选中的商品已经是%1状态</source>
        <translation>The selected products are already “%1”</translation>
    </message>
</context>
<context>
    <name>ProfileDialog</name>
    <message>
        <location filename="../../jdstock_desktop/ui/profile_dialog.py" line="89"/>
        <source>来自库存账本（在「仓库」页修改），只读</source>
        <translation>From the stock book (edit it on the “Warehouses” page); read-only</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/profile_dialog.py" line="93"/>
        <source>添加一行</source>
        <translation>Add a row</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/profile_dialog.py" line="94"/>
        <source>删除所选行</source>
        <translation>Delete selected rows</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/profile_dialog.py" line="145"/>
        <source>供应商资料（供应商入驻评估表）</source>
        <translation>Supplier profile (supplier onboarding assessment form)</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/profile_dialog.py" line="179"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/profile_dialog.py" line="180"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/profile_dialog.py" line="182"/>
        <source>检查入驻要求</source>
        <translation>Check onboarding requirements</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/profile_dialog.py" line="265"/>
        <source>入驻要求提醒：</source>
        <translation>Onboarding requirements: </translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/profile_dialog.py" line="265"/>
        <source>入驻要求：已满足</source>
        <translation>Onboarding requirements: all met</translation>
    </message>
</context>
<context>
    <name>RegionTreeModel</name>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/region_model.py" line="144"/>
        <source>地区</source>
        <translation>Region</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/region_model.py" line="161"/>
        <source>%1：已设置优先级（%2 个仓库）</source>
        <translation>%1: has priorities (%2 warehouses)</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../jdstock_desktop/ui/settings_dialog.py" line="63"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/settings_dialog.py" line="68"/>
        <source>界面语言在下次启动程序时生效。</source>
        <translation>The interface language takes effect the next time the program starts.</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/settings_dialog.py" line="76"/>
        <source>库存流水的每一行都记录操作人。留空则使用 Windows 登录名（%1）。</source>
        <translation>Every stock ledger row records its operator. Leave empty to use the Windows login name (%1).</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/settings_dialog.py" line="84"/>
        <source>界面语言</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/settings_dialog.py" line="86"/>
        <source>操作人</source>
        <translation>Operator</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/settings_dialog.py" line="91"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/settings_dialog.py" line="92"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/settings_dialog.py" line="122"/>
        <source>界面语言将在下次启动时切换为 %1。</source>
        <translation>The interface switches to %1 at the next start.</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/settings_dialog.py" line="128"/>
        <source>设置已保存。操作人：%1</source>
        <translation>Settings saved. Operator: %1</translation>
    </message>
</context>
<context>
    <name>SharedBookDialog</name>
    <message>
        <location filename="../../jdstock_desktop/ui/shared_book_dialog.py" line="91"/>
        <source>用户名或密码错误。</source>
        <translation>Wrong user name or password.</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/shared_book_dialog.py" line="93"/>
        <source>服务器上没有这个数据库：请服务器管理员先创建它（例如 createdb -O 用户名 jdstock）。</source>
        <translation>The server has no such database: ask the server administrator to create it first (e.g. createdb -O username jdstock).</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/shared_book_dialog.py" line="97"/>
        <source>这个用户没有在该数据库中建表或读写的权限，请服务器管理员授权。</source>
        <translation>This user may not create tables or read and write in that database: ask the server administrator to grant the rights.</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/shared_book_dialog.py" line="99"/>
        <source>无法连接到数据库服务器：请检查服务器地址和端口，以及服务器是否已启动。</source>
        <translation>Cannot connect to the database server: check the server address and port, and that the server is running.</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/shared_book_dialog.py" line="118"/>
        <source>连接共享账本（PostgreSQL）</source>
        <translation>Connect to Shared Book (PostgreSQL)</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/shared_book_dialog.py" line="120"/>
        <source>服务器名称或 IP 地址</source>
        <translation>Server name or IP address</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/shared_book_dialog.py" line="127"/>
        <source>管理员为你创建的用户名</source>
        <translation>The user name the administrator created for you</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/shared_book_dialog.py" line="131"/>
        <source>可以留空：留空时使用 PGPASSWORD 环境变量或 pgpass 文件中的密码。密码不会被保存。</source>
        <translation>May be left empty: the password in the PGPASSWORD environment variable or the pgpass file is used then. The password is never saved.</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/shared_book_dialog.py" line="139"/>
        <source>服务器</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/shared_book_dialog.py" line="140"/>
        <source>端口</source>
        <translation>Port</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/shared_book_dialog.py" line="141"/>
        <source>数据库</source>
        <translation>Database</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/shared_book_dialog.py" line="142"/>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/shared_book_dialog.py" line="143"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/shared_book_dialog.py" line="147"/>
        <source>数据库须由服务器管理员事先创建（例如 createdb -O 用户名 jdstock）；第一次连接时，程序会在其中自动建好账本的表。</source>
        <translation>The server administrator must create the database first (e.g. createdb -O username jdstock); the book&apos;s tables are created in it on the first connection.</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/shared_book_dialog.py" line="164"/>
        <source>连接</source>
        <translation>Connect</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/shared_book_dialog.py" line="165"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ShipDialog</name>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/ship.py" line="42"/>
        <source>发货 — %1</source>
        <translation>Ship — %1</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/ship.py" line="48"/>
        <source>订单「%1」 客户：%2</source>
        <translation>Order “%1”  Customer: %2</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/ship.py" line="55"/>
        <source>商品编码</source>
        <translation>Product code</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/ship.py" line="56"/>
        <source>商品名称</source>
        <translation>Product name</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/ship.py" line="57"/>
        <source>数量</source>
        <translation>Qty</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/ship.py" line="58"/>
        <source>现货/期货</source>
        <translation>Spot/Futures</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/ship.py" line="59"/>
        <source>发货仓</source>
        <translation>Ships from</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/ship.py" line="66"/>
        <source>期货</source>
        <translation>Futures</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/ship.py" line="66"/>
        <source>现货</source>
        <translation>Spot</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/ship.py" line="86"/>
        <source>只能记录已经发生的发货</source>
        <translation>Only a shipment that has already happened can be recorded</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/ship.py" line="87"/>
        <source>发货时间</source>
        <translation>Shipped at</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/ship.py" line="96"/>
        <source>期货发货仓</source>
        <translation>Futures ships from</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/ship.py" line="97"/>
        <source>期货行未预占库存：请选择货物已到的仓库，发货时从该仓扣减。</source>
        <translation>Futures lines reserved no stock: choose the warehouse the goods arrived at; shipping deducts them there.</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/ship.py" line="105"/>
        <source>确认发货</source>
        <translation>Ship</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/ship.py" line="106"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>StockGridModel</name>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/model.py" line="106"/>
        <source>上柜</source>
        <translation>Listed</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/model.py" line="106"/>
        <source>下柜</source>
        <translation>Delisted</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/model.py" line="221"/>
        <source>尚无库存记录；输入数量即建立</source>
        <translation>No stock record yet; entering a quantity creates one</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/model.py" line="223"/>
        <source>现货 %1 · 预占 %2 · 可用 %3</source>
        <translation>On hand %1 · reserved %2 · available %3</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/model.py" line="227"/>
        <source>待提交：%1 → %2</source>
        <translation>To submit: %1 → %2</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/model.py" line="242"/>
        <source>商品编码</source>
        <translation>Product code</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/model.py" line="243"/>
        <source>商品名称</source>
        <translation>Product name</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/model.py" line="244"/>
        <source>三级类目</source>
        <translation>Category level 3</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/model.py" line="245"/>
        <source>上柜状态</source>
        <translation>Listing</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/model.py" line="249"/>
        <source>（暂停）</source>
        <translation> (paused)</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/model.py" line="250"/>
        <source>可用合计</source>
        <translation>Available total</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/model.py" line="250"/>
        <source>现货合计</source>
        <translation>On hand total</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/model.py" line="250"/>
        <source>预占合计</source>
        <translation>Reserved total</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/model.py" line="255"/>
        <source>暂停的仓库：库存保留，但不可售，不计入可用合计</source>
        <translation>Paused warehouse: its stock is kept but not sellable, and not counted in the available total</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/model.py" line="256"/>
        <source>现货库存；直接输入或粘贴即可修改，提交后生效</source>
        <translation>Stock on hand; type or paste to change it, effective once submitted</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/model.py" line="258"/>
        <source>可用合计 = 启用仓库的（现货 − 预占）之和；暂停仓库不计入</source>
        <translation>Available total = sum of (on hand − reserved) over enabled warehouses; paused ones are not counted</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/model.py" line="280"/>
        <source>修改 %1</source>
        <translation>Change %1</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/model.py" line="304"/>
        <source>%1：库存不能为负数</source>
        <translation>%1: stock cannot be negative</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/model.py" line="309"/>
        <source>%1：现货 %2 少于已被订单预占的 %3，请先发货或取消订单</source>
        <translation>%1: on hand %2 is less than the %3 reserved by orders; ship or cancel the orders first</translation>
    </message>
</context>
<context>
    <name>StockPage</name>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/page.py" line="69"/>
        <source>直接输入数字或从 Excel 粘贴（Ctrl+V）修改现货库存；修改以黄色标出，提交（Ctrl+S）后才写入账本。双击单元格查看库存流水。</source>
        <translation>Type numbers or paste from Excel (Ctrl+V) to change stock on hand; changes show in yellow and are written to the book only when submitted (Ctrl+S). Double-click a cell for its stock ledger.</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/page.py" line="87"/>
        <source>搜索商品编码或名称（Ctrl+F）</source>
        <translation>Search product code or name (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/page.py" line="98"/>
        <location filename="../../jdstock_desktop/ui/stock/page.py" line="198"/>
        <source>全部类目</source>
        <translation>All categories</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/page.py" line="100"/>
        <source>上柜</source>
        <translation>Listed</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/page.py" line="100"/>
        <source>下柜</source>
        <translation>Delisted</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/page.py" line="100"/>
        <source>全部上柜状态</source>
        <translation>Any listing</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/page.py" line="102"/>
        <source>全部库存</source>
        <translation>All stock</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/page.py" line="102"/>
        <source>无货</source>
        <translation>Out of stock</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/page.py" line="102"/>
        <source>未设库存</source>
        <translation>No stock set</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/page.py" line="104"/>
        <source>无货：在某个启用的仓库可用库存 ≤ 0；未设库存：任何仓库都还没有库存记录</source>
        <translation>Out of stock: available ≤ 0 in some enabled warehouse; No stock set: no warehouse has a stock record yet</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/page.py" line="115"/>
        <source>类目</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/page.py" line="131"/>
        <location filename="../../jdstock_desktop/ui/stock/page.py" line="288"/>
        <location filename="../../jdstock_desktop/ui/stock/page.py" line="520"/>
        <source>提交库存变更</source>
        <translation>Submit stock changes</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/page.py" line="132"/>
        <source>放弃修改</source>
        <translation>Discard changes</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/page.py" line="136"/>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/page.py" line="137"/>
        <source>重做</source>
        <translation>Redo</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/page.py" line="143"/>
        <source>撤销：</source>
        <translation>Undo: </translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/page.py" line="146"/>
        <source>重做：</source>
        <translation>Redo: </translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/page.py" line="148"/>
        <source>复制</source>
        <translation>Copy</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/page.py" line="149"/>
        <source>粘贴</source>
        <translation>Paste</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/page.py" line="150"/>
        <source>向下填充</source>
        <translation>Fill down</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/page.py" line="151"/>
        <source>库存流水</source>
        <translation>Stock ledger</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/page.py" line="152"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/page.py" line="153"/>
        <source>查找</source>
        <translation>Find</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/page.py" line="198"/>
        <source>（未填类目）</source>
        <translation>(no category)</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/page.py" line="273"/>
        <source>显示 %1 / %2 个商品</source>
        <translation>Showing %1 / %2 products</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/page.py" line="286"/>
        <source>提交库存变更（%1）</source>
        <translation>Submit stock changes (%1)</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/page.py" line="291"/>
        <source>待提交 %1 处修改</source>
        <translation>%1 changes to submit</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/page.py" line="336"/>
        <source>已复制 %1 个单元格</source>
        <translation>Copied %1 cells</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/page.py" line="342"/>
        <source>剪贴板中没有可粘贴的内容</source>
        <translation>Nothing to paste on the clipboard</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/page.py" line="345"/>
        <source>请先选中要粘贴到的起始单元格</source>
        <translation>Select the cell to paste into first</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/page.py" line="353"/>
        <source>粘贴 %1 个单元格</source>
        <translation>Paste %1 cells</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/page.py" line="360"/>
        <source>已暂存 %1 处修改（粘贴），提交后写入账本</source>
        <translation>Staged %1 changes (paste); submitting writes them to the book</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/page.py" line="375"/>
        <source>%1：%2，未粘贴任何内容</source>
        <translation>%1: %2; nothing was pasted</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/page.py" line="392"/>
        <source>粘贴区域有 %1 行，但从当前行往下只有 %2 行，未粘贴任何内容</source>
        <translation>The pasted block has %1 rows but only %2 rows are left from the current row down; nothing was pasted</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/page.py" line="398"/>
        <source>粘贴区域有 %1 列，只能粘贴到仓库列，未粘贴任何内容</source>
        <translation>The pasted block has %1 columns; pasting goes into warehouse columns only; nothing was pasted</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/page.py" line="427"/>
        <source>选中的区域没有仓库列，未粘贴任何内容</source>
        <translation>The selection has no warehouse column; nothing was pasted</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/page.py" line="448"/>
        <source>请选中一列仓库单元格（首格为要填充的数量）</source>
        <translation>Select warehouse cells in one column (the first holds the quantity to fill)</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/page.py" line="452"/>
        <source>向下填充 %1 个单元格</source>
        <translation>Fill down %1 cells</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/page.py" line="457"/>
        <source>已暂存 %1 处修改（向下填充）</source>
        <translation>Staged %1 changes (fill down)</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/page.py" line="470"/>
        <source>请先选中一个商品</source>
        <translation>Select a product first</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/page.py" line="521"/>
        <source>将以下 %1 处库存修改写入账本。一次提交：全部成功，或全部不写入。</source>
        <translation>Write the following %1 stock changes to the book. One submission: all succeed, or nothing is written.</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/page.py" line="525"/>
        <source>商品编码</source>
        <translation>Product code</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/page.py" line="526"/>
        <source>商品名称</source>
        <translation>Product name</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/page.py" line="527"/>
        <source>仓库</source>
        <translation>Warehouse</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/page.py" line="528"/>
        <source>原现货</source>
        <translation>Old on hand</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/page.py" line="529"/>
        <source>新现货</source>
        <translation>New on hand</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/page.py" line="530"/>
        <source>变动</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/page.py" line="533"/>
        <source>提交</source>
        <translation>Submit</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/page.py" line="543"/>
        <source>没有待提交的库存修改</source>
        <translation>No stock changes to submit</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/page.py" line="556"/>
        <source>提交失败</source>
        <translation>Submit failed</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/page.py" line="557"/>
        <source>本次提交没有写入任何数据，您的修改仍然保留。</source>
        <translation>This submission wrote nothing; your changes are kept.</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/page.py" line="562"/>
        <source>已提交 %1 处库存修改，写入 %2 行库存流水</source>
        <translation>Submitted %1 stock changes, %2 ledger rows written</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/page.py" line="576"/>
        <source>无记录</source>
        <translation>no record</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/page.py" line="578"/>
        <source>%1 @ %2：当前现货 %3（您修改时为 %4），您要改为 %5</source>
        <translation>%1 @ %2: on hand now %3 (it was %4 when you edited), you set %5</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/page.py" line="588"/>
        <source>……另有 %1 处</source>
        <translation>… and %1 more</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/page.py" line="591"/>
        <source>以下库存在您修改期间已被他人改动，本次提交没有写入任何数据：</source>
        <translation>This stock was changed by someone else while you were editing; this submission wrote nothing:</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/page.py" line="595"/>
        <source>您的修改仍然保留（黄色）。表格已显示当前数量，核对后可再次提交（Ctrl+S）。</source>
        <translation>Your changes are kept (yellow). The table shows the current quantities; check them and submit again (Ctrl+S).</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/page.py" line="596"/>
        <source>库存已被他人修改</source>
        <translation>Stock changed by someone else</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/page.py" line="597"/>
        <source>提交未完成：库存已被他人修改</source>
        <translation>Not submitted: the stock was changed by someone else</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/page.py" line="622"/>
        <source>已放弃 %1 处未提交的修改</source>
        <translation>Discarded %1 unsubmitted changes</translation>
    </message>
</context>
<context>
    <name>TurnoverHistogram</name>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/charts.py" line="264"/>
        <source>周转天数分布（上柜商品）</source>
        <translation>Turnover days (listed products)</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/charts.py" line="275"/>
        <source>没有上柜商品</source>
        <translation>No listed products</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/charts.py" line="339"/>
        <source>周转天数 %1：%2 个商品（点击查看）</source>
        <translation>Turnover days %1: %2 products (click to see them)</translation>
    </message>
</context>
<context>
    <name>WarehouseDialog</name>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/dialog.py" line="47"/>
        <source>修改仓库「%1」</source>
        <translation>Edit Warehouse “%1”</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/dialog.py" line="49"/>
        <source>新增仓库</source>
        <translation>Add Warehouse</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/dialog.py" line="53"/>
        <source>如：深圳南山仓</source>
        <translation>e.g. Shenzhen Nanshan warehouse</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/dialog.py" line="57"/>
        <source>街道、门牌号、园区、楼栋</source>
        <translation>Street, number, park, building</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/dialog.py" line="67"/>
        <source>仓库名称</source>
        <translation>Warehouse name</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/dialog.py" line="68"/>
        <source>所在地区</source>
        <translation>Region</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/dialog.py" line="69"/>
        <source>详细地址</source>
        <translation>Street address</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/dialog.py" line="74"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/dialog.py" line="75"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/dialog.py" line="102"/>
        <source>请填写仓库名称</source>
        <translation>Enter the warehouse name</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/dialog.py" line="107"/>
        <source>请选择仓库所在的省份（商家仓需要真实地址）</source>
        <translation>Choose the warehouse&apos;s province (a warehouse needs a real address)</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/dialog.py" line="134"/>
        <source>地址未填到乡镇街道或缺少详细地址，合规检查会提示「地址不完整」</source>
        <translation>The address does not go down to the town or lacks the street address; the compliance check will report it as incomplete</translation>
    </message>
</context>
<context>
    <name>WarehouseListTab</name>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/list_tab.py" line="128"/>
        <source>新增仓库</source>
        <translation>Add warehouse</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/list_tab.py" line="130"/>
        <source>修改</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/list_tab.py" line="132"/>
        <location filename="../../jdstock_desktop/ui/warehouses/list_tab.py" line="163"/>
        <source>暂停</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/list_tab.py" line="133"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/list_tab.py" line="163"/>
        <source>启用</source>
        <translation>Enable</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/list_tab.py" line="165"/>
        <source>启用后重新参与发货</source>
        <translation>Once enabled, it ships again</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/list_tab.py" line="167"/>
        <source>暂停：库存保留，但不参与发货、不计入可用库存</source>
        <translation>Pause: the stock is kept, but the warehouse does not ship and its stock is not available</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/list_tab.py" line="175"/>
        <source>新增仓库 Ins / Ctrl+N，修改 F2 / Enter，删除 Del。暂停的仓库保留库存，但不参与发货。</source>
        <translation>Add a warehouse: Ins / Ctrl+N, edit: F2 / Enter, delete: Del. A paused warehouse keeps its stock but does not ship.</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/list_tab.py" line="200"/>
        <source>已新增仓库「%1」</source>
        <translation>Added the warehouse “%1”</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/list_tab.py" line="215"/>
        <source>已修改仓库「%1」</source>
        <translation>Changed the warehouse “%1”</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/list_tab.py" line="224"/>
        <source>无法暂停或启用仓库</source>
        <translation>Cannot pause or enable the warehouse</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/list_tab.py" line="228"/>
        <source>已启用仓库「%1」，重新参与发货</source>
        <translation>Enabled the warehouse “%1”; it ships again</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/list_tab.py" line="230"/>
        <source>已暂停仓库「%1」：库存保留，但不参与发货</source>
        <translation>Paused the warehouse “%1”: its stock is kept, but it does not ship</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/list_tab.py" line="237"/>
        <source>确定删除仓库「%1」？
它在各区域优先级中的位置将一并移除；有库存或未完成订单的仓库不能删除。</source>
        <translation>Delete the warehouse “%1”?
It is also removed from every region&apos;s priorities; a warehouse holding stock or open orders cannot be deleted.</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/list_tab.py" line="240"/>
        <source>删除仓库</source>
        <translation>Delete warehouse</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/list_tab.py" line="245"/>
        <source>无法删除仓库</source>
        <translation>Cannot delete the warehouse</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/list_tab.py" line="247"/>
        <source>已删除仓库「%1」</source>
        <translation>Deleted the warehouse “%1”</translation>
    </message>
</context>
<context>
    <name>WarehouseTableModel</name>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/list_model.py" line="38"/>
        <source>系统自动生成，覆盖全国，优先级最低，不可修改</source>
        <translation>Created by the system; covers all of China, lowest priority, cannot be changed</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/list_model.py" line="68"/>
        <source>全国</source>
        <translation>All of China</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/list_model.py" line="74"/>
        <source>乡镇</source>
        <translation>Town</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/list_model.py" line="74"/>
        <source>区县</source>
        <translation>County</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/list_model.py" line="74"/>
        <source>市</source>
        <translation>City</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/list_model.py" line="74"/>
        <source>省</source>
        <translation>Province</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/list_model.py" line="77"/>
        <location filename="../../jdstock_desktop/ui/warehouses/list_model.py" line="89"/>
        <source>详细地址</source>
        <translation>Street address</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/list_model.py" line="86"/>
        <source>仓库名称</source>
        <translation>Warehouse name</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/list_model.py" line="87"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/list_model.py" line="88"/>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/list_model.py" line="90"/>
        <source>地址完整</source>
        <translation>Address complete</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/list_model.py" line="139"/>
        <source>启用</source>
        <translation>Enabled</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/list_model.py" line="139"/>
        <source>暂停</source>
        <translation>Paused</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/list_model.py" line="146"/>
        <source>不完整</source>
        <translation>Incomplete</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/list_model.py" line="146"/>
        <source>完整</source>
        <translation>Complete</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/list_model.py" line="161"/>
        <source>暂停的仓库保留库存，但不参与发货，库存不计入可用</source>
        <translation>A paused warehouse keeps its stock but does not ship; its stock is not available</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/list_model.py" line="163"/>
        <source>缺少：%1（合规检查会提示地址不完整）</source>
        <translation>Missing: %1 (the compliance check will report an incomplete address)</translation>
    </message>
</context>
<context>
    <name>WarehousesPage</name>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/page.py" line="27"/>
        <source>仓库列表</source>
        <translation>Warehouse list</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/page.py" line="28"/>
        <source>覆盖与优先级 · 试算</source>
        <translation>Coverage and priority · What-if</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/page.py" line="32"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
</context>
<context>
    <name>WhatIfBox</name>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/what_if.py" line="47"/>
        <source>试算：这张订单由哪个仓发货？</source>
        <translation>What-if: which warehouse would ship this order?</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/what_if.py" line="50"/>
        <source>商品编码或名称</source>
        <translation>Code or name</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/what_if.py" line="60"/>
        <source>试算</source>
        <translation>Try</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/what_if.py" line="61"/>
        <source>按当前库存和优先级判断，不会下单或改动任何数据</source>
        <translation>Decided from current stock and priorities; places no order and changes no data</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/what_if.py" line="75"/>
        <source>仓库</source>
        <translation>Warehouse</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/what_if.py" line="75"/>
        <source>可用库存</source>
        <translation>Available</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/what_if.py" line="75"/>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/what_if.py" line="75"/>
        <source>顺序</source>
        <translation>Step</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/what_if.py" line="87"/>
        <source>收货地址</source>
        <translation>Delivery address</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/what_if.py" line="90"/>
        <source>数量</source>
        <translation>Qty</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/what_if.py" line="93"/>
        <source>商品</source>
        <translation>Product</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/what_if.py" line="100"/>
        <source>选择收货地址、填写商品和数量，然后点「试算」。</source>
        <translation>Choose a delivery address, enter a product and a quantity, then click “Try”.</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/what_if.py" line="130"/>
        <source>请选择收货地址（至少到省）</source>
        <translation>Choose the delivery address (at least the province)</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/what_if.py" line="133"/>
        <source>请填写商品编码</source>
        <translation>Enter a product code</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/what_if.py" line="140"/>
        <source>现货</source>
        <translation>Spot</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/what_if.py" line="141"/>
        <source>期货</source>
        <translation>Futures</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/what_if.py" line="142"/>
        <source>拒绝</source>
        <translation>Refused</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/what_if.py" line="146"/>
        <source>由「%1」发货</source>
        <translation>ships from “%1”</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/what_if.py" line="148"/>
        <source>承诺 %1 小时内发货</source>
        <translation>promised within %1 h</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/what_if.py" line="150"/>
        <source>期货时效未设置</source>
        <translation>futures ship time not set</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/what_if.py" line="160"/>
        <source>按「%1」的优先级列表</source>
        <translation>By the priority list of “%1”</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/what_if.py" line="165"/>
        <source>该地址及上级区域都没有优先级列表，只由全国仓兜底</source>
        <translation>Neither this address nor any region above it has a priority list; only the national warehouse ships, as the fallback</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/what_if.py" line="173"/>
        <source>发货</source>
        <translation>Ships</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../jdstock_desktop/ui/app.py" line="82"/>
        <source>京东工业供应商库存账本</source>
        <translation>JD Industrial Supplier Stock Book</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/app.py" line="88"/>
        <source>无法打开账本</source>
        <translation>Cannot open the book</translation>
    </message>
</context>
<context>
    <name>dialogs</name>
    <message>
        <location filename="../../jdstock_desktop/ui/widgets/dialogs.py" line="65"/>
        <location filename="../../jdstock_desktop/ui/widgets/dialogs.py" line="87"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/widgets/dialogs.py" line="82"/>
        <source>未提交的库存修改</source>
        <translation>Unsubmitted stock changes</translation>
    </message>
    <message numerus="yes">
        <location filename="../../jdstock_desktop/ui/widgets/dialogs.py" line="83"/>
        <source>有 %n 处库存修改尚未提交。</source>
        <translation>
            <numerusform>%n stock change has not been submitted.</numerusform>
            <numerusform>%n stock changes have not been submitted.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/widgets/dialogs.py" line="84"/>
        <source>提交后才会写入账本；放弃则恢复为账本中的数量。</source>
        <translation>Submitting writes them to the book; discarding restores the book&apos;s quantities.</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/widgets/dialogs.py" line="85"/>
        <source>提交…</source>
        <translation>Submit…</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/widgets/dialogs.py" line="86"/>
        <source>放弃修改</source>
        <translation>Discard changes</translation>
    </message>
</context>
<context>
    <name>order_documents</name>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/documents.py" line="44"/>
        <source>未发货</source>
        <translation>not shipped</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/documents.py" line="106"/>
        <location filename="../../jdstock_desktop/ui/orders/documents.py" line="160"/>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/documents.py" line="107"/>
        <source>货物名称</source>
        <translation>Goods</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/documents.py" line="108"/>
        <source>规格</source>
        <translation>Spec</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/documents.py" line="109"/>
        <source>型号</source>
        <translation>Model</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/documents.py" line="110"/>
        <location filename="../../jdstock_desktop/ui/orders/documents.py" line="165"/>
        <source>数量</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/documents.py" line="111"/>
        <location filename="../../jdstock_desktop/ui/orders/documents.py" line="166"/>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/documents.py" line="112"/>
        <source>重量(kg)</source>
        <translation>Weight (kg)</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/documents.py" line="113"/>
        <source>体积(m³)</source>
        <translation>Volume (m³)</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/documents.py" line="114"/>
        <source>包装方式</source>
        <translation>Packing</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/documents.py" line="122"/>
        <source>箱号</source>
        <translation>Box no.</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/documents.py" line="122"/>
        <location filename="../../jdstock_desktop/ui/orders/documents.py" line="153"/>
        <source>订单号</source>
        <translation>Order no.</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/documents.py" line="123"/>
        <location filename="../../jdstock_desktop/ui/orders/documents.py" line="156"/>
        <source>发货仓</source>
        <translation>Ships from</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/documents.py" line="123"/>
        <location filename="../../jdstock_desktop/ui/orders/documents.py" line="154"/>
        <source>发货时间</source>
        <translation>Shipped at</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/documents.py" line="124"/>
        <source>收货客户</source>
        <translation>Consignee</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/documents.py" line="125"/>
        <location filename="../../jdstock_desktop/ui/orders/documents.py" line="155"/>
        <source>收货地址</source>
        <translation>Delivery address</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/documents.py" line="139"/>
        <location filename="../../jdstock_desktop/ui/orders/documents.py" line="161"/>
        <source>商品编码</source>
        <translation>Product code</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/documents.py" line="141"/>
        <location filename="../../jdstock_desktop/ui/orders/documents.py" line="162"/>
        <source>京东SKU</source>
        <translation>JD SKU</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/documents.py" line="143"/>
        <source>装箱清单</source>
        <translation>Packing List</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/documents.py" line="153"/>
        <source>下单时间</source>
        <translation>Ordered at</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/documents.py" line="154"/>
        <source>客户</source>
        <translation>Customer</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/documents.py" line="163"/>
        <source>商品名称</source>
        <translation>Product name</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/documents.py" line="164"/>
        <source>规格型号</source>
        <translation>Spec / model</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/documents.py" line="183"/>
        <source>合计</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/documents.py" line="187"/>
        <source>收货人签字</source>
        <translation>Receiver&apos;s signature</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/documents.py" line="188"/>
        <source>签收日期</source>
        <translation>Date received</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/documents.py" line="189"/>
        <source>送货人签字</source>
        <translation>Courier&apos;s signature</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/documents.py" line="190"/>
        <source>送达日期</source>
        <translation>Date delivered</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/documents.py" line="192"/>
        <source>请当面清点货物，确认品名、数量与包装完好后签字。</source>
        <translation>Please count the goods on delivery and sign once the names, quantities and packing are confirmed intact.</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/documents.py" line="194"/>
        <source>签收单</source>
        <translation>Delivery Receipt</translation>
    </message>
</context>
<context>
    <name>pages</name>
    <message>
        <location filename="../../jdstock_desktop/ui/compliance/page.py" line="44"/>
        <source>合规检查</source>
        <translation>Compliance</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/dashboard/page.py" line="74"/>
        <source>预警看板</source>
        <translation>Alerts</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/orders/page.py" line="82"/>
        <source>订单</source>
        <translation>Orders</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/products/page.py" line="86"/>
        <source>商品</source>
        <translation>Products</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/stock/page.py" line="46"/>
        <source>库存</source>
        <translation>Stock</translation>
    </message>
    <message>
        <location filename="../../jdstock_desktop/ui/warehouses/page.py" line="19"/>
        <source>仓库</source>
        <translation>Warehouses</translation>
    </message>
</context>
</TS>
