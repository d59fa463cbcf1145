"""docs/partners.md says what the code serves: its table of Open API paths is every path under a
TikTok Shop API family of the url map (method, path, version) and each row's scope is the one the
sandbox asks for; its Login Kit table is every served path of that face; its scope tables are the
catalogues, with the defaults a new app or client gets; its settings exist with those defaults;
what it says of webhook registration and unknown paths is what the sandbox answers. Beside it:
README and docs/ name only files and sections that exist."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest
from shop_support import REDIRECT, signed, tokens

from sandbox.diagnostics.fault_reach import SHOP_API_FAMILIES, TIKTOK_APP
from sandbox.kernel.settings import Settings
from sandbox.serve import build_apps

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "partners.md"
IGNORED_METHODS = {"HEAD", "OPTIONS"}


# --- reading the doc --------------------------------------------------------------------------

def section(heading: str) -> str:
    """The doc's text under `heading` (a whole heading line), up to the next heading of its
    level or above."""
    text = DOC.read_text("utf-8")
    level = len(heading) - len(heading.lstrip("#"))
    start = text.index(f"\n{heading}\n") + len(heading) + 2
    ends = [m.start() for m in re.finditer(rf"^#{{1,{level}}} ", text[start:], re.M)]
    return text[start:start + ends[0]] if ends else text[start:]


def table(heading: str) -> list[dict[str, str]]:
    """The rows of the first table under `heading`, as {header: cell}."""
    lines: list[str] = []
    for line in section(heading).splitlines():
        if line.startswith("|"):
            lines.append(line)
        elif lines:
            break
    assert len(lines) > 2, f"no table under {heading!r}"
    split = [[c.strip() for c in re.split(r"(?<!\\)\|", line.strip()[1:-1])] for line in lines]
    header = [h.lower() for h in split[0]]
    return [dict(zip(header, row, strict=True)) for row in split[2:]]


def code(cell: str) -> list[str]:
    """The code spans of a cell."""
    return re.findall(r"`([^`]+)`", cell)


def rule_path(rule: str) -> str:
    return re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule)


@pytest.fixture(scope="module")
def apps() -> Iterator[dict[str, Any]]:
    """Both WSGI apps as `serve` builds them, for their url maps."""
    runtime, built = build_apps(Settings(db="memory"))
    yield built
    runtime.close()


def served(app: Any, prefixes: tuple[str, ...]) -> set[tuple[str, str]]:
    return {(method, rule_path(rule.rule)) for rule in app.url_map.iter_rules()
            if rule.rule.startswith(prefixes) for method in rule.methods - IGNORED_METHODS}


# --- Open API paths ---------------------------------------------------------------------------

OPEN_API = "## Open API paths"


def open_api_rows() -> list[dict[str, str]]:
    return table(OPEN_API)


def test_the_open_api_table_is_every_served_path_of_the_api_families(apps):
    listed = [(row["method"], code(row["path"])[0]) for row in open_api_rows()]
    assert len(listed) == len(set(listed)), "a row is listed twice"
    served_paths = served(apps["seller"], SHOP_API_FAMILIES)
    assert set(listed) - served_paths == set(), "the table lists paths the sandbox does not serve"
    assert served_paths - set(listed) == set(), "served Open API paths missing from the table"


def test_each_open_api_row_names_its_paths_version():
    for row in open_api_rows():
        path = code(row["path"])[0]
        version = re.search(r"/(\d{6})/", path)
        assert row["version"] == (version[1] if version else "v2"), path


def _scope_probe(world: Any, control_http: Any) -> tuple[dict[str, Any], str]:
    """A shop's token of an app holding only seller.shop.info, a scope no endpoint asks for."""
    shop = world.create_shop(name="Acme Official", market="US")
    app = world.create_client(kind="shop_app", name="Scope probe", redirect_url=REDIRECT,
                              scopes=["seller.shop.info"])
    return app, tokens(control_http, shop, app)["access_token"]


def test_each_open_api_row_needs_the_scope_it_names(world, control_http):
    app, token = _scope_probe(world, control_http)
    for row in open_api_rows():
        method, path = row["method"], code(row["path"])[0].replace("{", "").replace("}", "")
        if path.startswith("/api/v2/token/"):
            assert row["scope"] == "—" and row["caller"].startswith("unsigned"), path
            continue
        body = b"{}" if method != "GET" else b""
        answer = signed(control_http, world, app, path, token, method=method, body=body).json()
        [scope] = code(row["scope"]) or ["—"]
        if scope == "—":
            assert answer["code"] != 105005, (path, answer)
        else:
            assert answer["code"] == 105005, (path, answer)
            assert answer["message"].endswith(f"do not include {scope}."), (path, answer)


def test_unknown_paths_and_wrong_methods_answer_what_the_doc_quotes(control_http):
    text = section(OPEN_API)
    quoted = re.search(r'`(\{"code":36009009,"message":"[^"]+")', text)
    assert quoted, "the doc quotes the 404 answer"
    not_found = control_http.post("/order/202406/orders/external_orders", json={})
    assert not_found.status_code == 404
    assert json.loads(quoted[1] + "}") == {k: not_found.json()[k] for k in ("code", "message")}
    wrong = control_http.put("/authorization/202309/shops")
    assert wrong.status_code == 405 and wrong.json()["code"] == 36009010
    assert f'`"{wrong.json()["message"]}"`' in text


# --- Login Kit paths --------------------------------------------------------------------------

def test_the_login_kit_table_is_every_served_path_of_its_faces(apps):
    faces = tuple(prefix for prefix, face in TIKTOK_APP
                  if face in ("login_kit", "tiktok_api", "oauth"))
    listed = {(method.strip(), code(row["path"])[0])
              for row in table("### Login Kit and standard OAuth paths")
              for method in row["method"].split(",")}
    assert listed == served(apps["app"], faces)


# --- scopes -----------------------------------------------------------------------------------

def test_the_shop_scope_table_is_the_catalogue_a_new_app_gets_whole(world):
    from sandbox.services.partner_apps import SCOPES

    rows = table("### TikTok Shop app scopes")
    listed = [code(row["scope"])[0] for row in rows]
    assert listed == list(SCOPES)
    assert {row["default"] for row in rows} == {"yes"}
    app = world.create_client(kind="shop_app", name="Defaults", redirect_url=REDIRECT)
    assert app["scopes"] == listed
    named = {s for row in open_api_rows() for s in code(row["scope"])}
    assert named <= set(SCOPES)


def test_the_login_kit_scope_table_is_the_catalogue_with_its_defaults(world):
    from fake_tiktok_app.domain.accounts import FIRST_PARTY_SCOPES, KNOWN_SCOPES

    rows = table("### Login Kit scopes")
    listed = {code(row["scope"])[0]: row for row in rows}
    assert set(listed) == KNOWN_SCOPES
    first_party = {s for s, row in listed.items() if row["who may hold it"].startswith("first-party")}
    assert first_party == FIRST_PARTY_SCOPES
    defaults = [s for s, row in listed.items() if row["default"] == "yes"]
    client = world.create_client(name="Defaults", redirect_uris=["http://localhost:3000/cb/"])
    assert client["scopes"] == defaults


# --- settings ---------------------------------------------------------------------------------

def _default(cell: str) -> Any:
    cell = re.sub(r"\s*\(.*\)$", "", cell.strip("`"))
    if cell in ("true", "false"):
        return cell == "true"
    numbers = [float(n) for n in re.findall(r"\d+(?:\.\d+)?", cell)]
    if numbers and re.fullmatch(r"[\d.,\s]+", cell):
        return tuple(numbers) if len(numbers) > 1 else numbers[0]
    return cell


def test_the_settings_table_names_world_settings_with_their_defaults():
    known = {f.name: f.default for f in fields(Settings)}
    rows = table("### Settings")
    assert len(rows) >= 10
    for row in rows:
        [name] = code(row["setting"])
        assert name in known, name
        default = known[name]
        expected = tuple(float(v) for v in default) if isinstance(default, tuple) else (
            float(default) if isinstance(default, int | float) and not isinstance(default, bool)
            else default)
        assert _default(row["default"]) == expected, name


# --- webhook registration ---------------------------------------------------------------------

WEBHOOKS = "/event/202309/webhooks"


def test_webhook_registration_needs_an_event_type_as_the_doc_says(world, control_http):
    assert "`event_type` is required" in section("### Registering your URL")
    shop = world.create_shop(name="Acme Official", market="US")
    app = world.create_client(kind="shop_app", name="ERP", redirect_url=REDIRECT)
    token = tokens(control_http, shop, app)["access_token"]
    cipher = shop.data["cipher"]

    def put(body: dict[str, Any]) -> Any:
        return signed(control_http, world, app, WEBHOOKS, token, method="PUT", cipher=cipher,
                      body=json.dumps(body).encode())

    for body in ({"address": "http://localhost:3000/wh"},
                 {"address": "http://localhost:3000/wh", "event_type": "ALL"}):
        refused = put(body)
        assert refused.status_code == 400 and refused.json()["code"] == 36009004, body
    assert put({"address": "http://localhost:3000/wh",
                "event_type": "PRODUCT_STATUS_CHANGE"}).json()["code"] == 0
    listed = signed(control_http, world, app, WEBHOOKS, token, cipher=cipher).json()["data"]
    assert [(w["event_type"], w["address"]) for w in listed["webhooks"]] == [
        ("PRODUCT_STATUS_CHANGE", "http://localhost:3000/wh")]


# --- references -------------------------------------------------------------------------------

DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
# A file path of the repository named in prose: at least one folder, a file extension.
FILE_REF = re.compile(r"(?<![\w./:-])((?:[\w.-]+/)+[\w.-]+\.(?:py|md|toml|ya?ml|json|html|txt|png))\b")
LINK = re.compile(r"\]\(([^)\s]+)\)")


def _anchor(heading: str) -> str:
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def _anchors(path: Path) -> set[str]:
    return {_anchor(m[1]) for m in re.finditer(r"^#+ (.+)$", path.read_text("utf-8"), re.M)}


def _exists(ref: str) -> bool:
    roots = (ROOT, ROOT / "sandbox", ROOT / "fake_tiktok_app")
    return any((root / ref).exists() for root in roots)


@pytest.mark.parametrize("doc", DOCUMENTS, ids=lambda p: p.name)
def test_docs_name_only_files_and_sections_that_exist(doc):
    text = doc.read_text("utf-8")
    missing = [ref for ref in FILE_REF.findall(text) if not _exists(ref)]
    for target in LINK.findall(text):
        if target.startswith(("http://", "https://", "mailto:")):
            continue
        file, _, anchor = target.partition("#")
        where = (doc.parent / file) if file else doc
        if not where.exists() or (anchor and anchor not in _anchors(where)):
            missing.append(target)
    missing += re.findall(r"DESIGN §\d+|\(issue #\d+\)|merged into the README", text)
    assert missing == []
