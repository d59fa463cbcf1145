/** Typed HTTP calls on openapi-fetch: one client per actor (its own bearer token), and the
 * unwrapping that turns an error answer into a SandboxApiError. */
import createClient, { type Client } from "openapi-fetch";
import { apiError } from "./errors";
import type { components, paths } from "./schema";

export type Api = Client<paths>;
export type Schemas = components["schemas"];

/** A typed client of a sandbox or fake-app base URL, with `token` as its bearer token. */
export function api(baseUrl: string, token?: string): Api {
  return createClient<paths>({
    baseUrl: baseUrl.replace(/\/$/, ""),
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
}

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The answer's body, or the SandboxApiError it stands for. */
export async function ok<T>(call: Promise<Answer<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw apiError(response, error);
  return data as T;
}

export const WAIT_HEADER = "X-Sandbox-Wait";

/** A long poll of up to `wait` seconds: when the sandbox declines to hold it
 * (`X-Sandbox-Wait: declined`), ask again after its `Retry-After` until something comes or
 * `wait` has passed. `ask(wait)` makes one request. */
export async function longPoll<T>(
  ask: (wait: number | undefined) => Promise<Answer<{ [key: string]: unknown }>>,
  key: string,
  wait: number | undefined,
): Promise<T[]> {
  const deadline = Date.now() + (wait ?? 0) * 1000;
  for (;;) {
    const remaining = (deadline - Date.now()) / 1000;
    const { data, error, response } = await ask(remaining > 0 ? Math.round(remaining * 1000) / 1000 : undefined);
    if (!response.ok) throw apiError(response, error);
    const found = ((data ?? {})[key] ?? []) as T[];
    if (found.length || response.headers.get(WAIT_HEADER) !== "declined") return found;
    const left = deadline - Date.now();
    if (left <= 0) return found;
    const retry = Math.max(50, Number(response.headers.get("Retry-After") ?? "1") * 1000 || 1000);
    await pause(Math.min(retry, left));
  }
}

/** A client's pause between two polls of a server (tests never pause themselves). */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
