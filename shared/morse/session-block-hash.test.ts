import { describe, expect, it } from "vitest";
import vectors from "../../test/fixtures/morse-vectors.json";
import { bytesToHex } from "../primitives/bytes.js";
import { sha3 } from "./hash.js";
import { sessionKey } from "./session.js";
import { sessionBlockHashFromQueryBlock, type AminoBlockHeader, type QueryBlockResponse } from "./session-block-hash.js";

const v = vectors.session_block_hash_from_query_block;
const block: QueryBlockResponse = v.input_query_block_json;
const withHeader = (patch: Partial<Record<keyof AminoBlockHeader, unknown>>): QueryBlockResponse => ({
  ...block,
  block: { header: { ...block.block.header, ...patch } as AminoBlockHeader },
});

describe("sessionBlockHashFromQueryBlock (spec §4.4)", () => {
  it("reproduces the vector: H' encoding, its SHA3 and the session key it seeds", () => {
    const r = sessionBlockHashFromQueryBlock(block);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(bytesToHex(r.abciHeader)).toBe(v.abci_header_proto_hex);
    expect(r.blockHash).toBe(v.sha3_256_block_hash);
    const key = sessionKey(vectors.keys.app.publicKey, "0021", r.blockHash);
    expect(key.ok && bytesToHex(key.key)).toBe(v.session_key_hex);
  });
  it("puts this block's hash, not the previous parts hash, into last_block_id.parts_header", () => {
    const r = sessionBlockHashFromQueryBlock(block);
    const hex = r.ok ? bytesToHex(r.abciHeader) : "";
    expect(hex).toContain(block.block_id.hash.toLowerCase());
    expect(hex).not.toContain(block.block.header.last_block_id.parts.hash.toLowerCase());
  });
  it("falls back to consensus_hash when last_block_id.hash is empty (first block)", () => {
    const first = withHeader({ last_block_id: { hash: "", parts: { hash: "", total: "0" } } });
    const r = sessionBlockHashFromQueryBlock(first);
    const consensus = block.block.header.consensus_hash.toLowerCase();
    // last_block_id = 3a 46 { 0a 20 <consensus> 12 22 { 12 20 <block hash> } }: total 0 is omitted
    expect(r.ok && bytesToHex(r.abciHeader)).toContain(`3a460a20${consensus}12221220${block.block_id.hash.toLowerCase()}`);
  });
  it("writes empty nested messages and omits zero scalars", () => {
    const r = sessionBlockHashFromQueryBlock(
      withHeader({ version: { block: "0", app: "0" }, num_txs: "0", total_txs: 0, time: "1970-01-01T00:00:00Z" }),
    );
    const hex = r.ok ? bytesToHex(r.abciHeader) : "";
    expect(hex.startsWith("0a0012076d61696e6e657418914e2200")).toBe(true);
    expect(hex).toContain("2200" + "3a48");
  });
  it("writes version.app and truncates parts total to int32 like Go's cast", () => {
    const r = sessionBlockHashFromQueryBlock(
      withHeader({
        version: { block: "10", app: "7" },
        last_block_id: { ...block.block.header.last_block_id, parts: { hash: "", total: String(2 ** 32 - 1) } },
      }),
    );
    const hex = r.ok ? bytesToHex(r.abciHeader) : "";
    expect(hex.startsWith("0a04080a1007")).toBe(true);
    expect(hex).toContain("0a20" + "b1".repeat(32) + "122d08ffffffffffffffffff011220"); // total -1: ten bytes
  });
  it("hashes lowercase and uppercase hex alike (tendermint writes uppercase)", () => {
    const lower = sessionBlockHashFromQueryBlock(
      withHeader({ app_hash: block.block.header.app_hash.toLowerCase(), proposer_address: block.block.header.proposer_address.toLowerCase() }),
    );
    expect(lower.ok && lower.blockHash).toBe(v.sha3_256_block_hash);
  });
  it("returns the blockHash as lowercase hex of SHA3(abciHeader)", () => {
    const r = sessionBlockHashFromQueryBlock(block);
    expect(r.ok && r.blockHash).toBe(r.ok && bytesToHex(sha3(r.abciHeader)));
  });
  it("returns sdk code 1 for a malformed block", () => {
    const bad: unknown[] = [
      withHeader({ time: "2023-04-26T21:52:12.123456789" }),
      withHeader({ height: "10001.0" }),
      withHeader({ height: "9223372036854775808" }),
      withHeader({ version: { block: "-1", app: "0" } }),
      withHeader({ app_hash: "XYZ" }),
      withHeader({ data_hash: undefined }),
      withHeader({ chain_id: 5 }),
      withHeader({ last_block_id: undefined }),
      { ...block, block_id: { hash: "0" } },
      { block_id: block.block_id, block: {} },
      { block_id: block.block_id },
    ];
    for (const input of bad) {
      const r = sessionBlockHashFromQueryBlock(input as QueryBlockResponse);
      expect(r, JSON.stringify(input).slice(0, 80)).toMatchObject({ ok: false, code: 1, codespace: "sdk" });
    }
    const r = sessionBlockHashFromQueryBlock(withHeader({ app_hash: "XYZ" }));
    expect(!r.ok && r.message).toBe('cannot rebuild the session block header: app_hash: not hex: "XYZ"');
  });
});
