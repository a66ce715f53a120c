/**
 * A relay test's world: its own devnet network (`/net/<name>`) with one app, a client and six
 * servicers hosted by the relay Worker under test, three per session; the two shared ganache nodes as
 * backends of chain 0021 in two regions; and the relay Worker called in workerd with that
 * configuration, as a client would call it over HTTP.
 * @module
 */
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { inject } from "vitest";
import worker from "../../../workers/relay/index.js";
import type { RelayEnv } from "../../../workers/relay/env.js";
import { makeRelay, relayRequestBody, type RelayInput, type SignedRelay } from "../../../shared/client/relay.js";
import { signAAT } from "../../../shared/morse/aat.js";
import type { AAT } from "../../../shared/morse/relay-types.js";
import type { MorseKey } from "../../../shared/morse/keys.js";
import { testKey } from "../../../shared/chain/testing.js";
import "../../harness/harness-types.js";

export const CHAIN = "0021";

export interface BackendSpec {
  readonly url: string;
  readonly region: string;
  readonly name?: string;
  readonly timeout_ms?: number;
}

export interface NetworkOptions {
  /** Backends of chain 0021; default: the two shared EVM nodes, weur and enam. */
  readonly backends?: readonly BackendSpec[];
  /** Extra relay Worker settings. */
  readonly vars?: Partial<Record<Exclude<keyof RelayEnv, "EVIDENCE" | "ANALYTICS">, string>>;
  /** Genesis overrides (top-level fields). */
  readonly genesis?: Record<string, unknown>;
  /** The app's max_relays (default 1e6). */
  readonly maxRelays?: string;
}

export interface RelayAnswer {
  readonly status: number;
  readonly text: string;
  readonly json: any;
  readonly headers: Headers;
}

export class RelayNetwork {
  readonly app: MorseKey;
  readonly client: MorseKey;
  /** Six servicers, all hosted by the Worker under test. */
  readonly servicers: readonly MorseKey[];
  env: RelayEnv;
  /** Filled by `start`. */
  aat!: AAT;
  sessionHeight = 0;
  height = 0;
  inSession: MorseKey[] = [];
  outOfSession: MorseKey[] = [];

  constructor(
    readonly name: string,
    readonly options: NetworkOptions = {},
  ) {
    this.app = testKey(`${name} app`);
    this.client = testKey(`${name} client`);
    this.servicers = Array.from({ length: 6 }, (_, i) => testKey(`${name} servicer ${i}`));
    const harness = inject("harness");
    const backends = options.backends ?? [
      { url: harness.evmUrls[0], region: "weur", name: "evm-weur" },
      { url: harness.evmUrls[1], region: "enam", name: "evm-enam" },
    ];
    this.env = {
      ...(env as unknown as RelayEnv),
      POCKET_RPC_URL: this.rpcUrl,
      SERVICER_PRIVATE_KEYS: this.servicers.map((k) => k.privateKeyHex).join(","),
      BACKENDS: JSON.stringify({ [CHAIN]: backends }),
      HEIGHT_CACHE_MS: "0",
      LOG_RELAYS: "false",
      ...options.vars,
    } as RelayEnv;
  }

  get rpcUrl(): string {
    return `${inject("harness").devnetUrl}/net/${this.name}`;
  }

  /** Loads the genesis (idempotent) and reads the current session. */
  async start(): Promise<this> {
    const genesis = {
      chain_id: `relay-${this.name}`,
      genesis_time: "2026-01-01T00:00:00Z",
      block_time_ms: 0,
      params: { blocks_per_session: 4, session_node_count: 3, supported_blockchains: [CHAIN] },
      apps: [{ public_key: this.app.publicKeyHex, chains: [CHAIN], staked_tokens: "100000000000", max_relays: this.options.maxRelays ?? "1000000" }],
      nodes: this.servicers.map((k) => ({ public_key: k.publicKeyHex, chains: [CHAIN], service_url: "http://relay.test", tokens: "15000000000" })),
      accounts: [],
      ...this.options.genesis,
    };
    await this.chain("/v1/devnet/genesis", genesis);
    this.aat = await signAAT(this.app, this.client.publicKeyHex);
    await this.refreshSession();
    return this;
  }

  /** Reads the latest session from the chain (after advancing blocks). */
  async refreshSession(): Promise<void> {
    const dispatch = await this.chain("/v1/client/dispatch", { app_public_key: this.app.publicKeyHex, chain: CHAIN });
    this.height = dispatch.block_height;
    this.sessionHeight = dispatch.session.header.session_height;
    const inSession = new Set<string>(dispatch.session.nodes.map((n: { address: string }) => n.address));
    this.inSession = this.servicers.filter((k) => inSession.has(k.address));
    this.outOfSession = this.servicers.filter((k) => !inSession.has(k.address));
  }

  /** `POST` to the devnet network; the parsed 200 answer. */
  async chain(path: string, body: unknown): Promise<any> {
    const res = await fetch(this.rpcUrl + path, { method: "POST", body: JSON.stringify(body) });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`devnet ${path} answered ${res.status}: ${text}`);
    return JSON.parse(text);
  }

  async advance(blocks: number): Promise<void> {
    await this.chain("/v1/devnet/advance", { blocks });
    await this.refreshSession();
  }

  /** A relay signed by the client for `servicer` in the current session; `overrides` change any input. */
  sign(servicer: MorseKey = this.inSession[0], overrides: Partial<RelayInput> = {}): Promise<SignedRelay> {
    return makeRelay({
      aat: this.aat,
      client: this.client,
      servicerPubKey: servicer.publicKeyHex,
      chain: CHAIN,
      sessionHeight: this.sessionHeight,
      data: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      ...overrides,
    });
  }

  /** Sends a relay body to the Worker under test, with `cf` as Cloudflare would attach it. */
  async send(body: string | SignedRelay, cf: Record<string, unknown> = LONDON, headers: Record<string, string> = {}): Promise<RelayAnswer> {
    const text = typeof body === "string" ? body : relayRequestBody(body.relay);
    return this.fetch("/v1/client/relay", { method: "POST", body: text, headers }, cf);
  }

  /**
   * `fetch` as seen from outside: requests to `http://relay.test` (the servicers' service URL in the
   * genesis) reach the Worker under test; for clients such as `PocketClient`.
   */
  readonly clientFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, { ...init, cf: LONDON } as RequestInit);
    if (new URL(request.url).host !== "relay.test") return fetch(request);
    const ctx = createExecutionContext();
    const res = await worker.fetch(request, this.env, ctx);
    await waitOnExecutionContext(ctx);
    return res;
  };

  /** Any request to the Worker under test. */
  async fetch(path: string, init: RequestInit = {}, cf: Record<string, unknown> = LONDON): Promise<RelayAnswer> {
    const ctx = createExecutionContext();
    const request = new Request(`http://relay.test${path}`, { ...init, cf } as RequestInit);
    const res = await worker.fetch(request, this.env, ctx);
    await waitOnExecutionContext(ctx);
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, text, json, headers: res.headers };
  }
}

/** `request.cf` of a client in London (nearest region weur) and in New York (enam). */
export const LONDON = { continent: "EU", country: "GB", colo: "LHR", latitude: "51.5074", longitude: "-0.1278" };
export const NEW_YORK = { continent: "NA", country: "US", colo: "EWR", latitude: "40.7128", longitude: "-74.0060" };

/** Starts the harness's control-server helpers (own EVM node, fault servers). */
export async function control(path: string, body: unknown = {}): Promise<any> {
  const res = await fetch(inject("harness").controlUrl + path, { method: "POST", body: JSON.stringify(body) });
  if (res.status !== 200) throw new Error(`control ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}
