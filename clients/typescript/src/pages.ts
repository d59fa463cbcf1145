/** Log a Playwright page in through the sandbox's own login pages: Seller Center as a shop's
 * seller, the phone simulator as a TikTok account. */
import type { Page } from "@playwright/test";
import type { Account } from "./account";
import type { Shop } from "./shop";

/** Seller Center's login page → Linked TikTok accounts, signed in as the shop's seller. */
export async function logInToSellerCenter(page: Page, shop: Shop): Promise<Page> {
  const { sandbox, id } = shop.world;
  await page.goto(`${sandbox.url}/seller/login?world=${encodeURIComponent(id)}`);
  const form = page.locator("form:has(input[name=email])");
  await form.locator("input[name=email]").fill(shop.seller.email);
  await form.locator("input[name=password]").fill(shop.seller.password);
  await form.locator("button[type=submit]").click();
  await page.waitForURL("**/seller/account/linked-accounts");
  return page;
}

/** The phone simulator's login page → its home screen, logged in as the account. */
export async function logInToPhone(page: Page, account: Account): Promise<Page> {
  const { sandbox, id } = account.world;
  await page.goto(`${await sandbox.appUrl()}/phone/login?world=${encodeURIComponent(id)}`);
  const form = page.locator("form:has(input[name=password])").first();
  await form.locator("input[name=username]").fill(account.username);
  await form.locator("input[name=password]").fill(account.password);
  await form.locator("button[type=submit]").click();
  await page.waitForURL("**/phone/");
  return page;
}
