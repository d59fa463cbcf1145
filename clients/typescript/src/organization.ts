/** A shop's organization account as Seller Center shows it (G1-G5): created after a delay, then
 * an SMS code to the shop's phone gives a one-time password to log in with. */
import { ok, type Schemas } from "./http";
import { Polled } from "./polled";
import type { Seller } from "./shop";

export type OrganizationAccountData = Schemas["OrganizationAccount"];
export type OneTimePassword = Schemas["OneTimePassword"];

/** pending → created | failed (`waitUntil("created")` after advancing the clock). */
export class OrganizationAccount extends Polled<OrganizationAccountData> {
  protected readonly settled = ["created", "failed"];
  protected readonly noun = "organization account";
  protected readonly codePrefix = "ORG_ACCOUNT";

  constructor(readonly seller: Seller, data: OrganizationAccountData) {
    super(data);
  }

  get openId(): string | null {
    return this.data.open_id ?? null;
  }

  get username(): string | null {
    return this.data.username ?? null;
  }

  protected read(): Promise<OrganizationAccountData> {
    return ok(this.seller.api.GET("/api/v1/organization-accounts/{org_id}", {
      params: { path: { org_id: this.id } } }));
  }

  private get openIdPath() {
    if (!this.openId) throw new Error(`organization account ${this.id} is ${this.status}: no open_id yet`);
    return { params: { path: { open_id: this.openId } } };
  }

  /** G4: "verify by phone": a code goes to the shop's phone (read it with `world.sms()`). */
  sendSmsCode() {
    return ok(this.seller.api.POST("/api/v1/organization-accounts/{open_id}/sms-code", this.openIdPath));
  }

  /** G4: enter the SMS code; Seller Center shows the username and a one-time password. */
  oneTimePassword(smsCode: string): Promise<OneTimePassword> {
    return ok(this.seller.api.POST("/api/v1/organization-accounts/{open_id}/one-time-password", {
      ...this.openIdPath, body: { sms_code: smsCode } }));
  }
}
