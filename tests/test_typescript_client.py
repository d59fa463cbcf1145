"""The TypeScript package (clients/typescript): its committed types are the served OpenAPI
document's (and this check fails when they drift), `tsc --noEmit` is clean, its Playwright
example suite passes in Debian's Chromium against a sandbox its fixture starts and against
TIKTOK_SANDBOX_URL, and `npm pack` gives a package another project installs and uses.

One xdist group (`--dist loadgroup` keeps it in one worker; the default `load` sends its tests in
chunks, and a file lock keeps two workers from running `npm ci` at once): it starts servers."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import httpx
import pytest
from typescript_package import (
    CHROMIUM,
    PACKAGE,
    ROOT,
    bin_of,
    drift,
    need,
    npm_ci,
    run,
    sandbox_command,
)

from sandbox.client import Sandbox

pytestmark = [pytest.mark.xdist_group("typescript"), pytest.mark.slow]


@pytest.fixture(scope="module")
def package() -> Path:
    npm_ci()
    return PACKAGE


@pytest.fixture(scope="module")
def served_document(sandbox) -> dict:
    return httpx.get(f"{sandbox.url}/openapi.json", timeout=30).json()


def test_the_committed_types_are_those_of_the_served_document(package, served_document,
                                                               tmp_path) -> None:
    assert drift(served_document, tmp_path) == [], (
        "clients/typescript/src/schema.ts is not what the served document gives: run "
        "`make ts-types` and commit it")


def test_the_drift_check_fails_when_the_document_changes(package, served_document,
                                                         tmp_path) -> None:
    """On a copy of the document: a new field of a request body is drift."""
    changed = copy.deepcopy(served_document)
    changed["components"]["schemas"]["WorldCreate"]["properties"]["weather"] = {
        "type": "string", "description": "a field the committed types do not have"}
    lines = drift(changed, tmp_path)
    assert any(re.search(r"\bweather\?: string;", line) for line in lines), lines


def test_tsc_finds_no_error_in_the_package_and_its_examples(package) -> None:
    run([bin_of("tsc"), "--noEmit", "-p", "tsconfig.json"])


def examples(**env: str | None) -> str:
    need(CHROMIUM)
    return run([bin_of("playwright"), "test", "--reporter=line"], **env)


def test_the_examples_pass_against_a_sandbox_the_fixture_starts(package) -> None:
    out = examples(TIKTOK_SANDBOX_URL=None, TIKTOK_SANDBOX_COMMAND=sandbox_command())
    assert re.search(r"\b\d+ passed\b", out) and "failed" not in out, out


def test_the_examples_pass_against_TIKTOK_SANDBOX_URL(package) -> None:
    """A sandbox of its own (in memory): the session's may be shared with other workers through
    one database, and their worlds come and go while the examples run."""
    own = Sandbox.local(db="memory")
    try:
        before = {w.id for w in own.worlds()}
        out = examples(TIKTOK_SANDBOX_URL=own.url, TIKTOK_SANDBOX_COMMAND="/nonexistent")
        assert re.search(r"\b\d+ passed\b", out) and "failed" not in out, out
        assert {w.id for w in own.worlds()} == before  # every test's world was deleted
    finally:
        own.stop()


def test_the_readme_example_is_one_the_suite_runs() -> None:
    """The README's TypeScript block is marked not runnable because this suite runs it: it is
    the text of examples/readme.spec.ts."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"readme\.spec\.ts[^\n]*-->\n```ts\n(.*?)```", readme, flags=re.S)
    assert blocks == [(PACKAGE / "examples" / "readme.spec.ts").read_text(encoding="utf-8")]


CONSUMER_SPEC = """\
import { SandboxApiError } from "tiktok-shop-sandbox";
import { expect, test } from "tiktok-shop-sandbox/fixtures";

test("a teenager is refused with C1", async ({ world, openSellerCenter }) => {
  const shop = await world.createShop({ name: "Packed" });
  const teen = await world.createAccount({ username: "teen", age: 16 });
  const link = await shop.seller.startOfficialLink();
  await teen.app.scan(link.qrUrl).authorize();
  const refused: unknown = await link.waitUntil("ready").catch((e: unknown) => e);
  expect(refused).toBeInstanceOf(SandboxApiError);
  expect((refused as SandboxApiError).rule).toBe("C1");
  const seller = await openSellerCenter(shop);
  await expect(seller.locator("h1")).toHaveText("Linked TikTok accounts");
});
"""

CONSUMER_CONFIG = """\
import { defineConfig } from "@playwright/test";
export default defineConfig({ testDir: "tests", use: { launchOptions: {
  executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] } } });
"""

CONSUMER_JS = """\
const { Sandbox } = require("tiktok-shop-sandbox");
new Sandbox(process.argv[2]).createWorld({ frozen: true })
  .then(async (world) => { await world.delete(); console.log(world.id ? "ok" : "no id"); })
  .catch((e) => { console.error(e); process.exit(1); });
"""


def test_npm_pack_gives_a_package_another_project_installs_and_runs(package, sandbox,
                                                                    tmp_path_factory) -> None:
    """The tarball, with @playwright/test beside it, in a fresh folder outside the repository:
    its types check, plain `require` works, and a Playwright test using its fixtures passes."""
    npm = need("npm")
    outside = tmp_path_factory.mktemp("js-project")
    assert ROOT not in outside.parents
    packed = json.loads(run([npm, "pack", "--json", "--pack-destination", str(outside)]))
    [tarball] = [outside / p["filename"] for p in packed]
    shipped = {f["path"] for p in packed for f in p["files"]}
    assert {"dist/src/index.js", "dist/src/fixtures.d.ts", "dist/src/schema.d.ts"} <= shipped
    assert not any(p.startswith(("node_modules/", "examples/")) for p in shipped)

    (outside / "package.json").write_text('{"name": "other-project", "private": true}\n')
    playwright = json.loads((PACKAGE / "package.json").read_text())["devDependencies"][
        "@playwright/test"]
    run([npm, "install", "--no-audit", "--no-fund", "--prefer-offline", str(tarball),
         f"@playwright/test@{playwright}"], cwd=outside)
    (outside / "tests").mkdir()
    (outside / "tests" / "packed.spec.ts").write_text(CONSUMER_SPEC)
    (outside / "playwright.config.ts").write_text(CONSUMER_CONFIG)
    run([bin_of("tsc"), "--noEmit", "--strict", "--skipLibCheck", "--module", "commonjs",
         "--moduleResolution", "node10", "--target", "ES2022", "--types", "node",
         "--typeRoots", str(PACKAGE / "node_modules" / "@types"), "tests/packed.spec.ts"],
        cwd=outside)
    (outside / "consumer.js").write_text(CONSUMER_JS)
    assert run([need("node"), "consumer.js", sandbox.url], cwd=outside).strip() == "ok"
    need(CHROMIUM)
    out = run([str(outside / "node_modules" / ".bin" / "playwright"), "test",
               "--reporter=line"], cwd=outside, TIKTOK_SANDBOX_URL=sandbox.url)
    assert "1 passed" in out, out
