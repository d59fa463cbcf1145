/** A TikTok account as the operator sees it, and the phone in its owner's hand (fake TikTok
 * app /app/api/v1): logging in, scanning QR codes, the inbox, buying. */
import { ok, type Api, type Schemas } from "./http";
import { Order, type OrderData } from "./orders";
import type { World } from "./sandbox";

export type AccountData = Schemas["Account"];
export type Purchase = Schemas["Purchase"];

export class Account {
  readonly openId: string;
  readonly username: string;
  readonly password: string;
  readonly app: App;

  constructor(readonly world: World, readonly data: AccountData) {
    this.openId = data.open_id;
    this.username = data.username;
    this.password = (data as { password?: string }).password ?? "";
    this.app = new App(this);
  }

  /** Control plane: change the account's facts (age, region, status, followers, …). */
  update(fields: Schemas["AccountChange"]): Promise<AccountData> {
    return ok(this.world.control.PATCH("/_sandbox/v1/worlds/{world_id}/accounts/{open_id}", {
      ...this.world.at({ open_id: this.openId }), body: fields }));
  }
}

/** The phone: logs in with the account's password on first use. */
export class App {
  private session?: Api;

  constructor(readonly account: Account) {}

  async login(password?: string): Promise<this> {
    const sandbox = this.account.world.sandbox;
    const appUrl = await sandbox.appUrl();
    const data = await ok(sandbox.api(appUrl).POST("/app/api/v1/login", { body: {
      world: this.account.world.id, username: this.account.username,
      password: password ?? this.account.password } }));
    this.session = sandbox.api(appUrl, data.session_token);
    return this;
  }

  /** The logged-in phone's typed client (it logs in first when it has not yet). */
  async api(): Promise<Api> {
    if (!this.session) await this.login();
    return this.session as Api;
  }

  /** Open the QR code's link: the consent screen shows, waiting for Authorize or Deny (D2). */
  scan(qrUrl: string): ScannedQr {
    return new ScannedQr(this, qrUrl);
  }

  /** E1: the shops' invitations to become their marketing account. */
  async inbox(): Promise<InboxInvitation[]> {
    const phone = await this.api();
    const { invitations } = await ok(phone.GET("/app/api/v1/inbox"));
    return (invitations ?? []).map((i) => new InboxInvitation(this, i));
  }

  /** Buy from the product's page (S1): `buy({ items: [{ product_id, quantity }] })`. */
  async buy(purchase: Purchase): Promise<Order> {
    const phone = await this.api();
    const data = await ok(phone.POST("/app/api/v1/orders", { body: purchase }));
    return new Order(this.account.world, data as OrderData);
  }
}

/** A QR code the phone has opened: the consent screen, waiting for Authorize or Deny (D2).
 * `scan()` returns at once; the scan itself is made by the first of `consent()`,
 * `authorize()` or `deny()`. */
export class ScannedQr {
  private scanned?: Promise<Schemas["ScannedQr"]>;

  constructor(readonly app: App, readonly qrUrl: string) {}

  /** Scan (once): what the consent screen shows (the shop, the scopes, the ticket's status). */
  consent(): Promise<Schemas["ScannedQr"]> {
    this.scanned ??= this.app.api().then((phone) =>
      ok(phone.POST("/app/api/v1/scan", { body: { url: this.qrUrl } })));
    return this.scanned;
  }

  /** D2: tap Authorize. */
  authorize(): Promise<unknown> {
    return this.answer("/app/api/v1/qr/{token}/authorize");
  }

  deny(): Promise<unknown> {
    return this.answer("/app/api/v1/qr/{token}/deny");
  }

  private async answer(path: "/app/api/v1/qr/{token}/authorize" | "/app/api/v1/qr/{token}/deny"): Promise<unknown> {
    const { token } = await this.consent();
    const phone = await this.app.api();
    return ok(phone.POST(path, { params: { path: { token } } }));
  }
}

/** An invitation in the phone's inbox: accept or decline it (E1). */
export class InboxInvitation {
  constructor(readonly app: App, public data: Schemas["InboxInvitation"]) {}

  get id(): string {
    return this.data.id ?? "";
  }

  get status(): string {
    return this.data.status ?? "";
  }

  accept(): Promise<this> {
    return this.answer("/app/api/v1/invitations/{invitation_id}/accept");
  }

  decline(): Promise<this> {
    return this.answer("/app/api/v1/invitations/{invitation_id}/decline");
  }

  private async answer(path: "/app/api/v1/invitations/{invitation_id}/accept"
    | "/app/api/v1/invitations/{invitation_id}/decline"): Promise<this> {
    const phone = await this.app.api();
    this.data = await ok(phone.POST(path, {
      params: { path: { invitation_id: this.id } } })) as Schemas["InboxInvitation"];
    return this;
  }
}
