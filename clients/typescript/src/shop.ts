/** A shop as the operator sees it, and its seller in Seller Center (sandbox /api/v1): what the
 * seller clicks, and the records it watches (link requests, invitations). */
import { ok, type Api, type Schemas } from "./http";
import { OrganizationAccount } from "./organization";
import { Polled } from "./polled";
import type { paths } from "./schema";
import type { World } from "./sandbox";

type SellerOrders = paths["/api/v1/orders"]["get"]["responses"][200]["content"]["application/json"];
export type SellerOrder = SellerOrders["orders"][number];

export type ShopData = Schemas["Shop"];
export type LinkRequestData = Schemas["LinkRequest"];
export type InvitationData = Schemas["Invitation"];
export type ProductCreate = Omit<Schemas["ProductCreate"], "title" | "price"> & { title?: string; price?: string };

export class Shop {
  readonly id: string;
  readonly name: string;
  readonly market: string;
  readonly seller: Seller;

  constructor(readonly world: World, readonly data: ShopData) {
    this.id = data.id;
    this.name = data.name;
    this.market = data.market;
    if (!data.seller) throw new Error(`shop ${data.id} came without its seller login`);
    this.seller = new Seller(this, data.seller);
  }

  /** Control plane: a product of this shop, on sale unless `status` says otherwise. */
  createProduct(fields: ProductCreate = {}) {
    const body = { ...fields, title: fields.title ?? "Sample product", price: fields.price ?? "9.99" };
    return ok(this.world.control.POST("/_sandbox/v1/worlds/{world_id}/shops/{shop_id}/products", {
      ...this.world.at({ shop_id: this.id }), body }));
  }
}

/** The seller signed in to the shop's Seller Center: `email`, `password`, and its calls. */
export class Seller {
  readonly email: string;
  readonly password: string;
  readonly api: Api;

  constructor(readonly shop: Shop, login: Schemas["Seller"]) {
    this.email = login.email ?? "";
    this.password = login.password ?? "";
    this.api = shop.world.sandbox.api(shop.world.sandbox.url, login.token);
  }

  /** D1: read the rules, agree, get a QR code (`link.qrUrl`). */
  async startOfficialLink(): Promise<LinkRequest> {
    const body = { agreed: true } as const;
    return new LinkRequest(this, await ok(this.api.POST("/api/v1/links/official", { body })));
  }

  /** E1: Marketing accounts → invite by username. */
  async invite(username: string): Promise<Invitation> {
    return new Invitation(this, await ok(this.api.POST("/api/v1/invitations", { body: { username } })));
  }

  async invitations(): Promise<Invitation[]> {
    const { invitations } = await ok(this.api.GET("/api/v1/invitations"));
    return (invitations ?? []).map((i) => new Invitation(this, i));
  }

  /** G1: Official account → Create; pending until the creation delay has passed. */
  async createOrganizationAccount(username?: string): Promise<OrganizationAccount> {
    return new OrganizationAccount(this, await ok(this.api.POST("/api/v1/organization-accounts", {
      body: username ? { username } : {} })));
  }

  /** Seller Center → Orders (newest first), optionally of one `status`. */
  async orders(status?: string): Promise<SellerOrder[]> {
    return (await ok(this.api.GET("/api/v1/orders", { params: { query: status ? { status } : {} } }))).orders;
  }

  /** Ship an order (AWAITING_SHIPMENT → AWAITING_COLLECTION). */
  ship(orderId: string, shipment: { provider?: string; tracking?: string } = {}) {
    return ok(this.api.POST("/api/v1/orders/{order_id}/ship", {
      params: { path: { order_id: orderId } }, body: { provider: "", tracking: "", ...shipment } }));
  }
}

/** A QR link attempt as Seller Center shows it; `waitUntil("ready")` then `confirm()`. */
export class LinkRequest extends Polled<LinkRequestData> {
  protected readonly settled = ["ready", "refused", "in_progress", "linked", "expired", "denied",
    "cancelled", "failed"];
  protected readonly noun = "link request";
  protected readonly codePrefix = "LINK";

  constructor(readonly seller: Seller, data: LinkRequestData) {
    super(data);
  }

  /** The link the phone scans (`account.app.scan(link.qrUrl)`). */
  get qrUrl(): string {
    return this.data.qr_url ?? "";
  }

  get linkId(): string | null {
    return this.data.link_id ?? null;
  }

  protected read(): Promise<LinkRequestData> {
    return ok(this.seller.api.GET("/api/v1/links/{request_id}", { params: { path: { request_id: this.id } } }));
  }

  /** D3: "Link this account". */
  confirm(): Promise<this> {
    return this.act("/api/v1/links/{request_id}/confirm");
  }

  cancel(): Promise<this> {
    return this.act("/api/v1/links/{request_id}/cancel");
  }

  private async act(path: "/api/v1/links/{request_id}/confirm" | "/api/v1/links/{request_id}/cancel"): Promise<this> {
    this.data = await ok(this.seller.api.POST(path, { params: { path: { request_id: this.id } } }));
    return this;
  }
}

/** A marketing invitation as Seller Center shows it (E1): sent → linked | declined | expired. */
export class Invitation extends Polled<InvitationData> {
  protected readonly settled = ["linked", "declined", "expired", "refused"];
  protected readonly noun = "invitation";
  protected readonly codePrefix = "INVITATION";

  constructor(readonly seller: Seller, data: InvitationData) {
    super(data);
  }

  get username(): string {
    return this.data.username ?? "";
  }

  protected read(): Promise<InvitationData> {
    return ok(this.seller.api.GET("/api/v1/invitations/{invitation_id}", {
      params: { path: { invitation_id: this.id } } }));
  }
}
