/** The errors this client throws: the sandbox's refusals and waits that ran out of time. */

/** Base of every error this client throws. */
export class SandboxClientError extends Error {
  override name = "SandboxClientError";
}

/** The sandbox refused: the HTTP `status`, the stable `code`, the `rule` ID and its `message`. */
export class SandboxApiError extends SandboxClientError {
  override name = "SandboxApiError";

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly rule: string | null = null,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }

  /** `LINK_HOLDER_UNDER_18 (rule C1): The account holder must be at least 18.` */
  override toString(): string {
    return `${this.name}: ${this.code}${this.rule ? ` (rule ${this.rule})` : ""}: ${this.message}`;
  }
}

/** A `waitUntil` ran out of time. */
export class SandboxTimeout extends SandboxClientError {
  override name = "SandboxTimeout";
}

interface ErrorShape {
  error?: { code?: string; message?: string; rule?: string | null; details?: Record<string, unknown> };
}

/** The SandboxApiError an error answer stands for (`{"error": {code, message, rule}}`). */
export function apiError(response: Response, body: unknown): SandboxApiError {
  const err = (body as ErrorShape | undefined)?.error;
  if (err && typeof err === "object") {
    return new SandboxApiError(response.status, err.code ?? "ERROR", err.message ?? "",
      err.rule ?? null, err.details ?? {});
  }
  const text = typeof body === "string" ? body : JSON.stringify(body ?? "");
  return new SandboxApiError(response.status, "HTTP_ERROR", text.slice(0, 300));
}
