// S1-S3 from a script: a buyer's phone buys, the hold passes by the clock, the seller ships
// from Seller Center's Orders, the simulated carrier delivers.
import { expect, test } from "tiktok-shop-sandbox/fixtures";

test("a mug bought on the phone is shipped and delivered", async ({ world }) => {
  const shop = await world.createShop({ name: "Acme" });
  const mug = await shop.createProduct({ title: "Mug", price: "10.00", inventory: 5 });
  const bea = await world.createAccount({ username: "bea" });

  const order = await bea.app.buy({ items: [{ product_id: mug.id, quantity: 2 }] });
  expect(order.status).toBe("ON_HOLD");
  expect(order.data.payment).toMatchObject({ total_amount: "20.00", currency: "USD" });

  await world.clock.advance("PT1H"); // S3: the buyer's hour to change their mind
  const waiting = await shop.seller.orders("AWAITING_SHIPMENT");
  expect(waiting.map((o) => o.id)).toEqual([order.id]);

  await shop.seller.ship(order.id, { provider: "UPS", tracking: "1Z999" });
  await world.carrier.deliver(order);
  expect(order.status).toBe("DELIVERED");
});

test("the operator makes orders and moves them on", async ({ world }) => {
  const shop = await world.createShop();
  const mug = await shop.createProduct({ title: "Mug" });
  const bea = await world.createAccount();
  await world.setRules({ S3: { hold_minutes: 0 } });

  const order = await world.createOrder({ buyer: bea, items: [{ product_id: mug.id, quantity: 1 }] });
  await order.transition("DELIVERED");
  expect((await order.refresh()).status).toBe("DELIVERED");
  expect((await world.events({ type: "order." })).length).toBeGreaterThan(0);
});
