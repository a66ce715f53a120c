/**
 * Devnet blocks: deterministic hashes and times, and the tendermint amino JSON of `/v1/query/block`
 * (spec §1.6, `ResultBlock`) with every header field that `sessionBlockHashFromQueryBlock` (§4.4)
 * and the proof index (§6.4, `last_block_id.hash`) read.
 *
 * There is no consensus, so the hashes are not tendermint's: block `h`'s hash is
 * `SHA3-256(genesisHash ‖ uint64BE(h))` and the other header hashes are labelled derivations of the
 * same kind. What matters is what clients rely on: hashes are fixed by the genesis and the height
 * (reproducible runs), `last_block_id.hash` of block `h` is the hash of block `h − 1`, and the session
 * seed is computed from this JSON exactly as from a real node's.
 * @module
 */
import { bytesToBase64, bytesToHex, concatBytes, hexToBytesStrict, utf8 } from "../primitives/bytes.js";
import type { GoValue } from "../morse/gojson.js";
import { sha256, sha3 } from "../morse/hash.js";
import { parseTimestamp } from "../primitives/protobuf.js";
import type { QueryBlockResponse } from "../morse/session-block-hash.js";

/** What fixes a chain's blocks: its genesis. */
export interface ChainIdentity {
  readonly chain_id: string;
  /** Lowercase hex genesis hash (`genesisHash`). */
  readonly genesis_hash: string;
  readonly genesis_time: string;
  readonly block_time_ms: number;
}

/** A produced block as the devnet stores it. */
export interface BlockRecord {
  readonly height: number;
  readonly num_txs: number;
  readonly total_txs: number;
  /** The transactions included, in order (their raw bytes). */
  readonly txs: readonly Uint8Array[];
}

function u64be(n: number): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(n));
  return out;
}

/** `SHA3-256(genesisHash ‖ uint64BE(height) ‖ label)`: the devnet's stand-in for consensus-made hashes. */
function derivedHash(genesisHashHex: string, height: number, label: string): string {
  return bytesToHex(sha3(concatBytes(hexToBytesStrict(genesisHashHex), u64be(height), utf8(label))));
}

/**
 * The hash of block `height` (tendermint `block_id.hash`), lowercase hex:
 * `SHA3-256(genesisHash ‖ uint64BE(height))`.
 * @example blockHash(genesisHash(g), 12) // the hash the proof index of a session at 1 reads (BPS 4, CSW 3: block 13's last_block_id)
 */
export function blockHash(genesisHashHex: string, height: number): string {
  return bytesToHex(sha3(concatBytes(hexToBytesStrict(genesisHashHex), u64be(height))));
}

/** Milliseconds between block timestamps: the block interval, or one second for an on-demand chain (so times still increase). */
export function blockTimeStep(blockTimeMs: number): number {
  return blockTimeMs > 0 ? blockTimeMs : 1000;
}

/**
 * The timestamp of block `height`, `genesis_time + height × blockTimeStep`, in Go's RFC3339Nano
 * form (UTC, fraction without trailing zeros), as tendermint's amino JSON prints `time.Time`.
 */
export function blockTime(chain: Pick<ChainIdentity, "genesis_time" | "block_time_ms">, height: number): string {
  const genesis = parseTimestamp(chain.genesis_time);
  if (!genesis) throw new RangeError(`bad genesis_time ${chain.genesis_time}`);
  const nanos = genesis.seconds * 1_000_000_000n + BigInt(genesis.nanos) + BigInt(height) * BigInt(blockTimeStep(chain.block_time_ms)) * 1_000_000n;
  const seconds = nanos / 1_000_000_000n;
  const fraction = (nanos % 1_000_000_000n).toString().padStart(9, "0").replace(/0+$/, "");
  const date = new Date(Number(seconds) * 1000).toISOString().slice(0, 19);
  return `${date}${fraction ? "." + fraction : ""}Z`;
}

/** Address of the devnet's single (virtual) block proposer, lowercase hex. */
export function proposerAddress(genesisHashHex: string): string {
  return derivedHash(genesisHashHex, 0, "proposer").slice(0, 40);
}

/** tendermint's `data_hash` stand-in: empty without transactions, else SHA3 over their SHA-256 digests. */
export function dataHash(txs: readonly Uint8Array[]): string {
  return txs.length === 0 ? "" : bytesToHex(sha3(concatBytes(...txs.map((tx) => sha256(tx)))));
}

/** A `/v1/query/block` answer: what `sessionBlockHashFromQueryBlock` reads, encodable with `jsonBody`. */
export type QueryBlockJSON = QueryBlockResponse & { readonly [key: string]: GoValue };

const up = (hex: string): string => hex.toUpperCase();

/** tendermint `BlockID` of block `height` as amino JSON (hashes uppercase, integers as strings). */
function blockIdJSON(chain: ChainIdentity, height: number): { hash: string; parts: { total: string; hash: string } } {
  return {
    hash: up(blockHash(chain.genesis_hash, height)),
    parts: { total: "1", hash: up(derivedHash(chain.genesis_hash, height, "parts")) },
  };
}

/**
 * `/v1/query/block` for `block`: tendermint's `ResultBlock` in amino JSON, hashes uppercase.
 * Height 1 has an empty `last_block_id`, as tendermint's first block does.
 */
export function queryBlockResponse(chain: ChainIdentity, block: BlockRecord): QueryBlockJSON {
  const h = block.height;
  const lastBlockId = h > 1 ? blockIdJSON(chain, h - 1) : { hash: "", parts: { total: "0", hash: "" } };
  const header = {
    version: { block: "10", app: "0" },
    chain_id: chain.chain_id,
    height: String(h),
    time: blockTime(chain, h),
    num_txs: String(block.num_txs),
    total_txs: String(block.total_txs),
    last_block_id: lastBlockId,
    last_commit_hash: h > 1 ? up(derivedHash(chain.genesis_hash, h, "last_commit")) : "",
    data_hash: up(dataHash(block.txs)),
    validators_hash: up(derivedHash(chain.genesis_hash, 0, "validators")),
    next_validators_hash: up(derivedHash(chain.genesis_hash, 0, "validators")),
    consensus_hash: up(derivedHash(chain.genesis_hash, 0, "consensus")),
    app_hash: up(derivedHash(chain.genesis_hash, h, "app")),
    last_results_hash: "",
    evidence_hash: "",
    proposer_address: up(proposerAddress(chain.genesis_hash)),
  };
  const response = {
    block_id: blockIdJSON(chain, h),
    block: {
      header,
      data: { txs: block.txs.length > 0 ? block.txs.map(bytesToBase64) : null },
      evidence: { evidence: null },
      last_commit: { block_id: lastBlockId, precommits: null },
    },
  };
  return response;
}
