"""A bounded, GET-only, same-host crawler over the Django test client.

Breadth-first from the seeds, following ``href``, ``src`` and htmx ``hx-get`` links and
redirects. It never follows a way out (sign-out), a language switch, or an admin page
that only starts a change (add, delete, password); admin changelists are sampled, not
walked through every filter and sort order. Every response body is kept as text (HTML,
Atom, JSON, CSV and file downloads alike), so that markers can be looked for in it.
"""

from __future__ import annotations

import html
import re
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

from django.test import Client

# Links in pages and feeds: plain links, images and files, and htmx GETs.
_LINK = re.compile(r"""(?:href|src|hx-get|data-hx-get)\s*=\s*(["'])(.*?)\1""", re.I | re.S)
_DIGITS = re.compile(r"\d+")

# Never followed: ways out, language switches, pages that only start a change.
SKIP_PREFIXES = ("/static/", "/media/", "/i18n/", "/admin/r/", "/admin/jsi18n/")
SKIP_PATHS = frozenset({"/akun/keluar/", "/konsol/keluar/", "/admin/logout/"})
SKIP_SUFFIXES = ("/delete/", "/add/", "/password/", "/history/")
SKIP_CONTAINS = ("/password_change/",)
# Query keys that never change what a page shows: where to go after signing in, and the
# admin's memory of the list a detail page was opened from.
IGNORED_KEYS = frozenset({"next", "_changelist_filters", "_facets"})


def _text_of(response) -> str:
    if getattr(response, "streaming", False):
        body = b"".join(response.streaming_content)
    else:
        body = response.content
    return body.decode("utf-8", errors="replace")


@dataclass
class Page:
    url: str
    status: int
    text: str
    location: str = ""


@dataclass
class Crawl:
    pages: dict[str, Page] = field(default_factory=dict)
    skipped: int = 0

    def find(self, needles: Iterable[str]) -> list[str]:
        """The URLs whose body (or redirect target) holds any of ``needles``."""
        wanted = [n.lower() for n in needles]
        return [
            url
            for url, page in self.pages.items()
            if any(n in page.text.lower() or n in page.location.lower() for n in wanted)
        ]


def _normal(url: str, base: str) -> str | None:
    """``url`` as a same-host path with query (no fragment), or ``None`` to skip it."""
    url = html.unescape(url.strip())
    if not url or url.startswith(("#", "mailto:", "tel:", "javascript:", "data:")):
        return None
    parts = urlsplit(urljoin(f"http://testserver{base}", url))
    if parts.scheme not in ("http", "https") or parts.netloc not in ("testserver", ""):
        return None
    path = parts.path or "/"
    if (
        path in SKIP_PATHS
        or path.startswith(SKIP_PREFIXES)
        or path.endswith(SKIP_SUFFIXES)
        or any(s in path for s in SKIP_CONTAINS)
    ):
        return None
    query = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in IGNORED_KEYS
    ]
    return path + (f"?{urlencode(sorted(query))}" if query else "")


def _pattern(url: str) -> str:
    """What makes pages "the same kind": the path with numbers blanked, whatever the
    query (a changelist sorted or filtered ten ways, one report or another)."""
    return _DIGITS.sub("#", urlsplit(url).path)


def crawl(
    client: Client,
    seeds: Iterable[str],
    *,
    max_pages: int = 400,
    per_pattern: int = 5,
) -> Crawl:
    """GET every page reachable from ``seeds`` (each seed is always fetched), at most
    ``max_pages`` in all and ``per_pattern`` of each kind of page found by following
    links."""
    result = Crawl()
    queue: deque[tuple[str, bool]] = deque()
    queued: set[str] = set()
    per_kind: dict[str, int] = {}

    def push(url: str | None, *, seed: bool = False) -> None:
        if url is None or url in queued:
            return
        if not seed:
            kind = _pattern(url)
            if per_kind.get(kind, 0) >= per_pattern:
                result.skipped += 1
                return
            per_kind[kind] = per_kind.get(kind, 0) + 1
        queued.add(url)
        queue.append((url, seed))

    for seed in seeds:
        push(_normal(seed, "/"), seed=True)

    while queue and len(result.pages) < max_pages:
        url, _seed = queue.popleft()
        response = client.get(url)
        location = response.get("Location", "") if 300 <= response.status_code < 400 else ""
        text = _text_of(response)
        result.pages[url] = Page(url=url, status=response.status_code, text=text, location=location)
        if location:
            push(_normal(location, url))
        content_type = response.get("Content-Type", "")
        if "html" in content_type or "xml" in content_type:
            for _quote, link in _LINK.findall(text):
                push(_normal(link, urlsplit(url).path))
    result.skipped += len(queue)
    return result


__all__ = ["Crawl", "Page", "crawl"]
