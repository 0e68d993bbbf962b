#!/usr/bin/env bash
# Build the PyInstaller program (build.spec) and run it, so a resource left out of the bundle
# (region data, migrations, translations, Qt plugins, the icon) fails CI.
# Runs inside an activated venv where the project is installed (as .ci/run leaves it).
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS

python -m pip install -q "pyinstaller>=6"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The built program's settings and default book go to the scratch folder, not the user's.
export JDSTOCK_HOME="$work/home" XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data"
export QT_QPA_PLATFORM=offscreen

if ! pyinstaller --noconfirm --clean --log-level WARN build.spec >"$work/build.log" 2>&1; then
  cat "$work/build.log" >&2
  echo "build_smoke: pyinstaller failed" >&2
  exit 1
fi
echo "build_smoke: built in $((SECONDS - start)) s ($(grep -c WARNING "$work/build.log" || true) warnings)"

app="$PWD/dist/jdstock/jdstock"
book="$work/book.sqlite3"
cd "$work"  # nothing next to the sources may stand in for a file missing from the bundle
step() { echo "build_smoke: $*"; }

step "the bundle holds the resources"
internal="$(dirname "$app")/_internal"
for f in jdstock_desktop/resources/regions.json.gz jdstock_desktop/resources/icon.png \
    jdstock_desktop/resources/i18n/jdstock_en.qm jdstock_desktop/storage/migrations/env.py \
    jdstock_desktop/storage/migrations/script.py.mako PySide6/Qt/translations/qtbase_zh_CN.qm; do
  [ -s "$internal/$f" ] || { echo "build_smoke: $f is missing from the bundle" >&2; exit 1; }
done

step "--version"
want="jdstock $(python -c 'import jdstock_desktop; print(jdstock_desktop.__version__)')"
got=$("$app" --version)
[ "$got" = "$want" ] || { echo "build_smoke: --version printed '$got', expected '$want'" >&2; exit 1; }
[ "$("$(dirname "$app")/jdstock-gui" --version)" = "$want" ]

step "init + check on an empty book"
"$app" init --db "$book"
"$app" check --db "$book"

step "demo + check"
"$app" demo --db "$book" --skus 50
"$app" check --db "$book"

step "route (region data)"
sku=$(python -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(
    "SELECT code FROM product ORDER BY id LIMIT 1").fetchone()[0])' "$book")
"$app" route --db "$book" --sku "$sku" --qty 1 --address 广东省/广州市/天河区 --json >route.json
python - route.json <<'EOF'
import json, sys
decision = json.load(open(sys.argv[1], encoding="utf-8"))
assert decision["kind"] in {"spot", "futures", "refused"}, decision
print(f"  {decision['kind']}: {decision['reason']}")
EOF

step "export 商品 and 新品提报表, reopened with openpyxl"
"$app" export 商品 products.xlsx --db "$book"
"$app" export 新品提报表 new-products.xlsx --db "$book"
python - products.xlsx new-products.xlsx <<'EOF'
import sys
import openpyxl
for name in sys.argv[1:]:
    sheet = openpyxl.load_workbook(name, read_only=True).worksheets[0]
    rows = sum(1 for _ in sheet.iter_rows())
    assert rows > 1, f"{name}: {rows} rows"
    print(f"  {name}: sheet {sheet.title}, {rows} rows")
EOF

step "screenshot (Qt plugins, translations, fonts)"
"$app" screenshot shots --skus 50 | tail -1
"$app" screenshot shots-en --skus 50 --lang en | tail -1
count=$(find shots shots-en -name '*.png' -size +10k | wc -l)
[ "$count" -ge 16 ] || { echo "build_smoke: only $count screenshots" >&2; exit 1; }
# Files are named after the page titles: English names mean the English translation loaded.
ls shots-en | grep -q Warehouses || { echo "build_smoke: English UI did not load" >&2; exit 1; }

if [ -n "${JDSTOCK_TEST_PG_URL:-}" ]; then
  step "a shared book on PostgreSQL (the driver is bundled)"
  shared=$(python - <<'EOF'
import os, uuid
from sqlalchemy import create_engine, make_url, text
url = make_url(os.environ["JDSTOCK_TEST_PG_URL"])
name = f"jdstock_smoke_{uuid.uuid4().hex[:8]}"
with create_engine(url, isolation_level="AUTOCOMMIT").connect() as conn:
    conn.execute(text(f'CREATE DATABASE "{name}"'))
print(url.set(database=name).render_as_string(hide_password=False))
EOF
)
  "$app" demo --db "$shared" --skus 20 | tail -1
  "$app" check --db "$shared"
  "$app" alerts --db "$shared" --json >/dev/null
fi

step "the GUI starts and keeps running (stopped after 5 s)"
rc=0
timeout 5 "$app" --db "$book" || rc=$?
[ "$rc" = 124 ] || { echo "build_smoke: the GUI ended with exit code $rc" >&2; exit 1; }

cd - >/dev/null
echo "build_smoke: OK in $((SECONDS - start)) s; dist/jdstock is $(du -sh dist/jdstock | cut -f1)"
