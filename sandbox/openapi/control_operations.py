"""Words and answers of the control plane's operations, keyed by Flask endpoint.

Paths, parameters and request bodies come from the url map and the request models; the codes
every model refusal and every world lookup can give are added by the document builder."""

from __future__ import annotations

from sandbox.domain.webhook_types import TRIGGERABLE
from sandbox.openapi.shapes import CONTROL, INT, OBJ, STR, Op, array, obj, op, ref

# A scenario run (sandbox/scenarios/runner.py): a failed expectation, and the transcript.
_FAILURE = obj({"step": INT, "name": STR, "do": STR, "reason": STR})
_TRANSCRIPT = obj({
    "format": INT, "scenario": STR, "seed": INT, "start": STR, "rules": OBJ, "settings": OBJ,
    "actors": OBJ, "passed": {"type": "boolean"}, "failures": array(_FAILURE),
    "steps": array(obj({"step": INT, "name": STR, "do": STR, "now": STR,
                        "outcome": {"enum": ["ok", "refused"]}, "error": {}, "result": {},
                        "events": array(OBJ), "webhooks": array(OBJ)}))})

_EVENTS_QUERY = {
    "after": {"type": "integer", "minimum": 0, "description": "last seq seen"},
    "type": {"type": "string", "description": "exact type, or a prefix ending in '.' for a "
             "family (`link.`)"},
    "wait": {"type": "number", "minimum": 0, "maximum": 60, "description": "long-poll up to "
             "this many seconds for the first new one"}}
_AFTER_WAIT = {k: _EVENTS_QUERY[k] for k in ("after", "wait")}
_PARAMETER = {400: "INVALID_PARAMETER"}
_SHOP = {404: "SHOP_NOT_FOUND"}
_ACCOUNT = {404: "ACCOUNT_NOT_FOUND"}
_DELIVERY = {404: "DELIVERY_NOT_FOUND"}
_TYPES = ", ".join(f"`{t.label()}`" for t in TRIGGERABLE)
_COPY = obj({"from_world": STR, "from_snapshot": {"type": ["string", "null"]},
             "keys": {"type": "object", "additionalProperties": STR, "description": (
                 "fork and load only: every re-issued key or secret, old value → new value")}})

OPERATIONS: dict[str, Op] = {
    "control.info": op("Both services' URLs and the database kind", "Info"),
    "control.create_world": op(
        "Create a world (one transaction; `seed: demo` adds the walkthrough's shops and "
        "personas), fork one (`from_world`) or load a snapshot bundle (`snapshot`)",
        {"allOf": [ref("World"), _COPY]}, 201, {
            400: "WORLD_SOURCE_AMBIGUOUS SNAPSHOT_INVALID SNAPSHOT_VERSION_UNSUPPORTED "
                 "SNAPSHOT_UNKNOWN_TABLE SNAPSHOT_UNKNOWN_COLUMN SNAPSHOT_MISSING_COLUMN",
            404: "WORLD_NOT_FOUND", 409: "WORLD_EXISTS"}, ok_text="Created", description=(
            "Sandbox extension (QA tools). A fork or a load is one transaction: every row of "
            "both apps, the clock and the event log are copied; every key and secret (ids, "
            "client keys, app keys and secrets, tokens, session tokens, codes, TOTP seeds) is "
            "re-issued, so no key works in two worlds; `keys` maps each old value to its new "
            "one. A refused bundle writes nothing.")),
    "control.snapshot": op(
        "The world as a portable JSON bundle (sandbox extension); POST /worlds {snapshot} "
        "loads it", obj({"format_version": {"const": 1}, "kind": STR, "world": OBJ,
                         "tables": {"type": "object", "additionalProperties": array(OBJ)}},
                        ["format_version", "world", "tables"])),
    "control.list_worlds": op("List worlds", obj({"worlds": array(ref("World"))})),
    "control.get_world": op("A world, with its seeded logins", "World"),
    "control.delete_world": op("Delete a world and every row of it", None, 204,
                               ok_text="Deleted"),
    "control.create_shop": op("Create a shop and its seller login", "Shop", 201, {
        400: "INVALID_FIELD@B4 INVALID_MARKET", 409: "SELLER_EMAIL_TAKEN"},
        ok_text="Created"),
    "control.list_shops": op("List shops", obj({"shops": array(ref("Shop"))})),
    "control.get_shop": op("A shop and its active links", "Shop", errors=_SHOP),
    "control.patch_shop": op(
        "Change a shop's status (abnormal statuses refuse links, C4), phone or name (the "
        "official account is renamed with it, B2; while it is an organization account, a name "
        "of 30 characters or more is refused, G2)", "Shop",
        errors={**_SHOP, 422: "ORG_ACCOUNT_NAME_TOO_LONG"}),
    "control.create_account": op("Create a TikTok account; the answer carries its password",
                                 "Account", 201, {409: "USERNAME_TAKEN"}, ok_text="Created"),
    "control.list_accounts": op("List accounts", obj({"accounts": array(ref("Account"))})),
    "control.get_account": op("An account, every attribute the rules read", "Account",
                              errors=_ACCOUNT),
    "control.patch_account": op("Change an account's attributes (not its username)", "Account",
                                errors=_ACCOUNT),
    "control.create_client": op(
        "Register a Login Kit client, or (kind shop_app) a TikTok Shop partner app",
        {"oneOf": [ref("Client"), ref("ShopApp")]}, 201, {400: "INVALID_SCOPE"},
        ok_text="Created", description="Login Kit clients may not ask for "
                                       "user.info.eligibility (first-party only)."),
    "control.get_clock": op("The world's clock", "Clock"),
    "control.move_clock": op("Advance, set or freeze the clock", "ClockMoved", errors={
        400: "CLOCK_AMBIGUOUS CLOCK_BACKWARDS"}, description=(
        "Due jobs (QR expiry, organization accounts, webhook retries, …) fire in time order "
        "before it returns; `fired` lists the events they appended (the first 500). Moves of "
        "one world take turns, across threads and processes; each reports only what it fired.")),
    "control.events": op("Events in order", obj({"events": array(ref("Event"))}),
                         errors=_PARAMETER, query=_EVENTS_QUERY),
    "control.world_links": op("Every active link of the world",
                              obj({"links": array(ref("Link"))})),
    "control_org.sms": op("The world's SMS outbox (long-poll)",
                          obj({"messages": array(ref("SmsMessage"))}), errors=_PARAMETER,
                          query={"phone": {"type": "string", "description": "only messages to "
                                           "this phone number"}, **_AFTER_WAIT}),
    "control_org.totp": op("An account's TOTP state and the password of the world's now "
                           "(sandbox extension)", "TotpState", errors=_ACCOUNT),
    "control_org.totp:put": op("Set a known TOTP secret, digits, interval (sandbox extension, "
                               "for RFC 6238 tests)", "TotpState", errors=_ACCOUNT),
    "control_org.earnings": op("Set the earnings (cents) a creator could withdraw (H3)",
                               "Organization", errors=_ACCOUNT),
    "control_org.organization": op("What the account is (G6, H2): kind, badge, music library, "
                                   "muted videos, trial", "Organization", errors=_ACCOUNT),
    "control_org.deactivate": op("Operator unlink, no F-rule checks", "Link",
                                 errors={404: "LINK_NOT_FOUND"}),
    "control_org.shop_orgs": op(
        "A shop's organization accounts, outcomes that fell due learnt first (G3, H5)",
        obj({"organization_accounts": array(ref("OrganizationAccount"))}), errors=_SHOP,
        description="POST /_sandbox/v1/worlds/{world_id}/shops also takes "
                    "`organization_account: true | {username}` to create one at onboarding (G1)."),
    "support_control.list_tickets": op(
        "Every support ticket of the world", obj({"tickets": array(ref("Ticket"))}),
        query={"shop_id": {"type": "string", "description": "only this shop's"}}),
    "support_control.get_ticket": op("One support ticket", "Ticket",
                                     errors={404: "TICKET_NOT_FOUND"}),
    "support_control.resolve_ticket": op(
        "Resolve a ticket as support: `fix` corrects the account and completes a link in "
        "progress; `reject` ends it (C7, C8)", "Ticket",
        errors={404: "TICKET_NOT_FOUND", 409: "TICKET_NOT_OPEN"}),
    "webhook_control.deliveries": op(
        "Delivery log (id > after); `wait` long-polls up to 60 s",
        obj({"deliveries": array(ref("Delivery"))}), errors=_PARAMETER, query=_AFTER_WAIT),
    "webhook_control.delivery": op("One delivery with every attempt", "Delivery",
                                   errors=_DELIVERY),
    "webhook_control.redeliver": op("Send it again now (same body, signature, notification id)",
                                    "Delivery", errors=_DELIVERY),
    "webhook_control.duplicate": op("Queue a second delivery of the same notification",
                                    "Delivery", errors=_DELIVERY),
    "webhook_control.hold": op("Hold new deliveries (status held) until released",
                               obj({"held": {"const": True}})),
    "webhook_control.release": op("Release held deliveries",
                                  obj({"held": {"const": False}, "released": INT})),
    "webhook_control.drop": op("Lose the next `count` delivery attempts (they retry on "
                               "schedule)", obj({"drop_next": INT})),
    "webhook_control.trigger": op(
        "Send one webhook of a type now, about a real object of the world (sandbox extension, "
        "like `stripe trigger`)", "Triggered", 201, {
            400: "UNKNOWN_WEBHOOK_TYPE", 404: "SHOP_APP_NOT_FOUND CLIENT_NOT_FOUND SHOP_NOT_FOUND",
            409: "WEBHOOK_URL_NOT_REGISTERED"}, ok_text="Queued", description=(
            f"`type` is one of {_TYPES} (a Shop type by number or name); an unknown one is a "
            "400 listing them (`details.known`). "
            "It goes to the app named by `app_key`, else to every app a real one would reach: "
            "those the shop authorized with an address for the type, else each app with its own "
            "webhook URL. The payload is built, signed and queued as a real one (the outbox: "
            "holds, drops, faults and retries apply; it is in the delivery log) from a real "
            "object: the shop's newest product, its link, the authorization, the user who last "
            "authorized the Login Kit app. What is missing is made first (a shop, a product, an "
            "account and its link, the app's authorization), and listed in `created`; nothing "
            "else changes (a triggered 6 leaves the authorization active). No app with an "
            "address for the type: 409, and nothing is made.")),
    "scenario_control.run_scenario": op(
        "Run a scenario file in a fresh world (sandbox extension); the body is JSON "
        "`{scenario, seed?, keep?}` or the YAML text itself (`Content-Type: application/yaml`, "
        "`?seed=`)", obj({"passed": {"type": "boolean"}, "failures": array(_FAILURE),
                          "world_id": {"type": ["string", "null"]},
                          "transcript": _TRANSCRIPT}),
        errors={400: "INVALID_SCENARIO INVALID_SEED SCENARIO_SETUP_REFUSED",
                422: "SCENARIO_TIMEOUT SCENARIO_FAILED_TO_RUN"},
        description="The same runner as `tiktok-sandbox run`: actors, client steps and "
                    "expectations; 200 whether or not it passed (`passed`, `failures` name "
                    "the step and why); the transcript is normalised (world-time instants, "
                    "stable names for ids) and identical between runs with the same seed."),
}
for _name in OPERATIONS:
    OPERATIONS[_name].tag = CONTROL
