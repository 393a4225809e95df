"""A small fixed-window rate limiter on the Django cache.

Each (bucket, identity) gets ``limit`` requests per window of ``window`` seconds; the
next one raises :class:`RateLimited`, which the API answers with 429, ``Retry-After``
and the JSON error shape. Production's cache is Redis, shared by every process, so the
count is per deployment; development's per-process memory cache counts per process.

The public reads limit per IP (``API_RATE_LIMIT_PER_MINUTE``); agency keys use
:func:`rate_limit` with ``bucket="key"`` and the key's id
(``API_KEY_RATE_LIMIT_PER_MINUTE``). A limit of 0 turns the bucket off.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

DEFAULT_PER_MINUTE = {"ip": 120, "key": 600}
SETTING_FOR_BUCKET = {"ip": "API_RATE_LIMIT_PER_MINUTE", "key": "API_KEY_RATE_LIMIT_PER_MINUTE"}


class RateLimited(Exception):
    def __init__(self, retry_after: int) -> None:
        self.retry_after = max(1, int(retry_after))
        super().__init__(f"rate limited, retry after {self.retry_after}s")


def limit_for(bucket: str) -> int:
    return int(
        getattr(settings, SETTING_FOR_BUCKET.get(bucket, ""), DEFAULT_PER_MINUTE.get(bucket, 60))
    )


def rate_limit(*, bucket: str, identity: str, limit: int | None = None, window: int = 60) -> None:
    """Count one request of ``identity`` in ``bucket``; raise :class:`RateLimited` past
    ``limit`` (default: the bucket's setting) in the current window."""
    limit = limit_for(bucket) if limit is None else limit
    if limit <= 0:
        return
    now = time.time()
    window_start = int(now // window) * window
    key = f"api-rl:{bucket}:{identity}:{window_start}"
    # add() creates the counter only if it is new; incr() is atomic on Redis and locmem.
    cache.add(key, 0, timeout=window + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window + 1)
        count = 1
    if count > limit:
        raise RateLimited(retry_after=int(window_start + window - now) + 1)


def client_ip(request: HttpRequest) -> str:
    """The client's address (REMOTE_ADDR: the deployment's proxy sets it from a trusted
    X-Forwarded-For, as for the sign-in locks)."""
    return request.META.get("REMOTE_ADDR") or "unknown"
