/**
 * Blocks on demand: `/v1/devnet/advance` produces them; hashes are SHA3(genesisHash ‖ height) and
 * each block's `last_block_id.hash` is its predecessor's hash; times step by the block interval.
 */
import { describe, expect, it } from "vitest";
import { MAX_ADVANCE } from "../../durable-objects/devnet-chain.js";
import { blockHash } from "../../shared/chain/block.js";
import { sessionBlockHashFromQueryBlock } from "../../shared/morse/session-block-hash.js";
import { CHAIN_ID } from "./support/fixtures.js";
import { get, ok, post } from "./support/rpc.js";
import { startChain } from "./support/scenario.js";

describe("advance", () => {
  it("produces n blocks with deterministic hashes chained by last_block_id", async () => {
    const { genesis_hash } = await startChain();
    expect(await ok("/v1/devnet/advance", { blocks: 9 })).toEqual({ height: 10 });
    expect(await ok("/v1/query/height", {})).toEqual({ height: 10 });
    for (let h = 2; h <= 10; h++) {
      const { block_id, block } = await ok("/v1/query/block", { height: h });
      expect(block_id.hash).toBe(blockHash(genesis_hash, h).toUpperCase());
      expect(block.header.last_block_id.hash).toBe(blockHash(genesis_hash, h - 1).toUpperCase());
      expect(block.header).toMatchObject({ chain_id: CHAIN_ID, height: String(h), num_txs: "0", total_txs: "0" });
      // On-demand chains (block_time_ms 0) stamp one second per block.
      expect(block.header.time).toBe(`2026-01-01T00:00:${String(h).padStart(2, "0")}Z`);
      expect(sessionBlockHashFromQueryBlock({ block_id, block }).ok).toBe(true);
    }
    const latest = await ok("/v1/query/block", { height: 0 });
    expect(latest.block.header.height).toBe("10");
    expect(latest.block_id.hash).toBe(blockHash(genesis_hash, 10).toUpperCase());
  });

  it("defaults to one block and refuses 0, too many, or a non-integer, producing nothing", async () => {
    expect(await ok("/v1/devnet/advance", {})).toEqual({ height: 11 });
    for (const blocks of [0, MAX_ADVANCE + 1, 1.5, "3"]) {
      const answer = await post("/v1/devnet/advance", { blocks });
      expect(answer.status, String(blocks)).toBe(400);
    }
    expect((await get("/v1/devnet/status")).json.height).toBe(11);
  });

  it("refuses heights that do not exist yet", async () => {
    const answer = await post("/v1/query/block", { height: 12 });
    expect(answer.status).toBe(400);
    expect(answer.json.message).toContain("current blockchain height 11");
  });
});
