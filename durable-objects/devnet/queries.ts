/**
 * The Pocket RPC queries over the chain store (spec §1.6): each resolves the height (0 = latest) and
 * answers Morse's JSON, or a 400 with pocket-core's kind of message.
 * @module
 */
import { bytesToBase64, bytesToHex } from "../../shared/primitives/bytes.js";
import type { GoValue } from "../../shared/morse/gojson.js";
import { applicationJSON, validatorJSON } from "../../shared/chain/actors.js";
import { queryBlockResponse } from "../../shared/chain/block.js";
import { CLAIM_MSG_TYPE, claimToJSON, msgToJSON, RELAY_EVIDENCE } from "../../shared/morse/tx/msgs.js";
import { decodeTx, msgSigner } from "../../shared/morse/tx/tx.js";
import { allParams, paramValue } from "../../shared/chain/params.js";
import { done, fail, type DevnetFailure, type DevnetResult, type ListOptions } from "./api.js";
import type { ChainStore } from "./store.js";

/** `height` 0 means latest; heights above the latest do not exist yet. */
function resolveHeight(store: ChainStore, height: number): number | DevnetFailure {
  const latest = store.latestHeight();
  if (height === 0) return latest;
  if (!Number.isSafeInteger(height) || height < 0) return fail(400, `height must be a non-negative integer, got ${height}`);
  if (height > latest) return fail(400, `height ${height} must be less than or equal to the current blockchain height ${latest}`);
  return height;
}

/** Runs `answer` at the resolved height. */
function at(store: ChainStore, height: number, answer: (h: number) => DevnetResult): DevnetResult {
  const h = resolveHeight(store, height);
  return typeof h === "number" ? answer(h) : h;
}

/** Morse's paginated list: `{"result","total_pages","page"}`. */
function paginate(items: GoValue[], opts: Pick<ListOptions, "page" | "per_page">): GoValue {
  const page = opts.page > 0 ? opts.page : 1;
  const perPage = opts.per_page > 0 ? opts.per_page : 1000;
  return { result: items.slice((page - 1) * perPage, page * perPage), total_pages: Math.ceil(items.length / perPage), page };
}

/** `/v1/query/block`: tendermint `ResultBlock` amino JSON. */
export function queryBlock(store: ChainStore, height: number): DevnetResult {
  return at(store, height, (h) => done(queryBlockResponse(store.identity, store.block(h)!)));
}

/** `/v1/query/node`: one Validator JSON. */
export function queryNode(store: ChainStore, address: string, height: number): DevnetResult {
  return at(store, height, (h) => {
    const node = store.node(address, h);
    return node ? done(validatorJSON(node)) : fail(400, `validator not found for ${address}`);
  });
}

/** Nodes staked at the height; the devnet unstakes at once, so status 1 (unstaking) lists none. */
export function queryNodes(store: ChainStore, height: number, opts: ListOptions): DevnetResult {
  return at(store, height, (h) => {
    const nodes = opts.staking_status === 1 ? [] : store.nodes(h);
    const matching = nodes.filter(
      (n) => (opts.blockchain === "" || n.chains.includes(opts.blockchain)) && (opts.jailed_status === 0 || n.jailed === (opts.jailed_status === 1)),
    );
    return done(paginate(matching.map(validatorJSON), opts));
  });
}

/** `/v1/query/app`: one Application JSON. */
export function queryApp(store: ChainStore, address: string, height: number): DevnetResult {
  return at(store, height, (h) => {
    const app = store.app(address, h);
    return app ? done(applicationJSON(app)) : fail(400, `application not found for ${address}`);
  });
}

/** `/v1/query/apps`: staked apps, filtered by chain, paginated. */
export function queryApps(store: ChainStore, height: number, opts: ListOptions): DevnetResult {
  return at(store, height, (h) => {
    const apps = opts.staking_status === 1 ? [] : store.apps(h);
    return done(paginate(apps.filter((a) => opts.blockchain === "" || a.chains.includes(opts.blockchain)).map(applicationJSON), opts));
  });
}

/** Parameters are fixed at genesis, so every height answers the same values. */
export function queryParam(store: ChainStore, key: string, height: number): DevnetResult {
  return at(store, height, () => {
    const value = paramValue(store.genesis.params, key);
    return value === undefined ? fail(400, `unknown param key ${JSON.stringify(key)}: see /v1/query/allparams`) : done({ param_key: key, param_value: value });
  });
}

/** `/v1/query/allparams`: every parameter by module. */
export function queryAllParams(store: ChainStore, height: number): DevnetResult {
  return at(store, height, () => done(allParams(store.genesis.params) as unknown as GoValue));
}

/** Balances are current state only: any valid height answers the latest balance. */
export function queryBalance(store: ChainStore, address: string, height: number): DevnetResult {
  return at(store, height, () => done({ balance: store.balance(address) }));
}

/** `/v1/query/nodeclaim`: one relay-evidence claim of a servicer, as amino JSON (`{"type":"pocketcore/claim","value"}`). */
export function queryNodeClaim(store: ChainStore, address: string, appPublicKey: string, chain: string, sessionHeight: bigint): DevnetResult {
  const claim = store.claim({ from_address: address, app_public_key: appPublicKey, chain, session_height: sessionHeight, evidence_type: RELAY_EVIDENCE });
  return claim
    ? done(msgToJSON({ type: CLAIM_MSG_TYPE, value: claim }))
    : fail(400, `no claim found for ${address} (app ${appPublicKey}, chain ${chain}, session ${sessionHeight})`);
}

/** A servicer's claims, or every claim when `address` is `""`. */
export function queryNodeClaims(store: ChainStore, address: string, page: number, perPage: number): DevnetResult {
  const claims = store.claims(address === "" ? undefined : address).map((c) => claimToJSON(c) as unknown as GoValue);
  return done(paginate(claims, { page, per_page: perPage }));
}

/**
 * A committed tx with its result, in pocket-core's `RPCResultTx` shape: `tx` is the raw bytes (length
 * prefix included) in base64, `stdTx` the decoded tx with `msg` as its sign-bytes JSON, and the
 * integers are JSON numbers (pocket-core re-encodes through float64, so `stdTx.entropy` may lose
 * digits there; the exact value is in `tx`). No Merkle proof of inclusion is kept: `proof` is empty,
 * as pocket-core answers with `prove: false`.
 */
export function queryTx(store: ChainStore, hash: string): DevnetResult {
  const row = store.tx(hash.toUpperCase());
  if (!row || row.height === null) return fail(400, `Tx (${hash}) not found${row ? ": it waits in the mempool for the next block" : ""}`);
  const decoded = decodeTx(row.bytes);
  // Only txs that decoded were ever stored; a decoder change since is the one way to get here.
  if (!decoded.ok) return fail(500, `the stored tx ${row.hash} no longer decodes: ${decoded.error}`);
  const tx = decoded.value;
  return done({
    hash: row.hash,
    height: row.height,
    index: row.index,
    proof: { data: null, proof: { aunts: null, index: 0, leaf_hash: null, total: 0 }, root_hash: "" },
    stdTx: {
      entropy: Number(tx.entropy),
      fee: tx.fee.map((c) => ({ amount: c.amount.toString(), denom: c.denom })),
      memo: tx.memo,
      msg: msgToJSON(tx.msg),
      signature: { pub_key: bytesToHex(tx.signature.publicKey), signature: bytesToHex(tx.signature.signature) },
    },
    tx: bytesToBase64(row.bytes),
    tx_result: {
      code: row.code,
      codespace: row.codespace,
      data: null,
      events: null,
      info: "",
      log: row.log,
      message_type: tx.msg.type === CLAIM_MSG_TYPE ? "claim" : "proof",
      recipient: "",
      signer: (msgSigner(tx.msg) ?? "").toUpperCase(),
    },
  });
}
