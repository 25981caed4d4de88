"""Shared helpers: an in-memory database, the original package loaded under a private name."""

import importlib
import importlib.util
import sqlite3
import sys
from datetime import datetime
from pathlib import Path

ORIGINAL_NAME = "_archbench_original_tickets"
NOW = datetime(2026, 5, 1, 18, 0)
SHOW = datetime(2026, 5, 20, 20, 0)
SEATS = {"A1": "vip", "A2": "vip", "B1": "premium", "B2": "premium", "C1": "standard",
         "C2": "standard", "C3": "standard", "C4": "standard", "C5": "standard",
         "C6": "standard"}


def load_original(module):
    """A module of the byte copy of the code before the refactor (relative imports, so it
    loads as its own package and never touches the answer's `tickets`)."""
    if ORIGINAL_NAME not in sys.modules:
        root = Path(__file__).with_name("original") / "tickets"
        spec = importlib.util.spec_from_file_location(
            ORIGINAL_NAME, root / "__init__.py", submodule_search_locations=[str(root)]
        )
        package = importlib.util.module_from_spec(spec)
        sys.modules[ORIGINAL_NAME] = package
        spec.loader.exec_module(package)
    return importlib.import_module(f"{ORIGINAL_NAME}.{module}")


def new_database(db_module):
    conn = sqlite3.connect(":memory:")
    db_module.init_db(conn)
    return conn


def dump(conn):
    """Every row of every table, to compare what two implementations left behind."""
    tables = ("events", "seats", "holds", "orders", "waitlist")
    return {table: conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
            for table in tables}
