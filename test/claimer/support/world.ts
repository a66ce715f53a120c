/**
 * A claimer test's world: a `RelayNetwork` (its own devnet network, six servicers hosted by the relay
 * Worker, three per session, ganache backends) whose servicers have accounts to pay claim and proof
 * fees, and helpers to drive the claimer as production does — the evidence objects' alarms and the
 * cron — one step at a time, with blocks produced on demand.
 *
 * The evidence objects run with the deployment's `env`, not the copy a test hands the Worker, so
 * `start()` gives the shared one this network's settings. Each test file runs in its own isolate, so
 * no other file sees them.
 * @module
 */
import { createScheduledController, env, runDurableObjectAlarm } from "cloudflare:test";
import { expect } from "vitest";
import worker from "../../../workers/relay/index.js";
import type { RelayEnv } from "../../../workers/relay/env.js";
import type { SessionEvidenceApi } from "../../../shared/evidence/api.js";
import type { LifecycleRecord } from "../../../shared/claimer/record.js";
import type { SessionReport } from "../../../shared/claimer/report.js";
import { testKey } from "../../../shared/chain/testing.js";
import type { MorseKey } from "../../../shared/morse/keys.js";
import { evidenceOf } from "../../relay/support/evidence.js";
import { CHAIN, control, RelayNetwork } from "../../relay/support/network.js";

/** The operator token the worlds' Worker is configured with. */
export const OPERATOR_TOKEN = "test-operator-token";

/** Each servicer's account at genesis, in upokt: enough for many fees. */
export const OPENING_BALANCE = 1_000_000n;
/** `MinimumNumberOfProofs` of the test chains: the smallest claim a proof can be made for (3 levels). */
export const MIN_PROOFS = 5;

export interface WorldOptions {
  /** Chain parameters over the defaults (BPS 4, 3 nodes per session, CSW 3, minimum 5 proofs). */
  readonly params?: Record<string, unknown>;
  /**
   * Reach the chain through a real loopback proxy (`test/harness/faults.ts` `chainProxy`) that the
   * test can tell to cut paths or swallow transactions, and that records the transactions sent.
   */
  readonly proxied?: boolean;
}

/** What the chain proxy saw since its last reset. */
export interface ChainLog {
  readonly calls: Record<string, number>;
  readonly rawtx: string[];
}

export class ClaimerWorld {
  readonly net: RelayNetwork;
  private proxyUrl: string | undefined;

  constructor(
    name: string,
    private readonly options: WorldOptions = {},
  ) {
    // RelayNetwork derives its servicers' keys from its name so; they need accounts for the fees.
    const servicers = Array.from({ length: 6 }, (_, i) => testKey(`${name} servicer ${i}`));
    this.net = new RelayNetwork(name, {
      genesis: {
        params: { blocks_per_session: 4, session_node_count: 3, supported_blockchains: [CHAIN], minimum_number_of_proofs: MIN_PROOFS, ...options.params },
        accounts: servicers.map((k) => ({ address: k.address, balance: OPENING_BALANCE.toString() })),
      },
      // Alarms far away: the tests fire them (and the cron) themselves.
      vars: { CLAIMER_POLL_MS: "3600000", OPERATOR_TOKEN },
    });
  }

  async start(): Promise<this> {
    await this.net.start();
    if (this.options.proxied) {
      this.proxyUrl = (await control("/fault/chain-proxy", { target: this.net.rpcUrl })).url as string;
      this.net.env = { ...this.net.env, POCKET_RPC_URL: this.proxyUrl };
    }
    const { POCKET_RPC_URL, SERVICER_PRIVATE_KEYS, CLAIMER_POLL_MS } = this.net.env;
    Object.assign(env, { POCKET_RPC_URL, SERVICER_PRIVATE_KEYS, CLAIMER_POLL_MS, CLIENT_SESSION_SYNC_ALLOWANCE: "0" });
    return this;
  }

  /** Tells the chain proxy what to do (`proxied` worlds only); answers what it saw so far. */
  chainFaults(mode: { down?: string[]; dropRawtx?: number }): Promise<ChainLog> {
    return control("/fault/chain-proxy/set", { url: this.requireProxy(), mode });
  }

  /** What the chain proxy saw since the last reset. */
  chainLog(): Promise<ChainLog> {
    return control("/fault/chain-proxy/log", { url: this.requireProxy() });
  }

  /** Forgets what the chain proxy saw. */
  chainLogReset(): Promise<ChainLog> {
    return control("/fault/chain-proxy/reset", { url: this.requireProxy() });
  }

  private requireProxy(): string {
    if (!this.proxyUrl) throw new Error("this world has no chain proxy: construct it with { proxied: true }");
    return this.proxyUrl;
  }

  get env(): RelayEnv {
    return this.net.env;
  }

  /** Serves `count` relays for `servicer` in the current session through the relay Worker. */
  async serve(servicer: MorseKey, count: number): Promise<void> {
    for (let i = 0; i < count; i++) {
      const answer = await this.net.send(await this.net.sign(servicer));
      expect(answer.status, answer.text).toBe(200);
    }
  }

  /** The evidence object of `servicer`'s session (the current one unless given). */
  evidence(servicer: MorseKey, sessionHeight?: number): SessionEvidenceApi & DurableObjectStub {
    return evidenceOf(this.net, servicer, sessionHeight);
  }

  /** Fires the object's alarm now (the primary driver); false when none was armed. */
  alarm(servicer: MorseKey, sessionHeight: number): Promise<boolean> {
    return runDurableObjectAlarm(this.evidence(servicer, sessionHeight));
  }

  /** One cron run, as the `scheduled` trigger runs it. */
  async cron(): Promise<void> {
    await worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: "* * * * *" }), this.env);
  }

  async record(servicer: MorseKey, sessionHeight: number): Promise<LifecycleRecord> {
    const answer = await this.evidence(servicer, sessionHeight).lifecycle();
    expect(answer.ok, JSON.stringify(answer)).toBe(true);
    return (answer as { record: LifecycleRecord }).record;
  }

  async balance(servicer: MorseKey): Promise<bigint> {
    return BigInt((await this.net.chain("/v1/query/balance", { address: servicer.address })).balance);
  }

  /** Produces `blocks` blocks. */
  advance(blocks: number): Promise<void> {
    return this.net.advance(blocks);
  }

  /** Produces blocks until the latest height is `height`. */
  async advanceTo(height: number): Promise<void> {
    await this.net.refreshSession();
    if (height > this.net.height) await this.net.advance(height - this.net.height);
  }

  /** `GET /v1/edge/sessions` with the operator token `token`. */
  async sessions(token: string | undefined, query = ""): Promise<{ status: number; json: any }> {
    const headers: Record<string, string> = token === undefined ? {} : { Authorization: `Bearer ${token}` };
    const answer = await this.net.fetch(`/v1/edge/sessions${query}`, { method: "GET", headers });
    return { status: answer.status, json: answer.json };
  }

  /** The registry's report of `servicer`'s session, through the operator route. */
  async report(servicer: MorseKey, sessionHeight: number): Promise<SessionReport | undefined> {
    const listed = await this.sessions(OPERATOR_TOKEN);
    expect(listed.status, JSON.stringify(listed.json)).toBe(200);
    return listed.json.sessions.find((s: SessionReport) => s.servicerPubKey === servicer.publicKeyHex && s.sessionHeight === sessionHeight);
  }
}

