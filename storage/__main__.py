"""``python -m storage``: the storage commands (see the README's "Deploying").

``python -m storage migrate [URL]``
    Apply the database's Alembic migrations (the app also does this when it starts).
``python -m storage copy FROM TO``
    Copy everything from one place to another, each a data folder or a database URL (no keys
    needed; idempotent; verified). ``URL`` defaults to ``OPEN_DOOR_DATABASE_URL``.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from storage.choose import backend_for, is_database_url


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m storage",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True)
    migrate = commands.add_parser("migrate", help="apply the database migrations")
    migrate.add_argument("url", nargs="?", default=os.environ.get("OPEN_DOOR_DATABASE_URL", ""))
    copy = commands.add_parser("copy", help="copy a data folder into a database, or back")
    copy.add_argument("source", help="a data folder or a database URL")
    copy.add_argument("target", help="a data folder or a database URL")
    args = parser.parse_args(argv)

    if args.command == "migrate":
        if not is_database_url(args.url):
            parser.error("give a PostgreSQL URL (or set OPEN_DOOR_DATABASE_URL)")
        from storage.postgres import migrate as apply

        apply(args.url)
        print("database schema is up to date")
        return 0

    from storage.copy import copy_all

    if not is_database_url(args.source) and not os.path.isdir(os.path.join(args.source, "spaces")):
        parser.error(f"{args.source} is neither a database URL nor a data folder")
    report = copy_all(backend_for(args.source), backend_for(args.target))
    print(report.summary())
    for name in report.mismatched:
        print(f"  differs: {name}", file=sys.stderr)
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
