/**
 * Test and demo support: relay proofs signed with real keys, as a client would produce them for a
 * session (AAT signed by the app, each proof signed by the client over its SHA3 digest, spec §2–3),
 * deterministic keys from a label, and an in-memory {@link ChainView}. Used by the chain's unit tests and the devnet's integration
 * tests; never by a deployment.
 * @module
 */
import { signAAT } from "../morse/aat.js";
import { bytesToHex } from "../primitives/bytes.js";
import { sha256 } from "../morse/hash.js";
import { keyFromSeed, sign, type MorseKey } from "../morse/keys.js";
import { proofHash, requestHash } from "../morse/relay.js";
import type { RelayProof } from "../morse/relay-types.js";
import { addressOf, type AppState, type NodeState } from "./actors.js";
import type { BlockRecord, ChainIdentity } from "./block.js";
import type { TxEffect } from "./deliver.js";
import { genesisHash, parseGenesis, type Genesis } from "./genesis.js";
import type { MsgClaim } from "../morse/tx/msgs.js";
import { claimKeyOf, type ChainView, type ClaimKey } from "./view.js";

/** A fixed key derived from `label` (seed = SHA-256 of the label), so tests are reproducible. */
export function testKey(label: string): MorseKey {
  return keyFromSeed(sha256(`pocket-edge test key: ${label}`));
}

/** The test world's relay chain, chain id and keys. */
export const TEST_CHAIN = "0021";
export const TEST_CHAIN_ID = "devnet-test";
export const TEST_APP = testKey("app");
/** An app whose max_relays gives each servicer only 10 relays per session (50 / 1 chain / 5 nodes). */
export const TEST_SMALL_APP = testKey("small app");
export const TEST_CLIENT = testKey("client");
/** Seven servicers staked for {@link TEST_CHAIN}; five serve each session. */
export const TEST_NODES: readonly MorseKey[] = Array.from({ length: 7 }, (_, i) => testKey(`node ${i + 1}`));
export const TEST_NODE_TOKENS = 15_000_000_000n;
export const TEST_NODE_BALANCE = 1_000_000n;

/**
 * The test world's genesis file (on-demand blocks, spec §8 parameters, two apps, seven nodes with
 * funded accounts); `overrides` replace top-level fields.
 */
export function testGenesisJSON(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    chain_id: TEST_CHAIN_ID,
    genesis_time: "2026-01-01T00:00:00Z",
    block_time_ms: 0,
    params: { supported_blockchains: ["0001", TEST_CHAIN] },
    apps: [
      { public_key: TEST_APP.publicKeyHex, chains: [TEST_CHAIN], staked_tokens: "100000000000", max_relays: "100000" },
      { public_key: TEST_SMALL_APP.publicKeyHex, chains: [TEST_CHAIN], staked_tokens: "1000000", max_relays: "50" },
    ],
    nodes: TEST_NODES.map((key) => ({ public_key: key.publicKeyHex, chains: [TEST_CHAIN], service_url: "http://127.0.0.1:8787", tokens: TEST_NODE_TOKENS.toString() })),
    accounts: TEST_NODES.map((key) => ({ address: key.address, balance: TEST_NODE_BALANCE.toString() })),
    ...overrides,
  };
}

/** {@link testGenesisJSON}, parsed. */
export function testGenesis(overrides: Record<string, unknown> = {}): Genesis {
  const parsed = parseGenesis(testGenesisJSON(overrides));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

export interface SignedRelayProofsParameters {
  readonly app: MorseKey;
  readonly client: MorseKey;
  readonly servicerPublicKey: string;
  readonly chain: string;
  readonly sessionHeight: bigint;
  readonly count: number;
  /** Entropy of the first relay; relay `i` uses `firstEntropy + i`. */
  readonly firstEntropy?: bigint;
}

/** `count` distinct, validly signed relay proofs of one session, in the order they were served. */
export async function signedRelayProofs(p: SignedRelayProofsParameters): Promise<RelayProof[]> {
  const aat = await signAAT(p.app, p.client.publicKeyHex);
  const proofs: RelayProof[] = [];
  for (let i = 0; i < p.count; i++) {
    const payload = { data: `{"jsonrpc":"2.0","id":${i},"method":"eth_blockNumber","params":[]}`, method: "POST", path: "", headers: null };
    const proof: RelayProof = {
      request_hash: requestHash(payload, { block_height: p.sessionHeight }),
      entropy: (p.firstEntropy ?? 1n) + BigInt(i),
      session_block_height: p.sessionHeight,
      servicer_pub_key: p.servicerPublicKey,
      blockchain: p.chain,
      aat,
      signature: "",
    };
    proofs.push({ ...proof, signature: bytesToHex(await sign(p.client, proofHash(proof))) });
  }
  return proofs;
}

/**
 * A minimal in-memory chain for unit tests of the pure rules: the genesis apps and nodes (fixed over
 * time), empty blocks up to `height`, claims and balances that {@link MemoryChain.apply} updates.
 */
export class MemoryChain implements ChainView {
  readonly identity: ChainIdentity;
  height = 1;
  private readonly claims = new Map<string, MsgClaim>();
  private readonly balances = new Map<string, bigint>();
  private readonly staked: Map<string, NodeState>;

  constructor(readonly genesis: Genesis) {
    this.identity = { chain_id: genesis.chain_id, genesis_hash: genesisHash(genesis), genesis_time: genesis.genesis_time, block_time_ms: genesis.block_time_ms };
    for (const a of genesis.accounts) this.balances.set(a.address, a.balance);
    this.staked = new Map(genesis.nodes.map((n) => [addressOf(n.public_key), n]));
  }

  latestHeight(): number {
    return this.height;
  }
  block(height: number): BlockRecord | undefined {
    return height >= 1 && height <= this.height ? { height, num_txs: 0, total_txs: 0, txs: [] } : undefined;
  }
  node(address: string, height: number): NodeState | undefined {
    return height <= this.height ? this.staked.get(address) : undefined;
  }
  app(address: string): AppState | undefined {
    return this.genesis.apps.find((a) => addressOf(a.public_key) === address);
  }
  nodes(): readonly NodeState[] {
    return [...this.staked.values()];
  }
  claim(key: ClaimKey): MsgClaim | undefined {
    return this.claims.get(claimKeyString(key));
  }
  balance(address: string): bigint {
    return this.balances.get(address) ?? 0n;
  }
  /** Replaces a node (e.g. to jail it) for every height. */
  setNode(node: NodeState): void {
    this.staked.set(addressOf(node.public_key), node);
  }
  /** Applies a tx's effects, as the devnet's store does. */
  apply(effects: readonly TxEffect[]): void {
    for (const e of effects) {
      if (e.kind === "debit") this.balances.set(e.address, this.balance(e.address) - e.amount);
      else if (e.kind === "credit") this.balances.set(e.address, this.balance(e.address) + e.amount);
      else if (e.kind === "set_claim") this.claims.set(claimKeyString(claimKeyOf(e.claim)), e.claim);
      else if (e.kind === "delete_claim") this.claims.delete(claimKeyString(claimKeyOf(e.claim)));
      else {
        const node = this.staked.get(e.address)!;
        this.setNode({ ...node, tokens: node.tokens - e.amount });
      }
    }
  }
}

function claimKeyString(key: ClaimKey): string {
  return [key.from_address, key.app_public_key, key.chain, key.session_height, key.evidence_type].join("/");
}
