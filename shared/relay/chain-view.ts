/**
 * What a servicer knows of the chain, cached per isolate so a relay costs no chain call in the common
 * case: the latest height (short-lived, refreshed when a client shows a newer one), parameters per
 * session height, the latest session of an (app, chain) from dispatch (kept until the session can
 * change), and apps at a session's start. Concurrent misses share one request (single flight).
 * @module
 */
import { BoundedCache } from "../morse/keys.js";
import { latestSessionBlockHeight } from "../morse/session.js";
import type { AppState, DispatchAnswer, PocketRpc, RpcResult } from "../rpc/pocket-rpc.js";
import { pastSessionNodes } from "./past-session.js";

/** The parameters the relay path reads. */
export interface RelayParams {
  readonly blocksPerSession: number;
  readonly sessionNodeCount: number;
  /** `application/MaximumChains`; `undefined` on chains without it (before the MAXCH upgrade). */
  readonly maximumChains: number | undefined;
  /** `pos/MaximumChains`: nodes staked for more chains are skipped by the session walk; `undefined` before the upgrade. */
  readonly nodeMaximumChains: number | undefined;
  /** `pocketcore/SupportedBlockchains`, when the chain lists it. */
  readonly supportedChains: readonly string[] | undefined;
}

export interface ChainViewOptions {
  /** How long a fetched height is trusted before it is asked again. */
  readonly heightTtlMs: number;
  readonly now?: () => number;
  /** Bound on cached sessions / apps (each entry is small). */
  readonly maxEntries?: number;
}

interface Timed<T> {
  readonly at: number;
  readonly value: T;
}

export class ChainView {
  private readonly now: () => number;
  private height: Timed<number> | undefined;
  private heightFlight: Promise<RpcResult<number>> | undefined;
  private readonly params = new BoundedCache<number, Promise<RpcResult<RelayParams>>>(64);
  private readonly sessions: BoundedCache<string, Promise<RpcResult<DispatchAnswer>>>;
  private readonly apps: BoundedCache<string, Promise<RpcResult<AppState | undefined>>>;
  private readonly settledSessions: BoundedCache<string, DispatchAnswer>;
  private readonly pastSessions = new BoundedCache<string, Promise<RpcResult<readonly string[]>>>(1_000);
  private blocksPerSession: number | undefined;

  constructor(
    readonly rpc: PocketRpc,
    private readonly options: ChainViewOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.sessions = new BoundedCache(options.maxEntries ?? 10_000);
    this.apps = new BoundedCache(options.maxEntries ?? 10_000);
    this.settledSessions = new BoundedCache(options.maxEntries ?? 10_000);
  }

  /**
   * The latest height. `fresh` forces a new read (used when a client claims a height we have not
   * seen yet: our cache is stale, not the client wrong).
   */
  async latestHeight(fresh = false): Promise<RpcResult<number>> {
    const cached = this.height;
    if (!fresh && cached && this.now() - cached.at < this.options.heightTtlMs) return { ok: true, value: cached.value };
    if (!this.heightFlight) {
      const startedAt = this.now();
      this.heightFlight = this.rpc.height().then((answer) => {
        this.heightFlight = undefined;
        // Heights never go back: keep the larger one if answers race.
        if (answer.ok && (!this.height || answer.value >= this.height.value)) this.height = { at: startedAt, value: answer.value };
        return answer;
      });
    }
    const answer = await this.heightFlight;
    // A chain blip must not fail every relay at once: a height read within the stale limit still
    // serves (a session lasts BlocksPerSession blocks, far longer), and the next call asks again.
    if (!answer.ok && cached && this.now() - cached.at < this.staleLimitMs) return { ok: true, value: cached.value };
    return answer;
  }

  /** How old a height may be when the chain cannot be read: ten cache periods, at least a minute. */
  private get staleLimitMs(): number {
    return Math.max(60_000, 10 * this.options.heightTtlMs);
  }

  /** Parameters at `height`, cached per height (callers pass session heights). */
  paramsAt(height: number): Promise<RpcResult<RelayParams>> {
    return this.memo(this.params, height, async () => {
      const answer = await this.rpc.allParams(height);
      if (!answer.ok) return answer;
      const p = answer.value;
      const blocksPerSession = Number(p.get("pos/BlocksPerSession"));
      const sessionNodeCount = Number(p.get("pocketcore/SessionNodeCount"));
      if (!(blocksPerSession >= 1) || !(sessionNodeCount >= 1)) {
        return { ok: false, status: 200, error: "the chain's params lack pos/BlocksPerSession or pocketcore/SessionNodeCount" };
      }
      const maxChains = p.get("application/MaximumChains");
      const nodeMaxChains = p.get("pos/MaximumChains");
      return {
        ok: true,
        value: {
          blocksPerSession,
          sessionNodeCount,
          maximumChains: maxChains === undefined ? undefined : Number(maxChains),
          nodeMaximumChains: nodeMaxChains === undefined ? undefined : Number(nodeMaxChains),
          supportedChains: parseList(p.get("pocketcore/SupportedBlockchains")),
        },
      };
    });
  }

  /**
   * The parameters of the current session. `BlocksPerSession` is needed to know which session is
   * current, so it is learnt once from the latest height and then every read is keyed by the session
   * height (stable for the whole session).
   */
  async currentParams(latestHeight: number): Promise<RpcResult<RelayParams>> {
    if (this.blocksPerSession === undefined) {
      const first = await this.paramsAt(latestHeight);
      if (!first.ok) return first;
      this.blocksPerSession = first.value.blocksPerSession;
    }
    const answer = await this.paramsAt(Number(latestSessionBlockHeight(latestHeight, this.blocksPerSession)));
    // A governance change of BlocksPerSession shows up here; follow it.
    if (answer.ok) this.blocksPerSession = answer.value.blocksPerSession;
    return answer;
  }

  /**
   * The node addresses of a session older than the latest (`client_session_sync_allowance` > 0):
   * from dispatch if this isolate saw it while it was current, else computed from the chain
   * (`past-session.ts`), and then cached: a past session never changes.
   */
  async pastSession(appPublicKey: string, chain: string, sessionHeight: number, latestHeight: number, params: RelayParams): Promise<RpcResult<readonly string[]>> {
    const key = `${appPublicKey}/${chain}/${sessionHeight}`;
    const seen = this.settledSessions.get(key);
    if (seen) return { ok: true, value: seen.nodeAddresses };
    return this.memo(this.pastSessions, key, () =>
      pastSessionNodes(this.rpc, appPublicKey, chain, sessionHeight, latestHeight, params.sessionNodeCount, params.nodeMaximumChains),
    );
  }

  /**
   * The latest session of (`appPublicKey`, `chain`) from dispatch. A cached session is reused while
   * `latestHeight` stays in the same session; dispatch is asked again once the chain moves on.
   */
  async session(appPublicKey: string, chain: string, latestHeight: number, blocksPerSession: number): Promise<RpcResult<DispatchAnswer>> {
    const sessionHeight = Number(latestSessionBlockHeight(latestHeight, blocksPerSession));
    const key = `${appPublicKey}/${chain}/${sessionHeight}`;
    return this.memo(this.sessions, key, async () => {
      const answer = await this.rpc.dispatch(appPublicKey, chain);
      // Dispatch answers the chain's latest session, which may be newer than ours: file it under its own height.
      if (answer.ok) this.settledSessions.set(`${appPublicKey}/${chain}/${answer.value.sessionHeight}`, answer.value);
      return answer;
    });
  }

  /** The app with `address` at `height` (a session start), cached: that state never changes. */
  appAt(address: string, height: number): Promise<RpcResult<AppState | undefined>> {
    return this.memo(this.apps, `${address}/${height}`, () => this.rpc.app(address, height));
  }

  /** Caches a successful answer; a failure is forgotten so the next call asks again. */
  private memo<K, T>(cache: BoundedCache<K, Promise<RpcResult<T>>>, key: K, load: () => Promise<RpcResult<T>>): Promise<RpcResult<T>> {
    const hit = cache.get(key);
    if (hit) return hit;
    const flight = load().then((answer) => {
      if (!answer.ok) cache.delete(key);
      return answer;
    });
    cache.set(key, flight);
    return flight;
  }
}

/** `SupportedBlockchains` is printed as a Go slice (`[0001 0021]`) or JSON; either way, a list. */
function parseList(value: string | undefined): readonly string[] | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed.startsWith("[\"")) {
    try {
      return (JSON.parse(trimmed) as unknown[]).map(String);
    } catch {
      return undefined;
    }
  }
  return trimmed.replace(/^\[|\]$/g, "").split(/[\s,]+/).filter(Boolean);
}
