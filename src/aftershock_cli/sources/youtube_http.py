"""The HTTP session aftershock talks to YouTube through: timeouts, retries, proxy,
and a hook that keeps the player response's ``videoDetails`` for the metadata."""

from __future__ import annotations

import os
import random
import socket
import time
from collections.abc import Callable, Mapping
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any

import requests
from requests.adapters import HTTPAdapter

from ..core.errors import InvalidInputError

CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 30.0
ATTEMPTS = 4
"""Tries per request (the first one included)."""
BACKOFF = 1.0
"""Seconds before the first retry; doubled each time, plus up to as much again of jitter."""
MAX_WAIT = 60.0
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


class RetryingAdapter(HTTPAdapter):
    """Retries 429, 5xx, timeouts and dropped connections with exponential backoff and
    jitter, honouring ``Retry-After``; applies default timeouts to every request.
    ``sleep`` is how it waits between tries."""

    def __init__(
        self,
        attempts: int = ATTEMPTS,
        backoff: float = BACKOFF,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        super().__init__()
        self.attempts = max(1, attempts)
        self.backoff = backoff
        self.sleep = sleep

    def send(self, request: Any, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = (CONNECT_TIMEOUT, READ_TIMEOUT)
        for attempt in range(1, self.attempts + 1):
            last = attempt == self.attempts
            try:
                response = super().send(request, **kwargs)
            except (requests.ConnectionError, requests.Timeout) as exc:
                if last or isinstance(exc, requests.exceptions.ProxyError) or unreachable(exc):
                    raise
                self.sleep(self._delay(attempt, None))
                continue
            if response.status_code not in RETRY_STATUSES or last:
                return response
            wait = self._delay(attempt, response.headers.get("Retry-After"))
            response.close()
            self.sleep(wait)
        raise AssertionError("unreachable")  # pragma: no cover

    def _delay(self, attempt: int, retry_after: str | None) -> float:
        told = parse_retry_after(retry_after)
        if told is not None:
            return min(told, MAX_WAIT)
        base: float = self.backoff * 2.0 ** (attempt - 1)
        return min(base + random.uniform(0, base), MAX_WAIT)


def unreachable(exc: BaseException) -> str | None:
    """Why YouTube cannot be reached at all, when that is the cause of ``exc``: its name
    does not resolve (no network, or no DNS) or the connection was refused. Retrying
    either only makes a user without a network wait, so neither is retried."""
    seen: set[int] = set()
    todo: list[object] = [exc]
    while todo:
        item = todo.pop()
        if not isinstance(item, BaseException) or id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, socket.gaierror) or "NameResolutionError" in type(item).__name__:
            return "the name www.youtube.com does not resolve"
        if isinstance(item, ConnectionRefusedError):
            return "the connection was refused"
        todo += [item.__cause__, item.__context__, getattr(item, "reason", None), *item.args]
    return None


def parse_retry_after(value: str | None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when: datetime = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


class YouTubeSession(requests.Session):
    """A session that remembers the ``videoDetails`` of every player response it saw."""

    def __init__(self) -> None:
        super().__init__()
        self.details: dict[str, dict[str, Any]] = {}
        self.hooks["response"].append(self._capture)

    def _capture(self, response: requests.Response, *args: Any, **kwargs: Any) -> None:
        if "/youtubei/v1/player" not in response.url or response.status_code != 200:
            return
        try:
            data = response.json()
        except ValueError:
            return
        if not isinstance(data, Mapping):
            return
        details = dict(data.get("videoDetails") or {})
        micro = (data.get("microformat") or {}).get("playerMicroformatRenderer") or {}
        for key in ("ownerProfileUrl", "ownerChannelName", "externalChannelId", "lengthSeconds"):
            if key in micro:
                details.setdefault(key, micro[key])
        video_id = details.get("videoId")
        if isinstance(video_id, str):
            self.details[video_id] = details


def proxy_dict(proxy: str | None) -> dict[str, str] | None:
    """Proxies for requests: the proxy URL given, else Webshare credentials from the environment."""
    if proxy:
        if not proxy.startswith(("http://", "https://", "socks5://", "socks5h://")):
            raise InvalidInputError(
                f"'{proxy}' is not a proxy URL; give one like http://user:pass@host:8080"
            )
        return {"http": proxy, "https": proxy}
    user = os.environ.get("WEBSHARE_PROXY_USERNAME")
    password = os.environ.get("WEBSHARE_PROXY_PASSWORD")
    if user and password:
        from youtube_transcript_api.proxies import WebshareProxyConfig

        config = WebshareProxyConfig(user, password).to_requests_dict()
        return {"http": str(config["http"]), "https": str(config["https"])}
    return None


def make_session(
    proxy: str | None = None,
    attempts: int = ATTEMPTS,
    *,
    sleep: Callable[[float], None] = time.sleep,
) -> YouTubeSession:
    """A fresh session for one worker (sessions and the API object are not thread-safe);
    ``sleep`` is how its retries wait."""
    session = YouTubeSession()
    adapter = RetryingAdapter(attempts, sleep=sleep)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    proxies = proxy_dict(proxy)
    if proxies:
        session.proxies.update(proxies)
        session.headers["Connection"] = "close"
    return session
