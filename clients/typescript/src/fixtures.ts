/** Playwright Test fixtures: `sandbox` per worker, a fresh frozen `world` per test (deleted
 * after), and pages already logged in to Seller Center or the phone simulator.
 *
 *   import { test, expect } from "tiktok-shop-sandbox/fixtures";
 *   test.use({ worldOptions: { rules: { E1: { hours: 1 } } } });
 */
import { test as base, type Browser, type BrowserContext, type Page } from "@playwright/test";
import type { Account } from "./account";
import { logInToPhone, logInToSellerCenter } from "./pages";
import { Sandbox, type CreateWorldOptions, type World } from "./sandbox";
import { serveSandbox } from "./server";
import type { Shop } from "./shop";

export interface SandboxWorkerFixtures {
  /** TIKTOK_SANDBOX_URL's sandbox, or one this worker starts (`tiktok-sandbox serve`) and stops. */
  sandbox: Sandbox;
}

export interface SandboxTestFixtures {
  /** How each test's world is made: seed, rules, settings, start instant (`now`), frozen. */
  worldOptions: CreateWorldOptions;
  /** A fresh world, its clock frozen unless `worldOptions` say otherwise; deleted after. */
  world: World;
  /** A new page (its own browser context) logged in to Seller Center as the shop's seller. */
  openSellerCenter: (shop: Shop) => Promise<Page>;
  /** A new page (its own browser context, phone-sized) logged in to the phone as the account. */
  openPhone: (account: Account) => Promise<Page>;
}

export const test = base.extend<SandboxTestFixtures, SandboxWorkerFixtures>({
  sandbox: [async ({}, use) => {
    const given = process.env.TIKTOK_SANDBOX_URL;
    const served = given ? undefined : await serveSandbox();
    try {
      await use(new Sandbox(given ?? served?.url));
    } finally {
      await served?.stop();
    }
  }, { scope: "worker" }],

  worldOptions: [{}, { option: true }],

  world: async ({ sandbox, worldOptions }, use, testInfo) => {
    const name = `t${testInfo.title.replace(/[^A-Za-z0-9 _.-]/g, "_")}`.slice(0, 100);
    const world = await sandbox.createWorld({ name, frozen: true, ...worldOptions });
    try {
      await use(world);
    } finally {
      await world.delete();
    }
  },

  openSellerCenter: async ({ browser }, use) => {
    await loggedInPages(browser, { width: 1200, height: 820 }, logInToSellerCenter, use);
  },

  openPhone: async ({ browser }, use) => {
    await loggedInPages(browser, { width: 440, height: 860 }, logInToPhone, use);
  },
});

/** Give the test `open(who)`: a page in a browser context of its own, logged in by `logIn`;
 * every context it opened is closed after the test. */
async function loggedInPages<W>(browser: Browser, viewport: { width: number; height: number },
  logIn: (page: Page, who: W) => Promise<Page>, use: (open: (who: W) => Promise<Page>) => Promise<void>) {
  const contexts: BrowserContext[] = [];
  await use(async (who) => {
    const context = await browser.newContext({ viewport });
    contexts.push(context);
    return logIn(await context.newPage(), who);
  });
  await Promise.all(contexts.map((c) => c.close()));
}

export { expect } from "@playwright/test";
export { logInToPhone, logInToSellerCenter } from "./pages";
export { serveSandbox, type ServedSandbox } from "./server";
