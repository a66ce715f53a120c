/**
 * Sessions, part 3 (spec §4.4): the "block hash" that seeds the session key, computed from a
 * `/v1/query/block` response.
 *
 * After the codec upgrade (mainnet height 30024) pocket-core's `Context.BlockHash` is not
 * tendermint's block hash: it is SHA3-256 of the gogoproto encoding of the abci `Header` that
 * `PrevCtx(sessionBlockHeight)` rebuilds from the stored block meta. That rebuild has two quirks the
 * bytes must copy:
 * - `last_block_id.hash` falls back to `consensus_hash` when empty (the first block);
 * - `last_block_id.parts_header` takes `total` from the previous block's parts header but `hash`
 *   from *this* block's header hash (`meta.Header.Hash()`, i.e. `block_id.hash`).
 * Field numbers are TM v0.32 `abci/types/types.proto` `Header` (1–16, with `num_txs`/`total_txs`).
 * @module
 */
import { bytesToHex, concatBytes, hexToBytes, I64_MAX, I64_MIN, U64_MAX } from "../primitives/bytes.js";
import { internalError } from "./errors.js";
import { sha3 } from "./hash.js";
import { bytesField, encodeTimestamp, messageField, parseTimestamp, stringField, varintField } from "../primitives/protobuf.js";
import type { MorseFailure } from "./session.js";

/** An amino JSON integer: a decimal string (tendermint's form); a safe-integer number is tolerated. */
type AminoInt = string | number;

interface AminoPartSetHeader {
  readonly total: AminoInt;
  readonly hash: string;
}

interface AminoBlockID {
  readonly hash: string;
  readonly parts: AminoPartSetHeader;
}

/** The tendermint block header as amino JSON (hashes are hex, usually uppercase). */
export interface AminoBlockHeader {
  readonly version: { readonly block: AminoInt; readonly app: AminoInt };
  readonly chain_id: string;
  readonly height: AminoInt;
  readonly time: string;
  readonly num_txs: AminoInt;
  readonly total_txs: AminoInt;
  readonly last_block_id: AminoBlockID;
  readonly last_commit_hash: string;
  readonly data_hash: string;
  readonly validators_hash: string;
  readonly next_validators_hash: string;
  readonly consensus_hash: string;
  readonly app_hash: string;
  readonly last_results_hash: string;
  readonly evidence_hash: string;
  readonly proposer_address: string;
}

/** The parts of a `/v1/query/block` response (tendermint `ResultBlock`) this module reads. */
export interface QueryBlockResponse {
  readonly block_id: { readonly hash: string };
  readonly block: { readonly header: AminoBlockHeader };
}

/** Thrown inside this module only, turned into a result at the boundary. */
class BadBlock extends Error {}

function int(value: unknown, name: string, min: bigint, max: bigint): bigint {
  let v: bigint | undefined;
  if (typeof value === "string" && /^-?\d+$/.test(value)) v = BigInt(value);
  else if (typeof value === "number" && Number.isSafeInteger(value)) v = BigInt(value);
  if (v === undefined || v < min || v > max) throw new BadBlock(`${name}: not an integer in range: ${JSON.stringify(value)}`);
  return v;
}

function hex(value: unknown, name: string): Uint8Array {
  const bytes = typeof value === "string" ? hexToBytes(value) : undefined;
  if (!bytes) throw new BadBlock(`${name}: not hex: ${JSON.stringify(value)}`);
  return bytes;
}

/** Builds H' (PC `Context.PrevCtx`) and returns its gogoproto encoding. */
function encodePrevCtxHeader(response: QueryBlockResponse): Uint8Array {
  const header = response.block?.header;
  if (typeof header !== "object" || header === null) throw new BadBlock("block.header: missing");
  if (typeof header.chain_id !== "string") throw new BadBlock("chain_id: not a string");
  const time = typeof header.time === "string" ? parseTimestamp(header.time) : undefined;
  if (!time) throw new BadBlock(`time: not an RFC 3339 time: ${JSON.stringify(header.time)}`);
  const lastBlockId = header.last_block_id;
  const consensusHash = hex(header.consensus_hash, "consensus_hash");
  const previousHash = hex(lastBlockId?.hash, "last_block_id.hash");

  const version = concatBytes(
    varintField(1, int(header.version?.block, "version.block", 0n, U64_MAX)),
    varintField(2, int(header.version?.app, "version.app", 0n, U64_MAX)),
  );
  const partsHeader = concatBytes(
    // Go: Total: int32(meta.Header.LastBlockID.PartsHeader.Total), a truncating cast of an int.
    varintField(1, BigInt.asIntN(32, int(lastBlockId?.parts?.total, "last_block_id.parts.total", I64_MIN, I64_MAX))),
    bytesField(2, hex(response.block_id?.hash, "block_id.hash")),
  );
  const blockId = concatBytes(
    bytesField(1, previousHash.length > 0 ? previousHash : consensusHash),
    messageField(2, partsHeader),
  );
  return concatBytes(
    messageField(1, version),
    stringField(2, header.chain_id),
    varintField(3, int(header.height, "height", I64_MIN, I64_MAX)),
    messageField(4, encodeTimestamp(time)),
    varintField(5, int(header.num_txs, "num_txs", I64_MIN, I64_MAX)),
    varintField(6, int(header.total_txs, "total_txs", I64_MIN, I64_MAX)),
    messageField(7, blockId),
    bytesField(8, hex(header.last_commit_hash, "last_commit_hash")),
    bytesField(9, hex(header.data_hash, "data_hash")),
    bytesField(10, hex(header.validators_hash, "validators_hash")),
    bytesField(11, hex(header.next_validators_hash, "next_validators_hash")),
    bytesField(12, consensusHash),
    bytesField(13, hex(header.app_hash, "app_hash")),
    bytesField(14, hex(header.last_results_hash, "last_results_hash")),
    bytesField(15, hex(header.evidence_hash, "evidence_hash")),
    bytesField(16, hex(header.proposer_address, "proposer_address")),
  );
}

/**
 * The session block hash for the block in `response` (post-codec-upgrade rule), as the lowercase
 * hex that goes into `sessionKey`. `abciHeader` is the hashed encoding of H'.
 *
 * Pass the block at the session block height. A malformed response gives `sdk` code 1, which is
 * what pocket-core answers when `PrevCtx` fails.
 * @example
 * const r = sessionBlockHashFromQueryBlock(await queryBlock(sbh));
 * if (r.ok) sessionKey(appPubKey, chain, r.blockHash);
 */
export function sessionBlockHashFromQueryBlock(
  response: QueryBlockResponse,
): { readonly ok: true; readonly blockHash: string; readonly abciHeader: Uint8Array } | MorseFailure {
  try {
    const abciHeader = encodePrevCtxHeader(response);
    return { ok: true, blockHash: bytesToHex(sha3(abciHeader)), abciHeader };
  } catch (error) {
    if (error instanceof BadBlock) return { ok: false, ...internalError(`cannot rebuild the session block header: ${error.message}`) };
    throw error;
  }
}
