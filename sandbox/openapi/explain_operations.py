"""Control-plane operations of explain and the error catalogue (sandbox extension)."""

from __future__ import annotations

from sandbox.openapi.shapes import CONTROL, INT, STR, TS, Op, Schema, array, obj, op, ref

_NSTR = {"type": ["string", "null"]}

SCHEMAS: dict[str, Schema] = {
    "ExplainedClockMove": obj({"seq": INT, "at": TS, "from": _NSTR, "to": _NSTR,
                      "frozen": {"type": ["boolean", "null"]}, "jobs_fired": INT,
                      "advanced_by": _NSTR}, ["seq", "at"]),
    "Explanation": obj({
        "log_id": STR, "seq": INT, "at": TS, "face": STR, "method": STR, "path": STR,
        "status": INT, "code": _NSTR, "rule": _NSTR, "rule_text": _NSTR,
        "explanation": {"type": "string", "description": "why, in words"},
        "sentences": array(STR),
        "state": obj({"message": _NSTR, "details": {"type": "object"},
                      "fault": {"oneOf": [ref("Fault"), {"type": "null"}]},
                      "recent_events": array({"type": "object"})},
                     description="what caused it: the refusal's message and details, the fault "
                                 "that answered it, the events before it, and per code more "
                                 "(the token of an expired-token refusal, the link of F1)"),
        "clock": array(ref("ExplainedClockMove"))},
        ["log_id", "status", "code", "rule", "explanation", "state", "clock"],
        description="Sandbox extension: why a logged request was refused."),
    "CatalogueError": obj({
        "code": STR, "status": INT, "statuses": array(INT), "rule": _NSTR, "rule_text": _NSTR,
        "faces": array(STR), "source": {"enum": ["openapi", "tiktok", "rule"]},
        "message": STR}, ["code", "status", "rule", "faces", "source"]),
}

OPERATIONS: dict[str, Op] = {
    "control_explain.explain": op(
        "Why a logged request was refused (sandbox extension)", "Explanation",
        errors={400: "INVALID_PARAMETER", 404: "LOG_ENTRY_NOT_FOUND"},
        query={"log_id!": {"type": "string", "minLength": 1, "maxLength": 64,
                           "description": "the request's log id (`/requests`, or the "
                                          "answer's `X-Tt-Logid` header)"}},
        description=(
            "Says in words why the request was refused: its code and rule (with the rule's "
            "text from RULES.md), the refusal's own message and details, the fault that "
            "answered it if any, and the clock moves and events of the world before it. "
            "Expired Shop tokens, bad signs, the unlink cooldown (F1) and the link "
            "eligibility rules (C1–C6) get more of the world's state.")),
    "control_explain.sign": op(
        "The string to sign and the sign of a request (sandbox extension)",
        obj({"app_key": STR, "world_id": STR, "path": STR, "method": STR,
             "params": {"type": "object", "additionalProperties": STR},
             "string_to_sign": {**STR, "description": "`<app_secret>` + path + the query "
                                "parameters sorted by name as key+value (sign and "
                                "access_token left out) + the raw body + `<app_secret>`"},
             "sign": {**STR, "description": "hex HMAC-SHA256 keyed with the app secret"}},
            ["app_key", "world_id", "path", "params", "string_to_sign", "sign"]),
        errors={404: "SHOP_APP_NOT_FOUND"}, description=(
            "What the sandbox signs for a request to `url` by app `app_key` and the sign it "
            "expects, for comparing with a partner's own signing code "
            "(`tiktok-sandbox sign`). A refused sign (106001) is explained the same way by "
            "`/worlds/{id}/explain`, with the likely mistake.")),
    "control_explain.errors": op(
        "The error catalogue: every refusal code the sandbox can give (sandbox extension)",
        obj({"errors": array(ref("CatalogueError")), "count": INT}, ["errors", "count"]),
        description=(
            "Read off this OpenAPI document's documented error codes, the documented TikTok "
            "errors of each face (Shop Open API codes as `TTS_<number>`, as the request log "
            "names them) and the rule refusals of operations documented as open-ended.")),
}
for _name in OPERATIONS:
    OPERATIONS[_name].tag = CONTROL
