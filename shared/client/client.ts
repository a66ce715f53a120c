/**
 * A Pocket (Morse) application client: dispatches a session, sends signed relays to the session's
 * servicers, checks every answer's servicer signature, and reacts to the Morse codes the way a good
 * client should — a fresh session on 60/14/75 (the error body carries it), another servicer on 71
 * (that servicer's quota for the session is spent) or on a transport failure. Runs in Node and in
 * Workers (`fetch` injectable).
 * @module
 */
import type { AAT } from "../morse/relay-types.js";
import type { MorseKey } from "../morse/keys.js";
import { makeRelay, relayRequestBody, verifyRelayResponse } from "./relay.js";

/** A node of a dispatched session. */
export interface SessionNode {
  readonly address: string;
  readonly public_key: string;
  readonly service_url: string;
}

export interface Session {
  readonly blockHeight: number;
  readonly sessionHeight: number;
  readonly nodes: readonly SessionNode[];
}

export interface ClientOptions {
  /** A Pocket RPC (a servicer or full node) answering `/v1/client/dispatch`. */
  readonly dispatcher: string;
  readonly aat: AAT;
  /** The client key the AAT names. */
  readonly client: MorseKey;
  readonly chain: string;
  readonly fetch?: typeof fetch;
  /** Attempts per relay across servicers and session refreshes (default 4). */
  readonly maxAttempts?: number;
}

export interface RelayOptions {
  readonly method?: string;
  readonly path?: string;
  readonly headers?: Record<string, string> | null;
}

export type RelayOutcome =
  | { readonly ok: true; readonly response: string; readonly servicer: string; readonly signature: string; readonly attempts: number; readonly timing: string | null }
  | { readonly ok: false; readonly error: string; readonly code?: number; readonly attempts: number };

const REFRESH_CODES = new Set([60, 14, 75]);

export class PocketClient {
  private session: Session | undefined;
  private readonly exhausted = new Set<string>();
  private next = 0;
  private readonly fetcher: typeof fetch;

  constructor(private readonly options: ClientOptions) {
    this.fetcher = options.fetch ?? ((input, init) => fetch(input, init));
  }

  /** The current session, dispatching when there is none. */
  async currentSession(): Promise<Session> {
    return this.session ?? (await this.dispatch());
  }

  /** Asks the dispatcher for the app's latest session. */
  async dispatch(): Promise<Session> {
    const res = await this.fetcher(`${this.options.dispatcher.replace(/\/+$/, "")}/v1/client/dispatch`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ app_public_key: this.options.aat.app_pub_key, chain: this.options.chain, session_height: 0 }),
    });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`dispatch answered ${res.status}: ${text.slice(0, 300)}`);
    this.adopt(JSON.parse(text));
    return this.session!;
  }

  /** Sends one relay, retrying on another servicer or a fresh session as the Morse codes say. */
  async relay(data: string, options: RelayOptions = {}): Promise<RelayOutcome> {
    const maxAttempts = this.options.maxAttempts ?? 4;
    let lastError = "no attempt made";
    let lastCode: number | undefined;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const session = await this.currentSession();
      const node = this.pick(session);
      if (!node) return { ok: false, error: "every servicer of the session is exhausted (71)", code: 71, attempts: attempt - 1 };
      const signed = await makeRelay({
        aat: this.options.aat,
        client: this.options.client,
        servicerPubKey: node.public_key,
        chain: this.options.chain,
        sessionHeight: session.sessionHeight,
        blockHeight: session.sessionHeight,
        data,
        method: options.method,
        path: options.path,
        headers: options.headers ?? null,
      });
      let res: Response;
      try {
        res = await this.fetcher(`${node.service_url.replace(/\/+$/, "")}/v1/client/relay`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: relayRequestBody(signed.relay),
        });
      } catch (error) {
        lastError = `${node.address}: ${error instanceof Error ? error.message : String(error)}`;
        this.exhausted.add(node.address);
        continue;
      }
      const text = await res.text();
      let body: any;
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
      if (res.status === 200 && typeof body?.response === "string" && typeof body?.signature === "string") {
        if (!(await verifyRelayResponse(node.public_key, body.response, body.signature, signed.proofHashHex))) {
          return { ok: false, error: `servicer ${node.address} answered with a signature that does not verify`, attempts: attempt };
        }
        return { ok: true, response: body.response, servicer: node.address, signature: body.signature, attempts: attempt, timing: res.headers.get("Server-Timing") };
      }
      const code = typeof body?.error?.code === "number" ? body.error.code : undefined;
      lastCode = code;
      lastError = `servicer ${node.address} answered ${res.status}${code !== undefined ? ` code ${code}: ${body.error.message}` : `: ${text.slice(0, 200)}`}`;
      if (code !== undefined && REFRESH_CODES.has(code)) {
        // The refusal carries the servicer's view of the session; fall back to a new dispatch.
        if (body.dispatch) this.adopt(body.dispatch);
        else this.session = undefined;
        continue;
      }
      if (code === 71) {
        this.exhausted.add(node.address);
        continue;
      }
      return { ok: false, error: lastError, code, attempts: attempt };
    }
    return { ok: false, error: lastError, code: lastCode, attempts: maxAttempts };
  }

  private adopt(dispatch: any): void {
    const sessionHeight = Number(dispatch?.session?.header?.session_height);
    const nodes = dispatch?.session?.nodes;
    if (!Number.isSafeInteger(sessionHeight) || !Array.isArray(nodes)) throw new Error("dispatch answer lacks session.header.session_height or session.nodes");
    if (this.session?.sessionHeight !== sessionHeight) this.exhausted.clear();
    this.session = { blockHeight: Number(dispatch.block_height), sessionHeight, nodes };
  }

  /** Round robin over the session's servicers that have not run out. */
  private pick(session: Session): SessionNode | undefined {
    const usable = session.nodes.filter((n) => !this.exhausted.has(n.address));
    if (usable.length === 0) return undefined;
    return usable[this.next++ % usable.length];
  }
}
