/** A record a seller watches (a link request, an invitation): `refresh()` reads it once,
 * `waitUntil()` polls until it reaches a wanted status. */
import { SandboxApiError, SandboxTimeout } from "./errors";
import { pause } from "./http";

export interface PolledData {
  id?: string;
  status?: string;
  error?: { code?: string; message?: string; rule?: string | null; details?: Record<string, unknown> } | null;
}

export interface WaitOptions {
  /** milliseconds before a SandboxTimeout (default 10 000) */
  timeout?: number;
}

export abstract class Polled<D extends PolledData> {
  /** Statuses the record stays in; settling elsewhere than wanted throws. */
  protected abstract readonly settled: readonly string[];
  /** What it is called in messages, and the code prefix of a refusal without one. */
  protected abstract readonly noun: string;
  protected abstract readonly codePrefix: string;

  constructor(public data: D) {}

  get id(): string {
    return this.data.id ?? "";
  }

  get status(): string {
    return this.data.status ?? "";
  }

  /** Read the record once. */
  protected abstract read(): Promise<D>;

  async refresh(): Promise<this> {
    this.data = await this.read();
    return this;
  }

  /** Poll until the status is one of `statuses` (default: any settled one); a SandboxApiError
   * with the refusal's code and rule when it settles anywhere else. */
  async waitUntil(statuses?: string | readonly string[], options: WaitOptions = {}): Promise<this> {
    const wanted = statuses === undefined ? this.settled : typeof statuses === "string" ? [statuses] : statuses;
    const timeout = options.timeout ?? 10_000;
    const deadline = Date.now() + timeout;
    for (;;) {
      await this.refresh();
      if (wanted.includes(this.status)) return this;
      if (this.settled.includes(this.status)) {
        const err = this.data.error ?? {};
        throw new SandboxApiError(409, err.code ?? `${this.codePrefix}_${this.status.toUpperCase()}`,
          err.message ?? `The ${this.noun} is ${this.status}.`, err.rule ?? null,
          { ...(err.details ?? {}), status: this.status });
      }
      if (Date.now() > deadline) {
        throw new SandboxTimeout(`${this.noun} ${this.id} still ${this.status} after ${timeout} ms ` +
          `(wanted ${wanted.join(", ")})`);
      }
      await pause(20);
    }
  }
}
