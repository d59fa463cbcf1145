/** tiktok-shop-sandbox: a typed client of the TikTok Shop Sandbox's control plane and actors. */
export { Account, App, InboxInvitation, ScannedQr } from "./account";
export { Clock, type ClockMoved, type ClockState } from "./clock";
export { SandboxApiError, SandboxClientError, SandboxTimeout } from "./errors";
export { api, type Api, type Schemas } from "./http";
export { Carrier, Order, type OrderData } from "./orders";
export {
  Faults, type CheckRun, type ClientRegistration, type Fault, type FaultCreate, type LoggedRequest,
  type LoginKitClient, type ReadinessReport, type ShopApp,
} from "./partners";
export { OrganizationAccount, type OneTimePassword } from "./organization";
export { Sandbox, World, type CreateWorldOptions, type Event, type SmsMessage } from "./sandbox";
export { Invitation, LinkRequest, Seller, Shop } from "./shop";
export { serveSandbox, type ServedSandbox } from "./server";
export type { components, paths } from "./schema";
