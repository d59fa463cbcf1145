// E1: a marketing invitation waits 48 hours for the creator; the world's clock, not the wall
// clock, makes it expire.
import { SandboxApiError } from "tiktok-shop-sandbox";
import { expect, test } from "tiktok-shop-sandbox/fixtures";

test("an invitation nobody answers expires after 48 hours of world time", async ({ world }) => {
  const shop = await world.createShop({ name: "Acme" });
  const bob = await world.createAccount({ username: "bob", age: 30 });
  const invitation = await shop.seller.invite("bob");
  expect(invitation.status).toBe("sent");

  const moved = await world.clock.advance("PT48H");
  expect(moved.fired.map((e) => e.type)).toContain("invitation.expired");
  expect((await invitation.refresh()).status).toBe("expired");

  const [item] = await bob.app.inbox();
  expect(item?.status).toBe("expired");
  const refused = await item?.accept().catch((e: unknown) => e);
  expect(refused).toBeInstanceOf(SandboxApiError);
  expect(refused).toMatchObject({ code: "INVITATION_NOT_PENDING", rule: "E1" });
});

test.describe("with E1 at one hour", () => {
  test.use({ worldOptions: { rules: { E1: { hours: 1 } } } });

  test("the invitation expires after an hour", async ({ world }) => {
    const shop = await world.createShop();
    const bob = await world.createAccount();
    const invitation = await shop.seller.invite(bob.username);
    await world.clock.advance(3600);
    await expect(invitation.waitUntil("expired")).resolves.toMatchObject({ status: "expired" });
  });
});
