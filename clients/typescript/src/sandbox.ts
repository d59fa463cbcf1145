/** The operator's control plane (/_sandbox/v1): the sandbox and its worlds. */
import { randomBytes } from "node:crypto";
import { api, longPoll, ok, type Api, type Schemas } from "./http";
import { Account } from "./account";
import { Clock } from "./clock";
import { Carrier, Order, type OrderData } from "./orders";
import {
  Faults, loggedRequests, registerApp, runChecks,
  type CheckRun, type ClientRegistration, type LoggedRequest, type LoginKitClient, type ReadinessReport,
  type ShopApp,
} from "./partners";
import { Shop } from "./shop";

export type WorldData = Schemas["World"];
export type RulesPatch = Schemas["RulesPatch"];
export type SettingsPatch = Schemas["SettingsPatch"];
export type ShopCreate = Omit<Schemas["ShopCreate"], "name"> & { name?: string };
export type AccountCreate = Omit<Schemas["AccountCreate"], "username" | "region"> & {
  username?: string;
  region?: string;
};
export type OrderCreate = Omit<Schemas["OrderCreate"], "buyer"> & { buyer: string | Account };
export type Event = Schemas["Event"];
export type SmsMessage = Schemas["SmsMessage"];

export interface CreateWorldOptions {
  name?: string;
  /** a named seed, e.g. "demo" */
  seed?: string;
  /** the clock stands still until advanced (the fixture's worlds are frozen) */
  frozen?: boolean;
  /** the world's start instant (ISO-8601) */
  now?: string;
  id?: string;
  rules?: RulesPatch;
  settings?: SettingsPatch;
}

/** A sandbox over HTTP: `new Sandbox("http://127.0.0.1:8700")`. */
export class Sandbox {
  readonly url: string;
  readonly control: Api;
  private appUrlFound?: string;

  constructor(url = "http://127.0.0.1:8700", options: { token?: string } = {}) {
    this.url = url.replace(/\/$/, "");
    this.control = api(this.url, options.token);
  }

  /** A typed client of another base URL (the fake app) with its own bearer token. */
  api(baseUrl: string, token?: string): Api {
    return api(baseUrl, token);
  }

  /** The fake TikTok app's base URL (the phone), learnt from the sandbox's info. */
  async appUrl(): Promise<string> {
    this.appUrlFound ??= (await ok(this.control.GET("/_sandbox/v1/info"))).app_url;
    if (!this.appUrlFound) throw new Error(`${this.url} did not say where its fake TikTok app is`);
    return this.appUrlFound;
  }

  /** A new world; `rules` and `settings` change the defaults in it alone. */
  async createWorld(options: CreateWorldOptions = {}): Promise<World> {
    const body = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
    return new World(this, await ok(this.control.POST("/_sandbox/v1/worlds", { body })));
  }

  async world(id: string): Promise<World> {
    const path = { world_id: id };
    return new World(this, await ok(this.control.GET("/_sandbox/v1/worlds/{world_id}", { params: { path } })));
  }

  /** A new world from a snapshot bundle (keys re-issued: see the new world's `keys`). */
  async loadSnapshot(snapshot: Record<string, unknown>, options: { id?: string; name?: string } = {}): Promise<World> {
    const body = { snapshot, ...options };
    return new World(this, await ok(this.control.POST("/_sandbox/v1/worlds", { body })));
  }

  async worlds(): Promise<World[]> {
    const { worlds } = await ok(this.control.GET("/_sandbox/v1/worlds"));
    return (worlds ?? []).map((w) => new World(this, w));
  }

  /** Every rule as the registry declares it. */
  async rules(): Promise<Schemas["Rule"][]> {
    return (await ok(this.control.GET("/_sandbox/v1/rules"))).rules ?? [];
  }
}

/** A name unique in practice (time and randomness), for shops and accounts created without one. */
export function fresh(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
}

/** An isolated world: its shops, accounts, clock, events, SMS and orders. */
export class World {
  readonly id: string;
  readonly name: string;
  readonly clock: Clock;
  readonly carrier: Carrier;
  readonly faults: Faults;

  constructor(readonly sandbox: Sandbox, readonly data: WorldData) {
    this.id = data.id;
    this.name = data.name;
    this.clock = new Clock(sandbox.control, this.id);
    this.carrier = new Carrier(this);
    this.faults = new Faults(this);
  }

  get control(): Api {
    return this.sandbox.control;
  }

  /** `{ params: { path: { world_id } } }` plus more path parameters. */
  at<P extends object>(more?: P) {
    return { params: { path: { world_id: this.id, ...(more ?? ({} as P)) } } };
  }

  async createShop(fields: ShopCreate = {}): Promise<Shop> {
    const body = { market: "US", ...fields, name: fields.name ?? fresh("Shop ") };
    return new Shop(this, await ok(this.control.POST("/_sandbox/v1/worlds/{world_id}/shops", { ...this.at(), body })));
  }

  /** An adult TikTok account in the US unless `fields` say otherwise. */
  async createAccount(fields: AccountCreate = {}): Promise<Account> {
    const body = { region: "US", ...(fields.birthdate ? {} : { age: 27 }), ...fields,
      username: fields.username ?? fresh("creator") };
    return new Account(this, await ok(this.control.POST("/_sandbox/v1/worlds/{world_id}/accounts", { ...this.at(), body })));
  }

  /** Events in order after seq `after`, of `type` (or a family such as "link."); `wait`
   * long-polls up to that many seconds for the first. */
  events(options: { after?: number; type?: string; wait?: number } = {}): Promise<Event[]> {
    const { after = 0, type, wait } = options;
    return longPoll<Event>((w) => this.control.GET("/_sandbox/v1/worlds/{world_id}/events", {
      params: { path: { world_id: this.id }, query: { after, ...(type ? { type } : {}), ...(w ? { wait: w } : {}) } },
    }), "events", wait);
  }

  /** The world's SMS outbox (to `phone`); `wait` long-polls up to that many seconds. */
  sms(options: { phone?: string; after?: number; wait?: number } = {}): Promise<SmsMessage[]> {
    const { after = 0, phone, wait } = options;
    return longPoll<SmsMessage>((w) => this.control.GET("/_sandbox/v1/worlds/{world_id}/sms", {
      params: { path: { world_id: this.id }, query: { after, ...(phone ? { phone } : {}), ...(w ? { wait: w } : {}) } },
    }), "messages", wait);
  }

  /** The effective rule numbers of this world. */
  rules(): Promise<Schemas["WorldRules"]> {
    return ok(this.control.GET("/_sandbox/v1/worlds/{world_id}/rules", this.at()));
  }

  /** Change rule parameters from the world's next action (`{ E1: { hours: 1 } }`); null resets. */
  setRules(patch: RulesPatch): Promise<Schemas["WorldRules"]> {
    return ok(this.control.PATCH("/_sandbox/v1/worlds/{world_id}/rules", { ...this.at(), body: patch }));
  }

  setSettings(patch: SettingsPatch): Promise<Schemas["WorldSettings"]> {
    return ok(this.control.PATCH("/_sandbox/v1/worlds/{world_id}/settings", { ...this.at(), body: patch }));
  }

  /** Control plane: `buyer` buys `items` (as on the phone); paid unless `paid: false`. */
  async createOrder(order: OrderCreate): Promise<Order> {
    const buyer = typeof order.buyer === "string" ? order.buyer : order.buyer.openId;
    const data = await ok(this.control.POST("/_sandbox/v1/worlds/{world_id}/orders", {
      ...this.at(), body: { ...order, buyer } }));
    return new Order(this, data as OrderData);
  }

  async order(id: string): Promise<Order> {
    return new Order(this, await ok(this.control.GET("/_sandbox/v1/worlds/{world_id}/orders/{order_id}",
      this.at({ order_id: id }))) as OrderData);
  }

  async links(): Promise<Schemas["Link"][]> {
    return (await ok(this.control.GET("/_sandbox/v1/worlds/{world_id}/links", this.at()))).links ?? [];
  }

  /** A copy of this world (every row, its clock and event log), keys re-issued. */
  async fork(options: { id?: string; name?: string } = {}): Promise<World> {
    const body = { from_world: this.id, ...options };
    return new World(this.sandbox, await ok(this.control.POST("/_sandbox/v1/worlds", { body })));
  }

  /** The world as a portable JSON bundle (`sandbox.loadSnapshot(bundle)` makes a world of it). */
  async snapshot(): Promise<Record<string, unknown>> {
    return (await ok(this.control.GET("/_sandbox/v1/worlds/{world_id}/snapshot", this.at()))) as Record<string, unknown>;
  }

  /** A TikTok Shop partner app (Partner Center): `app_key`, `app_secret`, `authorize_url`. */
  registerShopApp(body: Omit<ClientRegistration, "kind">): Promise<ShopApp> {
    return registerApp(this, "shop_app", body);
  }

  /** A Login Kit client (TikTok for Developers): `client_key`, `client_secret`. */
  registerLoginKitClient(body: Omit<ClientRegistration, "kind">): Promise<LoginKitClient> {
    return registerApp(this, "login_kit", body);
  }

  requests(options: { after?: number; status?: string } = {}): Promise<LoggedRequest[]> {
    return loggedRequests(this, options);
  }

  check(run: CheckRun): Promise<ReadinessReport> {
    return runChecks(this, run);
  }

  async delete(): Promise<void> {
    await ok(this.control.DELETE("/_sandbox/v1/worlds/{world_id}", this.at()));
  }
}
