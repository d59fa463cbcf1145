"""Control-plane operations of fault rules and the request log (sandbox extension, issue 14)."""

from __future__ import annotations

from sandbox.openapi.shapes import BOOL, CONTROL, INT, NUM, STR, TS, Op, Schema, array, null_or, obj, op, ref

_NSTR = {"type": ["string", "null"]}
_NINT = {"type": ["integer", "null"]}
_FAULT = {404: "FAULT_NOT_FOUND"}

SCHEMAS: dict[str, Schema] = {
    "Fault": obj({
        "id": STR, "created_at": TS,
        "match": obj({"face": STR, "method": STR, "path": STR, "client_key": STR,
                      "app_key": STR}),
        "effect": obj({"status": INT, "body": {}, "tiktok_error": {"type": ["integer",
                                                                            "string"]},
                       "latency_ms": INT, "drop_connection": BOOL}),
        "times": _NINT, "probability": null_or(NUM), "seed": INT,
        "seen": {"type": "integer", "description": "matching requests so far"},
        "hits": {"type": "integer", "description": "requests the fault answered"},
        "active": BOOL, "remaining": _NINT},
        ["id", "match", "effect", "hits", "active"],
        description="Sandbox extension: a rule that answers a world's matching requests."),
    "FaultPreset": obj({"face": STR, "tiktok_error": {"type": ["integer", "string"]},
                        "status": INT, "message": STR},
                       ["face", "tiktok_error", "status", "message"]),
    "LoggedRequest": obj({
        "seq": {"type": "integer", "description": "cursor for `after`"},
        "log_id": STR, "request_id": STR, "at": TS,
        "face": {"enum": ["open_api", "login_kit", "tiktok_api", "oauth", "actor", "control",
                          "pages"]},
        "method": STR, "path": STR,
        "status": {"type": "integer", "description": "HTTP status; 0 when a fault dropped the "
                   "connection"},
        "code": _NSTR, "rule": _NSTR, "fault_id": _NSTR, "key": _NSTR,
        "message": {**_NSTR, "description": "what the refusal said"},
        "details": {"type": ["object", "null"], "description": "the refusal's details (a bad "
                    "sign: string_to_sign, expected_sign, given_sign, likely_mistake)"}},
        ["seq", "log_id", "at", "face", "method", "path", "status"]),
}

_REQUESTS_QUERY = {
    "after": {"type": "integer", "minimum": 0, "description": "last seq seen"},
    "status": {"type": "string", "pattern": "^([1-5][0-9][0-9]|[1-5]xx|0|error)$",
               "description": "401, a class (4xx), `error` (any refusal, HTTP 200 ones "
                              "included) or 0 (dropped)"},
    "wait": {"type": "number", "minimum": 0, "maximum": 60,
             "description": "long-poll up to this many seconds for the first new one"}}

OPERATIONS: dict[str, Op] = {
    "control_faults.presets": op(
        "The documented TikTok errors a fault can answer with, per face (sandbox extension)",
        obj({"presets": array(ref("FaultPreset"))})),
    "control_faults.create": op(
        "Add a fault rule (sandbox extension)", "Fault", 201,
        {400: "INVALID_FAULT UNKNOWN_TIKTOK_ERROR FAULT_CANNOT_FIRE"}, ok_text="Created",
        description=(
            "`match` (face, method, path glob, client_key | app_key) selects the world's "
            "requests; `effect` is one of {status, body}, {tiktok_error} (answered in the "
            "face's own wire shape), {latency_ms} (real delay; the world's clock does not "
            "move) or {drop_connection: true}. A rule that could never fire is refused with "
            "FAULT_CANNOT_FIRE: its path belongs to another face than its `tiktok_error` (or "
            "`match.face`), e.g. a Login Kit path such as `/v2/oauth/token/` with an Open API "
            "code such as 105002; nothing is stored. `times` caps the hits; `probability` "
            "answers a share of the matches, decided by `seed` the same way on every run. The "
            "control plane is never faulted.")),
    "control_faults.listed": op("The world's fault rules with their hit counts",
                                obj({"faults": array(ref("Fault"))})),
    "control_faults.delete": op("Delete a fault rule", None, 204, _FAULT, ok_text="Deleted"),
    "control_faults.requests": op(
        "The world's request log (sandbox extension): every request to its faces",
        obj({"requests": array(ref("LoggedRequest"))}), errors={400: "INVALID_PARAMETER"},
        query=_REQUESTS_QUERY, description=(
            "Rows after `after`, in order, each with its log id, face, status, error code and "
            "rule, and the fault that answered it; `wait` long-polls. Requests to this "
            "endpoint are not logged.")),
}
for _name in OPERATIONS:
    OPERATIONS[_name].tag = CONTROL
