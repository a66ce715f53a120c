import { describe, expect, it } from "vitest";
import { bytesToBase64, hexToBytesStrict } from "../primitives/bytes.js";
import type { MerkleProof } from "./merkle.js";
import { hashRangeFromJSON, hashRangeToJSON, merkleProofFromJSON, merkleProofToJSON } from "./merkle-json.js";
import vectors from "../../test/fixtures/morse-vectors.json";

type VectorRange = { hash: string; lower: string; upper: string };
const range = (v: VectorRange) => ({ hash: hexToBytesStrict(v.hash), lower: BigInt(v.lower), upper: BigInt(v.upper) });
const vector = vectors.merkle.merkle_proof_index7;
const branch: MerkleProof = { index: vector.index, hashRanges: vector.hash_ranges.map(range), targetRange: range(vector.target_range) };

describe("amino JSON of HashRange / MerkleProof", () => {
  it("writes a root as merkleHash base64 and quoted uint64 range bounds", () => {
    const root = range(vectors.merkle.root);
    expect(JSON.stringify(hashRangeToJSON(root))).toBe(
      `{"merkleHash":"${bytesToBase64(root.hash)}","range":{"lower":"0","upper":"17574280845960891668"}}`,
    );
  });

  it("writes a branch with a quoted index, in struct field order, and reads it back", () => {
    const json = merkleProofToJSON(branch);
    expect(Object.keys(json)).toEqual(["index", "hash_ranges", "target_range"]);
    expect(json.index).toBe("7");
    expect(merkleProofFromJSON(JSON.parse(JSON.stringify(json)))).toEqual({ ok: true, value: branch });
  });

  it("writes and reads amino's null for an empty list and an empty (nil) hash", () => {
    const empty = { ...branch, hashRanges: [], targetRange: { ...branch.targetRange, hash: new Uint8Array(0) } };
    const json = merkleProofToJSON(empty);
    expect(json.hash_ranges).toBeNull();
    expect(json.target_range.merkleHash).toBeNull();
    expect(merkleProofFromJSON(JSON.parse(JSON.stringify(json)))).toEqual({ ok: true, value: empty });
  });

  it("refuses what amino refuses: unquoted or malformed integers, out-of-range values, bad base64", () => {
    const good = hashRangeToJSON(branch.targetRange);
    const bad = [
      { ...good, range: { ...good.range, upper: 5 } },
      { ...good, range: { ...good.range, upper: "007" } },
      { ...good, range: { ...good.range, upper: "18446744073709551616" } },
      { ...good, range: { ...good.range, lower: "-1" } },
      { ...good, merkleHash: "not base64!" },
      { merkleHash: good.merkleHash },
      null,
    ];
    for (const json of bad) expect(hashRangeFromJSON(json).ok).toBe(false);
    expect(merkleProofFromJSON({ ...merkleProofToJSON(branch), index: 7 }).ok).toBe(false);
    expect(merkleProofFromJSON({ ...merkleProofToJSON(branch), index: "9223372036854775807" }).ok).toBe(false);
    expect(merkleProofFromJSON({ ...merkleProofToJSON(branch), hash_ranges: [{}] }).ok).toBe(false);
  });
});
