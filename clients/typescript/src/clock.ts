/** A world's clock: read, advance, set, freeze; advancing fires the jobs that fall due. */
import { ok, type Api, type Schemas } from "./http";

export type ClockState = Schemas["Clock"];
export type ClockMoved = Schemas["ClockMoved"];

export class Clock {
  constructor(private readonly control: Api, readonly worldId: string) {}

  private get path() {
    return { params: { path: { world_id: this.worldId } } } as const;
  }

  private move(body: Schemas["ClockMove"]): Promise<ClockMoved> {
    return ok(this.control.POST("/_sandbox/v1/worlds/{world_id}/clock", { ...this.path, body }));
  }

  get(): Promise<ClockState> {
    return ok(this.control.GET("/_sandbox/v1/worlds/{world_id}/clock", this.path));
  }

  async now(): Promise<string> {
    return (await this.get()).now;
  }

  /** `advance(90)` (seconds) or `advance("PT24H")` (ISO-8601); `fired` lists what happened. */
  advance(duration: number | string): Promise<ClockMoved> {
    return this.move({ advance: duration });
  }

  /** Forward to an ISO instant. */
  set(instant: string): Promise<ClockMoved> {
    return this.move({ set: instant });
  }

  freeze(): Promise<ClockMoved> {
    return this.move({ freeze: true });
  }

  unfreeze(): Promise<ClockMoved> {
    return this.move({ freeze: false });
  }
}
