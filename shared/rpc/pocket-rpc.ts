/**
 * A client of the Pocket RPC (spec §1.3, §1.6) for what a servicer needs from the chain: the height,
 * dispatch, an app at a height, and parameters; and for the claimer (spec §7): blocks, stored claims,
 * transaction results, balances and transaction submission. The same code talks to the embedded devnet and to any
 * Pocket node (a base URL may carry a path, e.g. a gateway's). `fetch` is injected so the client runs
 * in Node and in workerd alike; every call has a timeout and returns a result union.
 * @module
 */
import { typedClaimFromJSON, type MsgClaim } from "../morse/tx/msgs.js";

/** What can go wrong talking to the chain, in words an operator can act on. */
export type RpcResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly status: number; readonly error: string };

/** A session as dispatch answers it (spec §1.3), with the raw answer kept for forwarding. */
export interface DispatchAnswer {
  readonly blockHeight: number;
  readonly sessionHeight: number;
  /** Lowercase addresses of the session's nodes, in selection order. */
  readonly nodeAddresses: readonly string[];
  /** The parsed dispatch answer, forwarded verbatim in error bodies and `/v1/client/dispatch`. */
  readonly raw: unknown;
}

/** The parts of an app (spec §1.6 `JSONApplication`) the relay checks need. */
export interface AppState {
  readonly address: string;
  readonly publicKey: string;
  readonly chains: readonly string[];
  readonly jailed: boolean;
  /** 0 unstaked, 1 unstaking, 2 staked. */
  readonly status: number;
  readonly maxRelays: bigint;
}

/** The parts of a block (`/v1/query/block`) the claimer reads. */
export interface BlockSummary {
  readonly height: number;
  /** tendermint chain id: what every transaction signs. */
  readonly chainId: string;
  /** `header.last_block_id.hash` in lowercase hex (`""` at height 1): the proof index seed (spec §6.4). */
  readonly lastBlockHash: string;
}

/** What `/v1/query/tx` knows about a transaction hash. */
export type TxLookup =
  | { readonly status: "committed"; readonly height: number; readonly code: number; readonly codespace: string; readonly log: string }
  /** Received and waiting for a block (the devnet says so; a pocket-core node answers "not found" instead). */
  | { readonly status: "pending" }
  /** Not in a block nor known to wait for one: never received, dropped, or refused at submission. */
  | { readonly status: "unknown" };

/**
 * Morse's broadcast-sync `TxResponse` of `/v1/client/rawtx`: code 0 queued, anything else refused.
 * pocket-core leaves `code` out when it is 0 and puts the codespace only inside `raw_log`
 * (`{"codespace","code","message"}`, `sdk.Error.ABCILog`).
 */
export interface TxResponse {
  readonly txhash: string;
  readonly code: number;
  readonly codespace: string;
  readonly rawLog: string;
}

export interface PocketRpcOptions {
  /** Base URL of the Pocket node's RPC, e.g. `https://node.example:8081` or `http://127.0.0.1:8788/net/demo`. */
  readonly baseUrl: string;
  readonly fetch?: typeof fetch;
  /** Per-call timeout. */
  readonly timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;

export class PocketRpc {
  readonly baseUrl: string;
  /**
   * The base URL as errors and health show it: scheme, host and port only. A Pocket RPC URL may carry
   * an API key in its path or query (gateways do), and errors reach logs and `/v1/health`.
   */
  readonly displayUrl: string;
  private readonly fetcher: typeof fetch;
  private readonly timeoutMs: number;

  constructor(options: PocketRpcOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.displayUrl = redactedUrl(this.baseUrl);
    this.fetcher = options.fetch ?? ((input, init) => fetch(input, init));
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /**
   * `POST path` with a JSON body; the parsed JSON answer of a 200. A query that fails before any
   * answer (not a timeout) is sent once more at once: an idle keep-alive connection closed by the
   * peer just as it is reused fails that way ("Network connection lost") and says nothing about the
   * chain. `retry: false` for calls that must happen at most once per attempt (transactions).
   */
  async call(path: string, body: unknown, retry = true): Promise<RpcResult<any>> {
    const url = this.baseUrl + path;
    const send = () =>
      this.fetcher(url, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    let res: Response;
    try {
      res = await send();
    } catch (first) {
      const timedOut = first instanceof Error && (first.name === "TimeoutError" || first.name === "AbortError");
      if (!retry || timedOut) return { ok: false, status: 0, error: `the chain at ${this.displayUrl} is unreachable (${path}): ${describe(first)}` };
      try {
        res = await send();
      } catch (error) {
        return { ok: false, status: 0, error: `the chain at ${this.displayUrl} is unreachable (${path}): ${describe(error)}` };
      }
    }
    const text = await res.text().catch((error: unknown) => `<unreadable body: ${describe(error)}>`);
    if (res.status !== 200) {
      return { ok: false, status: res.status, error: `the chain answered ${res.status} to ${path}: ${errorMessage(text)}` };
    }
    try {
      return { ok: true, value: JSON.parse(text) };
    } catch {
      return { ok: false, status: res.status, error: `the chain answered ${path} with a body that is not JSON: ${text.slice(0, 200)}` };
    }
  }

  async height(): Promise<RpcResult<number>> {
    const answer = await this.call("/v1/query/height", {});
    if (!answer.ok) return answer;
    const height = answer.value?.height;
    return Number.isSafeInteger(height) && height >= 0 ? { ok: true, value: height } : shape("/v1/query/height", "height");
  }

  /** The latest session of `app` on `chain` (dispatch ignores any session height, spec §1.3). */
  async dispatch(appPublicKey: string, chain: string): Promise<RpcResult<DispatchAnswer>> {
    const answer = await this.call("/v1/client/dispatch", { app_public_key: appPublicKey, chain, session_height: 0 });
    if (!answer.ok) return answer;
    const raw = answer.value;
    const blockHeight = raw?.block_height;
    const sessionHeight = raw?.session?.header?.session_height;
    const nodes = raw?.session?.nodes;
    if (!Number.isSafeInteger(blockHeight) || !Number.isSafeInteger(sessionHeight) || !Array.isArray(nodes)) {
      return shape("/v1/client/dispatch", "block_height, session.header.session_height, session.nodes");
    }
    const nodeAddresses = nodes.map((n: any) => String(n?.address ?? "").toLowerCase());
    return { ok: true, value: { blockHeight, sessionHeight, nodeAddresses, raw } };
  }

  /** The app with `address` at `height` (0 = latest); `undefined` when the chain does not know it. */
  async app(address: string, height: number): Promise<RpcResult<AppState | undefined>> {
    const answer = await this.call("/v1/query/app", { address, height });
    if (!answer.ok) {
      // pocket-core answers 400 for an unknown app; the devnet too. Both say so in the message.
      if (answer.status === 400 && /not found|no application|unknown/i.test(answer.error)) return { ok: true, value: undefined };
      return answer;
    }
    const a = answer.value;
    if (typeof a?.public_key !== "string" || !Array.isArray(a?.chains) || typeof a?.max_relays !== "string") {
      return shape("/v1/query/app", "public_key, chains, max_relays");
    }
    let maxRelays: bigint;
    try {
      maxRelays = BigInt(a.max_relays);
    } catch {
      return shape("/v1/query/app", "max_relays (a decimal string)");
    }
    return {
      ok: true,
      value: {
        address: String(a.address ?? "").toLowerCase(),
        publicKey: a.public_key,
        chains: a.chains.map(String),
        jailed: a.jailed === true,
        status: Number(a.status ?? 0),
        maxRelays,
      },
    };
  }

  /** Every parameter at `height` as a `"<subspace>/<Key>" → value string` map (spec §1.6 allparams). */
  async allParams(height: number): Promise<RpcResult<ReadonlyMap<string, string>>> {
    const answer = await this.call("/v1/query/allparams", { height });
    if (!answer.ok) return answer;
    const params = new Map<string, string>();
    for (const group of ["app_params", "node_params", "pocket_params", "gov_params", "auth_params"]) {
      const list = answer.value?.[group];
      if (!Array.isArray(list)) continue;
      for (const entry of list) {
        if (typeof entry?.param_key === "string") params.set(entry.param_key, String(entry.param_value));
      }
    }
    return { ok: true, value: params };
  }

  /** Submits a signed transaction (`/v1/client/rawtx`). */
  async rawTx(address: string, rawHexBytes: string): Promise<RpcResult<any>> {
    return this.call("/v1/client/rawtx", { address, raw_hex_bytes: rawHexBytes });
  }

  /**
   * Submits a signed transaction and reads the `TxResponse`. The bytes being already known (tendermint's
   * "tx already exists in cache", a 400) counts as queued: the same hash was accepted before.
   */
  async submitTx(address: string, rawHexBytes: string): Promise<RpcResult<TxResponse>> {
    const answer = await this.rawTx(address, rawHexBytes);
    if (!answer.ok) {
      if (answer.status === 400 && /already exists in cache/i.test(answer.error)) return { ok: true, value: { txhash: "", code: 0, codespace: "", rawLog: "already in cache" } };
      return answer;
    }
    const r = answer.value;
    const code = r?.code ?? 0;
    if (typeof r?.txhash !== "string" || !Number.isSafeInteger(code)) return shape("/v1/client/rawtx", "txhash, code");
    const rawLog = typeof r.raw_log === "string" ? r.raw_log : "";
    return { ok: true, value: { txhash: r.txhash, code, codespace: code === 0 ? "" : codespaceOf(rawLog), rawLog } };
  }

  /** The block at `height` (0 = latest): its chain id and `last_block_id.hash`. */
  async block(height: number): Promise<RpcResult<BlockSummary>> {
    const answer = await this.call("/v1/query/block", { height });
    if (!answer.ok) return answer;
    const header = answer.value?.block?.header;
    const at = Number(header?.height);
    const lastHash = header?.last_block_id?.hash;
    if (!Number.isSafeInteger(at) || typeof header?.chain_id !== "string" || typeof lastHash !== "string" || !/^[0-9a-fA-F]*$/.test(lastHash)) {
      return shape("/v1/query/block", "block.header.height, chain_id, last_block_id.hash");
    }
    return { ok: true, value: { height: at, chainId: header.chain_id, lastBlockHash: lastHash.toLowerCase() } };
  }

  /** The stored relay-evidence claim of `address` for a session; `undefined` when the chain has none. */
  async nodeClaim(address: string, appPublicKey: string, chain: string, sessionHeight: number): Promise<RpcResult<MsgClaim | undefined>> {
    const answer = await this.call("/v1/query/nodeclaim", { address, app_pubkey: appPublicKey, blockchain: chain, session_block_height: sessionHeight, height: 0 });
    if (!answer.ok) {
      // pocket-core and the devnet answer 400 with "no claim found" / "not found" for a missing claim.
      if (answer.status === 400 && /not found|no claim/i.test(answer.error)) return { ok: true, value: undefined };
      return answer;
    }
    const claim = typedClaimFromJSON(answer.value);
    return claim.ok ? { ok: true, value: claim.value } : shape("/v1/query/nodeclaim", `the claim (${claim.error})`);
  }

  /** What the chain knows of the transaction `hash`. */
  async tx(hash: string): Promise<RpcResult<TxLookup>> {
    const answer = await this.call("/v1/query/tx", { hash });
    if (!answer.ok) {
      if (answer.status === 400 && /not found/i.test(answer.error)) {
        return { ok: true, value: /mempool/i.test(answer.error) ? { status: "pending" } : { status: "unknown" } };
      }
      return answer;
    }
    const height = Number(answer.value?.height);
    const result = answer.value?.tx_result;
    if (!Number.isSafeInteger(height) || typeof result?.code !== "number") return shape("/v1/query/tx", "height, tx_result.code");
    return { ok: true, value: { status: "committed", height, code: result.code, codespace: String(result.codespace ?? ""), log: String(result.log ?? "") } };
  }

  /** The balance of `address` in upokt (latest state). */
  async balance(address: string): Promise<RpcResult<bigint>> {
    const answer = await this.call("/v1/query/balance", { address, height: 0 });
    if (!answer.ok) return answer;
    const balance = answer.value?.balance;
    // A JSON number (Go's big.Int); a servicer balance stays far below 2^53 upokt (9 billion POKT).
    if ((typeof balance === "number" && Number.isSafeInteger(balance) && balance >= 0) || (typeof balance === "string" && /^[0-9]+$/.test(balance))) {
      return { ok: true, value: BigInt(balance) };
    }
    return shape("/v1/query/balance", "balance");
  }
}

function shape(path: string, fields: string): { ok: false; status: number; error: string } {
  return { ok: false, status: 200, error: `the chain's answer to ${path} lacks or mistypes ${fields}` };
}

/** The codespace inside a refusal's `raw_log` (`sdk.Error.ABCILog`), `""` when it holds none. */
function codespaceOf(rawLog: string): string {
  try {
    const parsed = JSON.parse(rawLog);
    return typeof parsed?.codespace === "string" ? parsed.codespace : "";
  } catch {
    return "";
  }
}

function errorMessage(text: string): string {
  try {
    const parsed = JSON.parse(text);
    if (typeof parsed?.message === "string") return parsed.message;
  } catch {
    // not JSON
  }
  return text.slice(0, 200);
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** `scheme://host[:port]` of `url`, without credentials, path or query; "<invalid URL>" if it does not parse. */
export function redactedUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return "<invalid URL>";
  }
}
