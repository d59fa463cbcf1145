// Partner tools (sandbox extensions): a fault rule answers the app's next call with TikTok's
// rate limit, the request log names the fault, and a fork of the world starts from its state.
import { expect, test } from "tiktok-shop-sandbox/fixtures";

test("a fault rule, the request log and a fork", async ({ world }) => {
  const app = await world.registerShopApp({ name: "ERP", redirect_url: "https://erp.example/callback" });
  const fault = await world.faults.add({ match: { app_key: app.app_key }, effect: { tiktok_error: 36009002 }, times: 1 });

  const answer = await fetch(`${world.sandbox.url}/api/v2/token/get?app_key=${app.app_key}`);
  expect(answer.status).toBe(429);
  const [row] = await world.requests({ status: "429" });
  expect(row).toMatchObject({ fault_id: fault.id, code: "TTS_36009002", key: app.app_key });
  expect((await world.faults.list()).map((f) => [f.id, f.hits])).toEqual([[fault.id, 1]]);

  const copy = await world.fork({ name: "after the rate limit" });
  try {
    expect(copy.id).not.toBe(world.id);
    expect((await copy.clock.get()).now).toBe((await world.clock.get()).now);
  } finally {
    await copy.delete();
  }
});
