/** Orders from a script (S1-S4): an order as the operator sees it, and the simulated carrier. */
import { ok } from "./http";
import type { paths } from "./schema";
import type { World } from "./sandbox";

type OrderPath = paths["/_sandbox/v1/worlds/{world_id}/orders/{order_id}"]["get"];
export type OrderData = OrderPath["responses"][200]["content"]["application/json"];

export class Order {
  constructor(readonly world: World, public data: OrderData) {}

  get id(): string {
    return this.data.id;
  }

  get status(): string {
    return this.data.status;
  }

  async refresh(): Promise<this> {
    this.data = await ok(this.world.control.GET("/_sandbox/v1/worlds/{world_id}/orders/{order_id}",
      this.world.at({ order_id: this.id })));
    return this;
  }

  /** Operator: any later status, with every side effect of the steps between (S3). */
  async transition(to: string, reason = ""): Promise<this> {
    this.data = await ok(this.world.control.POST("/_sandbox/v1/worlds/{world_id}/orders/{order_id}/transition", {
      ...this.world.at({ order_id: this.id }), body: { to, reason } })) as OrderData;
    return this;
  }
}

/** The world's simulated carrier: collects and delivers shipped orders. */
export class Carrier {
  constructor(readonly world: World) {}

  /** `collected`, `in_transit` or `delivered` for a shipped order. */
  async event(order: Order | string, event: "collected" | "in_transit" | "delivered"): Promise<Order> {
    const id = typeof order === "string" ? order : order.id;
    const data = await ok(this.world.control.POST("/_sandbox/v1/worlds/{world_id}/orders/{order_id}/carrier", {
      ...this.world.at({ order_id: id }), body: { event } })) as OrderData;
    if (typeof order !== "string") order.data = data;
    return new Order(this.world, data);
  }

  collect(order: Order | string): Promise<Order> {
    return this.event(order, "collected");
  }

  deliver(order: Order | string): Promise<Order> {
    return this.event(order, "delivered");
  }
}
