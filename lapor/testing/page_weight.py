"""First-load bytes of a page: its HTML plus the CSS and JavaScript it pulls in.

What a citizen on a slow connection downloads before the page works, three ways:
``total``, everything uncompressed; ``wire``, what the production server sends (the HTML
as it is, since pages are not compressed, and the CSS and JavaScript gzipped, as
whitenoise serves them); ``gzip_total``, everything gzipped (behind a compressing
proxy). Images and fonts are left out: photos are the reporter's own. Used by the byte-budget
tests (``lapor/tests/test_page_weight.py``) and ``bench/page_weight.py``.
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders

_ASSET = re.compile(
    r"""<(?:link[^>]+rel=["']stylesheet["'][^>]*href|script[^>]+src)=["']([^"']+)["']""",
    re.IGNORECASE,
)


@dataclass
class PageWeight:
    url: str
    html: int
    assets: dict[str, int] = field(default_factory=dict)
    assets_gzip: dict[str, int] = field(default_factory=dict)
    gzip_total: int = 0

    @property
    def total(self) -> int:
        return self.html + sum(self.assets.values())

    @property
    def wire(self) -> int:
        return self.html + sum(self.assets_gzip.values())

    def describe(self) -> str:
        parts = ", ".join(f"{name} {size:,}" for name, size in self.assets.items())
        return (
            f"{self.url}: {self.total:,} bytes, {self.wire:,} sent in production "
            f"({self.gzip_total:,} all gzipped); "
            f"HTML {self.html:,}; {parts}"
        )


def _static_bytes(url: str) -> bytes:
    prefix = "/" + settings.STATIC_URL.lstrip("/")
    path = url.split("?", 1)[0]
    if not path.startswith(prefix):
        raise ValueError(f"not a static file of this site: {url}")
    found = finders.find(path[len(prefix) :])
    if not found:
        raise FileNotFoundError(url)
    with open(found if isinstance(found, str) else found[0], "rb") as fh:
        return fh.read()


def page_weight(client: Any, url: str, **get_kwargs: Any) -> PageWeight:
    """GET ``url`` with a Django test client and add up what the page loads."""
    response = client.get(url, **get_kwargs)
    if response.status_code != 200:
        raise AssertionError(f"{url} answered {response.status_code}")
    html = response.content
    weight = PageWeight(url=url, html=len(html))
    gz = len(gzip.compress(html))
    for src in dict.fromkeys(_ASSET.findall(html.decode())):
        body = _static_bytes(src)
        name = src.rsplit("/", 1)[-1]
        weight.assets[name] = len(body)
        weight.assets_gzip[name] = len(gzip.compress(body))
        gz += weight.assets_gzip[name]
    weight.gzip_total = gz
    return weight
