// C1: an account under 18 cannot be a shop's official account. The script sees the refusal
// as a SandboxApiError naming its rule; Seller Center shows the same rule and code.
import { SandboxApiError } from "tiktok-shop-sandbox";
import { expect, test } from "tiktok-shop-sandbox/fixtures";

test("a 16-year-old is refused with rule C1", async ({ world, openSellerCenter }) => {
  const shop = await world.createShop({ name: "Acme Official" });
  const teen = await world.createAccount({ username: "teen_tom", age: 16 });

  const link = await shop.seller.startOfficialLink();
  await teen.app.scan(link.qrUrl).authorize();
  const refused = await link.waitUntil("ready").catch((e: unknown) => e);

  expect(refused).toBeInstanceOf(SandboxApiError);
  expect(refused).toMatchObject({ code: "LINK_HOLDER_UNDER_18", rule: "C1" });
  expect((refused as SandboxApiError).message).toContain("18");

  const seller = await openSellerCenter(shop);
  await seller.goto(`${world.sandbox.url}/seller/links/${link.id}`);
  await expect(seller.locator("#refusal-rule")).toHaveText("C1");
  await expect(seller.locator("#refusal-code")).toHaveText("LINK_HOLDER_UNDER_18");
});
