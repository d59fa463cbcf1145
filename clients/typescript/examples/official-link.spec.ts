// D1-D4 through the real pages: Seller Center shows the QR code, the phone (a second page)
// scans it and taps Authorize, the seller presses "Link this account".
import { expect, test } from "tiktok-shop-sandbox/fixtures";

test("a seller links alice as the shop's official account", async ({ world, openSellerCenter, openPhone }) => {
  const shop = await world.createShop({ name: "Acme Official", market: "US" });
  const alice = await world.createAccount({ username: "alice", age: 27, region: "US" });

  const seller = await openSellerCenter(shop);
  await seller.click("#link-official");
  await seller.check("#agree");
  await seller.click("#show-qr");
  await expect(seller.locator("#status")).toHaveAttribute("data-status", "qr_shown");

  const phone = await openPhone(alice);
  await phone.click("text=Scan");
  await phone.click(`#displayed button:has-text('${shop.name}')`);
  await expect(phone.locator("#shop-name")).toHaveText(shop.name);
  await phone.click("button[value=authorize]");
  await expect(phone.locator("[role=status]")).toContainText("Authorized");

  await expect(seller.locator("#status")).toHaveAttribute("data-status", "ready");
  await expect(seller.locator("#acc-user")).toHaveText("@alice");
  await seller.click("#confirm");
  await seller.waitForURL("**/seller/account/linked-accounts");
  await expect(seller.locator("#official-card")).toContainText("@alice");

  const [linked] = await world.events({ type: "link.linked", wait: 5 });
  expect(linked?.data).toMatchObject({ open_id: alice.openId });
});

test("the same story from a script: QR, scan, authorize, confirm", async ({ world }) => {
  const shop = await world.createShop({ name: "Acme Official" });
  const alice = await world.createAccount({ username: "alice", age: 27 });

  const link = await shop.seller.startOfficialLink();
  await alice.app.scan(link.qrUrl).authorize();
  await (await link.waitUntil("ready")).confirm();

  expect(link.status).toBe("linked");
  expect((await world.links()).map((l) => [l.open_id, l.role])).toEqual([[alice.openId, "official"]]);
});
