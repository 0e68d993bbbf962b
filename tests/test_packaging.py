"""The Windows program (build.spec): cheap checks that it names what it must carry.

Building it takes half a minute and PyInstaller; .ci/build_smoke.sh does that and runs the result.
"""

from __future__ import annotations

import struct
from pathlib import Path

from jdstock_desktop.ui.app import application_icon

ROOT = Path(__file__).resolve().parents[1]
SPEC = (ROOT / "build.spec").read_text("utf-8")


def test_spec_bundles_the_resources_and_the_migrations() -> None:
    assert 'root / "resources"' in SPEC
    assert '"jdstock_desktop/resources"' in SPEC
    assert '"jdstock_desktop" / "storage" / "migrations"' in SPEC
    assert '"jdstock_desktop/storage/migrations"' in SPEC
    # Alembic reads env.py, the revisions and script.py.mako from disk.
    assert (ROOT / "jdstock_desktop" / "storage" / "migrations" / "script.py.mako").is_file()


def test_spec_uses_the_icon_and_the_version() -> None:
    assert 'RESOURCES / "icon.ico"' in SPEC
    assert "icon=icon" in SPEC
    assert "__version__" in SPEC


def test_icon_ico_holds_the_sizes_windows_asks_for() -> None:
    data = (ROOT / "resources" / "icon.ico").read_bytes()
    assert data[:4] == b"\x00\x00\x01\x00"  # reserved 0, type 1 = icon
    (count,) = struct.unpack_from("<H", data, 4)
    sizes = set()
    for i in range(count):
        width, _, _, _, _, _, length, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * i)
        assert data[offset : offset + 8] == b"\x89PNG\r\n\x1a\n"
        assert offset + length <= len(data)
        sizes.add(width or 256)
    assert {16, 32, 48, 256} <= sizes


def test_application_icon_loads(qapp: object) -> None:
    icon = application_icon()
    assert not icon.isNull()
    assert icon.pixmap(16, 16).width() == 16
