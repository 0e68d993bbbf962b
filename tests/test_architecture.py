"""STYLE.md layering, enforced: import-linter contracts and a fast, Qt-free command line."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_linter_contracts_hold() -> None:
    # lint-imports reads [tool.importlinter] of pyproject.toml: core layers never import Qt,
    # the domain never imports SQLAlchemy, and layers only import downwards.
    exe = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(exe)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "BROKEN" not in result.stdout


def test_cli_commands_do_not_load_qt(tmp_path: Path) -> None:
    code = (
        "import sys; from jdstock_desktop.cli import main; "
        f"rc = main(['--db', r'{tmp_path / 'b.sqlite3'}', 'check']); "
        "assert 'PySide6' not in sys.modules, 'Qt loaded'; sys.exit(rc)"
    )
    env = {**os.environ, "JDSTOCK_HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr


def test_pyproject_lists_every_subpackage() -> None:
    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"][
            "packages"
        ]
    )
    found = {"jdstock_desktop.resources"}
    for init in (ROOT / "jdstock_desktop").rglob("__init__.py"):
        found.add(".".join(init.parent.relative_to(ROOT).parts))
    assert found == listed


def test_migration_head_matches_code() -> None:
    from jdstock_desktop.storage.db import HEAD_REVISION
    from jdstock_desktop.storage.migrate import script_head

    assert script_head() == HEAD_REVISION


def test_known_revisions_are_the_scripts() -> None:
    """A book at a revision outside KNOWN_REVISIONS is refused as written by a newer program."""
    from alembic.script import ScriptDirectory

    from jdstock_desktop.storage.db import KNOWN_REVISIONS
    from jdstock_desktop.storage.migrate import alembic_config

    scripts = ScriptDirectory.from_config(alembic_config(None))  # type: ignore[arg-type]
    assert {s.revision for s in scripts.walk_revisions()} == KNOWN_REVISIONS


def test_new_book_has_exactly_the_national_warehouse(tmp_path: Path) -> None:
    from jdstock_desktop.services.warehouses import list_warehouses
    from jdstock_desktop.storage.db import open_book

    book = open_book(tmp_path / "new.sqlite3")
    [wh] = list_warehouses(book)
    assert (wh.name, wh.is_national, wh.paused, wh.address) == ("商家全国仓", True, False, "全国")
    book.close()
    again = open_book(tmp_path / "new.sqlite3")  # reopening adds nothing
    assert len(list_warehouses(again)) == 1


def test_ruff_is_clean() -> None:
    exe = Path(sys.executable).with_name("ruff")
    for args in (["check", "."], ["format", "--check", "."]):
        result = subprocess.run([str(exe), *args], cwd=ROOT, capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_is_clean() -> None:
    """[tool.mypy] of pyproject.toml over the whole package (bodies of untyped functions
    checked, no unused `# type: ignore`), and the domain under --strict."""
    exe = Path(sys.executable).with_name("mypy")
    for args in ([], ["--strict", "jdstock_desktop/domain"]):
        result = subprocess.run([str(exe), *args], cwd=ROOT, capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr


def test_no_module_imports_one_that_imports_it_back() -> None:
    """No import circle anywhere in the package, imports inside functions included (only
    imports under TYPE_CHECKING, which never run, are left out)."""
    import grimp

    graph = grimp.build_graph(
        "jdstock_desktop", include_external_packages=False, exclude_type_checking_imports=True
    )
    circles = sorted(
        {
            tuple(sorted((a, b)))
            for a in graph.modules
            for b in graph.find_modules_directly_imported_by(a)
            if graph.chain_exists(importer=b, imported=a)
        }
    )
    assert circles == []
