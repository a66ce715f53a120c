/**
 * Per-isolate health of chain backends: recent latencies (for the hedge delay) and a circuit
 * breaker (to stop sending relays to a backend that keeps failing). State lives in memory only;
 * each isolate learns on its own, which is enough for a few seconds' cool-down and costs no I/O.
 *
 * Breaker: `closed` → after `failureThreshold` consecutive failures `open` for a cool-down →
 * then `half-open`, where exactly one request may probe it ({@link BackendHealth.tryAcquire}); a
 * success closes it and resets the cool-down, a failure re-opens it with the cool-down doubled.
 * The probe is tracked by its own token ({@link Permit}): the late failure or the cancellation of
 * another request (sent before the breaker opened, a last resort, a hedge's loser) neither re-opens
 * the breaker nor frees the probe's slot for a second probe.
 * @module
 */

/** What health needs of a backend: a stable identity (see `Backend.id`). */
export interface BackendKey {
  readonly id: string;
}

/**
 * The right to send one request, from {@link BackendHealth.tryAcquire}; handed back with the
 * request's verdict. `probe` is the half-open probe's token, 0 for a request through a closed breaker.
 */
export interface Permit {
  readonly probe: number;
}

/** A request sent without a permit (a last resort through an open breaker). */
export const NO_PERMIT: Permit = { probe: 0 };

/** Circuit-breaker state of one backend. */
export type BreakerState = "closed" | "open" | "half-open";

/** Tuning of {@link BackendHealth}; every field has a default. */
export interface BackendHealthOptions {
  /** Milliseconds clock; injected in tests. Default `Date.now`. */
  readonly now?: () => number;
  /** Consecutive failures that open the breaker. Default 3. */
  readonly failureThreshold?: number;
  /** First cool-down; doubled on each re-open. Default 10 s. */
  readonly coolDownMs?: number;
  /** Longest cool-down. Default 120 s. */
  readonly maxCoolDownMs?: number;
  /** Successful latencies kept per backend. Default 64. */
  readonly latencySamples?: number;
  /** Below this many samples the hedge delay is `defaultHedgeMs`. Default 8. */
  readonly minSamples?: number;
  /** Hedge delay bounds and the delay used before enough samples exist. Defaults 50, 2000, 300 ms. */
  readonly minHedgeMs?: number;
  readonly maxHedgeMs?: number;
  readonly defaultHedgeMs?: number;
}

/** A read-only view of one backend, for health endpoints and logs. */
export interface BackendHealthSnapshot {
  readonly id: string;
  readonly state: BreakerState;
  readonly consecutiveFailures: number;
  /** When an open breaker turns half-open (ms, same clock as `now`); absent when closed. */
  readonly openUntil?: number;
  /** The cool-down the next opening will use. */
  readonly coolDownMs: number;
  readonly probeInFlight: boolean;
  readonly samples: number;
  readonly p50Ms?: number;
  readonly p90Ms?: number;
  readonly hedgeDelayMs: number;
}

interface State {
  readonly latencies: number[];
  next: number; // ring position of the next sample
  failures: number;
  open: boolean;
  openUntil: number;
  coolDownMs: number;
  probe: number; // token of the half-open probe in flight, 0 when none
  probeSince: number | undefined; // when the half-open probe was handed out
}

const DEFAULTS = {
  now: Date.now,
  failureThreshold: 3,
  coolDownMs: 10_000,
  maxCoolDownMs: 120_000,
  latencySamples: 64,
  minSamples: 8,
  minHedgeMs: 50,
  maxHedgeMs: 2_000,
  defaultHedgeMs: 300,
};

/**
 * Health of every backend this isolate has called.
 * @example
 * const health = new BackendHealth();
 * const permit = health.tryAcquire(backend);
 * if (permit) { … health.recordSuccess(backend, 42, permit) … }
 */
export class BackendHealth {
  private readonly options: Required<BackendHealthOptions>;
  private readonly states = new Map<string, State>();
  private lastProbe = 0;

  constructor(options: BackendHealthOptions = {}) {
    const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
    this.options = { ...DEFAULTS, ...defined };
  }

  /** The breaker state now (an open breaker whose cool-down has passed reads as half-open). */
  state(backend: BackendKey): BreakerState {
    const s = this.states.get(backend.id);
    if (!s?.open) return "closed";
    return this.options.now() < s.openUntil ? "open" : "half-open";
  }

  /** Whether a request may go to `backend` now: closed, or half-open with its probe not yet taken. */
  isAvailable(backend: BackendKey): boolean {
    const state = this.state(backend);
    return state === "closed" || (state === "half-open" && !this.probeTaken(this.states.get(backend.id)!));
  }

  /**
   * Claims the right to send a request now: always granted when closed; when half-open, granted to
   * one caller (the probe) until it reports back. Every granted attempt must end in exactly one of
   * `recordSuccess`, `recordFailure` or `recordCancelled`, with the permit it was given.
   */
  tryAcquire(backend: BackendKey): Permit | undefined {
    const state = this.state(backend);
    if (state === "closed") return NO_PERMIT;
    const s = this.states.get(backend.id)!;
    if (state === "open" || this.probeTaken(s)) return undefined;
    s.probe = ++this.lastProbe;
    s.probeSince = this.options.now();
    return { probe: s.probe };
  }

  /** A completed request: its latency feeds the hedge delay, and the breaker closes. */
  recordSuccess(backend: BackendKey, latencyMs: number, _permit: Permit = NO_PERMIT): void {
    const s = this.entry(backend);
    const { latencySamples } = this.options;
    if (s.latencies.length < latencySamples) s.latencies.push(latencyMs);
    else s.latencies[s.next] = latencyMs;
    s.next = (s.next + 1) % latencySamples;
    s.failures = 0;
    s.open = false;
    s.coolDownMs = this.options.coolDownMs;
    this.clearProbe(s);
  }

  /** A failed request (connection error, timeout, 5xx, oversized answer). */
  recordFailure(backend: BackendKey, permit: Permit = NO_PERMIT): void {
    const s = this.entry(backend);
    const now = this.options.now();
    s.failures++;
    if (s.open) {
      // Only the probe's failure re-opens; a late failure of a request sent before the breaker
      // opened (or a last-resort attempt while open) must not stretch the cool-down.
      if (permit.probe === 0 || permit.probe !== s.probe) return;
      this.clearProbe(s);
      s.coolDownMs = Math.min(s.coolDownMs * 2, this.options.maxCoolDownMs);
      s.openUntil = now + s.coolDownMs;
    } else if (s.failures >= this.options.failureThreshold) {
      s.open = true;
      s.openUntil = now + s.coolDownMs;
    }
  }

  /** An attempt abandoned before it could tell anything (the losing request of a hedge). */
  recordCancelled(backend: BackendKey, permit: Permit = NO_PERMIT): void {
    const s = this.states.get(backend.id);
    if (s && permit.probe !== 0 && permit.probe === s.probe) this.clearProbe(s);
  }

  private clearProbe(s: State): void {
    s.probe = 0;
    s.probeSince = undefined;
  }

  /**
   * How long to wait for `backend` before hedging: the p90 of its recent latencies, clamped to
   * [minHedgeMs, maxHedgeMs]; `defaultHedgeMs` until it has `minSamples` samples.
   */
  hedgeDelay(backend: BackendKey): number {
    const latencies = this.states.get(backend.id)?.latencies ?? [];
    const { minSamples, minHedgeMs, maxHedgeMs, defaultHedgeMs } = this.options;
    if (latencies.length < minSamples) return defaultHedgeMs;
    return Math.min(maxHedgeMs, Math.max(minHedgeMs, percentile(latencies, 0.9)));
  }

  /** Every known backend, sorted by id. */
  snapshot(): BackendHealthSnapshot[] {
    return [...this.states.keys()].sort().map((id) => {
      const s = this.states.get(id)!;
      const key = { id };
      const state = this.state(key);
      return {
        id,
        state,
        consecutiveFailures: s.failures,
        ...(s.open ? { openUntil: s.openUntil } : {}),
        coolDownMs: s.coolDownMs,
        probeInFlight: this.probeTaken(s),
        samples: s.latencies.length,
        ...(s.latencies.length ? { p50Ms: percentile(s.latencies, 0.5), p90Ms: percentile(s.latencies, 0.9) } : {}),
        hedgeDelayMs: this.hedgeDelay(key),
      };
    });
  }

  private entry(backend: BackendKey): State {
    let s = this.states.get(backend.id);
    if (!s) {
      s = { latencies: [], next: 0, failures: 0, open: false, openUntil: 0, coolDownMs: this.options.coolDownMs, probe: 0, probeSince: undefined };
      this.states.set(backend.id, s);
    }
    return s;
  }

  // A probe that never reported back (its caller crashed) must not block the backend forever:
  // after the longest cool-down the slot is free again.
  private probeTaken(s: State): boolean {
    return s.probeSince !== undefined && this.options.now() - s.probeSince < this.options.maxCoolDownMs;
  }
}

/** Nearest-rank percentile (`q` in (0, 1]) of a non-empty list. */
function percentile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];
}
