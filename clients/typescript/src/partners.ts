/** What a partner developer's suite uses beside the story: registered apps, fault rules, the
 * request log, readiness checks, and a world's copies (fork, snapshot). */
import { ok, type Schemas } from "./http";
import type { World } from "./sandbox";

export type ClientRegistration = Schemas["ClientRegistration"];
export type ShopApp = Schemas["ShopApp"];
export type LoginKitClient = Schemas["Client"];
export type FaultCreate = Schemas["FaultCreate"];
export type Fault = Schemas["Fault"];
export type LoggedRequest = Schemas["LoggedRequest"];
export type CheckRun = Schemas["CheckRun"];
export type ReadinessReport = Schemas["ReadinessReport"];

/** The world's fault rules (sandbox extension): `world.faults.add({ match, effect, times })`. */
export class Faults {
  constructor(private readonly world: World) {}

  add(rule: FaultCreate): Promise<Fault> {
    return ok(this.world.control.POST("/_sandbox/v1/worlds/{world_id}/faults", { ...this.world.at(), body: rule }));
  }

  async list(): Promise<Fault[]> {
    return (await ok(this.world.control.GET("/_sandbox/v1/worlds/{world_id}/faults", this.world.at()))).faults ?? [];
  }

  async remove(id: string): Promise<void> {
    await ok(this.world.control.DELETE("/_sandbox/v1/worlds/{world_id}/faults/{fault_id}",
      this.world.at({ fault_id: id })));
  }
}

type Registration = Omit<ClientRegistration, "kind">;

/** Register a partner app of `kind`; the answer carries its keys and secret (shown once). */
export async function registerApp<K extends "shop_app" | "login_kit">(world: World, kind: K, body: Registration):
    Promise<K extends "shop_app" ? ShopApp : LoginKitClient> {
  const made = await ok(world.control.POST("/_sandbox/v1/worlds/{world_id}/clients",
    { ...world.at(), body: { ...body, kind } }));
  return made as K extends "shop_app" ? ShopApp : LoginKitClient;
}

/** The world's request log after seq `after` (`status`: "error", "4xx", "429"...). */
export async function loggedRequests(world: World, options: { after?: number; status?: string } = {}):
    Promise<LoggedRequest[]> {
  const query = { after: options.after ?? 0, ...(options.status ? { status: options.status } : {}) };
  return (await ok(world.control.GET("/_sandbox/v1/worlds/{world_id}/requests",
    { params: { path: { world_id: world.id }, query } }))).requests ?? [];
}

/** Run the readiness cases against the partner's running app (POST /worlds/{id}/checks). */
export function runChecks(world: World, run: CheckRun): Promise<ReadinessReport> {
  return ok(world.control.POST("/_sandbox/v1/worlds/{world_id}/checks", { ...world.at(), body: run }));
}
