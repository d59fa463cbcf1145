"""A step's expectations (outcome, error code and rule, status, result, events, webhooks)."""

from __future__ import annotations

from typing import Any


def _error(expected: Any, record: dict[str, Any]) -> list[str]:
    got = record.get("error")
    want = {"code": expected} if isinstance(expected, str) else dict(expected)
    if got is None:
        return [f"expected a refusal {want}, but the call succeeded"]
    wrong = [f"{k} {v!r} (got {got.get(k)!r})" for k, v in want.items()
             if str(got.get(k)) != str(v)]
    return [f"expected {', '.join(wrong)}: {got.get('message')}"] if wrong else []


def contains(actual: Any, expected: Any) -> bool:
    """`expected` is a part of `actual`: dicts by key, lists item by item, scalars by value."""
    if isinstance(expected, dict):
        return isinstance(actual, dict) and all(k in actual and contains(actual[k], v)
                                                for k, v in expected.items())
    if isinstance(expected, list):
        if not expected:
            return actual == []
        return (isinstance(actual, list) and len(actual) >= len(expected)
                and all(contains(a, e) for a, e in zip(actual, expected, strict=False)))
    return actual == expected or (actual is not None and str(actual) == str(expected))


def _matches(kind: Any, wanted: Any) -> bool:
    text, want = str(kind), str(wanted)
    return text == want or (want.endswith(".") and text.startswith(want))


def subsequence(got: list[Any], wanted: list[Any]) -> bool:
    """Every wanted type appears, in this order (others may come between)."""
    items = iter(got)
    return all(any(_matches(g, w) for g in items) for w in wanted)


def check(expect: dict[str, Any], record: dict[str, Any]) -> list[str]:
    """Why the step's record falls short of `expect` (empty: it does not)."""
    reasons: list[str] = []
    error = record.get("error")
    if "error" in expect:
        reasons += _error(expect["error"], record)
    elif error and expect.get("ok", True):
        reasons.append(f"refused with {error['code']}"
                       f"{' (rule ' + error['rule'] + ')' if error.get('rule') else ''}: "
                       f"{error.get('message')}")
    result = record.get("result")
    if "status" in expect:
        got = result.get("status") if isinstance(result, dict) else None
        if str(got) != str(expect["status"]):
            detail = f" ({result.get('error')})" if isinstance(result, dict) and result.get(
                "error") else ""
            reasons.append(f"expected status {expect['status']!r}, got {got!r}{detail}")
    if "result" in expect and not contains(result, expect["result"]):
        reasons.append(f"expected the result to contain {expect['result']!r}, got {result!r}")
    types = [e["type"] for e in record.get("events", [])]
    if "events" in expect and not subsequence(types, expect["events"]):
        reasons.append(f"expected events {expect['events']} in order, got {types}")
    if "only_events" in expect and types != [str(t) for t in expect["only_events"]]:
        reasons.append(f"expected exactly events {expect['only_events']}, got {types}")
    hooks = record.get("webhooks", [])
    kinds = [w["type"] for w in hooks] + [w["event"] for w in hooks]
    if "webhooks" in expect:
        got_types = [w["type"] for w in hooks]
        if not (subsequence(got_types, expect["webhooks"])
                or subsequence([w["event"] for w in hooks], expect["webhooks"])):
            reasons.append(f"expected webhooks {expect['webhooks']}, got {kinds}")
    if expect.get("no_webhooks") and hooks:
        reasons.append(f"expected no webhooks, got {kinds}")
    return reasons
