"""The Open API cases: every call signed, and backing off after a rate limit (protocols §3.3,
§3.4)."""

from __future__ import annotations

from sandbox.readiness.context import Context, failed, passed, skipped
from sandbox.readiness.observe import described
from sandbox.readiness.results import Result

BAD_SIGN = ("TTS_106001", "TTS_36009004")
RATE_LIMIT = 36009002
AT_ONCE_S = 1.0  # a retry sooner than this after the rate-limit answer is "at once"
RETRY_WAIT_S = 3.0  # how long the check waits for a retry (the case stays short)


def _sign_refusals(calls: list[dict[str, object]]) -> list[dict[str, object]]:
    return [r for r in calls if r.get("code") in BAD_SIGN
            and "timestamp" not in str(r.get("message") or "")]


def _diagnosis(ctx: Context, row: dict[str, object]) -> str:
    """The sign explainer's words: what the sandbox signed, the sign it expected and the one
    sent, and the likely mistake when one re-computation explains it."""
    details = row.get("details")
    if not isinstance(details, dict) or not details.get("string_to_sign"):
        said = ctx.world.explain(str(row["log_id"])).get("explanation")
        return str(said or row.get("message") or "the sign did not match")
    mistake = details.get("likely_mistake") or (
        "no single mistake explains it: check the secret, that every query parameter is "
        "signed with the value sent, and that the body is signed byte for byte")
    return (f"the sandbox signed {details['string_to_sign']!r} and expected sign "
            f"{str(details['expected_sign'])[:16]}…, the app sent "
            f"{str(details['given_sign'])[:16]}…; {mistake}")


def signature(ctx: Context) -> Result:
    """Every call the app made since the run began; if it made none, an order change first."""
    case = "api.signature"
    calls = ctx.watch.calls(ctx.start_seq)
    if not calls:
        ctx.stimulus.order()
        calls = ctx.watch.reacted(ctx.start_seq)
    signed = [r for r in calls if r["path"] not in ("/api/v2/token/get", "/api/v2/token/refresh")]
    if not signed:
        return skipped(case, "the app made no signed Open API call during the run")
    bad = _sign_refusals(signed)
    if bad:
        first = bad[0]
        return failed(case, f"{len(bad)} of {len(signed)} calls were wrongly signed; the first, "
                      f"{described(first)}: {_diagnosis(ctx, first)}",
                      *(str(r["log_id"]) for r in bad))
    return passed(case, f"all {len(signed)} Open API calls during the run were correctly signed")


def rate_limited(ctx: Context) -> Result:
    """One rate-limit answer (a fault rule, removed afterwards) to the app's next call."""
    case = "api.rate_limited"
    fault = ctx.world.add_fault({"face": "open_api", "app_key": ctx.app_key},
                               {"tiktok_error": RATE_LIMIT}, times=1)
    try:
        mark = ctx.watch.mark()
        ctx.stimulus.order()
        limited = [r for r in ctx.watch.until(
            mark, lambda rows: any(r.get("fault_id") == fault["id"] for r in rows),
            ctx.watch.reaction) if r.get("fault_id") == fault["id"]]
    finally:
        ctx.world.delete_fault(fault["id"])
    if not limited:
        return skipped(case, "the app made no API call in reaction to an ORDER_STATUS_CHANGE "
                       f"webhook within {ctx.watch.reaction:g} s, so no rate limit could be "
                       "answered")
    hit = limited[0]
    retries = ctx.watch.until(hit["seq"], bool, RETRY_WAIT_S)
    if not retries:
        return passed(case, f"did not call again within {RETRY_WAIT_S:g} s of the 36009002 "
                      f"rate-limit answer to {described(hit)}", str(hit["log_id"]))
    gap = ctx.watch.gap(hit, retries[0], ctx.frozen)
    if gap < AT_ONCE_S:
        return failed(case, f"retried at once: {described(retries[0])} came {gap:.2f} s after "
                      f"the 36009002 rate-limit answer to {described(hit)} (wait at least "
                      f"{AT_ONCE_S:g} s, backing off)", str(hit["log_id"]),
                      str(retries[0]["log_id"]))
    return passed(case, f"waited {gap:.1f} s after the 36009002 rate-limit answer before "
                  "calling again", str(hit["log_id"]), str(retries[0]["log_id"]))
