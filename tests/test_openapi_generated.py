"""The OpenAPI document is generated from the routes and request models, so it cannot drift:
a model's field shows up in it, every JSON body has a model, and both ports serve it."""

from __future__ import annotations

import inspect
import re

import httpx
import pytest
from pydantic import ConfigDict, create_model

from fake_tiktok_app.app import create_app as create_fake_app
from sandbox.app import create_app, reference_routes
from sandbox.kernel.runtime import Runtime
from sandbox.kernel.settings import Settings
from sandbox.openapi.document import build_document as _build
from sandbox.web.models.control import ClockMove, ShopCreate

MODELLED_PREFIXES = ("/_sandbox/v1/", "/api/v1/", "/app/api/v1/")
READS_JSON = re.compile(r"json_body\(|get_json\(|request\.json\b|require_fields\(")
VALIDATES = re.compile(r"(?:body_dict|validated_body)\((\w+)\)")


def build_document():
    return _build(Settings(), reference_routes())


def _view(endpoint: str):
    """A view function (the same object in every app instance: blueprints share them)."""
    return next(r.view for r in reference_routes() if r.endpoint == endpoint)


def _body_schema(document, path: str, method: str = "post"):
    ref = document["paths"][path][method]["requestBody"]["content"]["application/json"][
        "schema"]["$ref"]
    return document["components"]["schemas"][ref.rsplit("/", 1)[1]]


def test_a_field_added_to_a_model_appears_in_the_document(monkeypatch):
    wider = create_model("ClockMove", __base__=ClockMove, rewind=(int | None, None))
    monkeypatch.setattr(_view("control.move_clock"), "request_model", wider)
    schema = _body_schema(build_document(), "/_sandbox/v1/worlds/{world_id}/clock")
    assert schema["properties"]["rewind"] == {"anyOf": [{"type": "integer"}, {"type": "null"}],
                                              "default": None}
    assert {"advance", "set", "freeze"} <= set(schema["properties"])
    assert schema["additionalProperties"] is False


def test_additional_properties_follow_the_models_extra_setting(monkeypatch):
    loose = type("ShopCreate", (ShopCreate,),
                 {"model_config": ConfigDict(extra="allow", strict=True)})
    monkeypatch.setattr(_view("control.create_shop"), "request_model", loose)
    schema = _body_schema(build_document(), "/_sandbox/v1/worlds/{world_id}/shops")
    assert schema.get("additionalProperties", True) is True
    assert schema["required"] == ["name"]


def test_every_json_body_of_the_control_plane_and_actor_apis_has_a_request_model():
    unmodelled, mismatched = [], []
    for route in reference_routes():
        if route.method not in ("post", "put", "patch") or not route.path.startswith(
                MODELLED_PREFIXES):
            continue
        source = inspect.getsource(route.view)
        model = route.request_model
        if READS_JSON.search(source) and model is None:
            unmodelled.append(f"{route.method.upper()} {route.path} ({route.endpoint})")
        used = set(VALIDATES.findall(source))
        if used and (model is None or used != {model.__name__}):
            mismatched.append(f"{route.endpoint}: validates with {sorted(used)}, declares "
                              f"{getattr(model, '__name__', None)}")
        if model is None and used:
            unmodelled.append(f"{route.method.upper()} {route.path} ({route.endpoint})")
    assert not unmodelled, "JSON bodies without a request model (use @accepts): " + ", ".join(
        unmodelled)
    assert not mismatched, mismatched


def test_every_modelled_body_is_documented_with_its_model():
    document = build_document()
    for route in reference_routes():
        if route.request_model is not None:
            schema = _body_schema(document, route.path, route.method)
            assert set(schema["properties"]) == set(route.request_model.model_fields), route


@pytest.fixture(scope="module")
def clients():
    runtime = Runtime(Settings(db="memory"))
    seller, fake = create_app(runtime=runtime), create_fake_app(runtime=runtime)
    world = seller.test_client().post("/_sandbox/v1/worlds", json={}).get_json()["id"]
    seller.test_client().post(f"/_sandbox/v1/worlds/{world}/accounts",
                              json={"username": "alice", "region": "US", "password": "pw-alice"})
    yield seller.test_client(), fake.test_client(), world
    runtime.close()


BAD_BODIES = [
    ("seller", "/_sandbox/v1/worlds", {"colour": "red"}, "UNKNOWN_FIELD", "colour"),
    ("seller", "/_sandbox/v1/worlds", {"frozen": "yes"}, "INVALID_FIELD", "frozen"),
    ("seller", "/_sandbox/v1/worlds/{w}/shops", {"name": "A", "wings": 2}, "UNKNOWN_FIELD",
     "wings"),
    ("seller", "/_sandbox/v1/worlds/{w}/shops", {"name": "A", "email": 5}, "INVALID_FIELD",
     "email"),
    ("seller", "/_sandbox/v1/worlds/{w}/shops", {"name": "A", "organization_account": {
        "username": 5}}, "INVALID_FIELD", "organization_account.username"),
    ("seller", "/_sandbox/v1/worlds/{w}/accounts", {"username": "b", "region": "US", "x": 1},
     "UNKNOWN_FIELD", "x"),
    ("seller", "/_sandbox/v1/worlds/{w}/accounts", {"username": "b", "region": "US",
                                                    "verified": "yes"}, "INVALID_FIELD",
     "verified"),
    ("seller", "/_sandbox/v1/worlds/{w}/accounts", {"region": "US"}, "MISSING_FIELD",
     "username"),
    ("seller", "/_sandbox/v1/worlds/{w}/clock", {"rewind": 5}, "UNKNOWN_FIELD", "rewind"),
    ("seller", "/_sandbox/v1/worlds/{w}/clock", {"freeze": 1}, "INVALID_FIELD", "freeze"),
    ("seller", "/_sandbox/v1/worlds/{w}/clock", {"advance": [1]}, "INVALID_DURATION",
     "advance"),
    ("seller", "/_sandbox/v1/worlds/{w}/clients", {"redirect_uris": [5]}, "INVALID_FIELD",
     "redirect_uris.0"),
    ("seller", "/api/v1/seller/login", {"world": "{w}", "email": "a", "password": "b",
                                        "otp": 1}, "UNKNOWN_FIELD", "otp"),
    ("seller", "/api/v1/seller/login", {"world": "{w}", "email": 5, "password": "b"},
     "INVALID_FIELD", "email"),
    ("seller", "/api/v1/seller/login", {"world": "{w}", "email": "", "password": "b"},
     "MISSING_FIELD", "email"),
    ("fake", "/app/api/v1/login", {"world": "{w}", "username": "alice", "password": "x",
                                   "remember": True}, "UNKNOWN_FIELD", "remember"),
    ("fake", "/app/api/v1/login", {"world": "{w}", "username": ["alice"], "password": "x"},
     "INVALID_FIELD", "username"),
    ("fake", "/app/api/v1/login/otp", {"world": "{w}", "username": "a"}, "MISSING_FIELD",
     "one_time_password"),
]


@pytest.mark.parametrize(("side", "path", "body", "code", "field"), BAD_BODIES)
def test_a_bad_body_is_a_400_naming_the_field(clients, side, path, body, code, field):
    seller, fake, world = clients
    client = seller if side == "seller" else fake
    body = {k: (v.replace("{w}", world) if isinstance(v, str) else v) for k, v in body.items()}
    resp = client.post(path.replace("{w}", world), json=body)
    error = resp.get_json()["error"]
    assert (resp.status_code, error["code"], error["details"]["field"]) == (400, code, field)
    assert f"{field.split('.')[0]}" in error["message"]


def test_a_valid_body_reaches_the_service_as_it_was_sent(clients):
    seller, _, world = clients
    shop = seller.post(f"/_sandbox/v1/worlds/{world}/shops",
                       json={"name": "Acme", "market": "gb", "phone": None}).get_json()
    assert (shop["market"], shop["phone"], shop["status"]) == ("GB", None, "normal")


def test_both_ports_serve_the_document_with_their_own_urls():
    validator = pytest.importorskip("openapi_spec_validator")
    from sandbox.serve import start

    running = start(Settings(db="memory", seller_port=0, app_port=0), ticker=False,
                    ensure_demo=False)
    try:
        seller = httpx.get(f"{running.seller_url}/openapi.json", timeout=10).json()
        app = httpx.get(f"{running.app_url}/openapi.json", timeout=10).json()
    finally:
        running.stop()
    assert seller == app
    validator.validate(seller)
    assert [s["url"] for s in seller["servers"]] == [running.seller_url]
    assert seller["paths"]["/app/api/v1/login"]["servers"][0]["url"] == running.app_url
    assert not running.seller_url.endswith(":8700")
