// G1, G4: an organization account is created after a delay (the world's clock moves it), then
// an SMS code to the shop's phone buys a one-time password; the script reads the SMS outbox.
import { expect, test } from "tiktok-shop-sandbox/fixtures";

test("the SMS code to the shop's phone gives a one-time password", async ({ world }) => {
  const shop = await world.createShop({ name: "Acme Official", phone: "+12025550199" });
  const org = await shop.seller.createOrganizationAccount();
  expect(org.status).toBe("pending");
  await world.clock.advance(150);
  await org.waitUntil("created");

  await org.sendSmsCode();
  const [sms] = await world.sms({ phone: "+12025550199", wait: 5 });
  expect(sms?.body).toContain(sms?.code ?? "no code");

  const otp = await org.oneTimePassword(sms?.code ?? "");
  expect(otp.username).toBe(org.username);
  expect(otp.one_time_password).toMatch(/^\d{6}$/);
});
