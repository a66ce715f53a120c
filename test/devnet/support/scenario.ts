/**
 * Steps the devnet scenarios share: start a chain, move to a height, find the servicers of a
 * session from dispatch, submit transactions, recompute the proof index from the public RPC as a
 * claimer would, and snapshot the whole observable state to prove a refusal changed nothing.
 * @module
 */
import { expect } from "vitest";
import { bytesToHex } from "../../../shared/primitives/bytes.js";
import type { MorseKey } from "../../../shared/morse/keys.js";
import { pseudorandomProofIndex } from "../../../shared/morse/merkle-proof-index.js";
import { sessionHeaderHash } from "../../../shared/morse/session.js";
import type { RelayProof } from "../../../shared/morse/relay-types.js";
import type { MsgClaim } from "../../../shared/morse/tx/msgs.js";
import { APP, CHAIN, claimFor, claimTxHex, NODES, relayProofs, testGenesis } from "./fixtures.js";
import { get, ok, post, type RpcAnswer } from "./rpc.js";

/** Loads the test genesis (with `overrides`) and returns the genesis summary. */
export async function startChain(overrides: Record<string, unknown> = {}): Promise<any> {
  return ok("/v1/devnet/genesis", testGenesis(overrides));
}

export async function height(): Promise<number> {
  return (await ok("/v1/query/height")).height;
}

/** Produces blocks until the latest height is `target`. */
export async function advanceTo(target: number): Promise<void> {
  const h = await height();
  if (target < h) throw new Error(`already at ${h}, past ${target}`);
  if (target > h) await ok("/v1/devnet/advance", { blocks: target - h });
}

/** The servicer keys of the current session of `app` on CHAIN, in selection order. */
export async function sessionServicers(app: MorseKey = APP): Promise<MorseKey[]> {
  const dispatch = await ok("/v1/client/dispatch", { app_public_key: app.publicKeyHex, chain: CHAIN, session_height: 0 });
  return dispatch.session.nodes.map((n: { address: string }) => NODES.find((k) => k.address === n.address)!);
}

/** A staked servicer that is not in the current session of `app`. */
export async function servicerOutsideSession(app: MorseKey = APP): Promise<MorseKey> {
  const inside = new Set((await sessionServicers(app)).map((k) => k.address));
  return NODES.find((k) => !inside.has(k.address))!;
}

/** `POST /v1/client/rawtx` as `signer`. */
export function rawtx(signer: MorseKey, rawHexBytes: string): Promise<RpcAnswer> {
  return post("/v1/client/rawtx", { address: signer.address, raw_hex_bytes: rawHexBytes });
}

/** Submits a tx that must be queued (pocket-core's `{"logs":null,"txhash":…}`); returns its hash. */
export async function submit(signer: MorseKey, rawHexBytes: string): Promise<string> {
  const answer = await rawtx(signer, rawHexBytes);
  expect(answer.status, answer.text).toBe(200);
  expect(answer.json, answer.text).toEqual({ logs: null, txhash: expect.stringMatching(/^[0-9A-F]{64}$/) });
  return answer.json.txhash;
}

/** A committed tx's result, from `/v1/query/tx`. */
export async function txResult(hash: string): Promise<{ code: number; codespace: string; log: string; height: number }> {
  const tx = await ok("/v1/query/tx", { hash });
  return { ...tx.tx_result, height: Number(tx.height) };
}

/**
 * The leaf index the chain will demand for `claim`, computed only from the public RPC: the
 * `last_block_id.hash` of the block at `sbh + ClaimSubmissionWindow·BPS` (spec §6.4).
 */
export async function proofIndexFromRpc(claim: MsgClaim): Promise<number> {
  const params = (await get("/v1/devnet/status")).json.params;
  const proofHeight = Number(claim.header.session_height) + params.claim_submission_window * params.blocks_per_session;
  const block = await ok("/v1/query/block", { height: proofHeight });
  const header = sessionHeaderHash(claim.header);
  if (!header.ok) throw new Error(header.message);
  const index = pseudorandomProofIndex(block.block.header.last_block_id.hash.toLowerCase(), bytesToHex(header.hash), Number(claim.total_proofs));
  if (!index.ok) throw new Error(index.error);
  return index.index;
}

/** Everything a refused request could have changed: height, mempool, stakes, balances, claims. */
export async function snapshot(): Promise<unknown> {
  const status = (await get("/v1/devnet/status")).json;
  const balances: Record<string, string> = {};
  for (const key of NODES) balances[key.address] = String((await ok("/v1/query/balance", { address: key.address })).balance);
  return {
    height: status.height,
    pending_txs: status.pending_txs,
    nodes: (await ok("/v1/query/nodes", { opts: {} })).result,
    apps: (await ok("/v1/query/apps", { opts: {} })).result,
    balances,
    claims: (await ok("/v1/query/nodeclaims", {})).result,
  };
}

/**
 * Asserts a refused tx: HTTP 200 with pocket-core's `{"code","logs":null,"raw_log","txhash"}`, the
 * codespace inside `raw_log` (`sdk.Error.ABCILog`), nothing stored.
 */
export async function expectRefused(answer: RpcAnswer, code: number, codespace = "pocketcore"): Promise<void> {
  expect(answer.status, answer.text).toBe(200);
  expect(Object.keys(answer.json).sort(), answer.text).toEqual(["code", "logs", "raw_log", "txhash"]);
  expect(answer.json.logs).toBeNull();
  const log = JSON.parse(answer.json.raw_log);
  expect({ code: answer.json.code, codespace: log.codespace, logCode: log.code }, answer.text).toEqual({ code, codespace, logCode: code });
  const stored = await post("/v1/query/tx", { hash: answer.json.txhash });
  expect(stored.status).toBe(400);
  expect(stored.json.message).not.toContain("mempool");
}

/** A servicer of session 1 whose claim for `proofs` was included in block 5 (the first possible). */
export interface ClaimedSession {
  /** Every servicer of session 1, in selection order; `servicer` is the first. */
  readonly servicers: MorseKey[];
  readonly servicer: MorseKey;
  readonly proofs: RelayProof[];
  readonly claim: MsgClaim;
}

/** Starts a chain and gets a claim for session 1 included in block 5. */
export async function claimedSession(proofCount = 12, genesis: Record<string, unknown> = {}, proofsOf?: (servicer: MorseKey) => Promise<RelayProof[]>): Promise<ClaimedSession> {
  await startChain(genesis);
  const servicers = await sessionServicers();
  const [servicer] = servicers;
  const proofs = proofsOf ? await proofsOf(servicer) : await relayProofs(servicer, 1, proofCount);
  const claim = claimFor(servicer, proofs);
  await advanceTo(4);
  const hash = await submit(servicer, await claimTxHex(servicer, claim));
  await ok("/v1/devnet/advance", { blocks: 1 });
  expect((await txResult(hash)).code).toBe(0);
  return { servicers, servicer, proofs, claim };
}
