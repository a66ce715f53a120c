/**
 * Runs a relay's chain call on the backends of its chain: nearest first, failover down the list on
 * a connection error, timeout, 5xx or oversized answer, and one hedged request when the answer is
 * slow, all within the relay's deadline. At most two requests are in flight at any time.
 *
 * The caller orders the backends (`orderBackends`), owns the per-isolate `BackendHealth`, and turns
 * a failure into pocket-core code 28 (`"error executing the http request: " + error`). Like
 * pocket-core, a chain's answer is returned whatever its status; only when every backend failed is
 * a 5xx answer returned (flagged `allFailed`), since that is what pocket-core would have signed.
 * @module
 */
import { describeFetchError, runAttempt, type AttemptOutcome, type AttemptResult, type FetchFunction } from "./attempt.js";
import type { Backend } from "./config.js";
import { NO_PERMIT, type BackendHealth, type Permit } from "./health.js";
import type { Region } from "./regions.js";
import { prepareRequest, requestHeaders, type BackendRequest, type PreparedRequest } from "./request.js";
import { backendUrl } from "./url.js";

/**
 * Default `maxResponseBytes`: 4 MiB. One answer costs about 5–6× its size in memory on the relay path
 * (bytes, text, the parsed tree of `sortJSONResponse`, the sorted text, the signed body) — measured by
 * `npm run bench:memory`: a 16 MiB answer ≈ 94 MB, four 16 MiB answers at once ≈ 146 MB, over the
 * isolate's 128 MB; four 4 MiB answers at once ≈ 36 MB (+ ≈ 5 MB of tree each), which an isolate
 * serving other relays can afford. Operators with larger answers raise `MAX_RESPONSE_BYTES`.
 */
export const DEFAULT_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

/** Parameters of {@link executeOnBackends}. */
export interface ExecuteOptions {
  /** Candidates, best first (see `orderBackends`). Those with an open breaker are moved last. */
  readonly backends: readonly Backend[];
  readonly request: BackendRequest;
  /** Budget in ms for the whole call, counted from its start: no request starts or runs past it. */
  readonly deadlineMs: number;
  /** Send one extra request to the next backend when the first is slow. Default true. */
  readonly hedge?: boolean;
  readonly health: BackendHealth;
  /** Default `globalThis.fetch`. */
  readonly fetch?: FetchFunction;
  /** Milliseconds clock for latencies and the remaining budget. Default `Date.now`. */
  readonly now?: () => number;
  /** A larger answer is a failure of its backend. Default {@link DEFAULT_MAX_RESPONSE_BYTES} (4 MiB). */
  readonly maxResponseBytes?: number;
}

/** One request of a call, for logs and metrics. Safe to log: no URL, no header value. */
export interface AttemptRecord {
  readonly name: string;
  readonly region: Region;
  readonly outcome: AttemptOutcome;
  readonly ms: number;
  /** Whether this was the hedged request. */
  readonly hedge: boolean;
  readonly status?: number;
  readonly error?: string;
}

/** An answer to sign: a good one, or (with `allFailed`) the best 5xx when nothing better came. */
export interface ExecuteSuccess {
  readonly ok: true;
  readonly status: number;
  readonly body: string;
  /** Name and region of the backend that answered. */
  readonly backend: string;
  readonly region: Region;
  readonly attempts: readonly AttemptRecord[];
  readonly hedged: boolean;
  /** Time the answering request took. */
  readonly backendMs: number;
  /** Every backend failed and this is a 5xx answer (from the best-ranked backend that gave one). */
  readonly allFailed: boolean;
}

/** No answer at all: every backend tried failed without a 5xx response, or none could be tried. */
export interface ExecuteFailure {
  readonly ok: false;
  /** Why, without secrets; pocket-core's code 28 text is `"error executing the http request: " + error`. */
  readonly error: string;
  readonly attempts: readonly AttemptRecord[];
  readonly hedged: boolean;
}

/** What {@link executeOnBackends} resolves to; it never rejects. */
export type ExecuteResult = ExecuteSuccess | ExecuteFailure;

interface Running {
  readonly backend: Backend;
  /** What the breaker granted; its verdict goes back with it. */
  readonly permit: Permit;
  readonly controller: AbortController;
  readonly started: number;
  readonly hedge: boolean;
  timer?: ReturnType<typeof setTimeout>;
}

type Settled = AttemptResult | { readonly outcome: "timeout"; readonly error: string };

const globalFetch: FetchFunction = (input, init) => fetch(input, init);

/**
 * Sends the relay's request to its chain's backends and returns the first good answer (status < 500).
 * Never rejects. The relay path is checked against every backend before any request is sent.
 * @example
 * const result = await executeOnBackends({ backends: orderBackends(config.get("0021")!, request.cf), request: { method: "", headers: null, body, path: "" }, deadlineMs: 10_000, health });
 * if (!result.ok) return relayError(28, `error executing the http request: ${result.error}`);
 */
export function executeOnBackends(options: ExecuteOptions): Promise<ExecuteResult> {
  const failure = (error: string): Promise<ExecuteFailure> => Promise.resolve({ ok: false, error, attempts: [], hedged: false });
  const { backends } = options;
  if (backends.length === 0) return failure("no backend configured for this chain");
  if (!(options.deadlineMs > 0)) return failure(`no time left for the chain call (deadline ${options.deadlineMs} ms)`);
  const prepared = prepareRequest(options.request);
  if (!prepared.ok) return failure(prepared.error);
  const urls = new Map<Backend, string>();
  for (const backend of backends) {
    const url = backendUrl(backend.url, options.request.path);
    if (!url.ok) return failure(url.error);
    urls.set(backend, url.url);
  }
  // The runtime may refuse what the checks above let through (workerd knows only some methods):
  // find out before a backend gets the blame. Only the client's own headers are used here.
  const first = urls.get(backends[0])!;
  try {
    new Request(first, { method: prepared.request.method, headers: requestHeaders(prepared.request, {}), body: prepared.request.body });
  } catch (e) {
    return failure(`invalid request: ${describeFetchError(e, first)}`);
  }
  return new Call(options, prepared.request, urls).run();
}

/** The state of one `executeOnBackends` call. */
class Call {
  private readonly health: BackendHealth;
  private readonly now: () => number;
  private readonly fetch: FetchFunction;
  private readonly maxResponseBytes: number;
  private readonly untried: Backend[];
  private readonly rank: Map<Backend, number>;
  private readonly inFlight = new Set<Running>();
  private readonly attempts: AttemptRecord[] = [];
  private readonly start: number;
  private readonly budget: number;
  private hedged = false;
  private done = false;
  private expired = false;
  private fallback?: { readonly running: Running; readonly status: number; readonly body: string; readonly ms: number };
  private hedgeTimer?: ReturnType<typeof setTimeout>;
  private deadlineTimer?: ReturnType<typeof setTimeout>;
  private resolve!: (result: ExecuteResult) => void;

  constructor(
    private readonly options: ExecuteOptions,
    private readonly request: PreparedRequest,
    private readonly urls: ReadonlyMap<Backend, string>,
  ) {
    this.health = options.health;
    this.now = options.now ?? Date.now;
    this.fetch = options.fetch ?? globalFetch;
    this.maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    const available = options.backends.filter((b) => this.health.isAvailable(b));
    this.untried = [...available, ...options.backends.filter((b) => !available.includes(b))];
    this.rank = new Map(this.untried.map((b, i) => [b, i]));
    this.start = this.now();
    // setTimeout fires at once for delays above 2^31 − 1 ms.
    this.budget = Math.min(options.deadlineMs, 2 ** 31 - 1);
  }

  run(): Promise<ExecuteResult> {
    return new Promise((resolve) => {
      this.resolve = resolve;
      this.deadlineTimer = setTimeout(() => this.onDeadline(), this.budget);
      if (!this.launch(false)) this.finish();
    });
  }

  private remaining(): number {
    return this.expired ? 0 : this.budget - (this.now() - this.start);
  }

  // The next untried backend whose breaker lets a request through; with `lastResort`, when none
  // does, the best of the rest anyway: an open breaker is better than no answer at all.
  private next(lastResort: boolean): { backend: Backend; permit: Permit } | undefined {
    let permit: Permit | undefined;
    const i = this.untried.findIndex((b) => (permit = this.health.tryAcquire(b)) !== undefined);
    if (i < 0 && !lastResort) return undefined;
    const backend = this.untried.splice(Math.max(i, 0), 1)[0];
    return backend && { backend, permit: permit ?? NO_PERMIT };
  }

  private launch(hedge: boolean): boolean {
    const left = this.remaining();
    if (this.done || left <= 0) return false;
    const chosen = this.next(!hedge);
    if (!chosen) return false;
    const { backend, permit } = chosen;
    const run: Running = { backend, permit, controller: new AbortController(), started: this.now(), hedge };
    // When the budget ends first, the deadline timer alone stops this request (no race of two timers).
    const timeout = backend.timeout_ms;
    if (timeout < left) run.timer = setTimeout(() => this.settle(run, { outcome: "timeout", error: `timeout after ${timeout} ms` }), timeout);
    this.inFlight.add(run);
    const url = this.urls.get(backend)!;
    const init: RequestInit = {
      method: this.request.method,
      headers: requestHeaders(this.request, backend.headers),
      body: this.request.body,
      signal: run.controller.signal,
    };
    runAttempt(this.fetch, url, init, this.maxResponseBytes).then(
      (result) => this.settle(run, result),
      (e: unknown) => this.settle(run, { outcome: "network", error: describeFetchError(e, url) }),
    );
    this.armHedge();
    return true;
  }

  // One hedge per call, for a request that is alone in flight and slower than its backend usually is.
  private armHedge(): void {
    if (this.options.hedge === false || this.hedged || this.hedgeTimer || this.inFlight.size !== 1 || this.untried.length === 0) return;
    const [running] = this.inFlight;
    this.hedgeTimer = setTimeout(() => {
      this.hedgeTimer = undefined;
      if (!this.done && this.inFlight.size === 1) this.hedged = this.launch(true);
    }, this.health.hedgeDelay(running.backend));
  }

  private settle(run: Running, result: Settled): void {
    if (this.done || !this.inFlight.delete(run)) return;
    clearTimeout(run.timer);
    if (result.outcome === "timeout") run.controller.abort(new Error(result.error));
    const ms = this.now() - run.started;
    const { name, region } = run.backend;
    if ("status" in result) {
      this.attempts.push({ name, region, outcome: result.outcome, ms, hedge: run.hedge, status: result.status });
    } else {
      this.attempts.push({ name, region, outcome: result.outcome, ms, hedge: run.hedge, error: result.error });
    }
    if (result.outcome === "ok") {
      this.health.recordSuccess(run.backend, ms, run.permit);
      this.finish({ running: run, status: result.status, body: result.body, ms });
      return;
    }
    this.health.recordFailure(run.backend, run.permit);
    if (result.outcome === "http-5xx" && (!this.fallback || this.rank.get(run.backend)! < this.rank.get(this.fallback.running.backend)!)) {
      this.fallback = { running: run, status: result.status, body: result.body, ms };
    }
    if (this.inFlight.size === 0) {
      clearTimeout(this.hedgeTimer);
      this.hedgeTimer = undefined;
    }
    if (!this.launch(false) && this.inFlight.size === 0) this.finish();
  }

  private onDeadline(): void {
    this.expired = true;
    for (const run of [...this.inFlight]) this.settle(run, { outcome: "timeout", error: `timeout: deadline of ${this.options.deadlineMs} ms reached` });
  }

  private finish(answer?: { readonly running: Running; readonly status: number; readonly body: string; readonly ms: number }): void {
    if (this.done) return;
    this.done = true;
    clearTimeout(this.deadlineTimer);
    clearTimeout(this.hedgeTimer);
    // The loser of a hedge: stop it, and give no verdict on its backend.
    for (const run of this.inFlight) {
      clearTimeout(run.timer);
      run.controller.abort(new Error("hedge lost"));
      this.health.recordCancelled(run.backend, run.permit);
      this.attempts.push({ name: run.backend.name, region: run.backend.region, outcome: "aborted", ms: this.now() - run.started, hedge: run.hedge });
    }
    this.inFlight.clear();
    const winner = answer ?? this.fallback;
    if (winner) {
      const { backend } = winner.running;
      this.resolve({
        ok: true,
        status: winner.status,
        body: winner.body,
        backend: backend.name,
        region: backend.region,
        attempts: this.attempts,
        hedged: this.hedged,
        backendMs: winner.ms,
        allFailed: !answer,
      });
    } else {
      this.resolve({ ok: false, error: this.failureReason(), attempts: this.attempts, hedged: this.hedged });
    }
  }

  private failureReason(): string {
    const total = this.options.backends.length;
    if (this.attempts.length === 0) return `no backend could be tried within the deadline of ${this.options.deadlineMs} ms`;
    const reasons = this.attempts.map((a) => `${a.name}: ${a.error}`).join("; ");
    const tried = total - this.untried.length;
    return tried === total ? `all ${total} backends failed: ${reasons}` : `${tried} of ${total} backends failed before the deadline: ${reasons}`;
  }
}
