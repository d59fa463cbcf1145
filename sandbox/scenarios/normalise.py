"""Transcript normalisation: ids, tokens and URLs mapped to stable names, so runs diff cleanly."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Keys whose values are issued by the sandbox (ids, tokens, secrets, codes): always renamed.
_ISSUED_KEY = re.compile(r"(^|_)(id|ids|token|secret|key|code|cipher|sign|password|state|verifier|"
                         r"challenge|ticket|nonce|otp|email|subject)$")
_ENUM = re.compile(r"^[A-Z]+(_[A-Z0-9]+)*$|^[a-z][a-z_.]*$")  # error codes, statuses: kept as they are
_RANDOM = re.compile(r"(?<![\w#:.~-])(?!\d{4}-\d\d-\d\d)(?=[\w.~-]*\d)(?=[\w.~-]*[A-Za-z])"
                     r"(?![A-Z0-9]*_[A-Z0-9_]*\b)[\w.~-]{12,}")
_PREFIX = re.compile(r"^([a-z]{1,4})[_.]")  # lr_…, w_…, act.…: the kind of a generic value
_INT_ID_KEY = re.compile(r"(^|_)id$")
# Fields that read the wall clock (a world's creation, server-side timers): left out.
WALL_CLOCK_KEYS = frozenset({"jobs_fired", "elapsed_ms", "duration_ms"})


class Normaliser:
    """Maps every issued value to a stable name (`shop:acme`, `token#3`) in order of first sight."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {}
        self.counts: dict[str, int] = {}
        self.bases: dict[str, str] = {}

    def base(self, url: str, name: str) -> None:
        """Every URL under `url` is written `{name}/…`."""
        self.bases[url.rstrip("/")] = "{" + name + "}"

    def name(self, value: Any, name: str) -> None:
        """Give an actor's value its scenario name (first naming wins)."""
        if value not in (None, "") and str(value) not in self.names:
            self.names[str(value)] = name

    def _issued(self, value: str, kind: str) -> str:
        if value not in self.names:
            kind = re.sub(r"^(tts_|x_)", "", kind) or "value"
            self.counts[kind] = self.counts.get(kind, 0) + 1
            self.names[value] = f"{kind}#{self.counts[kind]}"
        return self.names[value]

    def _known(self, text: str) -> str:
        for base, name in self.bases.items():
            text = text.replace(base, name)
        if not self.names:
            return text
        for value in sorted(self.names, key=len, reverse=True):
            if len(value) >= 6 and value in text:
                text = text.replace(value, self.names[value])
        return text

    def _url(self, text: str) -> str:
        parts = urlsplit(text)
        query = [(k, self.value(k, v)) for k, v in parse_qsl(parts.query, keep_blank_values=True)]
        return urlunsplit(parts._replace(query=urlencode(query, safe="{}#:,./")))

    def text(self, text: str) -> str:
        if "://" in text and "?" in text:
            text = self._url(text)
        text = self._known(text)
        return _RANDOM.sub(lambda m: self._issued(m.group(0), self._kind(m.group(0))), text)

    @staticmethod
    def _kind(value: str) -> str:
        prefix = _PREFIX.match(value)
        return prefix.group(1) if prefix else "value"

    def value(self, key: str, value: Any) -> Any:
        """One field: issued values renamed, strings scrubbed, containers walked."""
        if isinstance(value, dict):
            return {k: self.value(k, value[k]) for k in sorted(value) if k not in WALL_CLOCK_KEYS}
        if isinstance(value, list):
            return [self.value(key, v) for v in value]
        if isinstance(value, bool) or value is None:
            return value
        if isinstance(value, int) and _INT_ID_KEY.search(key):
            return self._issued(str(value), key)
        if not isinstance(value, str):
            return value
        # A short number is an id only under an id's key (a webhook's type "7" is not delivery 7).
        if value in self.names and not (value.isdigit() and len(value) < 6
                                        and not _ISSUED_KEY.search(key)):
            return self.names[value]
        if _ENUM.match(value):
            return value
        if _ISSUED_KEY.search(key) and value and not _ENUM.match(value) and "://" not in value:
            if len(value) >= 4 or value.isdigit():
                return self._issued(value, key)
        return self.text(value)

    def __call__(self, data: Any) -> Any:
        return self.value("", data)
