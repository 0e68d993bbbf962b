"""SQLAlchemy 2.x storage: typed models, the engine, SQL aggregations, Alembic migrations."""
