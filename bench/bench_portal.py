"""The public list as the server answers it: the whole request through Django
(middleware, selectors, template), first page, a filtered page and a search.

Target (issue 4): p95 under 50 ms with 1,000,000 reports on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def run(
    runs: int, timed: Callable[..., list[float]], percentiles: Callable[..., Any]
) -> dict[str, float]:
    from django.test import Client

    client = Client()
    pages = {
        "public_list": ("/laporan/", {}),
        "public_list_province": ("/laporan/", {"province": "32", "classification": "pengaduan"}),
        "public_search": ("/laporan/", {"q": "jalan rusak"}),
    }
    figures: dict[str, float] = {}
    for name, (path, params) in pages.items():

        def get(i: int, path: str = path, params: dict = params) -> None:
            response = client.get(path, params, HTTP_ACCEPT_LANGUAGE="id")
            if response.status_code != 200:
                raise RuntimeError(f"{path} answered {response.status_code}")

        n = runs if name == "public_list" else max(runs // 4, 20)
        figures.update(percentiles(name, timed(get, n)))
    return figures
