"""Database helpers shared by the apps that write in bulk."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection


@contextmanager
def binary_params_cursor() -> Iterator[Any]:
    """A PostgreSQL cursor that sends parameters apart from the SQL text, in binary.

    Django's psycopg cursor binds on the client: it quotes every element of an array
    parameter into the statement text, which for an ``unnest`` of 10,000 values costs
    several times the insert itself. This cursor binds on the server, so ``%(a)b``
    placeholders carry whole arrays as binary parameters. It is still wrapped by Django,
    so the statement is logged (and counted in tests) like any other. PostgreSQL only.
    """
    if connection.vendor != "postgresql":
        raise RuntimeError("binary_params_cursor is for PostgreSQL only")
    import psycopg  # here: only PostgreSQL takes this path

    connection.ensure_connection()
    raw = psycopg.Cursor(connection.connection)
    wrap = connection.make_debug_cursor if connection.queries_logged else connection.make_cursor
    # The stubs want Django's own wrapper; Django's make_cursor wraps a raw DB-API cursor.
    with wrap(raw) as cursor:  # type: ignore[arg-type]
        yield cursor
