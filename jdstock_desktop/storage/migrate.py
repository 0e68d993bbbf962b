"""Alembic, driven from code: the book's schema is created and upgraded by revisions only."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, select

from jdstock_desktop.storage.models import NATIONAL_WAREHOUSE_NAME, Warehouse

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def script_head() -> str:
    head = ScriptDirectory.from_config(alembic_config(None)).get_current_head()  # type: ignore[arg-type]
    assert head is not None
    return head


def upgrade_to_head(engine: Engine) -> None:
    command.upgrade(alembic_config(engine), "head")
    ensure_national_warehouse(engine)


def ensure_national_warehouse(engine: Engine) -> None:
    """Every book has exactly one 商家全国仓, created with the book."""
    from sqlalchemy.orm import Session

    with Session(engine) as session, session.begin():
        exists = session.scalar(select(Warehouse.id).where(Warehouse.is_national.is_(True)))
        if exists is None:
            session.add(
                Warehouse(
                    name=NATIONAL_WAREHOUSE_NAME,
                    is_national=True,
                    paused=False,
                    region_code=None,
                    address_detail="",
                    created_at=dt.datetime.now().replace(microsecond=0),
                )
            )
