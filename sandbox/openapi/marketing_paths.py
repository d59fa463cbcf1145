"""OpenAPI 3.1 path items and schemas for issue 4's routes (invitations, unlinking, tickets)."""

from __future__ import annotations

from typing import Any


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict[str, Any]) -> dict[str, Any]:
    return {"content": {"application/json": {"schema": schema}}}


def _form(props: dict[str, Any], required: list[str]) -> dict[str, Any]:
    schema = {"type": "object", "required": ["client_key", "client_secret", *required],
              "properties": {"client_key": {"type": "string"}, "client_secret": {"type": "string"},
                             **props}}
    return {"required": True, "content": {"application/x-www-form-urlencoded": {"schema": schema}}}


def _op(summary: str, ok: dict[str, Any], *, tag: str, rules: str = "", body: Any = None,
        params: list[str] | None = None, status: str = "200", security: str | None = None
        ) -> dict[str, Any]:
    op: dict[str, Any] = {
        "summary": summary, "tags": [tag],
        "responses": {status: {"description": "OK", **_json(ok)},
                      "4XX": {"description": "Refused: `{error: {code, message, rule?, details?}}`"
                              " (rule refusals are 422 and name their rule ID).",
                              **_json(_ref("Error"))}}}
    if rules:
        op["description"] = f"Rules: {rules}."
    if body is not None:
        op["requestBody"] = body if "content" in body else {"required": True, **_json(body)}
    if params:
        op["parameters"] = [{"name": p, "in": "path", "required": True, "schema": {"type": "string"}}
                            for p in params]
    if security:
        op["security"] = [{security: []}]
    return op


SELLER, CONTROL, APP, FIRST = "Seller actor API", "Control plane", "App actor API", \
    "Sandbox extension: Seller Center first-party"
_obj = {"type": "object"}

PATHS: dict[str, dict[str, Any]] = {
    "/api/v1/invitations": {
        "post": _op("Invite a TikTok account as a marketing account", _ref("Invitation"), tag=SELLER,
                    rules="E1, E2, B3, B4, B5, C1–C8", status="201", security="seller",
                    body={"type": "object", "required": ["username"],
                          "properties": {"username": {"type": "string", "example": "bob"}}}),
        "get": _op("The shop's invitations (pending ones are checked with the app first)",
                   {"type": "object", "properties": {"invitations": {
                       "type": "array", "items": _ref("Invitation")}}}, tag=SELLER,
                   security="seller")},
    "/api/v1/invitations/{invitation_id}": {
        "get": _op("One invitation; asks the app once whether the creator answered",
                   _ref("Invitation"), tag=SELLER, rules="E1", params=["invitation_id"],
                   security="seller")},
    "/api/v1/links/{link_id}/unlink": {
        "post": _op("Unlink an official or marketing account", _ref("Link"), tag=SELLER,
                    rules="F1, F2, F3, F4, F6", params=["link_id"], security="seller")},
    "/api/v1/unlink-requests": {
        "get": _op("Creators' unlink requests received by this shop",
                   {"type": "object", "properties": {"unlink_requests": {
                       "type": "array", "items": _ref("UnlinkRequest")}}}, tag=SELLER, rules="F5",
                   security="seller")},
    "/api/v1/unlink-requests/{request_id}/{decision}": {
        "post": _op("Approve (F1–F4 still apply) or decline a creator's unlink request",
                    _ref("UnlinkRequest"), tag=SELLER, rules="F5", security="seller",
                    params=["request_id", "decision"])},
    "/api/v1/tickets": {
        "post": _op("Open a support ticket about a link in progress or an ineligible invitee",
                    _ref("Ticket"), tag=SELLER, rules="C7, C8", status="201", security="seller",
                    body={"type": "object", "properties": {
                        "link_id": {"type": "string", "description": "a link in progress (C7)"},
                        "username": {"type": "string", "description": "an ineligible invitee (C8)"}}}),
        "get": _op("The shop's support tickets", {"type": "object", "properties": {
            "tickets": {"type": "array", "items": _ref("Ticket")}}}, tag=SELLER, security="seller")},
    "/api/v1/shop": {
        "patch": _op("Rename the shop; its official account is renamed at the same moment",
                     {"type": "object", "properties": {"id": {"type": "string"},
                                                       "name": {"type": "string"},
                                                       "official_link_id": {"type": ["string", "null"]}}},
                     tag=SELLER, rules="B2", security="seller",
                     body={"type": "object", "required": ["name"],
                           "properties": {"name": {"type": "string", "maxLength": 200}}})},
    "/_sandbox/v1/worlds/{world_id}/tickets": {
        "get": _op("Every support ticket of the world (`?shop_id=` filters)",
                   {"type": "object", "properties": {"tickets": {"type": "array",
                                                                 "items": _ref("Ticket")}}},
                   tag=CONTROL, params=["world_id"])},
    "/_sandbox/v1/worlds/{world_id}/tickets/{ticket_id}": {
        "get": _op("One support ticket", _ref("Ticket"), tag=CONTROL,
                   params=["world_id", "ticket_id"])},
    "/_sandbox/v1/worlds/{world_id}/tickets/{ticket_id}/resolve": {
        "post": _op("Resolve a ticket as support: `fix` corrects the account and completes a link in "
                    "progress; `reject` ends it", _ref("Ticket"), tag=CONTROL, rules="C7, C8",
                    params=["world_id", "ticket_id"],
                    body={"type": "object", "required": ["decision"], "properties": {
                        "decision": {"enum": ["fix", "reject"]}, "note": {"type": "string"}}})},
    "/app/api/v1/inbox": {
        "get": _op("The invitations in this account's inbox", {"type": "object", "properties": {
            "invitations": {"type": "array", "items": _ref("InboxInvitation")}}}, tag=APP,
                   rules="E1", security="app")},
    "/app/api/v1/invitations/{invitation_id}/accept": {
        "post": _op("Accept (within 48 h)", _ref("InboxInvitation"), tag=APP, rules="E1",
                    params=["invitation_id"], security="app")},
    "/app/api/v1/invitations/{invitation_id}/decline": {
        "post": _op("Decline", _ref("InboxInvitation"), tag=APP, rules="E1",
                    params=["invitation_id"], security="app")},
    "/app/api/v1/shop/link": {
        "get": _op("Shop → View link info", {"type": "object", "properties": {
            "linked": {"type": "boolean"}, "shop_id": {"type": "string"},
            "shop_name": {"type": "string"}, "role": {"enum": ["official", "marketing"]},
            "link_id": {"type": "string"}, "linked_at": {"type": "string", "format": "date-time"}}},
            tag=APP, security="app")},
    "/app/api/v1/shop/unlink-request": {
        "post": _op("Send unlink request", _ref("UnlinkRequest"), tag=APP, rules="F5",
                    status="201", security="app")},
    "/v2/sandbox/seller_center/account/": {
        "post": _op("Eligibility fields of an account by username or open_id", {
            "type": "object", "properties": {"data": {"type": "object", "properties": {
                "user": _obj}}}}, tag=FIRST, rules="C8, F4",
            body=_form({"username": {"type": "string"}, "open_id": {"type": "string"},
                        "fields": {"type": "string"}}, ["fields"]))},
    "/v2/sandbox/seller_center/invitation/send/": {
        "post": _op("Deliver a shop's invitation to an account's inbox", {
            "type": "object", "properties": {"invitation_id": {"type": "string"},
                                             "open_id": {"type": "string"},
                                             "status": {"const": "pending"}}}, tag=FIRST, rules="E1",
            body=_form({"username": {"type": "string"}, "state": {"type": "string"},
                        "display_name": {"type": "string"}, "expires_in": {"type": "integer"}},
                       ["username", "expires_in"]))},
    "/v2/sandbox/seller_center/invitation/check/": {
        "post": _op("Poll an invitation like check_qrcode: the first poll after acceptance returns "
                    "an authorization code", {"type": "object", "properties": {
                        "invitation_id": {"type": "string"}, "state": {"type": "string"},
                        "status": {"enum": ["pending", "accepted", "declined", "expired",
                                            "utilised"]},
                        "code": {"type": "string"}, "scopes": {"type": "string"}}},
                    tag=FIRST, rules="E1", body=_form({"invitation_id": {"type": "string"}},
                                                      ["invitation_id"]))},
    "/v2/sandbox/seller_center/shop_link/notice/": {
        "post": _op("Tell the app a link exists or ended: link info, B2 rename, M3 business upgrade",
                    {"type": "object", "properties": {"open_id": {"type": "string"},
                                                      "nickname": {"type": "string"},
                                                      "account_kind": {"type": "string"}}},
                    tag=FIRST, rules="B2, M3", body=_form({
                        "open_id": {"type": "string"}, "link_id": {"type": "string"},
                        "shop_id": {"type": "string"}, "shop_name": {"type": "string"},
                        "role": {"type": "string"}, "linked": {"enum": ["true", "false"]},
                        "business_upgrade": {"enum": ["true", "false"]},
                        "nickname": {"type": "string"}}, ["open_id"]))},
    "/v2/sandbox/seller_center/unlink_requests/list/": {
        "post": _op("Creators' unlink requests addressed to a shop", {
            "type": "object", "properties": {"unlink_requests": {
                "type": "array", "items": _ref("UnlinkRequest")}}}, tag=FIRST, rules="F5",
            body=_form({"shop_id": {"type": "string"}}, ["shop_id"]))},
    "/v2/sandbox/seller_center/unlink_requests/resolve/": {
        "post": _op("Record the shop's decision on an unlink request", _ref("UnlinkRequest"),
                    tag=FIRST, rules="F5", body=_form({
                        "request_id": {"type": "string"},
                        "decision": {"enum": ["approved", "declined"]}}, ["request_id", "decision"]))},
}

_ts = {"type": "string", "format": "date-time"}
_error_ref = {"type": ["object", "null"], "properties": {"code": {"type": "string"},
                                                         "rule": {"type": ["string", "null"]},
                                                         "message": {"type": "string"}}}

SCHEMAS: dict[str, Any] = {
    "Invitation": {"type": "object", "properties": {
        "id": {"type": "string"}, "shop_id": {"type": "string"}, "username": {"type": "string"},
        "open_id": {"type": "string"},
        "status": {"enum": ["sent", "checking", "linked", "declined", "expired", "refused"]},
        "account": {"type": ["object", "null"]}, "link_id": {"type": ["string", "null"]},
        "created_at": _ts, "expires_at": _ts, "updated_at": _ts, "error": _error_ref}},
    "InboxInvitation": {"type": "object", "properties": {
        "id": {"type": "string"}, "from": {"type": "string", "description": "the inviting shop"},
        "status": {"enum": ["pending", "accepted", "declined", "expired"]},
        "created_at": _ts, "expires_at": _ts}},
    "Link": {"type": "object", "properties": {
        "id": {"type": "string"}, "shop_id": {"type": "string"}, "open_id": {"type": "string"},
        "role": {"enum": ["official", "marketing"]},
        "status": {"enum": ["linked", "in_progress", "unlinked", "rejected"]},
        "account": _obj, "linked_at": _ts, "unlinked_at": _ts,
        "unlinked_by": {"enum": ["seller", "creator_request"]}}},
    "UnlinkRequest": {"type": "object", "properties": {
        "id": {"type": "string"}, "open_id": {"type": "string"}, "link_id": {"type": "string"},
        "shop_id": {"type": "string"}, "status": {"enum": ["pending", "approved", "declined"]},
        "created_at": _ts, "decided_at": {"type": ["string", "null"], "format": "date-time"}}},
    "Ticket": {"type": "object", "properties": {
        "id": {"type": "string"}, "shop_id": {"type": "string"},
        "subject": {"enum": ["link_in_progress", "ineligible_invitee"]},
        "link_id": {"type": ["string", "null"]}, "open_id": {"type": "string"},
        "username": {"type": ["string", "null"]}, "cause": _error_ref,
        "status": {"enum": ["open", "fixed", "rejected"]}, "note": {"type": ["string", "null"]},
        "created_at": _ts, "resolved_at": {"type": ["string", "null"], "format": "date-time"}}},
    "Error": {"type": "object", "properties": {"error": {"type": "object", "properties": {
        "code": {"type": "string"}, "message": {"type": "string"}, "rule": {"type": "string"},
        "details": _obj}}}},
}
