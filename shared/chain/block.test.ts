import { describe, expect, it } from "vitest";
import { bytesToHex, concatBytes, hexToBytesStrict } from "../primitives/bytes.js";
import { sha3 } from "../morse/hash.js";
import { sessionBlockHashFromQueryBlock } from "../morse/session-block-hash.js";
import { blockHash, blockTime, dataHash, queryBlockResponse, type ChainIdentity } from "./block.js";

const GENESIS = "11".repeat(32);
const chain: ChainIdentity = { chain_id: "devnet-test", genesis_hash: GENESIS, genesis_time: "2026-01-01T00:00:00Z", block_time_ms: 1500 };

describe("blockHash", () => {
  it("is SHA3-256(genesisHash ‖ uint64BE(height))", () => {
    const height = new Uint8Array(8);
    height[7] = 7;
    expect(blockHash(GENESIS, 7)).toBe(bytesToHex(sha3(concatBytes(hexToBytesStrict(GENESIS), height))));
    expect(blockHash(GENESIS, 7)).not.toBe(blockHash(GENESIS, 8));
    expect(blockHash("22".repeat(32), 7)).not.toBe(blockHash(GENESIS, 7));
  });
});

describe("blockTime", () => {
  it("steps by the block interval in Go's RFC3339Nano form", () => {
    expect(blockTime(chain, 0)).toBe("2026-01-01T00:00:00Z");
    expect(blockTime(chain, 1)).toBe("2026-01-01T00:00:01.5Z");
    expect(blockTime(chain, 2)).toBe("2026-01-01T00:00:03Z");
    expect(blockTime({ genesis_time: "2026-01-01T01:00:00.123456789+01:00", block_time_ms: 0 }, 2)).toBe("2026-01-01T00:00:02.123456789Z");
  });
});

describe("queryBlockResponse", () => {
  it("chains last_block_id to the previous block and feeds the session block hash", () => {
    const tx = new TextEncoder().encode('{"tx":1}');
    const response = queryBlockResponse(chain, { height: 5, num_txs: 1, total_txs: 3, txs: [tx] });
    expect(response.block_id.hash).toBe(blockHash(GENESIS, 5).toUpperCase());
    expect(response.block.header.last_block_id.hash).toBe(blockHash(GENESIS, 4).toUpperCase());
    expect(response.block.header).toMatchObject({ height: "5", num_txs: "1", total_txs: "3", data_hash: dataHash([tx]).toUpperCase(), chain_id: "devnet-test" });
    expect((response.block as unknown as { data: { txs: string[] } }).data.txs).toEqual(["eyJ0eCI6MX0="]);
    const seed = sessionBlockHashFromQueryBlock(response);
    expect(seed.ok).toBe(true);
    // The seed covers the header: another tx count gives another session.
    const other = sessionBlockHashFromQueryBlock(queryBlockResponse(chain, { height: 5, num_txs: 0, total_txs: 2, txs: [] }));
    expect(other.ok && seed.ok && other.blockHash !== seed.blockHash).toBe(true);
  });

  it("leaves the first block's last_block_id empty, as tendermint does", () => {
    const first = queryBlockResponse(chain, { height: 1, num_txs: 0, total_txs: 0, txs: [] });
    expect(first.block.header.last_block_id).toEqual({ hash: "", parts: { total: "0", hash: "" } });
    expect(first.block.header.data_hash).toBe("");
    expect(sessionBlockHashFromQueryBlock(first).ok).toBe(true);
  });
});
