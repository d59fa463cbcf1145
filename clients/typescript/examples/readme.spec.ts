import { test, expect } from "tiktok-shop-sandbox/fixtures";
import { SandboxApiError } from "tiktok-shop-sandbox";

test("alice becomes Acme's official account", async ({ world, openSellerCenter }) => {
  const shop = await world.createShop({ name: "Acme Official", market: "US" });
  const alice = await world.createAccount({ username: "alice", age: 27, region: "US" });

  const link = await shop.seller.startOfficialLink();  // QR shown in Seller Center
  await alice.app.scan(link.qrUrl).authorize();          // the phone scans and taps Authorize
  await (await link.waitUntil("ready")).confirm();       // "Link this account"

  const seller = await openSellerCenter(shop);           // a page logged in as the seller
  await expect(seller.locator("#official-card")).toContainText("@alice");

  await world.clock.advance("PT24H");
  const [linked] = await world.events({ type: "link.linked" });
  expect(linked?.subject).toBeTruthy();
});

test("a teenager is refused, naming rule C1", async ({ world }) => {
  const shop = await world.createShop({ name: "Acme Official" });
  const tom = await world.createAccount({ username: "teen_tom", age: 16 });
  const link = await shop.seller.startOfficialLink();
  await tom.app.scan(link.qrUrl).authorize();
  const refused = await link.waitUntil("ready").catch((e: unknown) => e);
  expect(refused).toBeInstanceOf(SandboxApiError);
  expect(refused).toMatchObject({ status: 409, code: "LINK_HOLDER_UNDER_18", rule: "C1" });
});
