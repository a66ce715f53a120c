/**
 * One step of a session's claim lifecycle (spec §7.2): read the chain, decide (`decide.ts`), act, and
 * repeat until there is nothing to do before the next block. The session-evidence Durable Object runs
 * it from its alarm and from the cron's `tick()`, one step at a time; everything it does to storage
 * goes through {@link EvidencePort}, everything it asks the chain through {@link ClaimerChain}.
 *
 * Write-ahead: a transaction is signed, then saved with the new state (`claim-submitted`,
 * `proof-submitted`), then sent. In a Durable Object the output gate holds the outgoing request until
 * that write is durable, so nothing is ever sent that a restart would not find and send again
 * byte for byte.
 * @module
 */
import type { EvidenceHeader } from "../evidence/api.js";
import { addressOf } from "../chain/actors.js";
import { CLAIM_MSG_TYPE, PROOF_MSG_TYPE, RELAY_EVIDENCE, relayProofFromJSON, type MsgClaim, type MsgProof, type TxMsg } from "../morse/tx/msgs.js";
import { relayReward } from "../chain/rewards.js";
import { decodeTx, signTx, unsignedTx } from "../morse/tx/tx.js";
import { bytesToHex, hexToBytes } from "../primitives/bytes.js";
import type { MorseKey } from "../morse/keys.js";
import { pseudorandomProofIndex } from "../morse/merkle-proof-index.js";
import { sessionHeaderHash } from "../morse/session.js";
import type { BlockSummary, RpcResult, TxLookup, TxResponse } from "../rpc/pocket-rpc.js";
import { classifyClaimFailure, classifyProofFailure, decideClaimed, decideOpen, decideSealed, judgeClaim, judgeProof, type SentDecision } from "./decide.js";
import { claimerParams, parseJSON, type ClaimerParams } from "./params.js";
import { advanceRecord, isTerminal, terminalRecord, type LifecycleRecord, type SubmittedTx } from "./record.js";
import { claimTree, proofBranch, type StoredLeaves } from "./tree.js";
import { sessionWindows, type SessionWindows } from "./windows.js";

/** The chain calls a step makes (`PocketRpc` implements them). */
export interface ClaimerChain {
  height(): Promise<RpcResult<number>>;
  allParams(height: number): Promise<RpcResult<ReadonlyMap<string, string>>>;
  block(height: number): Promise<RpcResult<BlockSummary>>;
  nodeClaim(address: string, appPublicKey: string, chain: string, sessionHeight: number): Promise<RpcResult<MsgClaim | undefined>>;
  tx(hash: string): Promise<RpcResult<TxLookup>>;
  balance(address: string): Promise<RpcResult<bigint>>;
  submitTx(address: string, rawHexBytes: string): Promise<RpcResult<TxResponse>>;
}

/** The session's storage, synchronous as a Durable Object's SQL is. */
export interface EvidencePort extends StoredLeaves {
  readonly header: EvidenceHeader;
  /** Relays stored now. */
  count(): number;
  /** Refuses every later reservation (90). */
  seal(): void;
  /** Persists `record`; with `dropRelays`, deletes the stored relays in the same transaction. */
  save(record: LifecycleRecord, dropRelays?: boolean): void;
}

/** What a step reads once per object and keeps: both are fixed for a session. */
export interface ClaimerCache {
  params?: ClaimerParams;
  chainId?: string;
}

export interface ClaimerPorts {
  readonly chain: ClaimerChain;
  readonly evidence: EvidencePort;
  /** The servicer's signing key, when this deployment holds it. */
  readonly key: MorseKey | undefined;
  /** The relay Worker's `CLIENT_SESSION_SYNC_ALLOWANCE`. */
  readonly sessionSyncAllowance: number;
  readonly cache: ClaimerCache;
  readonly now: () => number;
}

export interface StepOutcome {
  readonly record: LifecycleRecord;
  /** Why the step stopped short of a terminal state: what it waits for, or the transient problem. */
  readonly waiting?: string;
}

/** Most transitions in one step (open → sealed → claim-submitted is the longest run without a block). */
const MAX_MOVES = 8;

type Move = { readonly wait: string } | { readonly error: string } | undefined;

/** Runs the lifecycle of `record` as far as the chain allows now. Never throws for chain trouble. */
export async function runStep(ports: ClaimerPorts, record: LifecycleRecord): Promise<StepOutcome> {
  const run = new Step(ports, record);
  for (let moves = 0; moves < MAX_MOVES && !isTerminal(run.record.state); moves++) {
    const move = await run.move();
    if (move === undefined) continue;
    if ("error" in move) {
      if (run.record.lastError !== move.error) run.commit({ lastError: move.error });
      return { record: run.record, waiting: move.error };
    }
    // The chain answered: an earlier transient problem is over.
    if (run.record.lastError !== undefined) run.commit({ lastError: undefined });
    return { record: run.record, waiting: move.wait };
  }
  return { record: run.record };
}

class Step {
  private readonly address: string;
  private readonly sessionHeight: number;

  constructor(
    private readonly ports: ClaimerPorts,
    public record: LifecycleRecord,
  ) {
    this.address = addressOf(ports.evidence.header.servicerPubKey);
    this.sessionHeight = Number(ports.evidence.header.sessionHeight);
  }

  commit(changes: Partial<LifecycleRecord>): void {
    this.record = advanceRecord(this.record, changes, this.ports.now());
    this.ports.evidence.save(this.record);
  }

  private finish(state: "proven" | "expired" | "discarded" | "failed", reason: string, relaysLost: number, changes: Partial<LifecycleRecord> = {}): Move {
    this.record = terminalRecord({ ...this.record, ...changes }, state, reason, relaysLost, this.ports.now());
    // As pocket-core deletes a session's evidence once it is proven, refused or too late; sealed, so
    // that no late reservation stores a relay nobody would claim or delete.
    this.ports.evidence.seal();
    this.ports.evidence.save(this.record, true);
    return undefined;
  }

  async move(): Promise<Move> {
    const latest = await this.ports.chain.height();
    if (!latest.ok) return { error: latest.error };
    const params = await this.params();
    if (typeof params === "string") return { error: params };
    const windows = sessionWindows(this.sessionHeight, params, this.ports.sessionSyncAllowance);
    switch (this.record.state) {
      case "open":
        return this.open(latest.value, windows, params);
      case "sealed":
        return this.sendClaim(latest.value, windows);
      case "claim-submitted":
        return this.claimSubmitted(latest.value, windows);
      case "claimed":
        return this.claimed(latest.value, windows);
      case "proof-submitted":
        return this.proofSubmitted(latest.value, params);
      default:
        return { wait: `the session is ${this.record.state}` };
    }
  }

  private async params(): Promise<ClaimerParams | string> {
    const cache = this.ports.cache;
    if (!cache.params) {
      const all = await this.ports.chain.allParams(this.sessionHeight);
      if (!all.ok) return all.error;
      const parsed = claimerParams(all.value);
      if (!parsed.ok) return `chain parameters: ${parsed.error}`;
      cache.params = parsed.value;
    }
    return cache.params;
  }

  private open(latest: number, windows: SessionWindows, params: ClaimerParams): Move {
    const { evidence } = this.ports;
    const relays = evidence.count();
    const chainSupported = params.supportedChains === undefined || params.supportedChains.includes(evidence.header.chain);
    const decision = decideOpen({ latest, windows, relays, minimumProofs: params.minimumProofs, chainSupported });
    if (decision.kind === "wait") return { wait: decision.reason };
    if (decision.kind === "discard") return this.finish("discarded", decision.reason, relays, { relays });
    if (decision.kind === "expire") return this.finish("expired", decision.reason, relays, { relays });
    // Sealing, counting and hashing run with no await in between: no reservation can slip in.
    evidence.seal();
    const count = evidence.count();
    const built = claimTree(evidence, count);
    if (!built.ok) return this.finish("failed", `the stored relays do not make a Merkle tree: ${built.error}`, count, { relays: count });
    this.commit({ state: "sealed", relays: count, root: { hash: bytesToHex(built.root.hash), upper: built.root.upper.toString() }, lastError: undefined });
    return undefined;
  }

  private async sendClaim(latest: number, windows: SessionWindows): Promise<Move> {
    const decision = decideSealed(latest, windows);
    if (decision.kind !== "send") return this.finish("expired", decision.reason, this.record.relays);
    const { header } = this.ports.evidence;
    const root = this.record.root!;
    const claim: MsgClaim = {
      header: { app_public_key: header.appPubKey, chain: header.chain, session_height: BigInt(this.sessionHeight) },
      merkle_root: { hash: hexToBytes(root.hash)!, lower: 0n, upper: BigInt(root.upper) },
      total_proofs: BigInt(this.record.relays),
      from_address: this.address,
      evidence_type: RELAY_EVIDENCE,
      expiration_height: 0n,
    };
    const tx = await this.sign({ type: CLAIM_MSG_TYPE, value: claim }, latest);
    if (typeof tx === "string") return { error: tx };
    this.commit({ state: "claim-submitted", claimTx: tx, lastError: undefined });
    return this.send("claimTx", latest);
  }

  private async claimSubmitted(latest: number, windows: SessionWindows): Promise<Move> {
    const sent = this.record.claimTx!;
    // The transaction first, then the claim: a claim included in between is still seen as stored.
    const tx = await this.ports.chain.tx(sent.hash);
    if (!tx.ok) return { error: tx.error };
    const stored = await this.storedClaim();
    if (typeof stored === "string") return { error: stored };
    const decision = judgeClaim({ latest, windows, tx: tx.value, stored: stored !== undefined, sent });
    const claimTx = withResult(sent, tx.value);
    if (decision.kind === "confirmed") {
      this.commit({ state: "claimed", claimTx, claimedAt: tx.value.status === "committed" ? tx.value.height : latest, expirationHeight: Number(stored!.expiration_height), lastError: undefined });
      return undefined;
    }
    return this.follow(decision, "claimTx", claimTx, latest);
  }

  private async claimed(latest: number, windows: SessionWindows): Promise<Move> {
    const stored = await this.storedClaim();
    if (typeof stored === "string") return { error: stored };
    const decision = decideClaimed({ latest, windows, expirationHeight: stored === undefined ? undefined : Number(stored.expiration_height) });
    if (decision.kind === "wait") return { wait: decision.reason };
    if (decision.kind !== "prove") return this.finish("expired", decision.reason, this.record.relays);

    const block = await this.ports.chain.block(windows.proofHeight);
    if (!block.ok) return { error: block.error };
    const headerHash = sessionHeaderHash({ app_public_key: this.ports.evidence.header.appPubKey, chain: this.ports.evidence.header.chain, session_height: BigInt(this.sessionHeight) });
    if (!headerHash.ok) return this.finish("failed", `the session header does not hash: ${headerHash.message}`, this.record.relays);
    const index = pseudorandomProofIndex(block.value.lastBlockHash, bytesToHex(headerHash.hash), this.record.relays);
    if (!index.ok) return { error: `proof index: ${index.error}` };
    const before = await this.ports.chain.balance(this.address);
    if (!before.ok) return { error: before.error };

    const built = proofBranch(this.ports.evidence, this.record.relays, index.index);
    if (!built.ok) return this.finish("failed", `the stored relays do not make a Merkle tree: ${built.error}`, this.record.relays);
    if (bytesToHex(built.root.hash) !== this.record.root!.hash || built.root.upper.toString() !== this.record.root!.upper) {
      return this.finish("failed", "the stored relays no longer give the claimed Merkle root", this.record.relays);
    }
    const leaf = relayProofFromJSON(parseJSON(built.leaf));
    if (!leaf.ok) return this.finish("failed", `the stored relay at leaf ${index.index} does not parse: ${leaf.error}`, this.record.relays);
    const proof: MsgProof = { merkle_proofs: built.proof!, leaf: leaf.value, evidence_type: RELAY_EVIDENCE };
    const tx = await this.sign({ type: PROOF_MSG_TYPE, value: proof }, latest);
    if (typeof tx === "string") return { error: tx };
    this.commit({ state: "proof-submitted", proofIndex: index.index, proofTx: tx, balanceBefore: before.value.toString(), lastError: undefined });
    return this.send("proofTx", latest);
  }

  private async proofSubmitted(latest: number, params: ClaimerParams): Promise<Move> {
    const sent = this.record.proofTx!;
    // The claim first, then the transaction: a proof included in between is still seen as executed.
    const stored = await this.storedClaim();
    if (typeof stored === "string") return { error: stored };
    const tx = await this.ports.chain.tx(sent.hash);
    if (!tx.ok) return { error: tx.error };
    const decision = judgeProof({ latest, stored: stored !== undefined, expirationHeight: this.record.expirationHeight!, tx: tx.value, sent });
    const proofTx = withResult(sent, tx.value);
    if (decision.kind === "confirmed") {
      const after = await this.ports.chain.balance(this.address);
      if (!after.ok) return { error: after.error };
      const reward = relayReward(params.reward, this.ports.evidence.header.chain, BigInt(this.record.relays));
      const height = tx.value.status === "committed" ? tx.value.height : latest;
      return this.finish("proven", `proof included at height ${height}`, 0, { proofTx, balanceAfter: after.value.toString(), earned: reward.nodeReward.toString() });
    }
    return this.follow(decision, "proofTx", proofTx, latest);
  }

  /** The common outcomes of a sent transaction that is not (yet) confirmed. */
  private async follow(decision: SentDecision, field: "claimTx" | "proofTx", tx: SubmittedTx, latest: number): Promise<Move> {
    switch (decision.kind) {
      case "wait":
        if (tx.result && !this.record[field]?.result) this.commit({ [field]: tx });
        return { wait: decision.reason };
      case "resend":
        this.record = { ...this.record, [field]: tx };
        return this.send(field, latest);
      case "resign": {
        // The old bytes were executed and failed: their hash can never succeed, so new ones are safe.
        const decoded = decodeTx(hexToBytes(tx.hex)!);
        if (!decoded.ok) return this.finish("failed", `the saved transaction does not decode: ${decoded.error}`, this.record.relays);
        const fresh = await this.sign(decoded.value.msg, latest);
        if (typeof fresh === "string") return { error: fresh };
        this.commit({ [field]: { ...fresh, attempts: tx.attempts } });
        return this.send(field, latest);
      }
      case "confirmed":
        return undefined;
      default:
        return this.finish(decision.kind === "fail" ? "failed" : "expired", decision.reason, this.record.relays, { [field]: tx });
    }
  }

  /** Signs `msg` with the servicer's key (a fresh entropy, so a fresh hash); a string says why it cannot. */
  private async sign(msg: TxMsg, latest: number): Promise<SubmittedTx | string> {
    const { key, cache, chain, evidence } = this.ports;
    if (!key) return `this deployment holds no key for the servicer ${evidence.header.servicerPubKey} (SERVICER_PRIVATE_KEYS)`;
    if (!cache.chainId) {
      const block = await chain.block(this.sessionHeight);
      if (!block.ok) return block.error;
      cache.chainId = block.value.chainId;
    }
    const { hash, hex } = await signTx(unsignedTx(msg), cache.chainId, key);
    return { hash, hex, attempts: 0, sentAt: latest, accepted: false };
  }

  /** Sends the saved transaction in `field` (same bytes every time) and records the answer. */
  private async send(field: "claimTx" | "proofTx", latest: number): Promise<Move> {
    const saved = this.record[field]!;
    const answer = await this.ports.chain.submitTx(this.address, saved.hex);
    const what = field === "claimTx" ? "claim" : "proof";
    const sent: SubmittedTx = { ...saved, attempts: saved.attempts + 1, sentAt: latest, accepted: answer.ok && answer.value.code === 0, refusal: undefined };
    if (!answer.ok) {
      this.commit({ [field]: sent, lastError: `sending the ${what}: ${answer.error}` });
      return { error: `sending the ${what}: ${answer.error}` };
    }
    if (answer.value.code !== 0) {
      const refusal = { code: answer.value.code, codespace: answer.value.codespace, log: answer.value.rawLog };
      this.commit({ [field]: { ...sent, refusal } });
      // A refusal that no retry can pass is judged at once; one that may pass waits for the next step.
      const kind = field === "claimTx" ? classifyClaimFailure(refusal) : classifyProofFailure(refusal);
      return kind === "retry" ? { wait: `the chain refused the ${what}: ${refusal.codespace}/${refusal.code} ${refusal.log}` } : undefined;
    }
    this.commit({ [field]: sent, lastError: undefined });
    return { wait: `the ${what} was sent at height ${latest}; waiting for the next block` };
  }

  private async storedClaim(): Promise<MsgClaim | undefined | string> {
    const { header } = this.ports.evidence;
    const stored = await this.ports.chain.nodeClaim(this.address, header.appPubKey, header.chain, this.sessionHeight);
    return stored.ok ? stored.value : stored.error;
  }
}

/** `sent` with the block result `lookup` shows, if it was executed. */
function withResult(sent: SubmittedTx, lookup: TxLookup): SubmittedTx {
  if (lookup.status !== "committed" || sent.result) return sent;
  return { ...sent, result: { code: lookup.code, codespace: lookup.codespace, log: lookup.log, height: lookup.height } };
}
