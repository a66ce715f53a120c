/**
 * The Go `encoding/gob` bytes of a compacted closest proof, exactly as `SparseCompactMerkleClosestProof.Marshal`
 * writes them in a RelayMiner (spec §6.3 [verified]): MsgSubmitProof's `proof` field.
 *
 * A gob stream is messages `uint(length) ‖ int(typeId) ‖ payload`. The first three define the types
 * (65 the closest proof, 66 `[][]uint8`, 67 the inner proof) and are constant in a process whose first
 * gob use is this Marshal: emitted verbatim. Then the value: per struct, `uint(field − previous)` ‖
 * value for each non-zero field, `00` at the end; the pointer to the inner proof is always written.
 * @module
 */
import { hexToBytesStrict } from "../../primitives/bytes.js";
import type { SparseCompactMerkleClosestProof, SparseCompactMerkleProof } from "./proof.js";

/** Type definitions of ids 65, 66, 67 (287 bytes). */
export const GOB_TYPE_PREFIX: Uint8Array = hexToBytesStrict(
  "ff88ff810301011f537061727365436f6d706163744d65726b6c65436c6f7365737450726f6f6601ff82000106010450617468010a00010b466c" +
    "69707065644269747301ff840001054465707468010a00010b436c6f7365737450617468010a000110436c6f7365737456616c756548617368010a" +
    "00010c436c6f7365737450726f6f6601ff8600000017ff83020101095b5d5b5d75696e743801ff8400010a00007cff8503010118537061727365" +
    "436f6d706163744d65726b6c6550726f6f6601ff860001050109536964654e6f64657301ff840001154e6f6e4d656d626572736869704c656166" +
    "44617461010a0001074269744d61736b010a00010c4e756d536964654e6f646573010400010b5369626c696e6744617461010a000000",
);

/** The closest proof's type id in that prefix. */
const GOB_CLOSEST_PROOF_ID = 65;

/** Gob unsigned integer: one byte below 128, else the negated byte count and the big-endian bytes. */
export function gobUint(out: number[], value: number): void {
  if (value < 0x80) {
    out.push(value);
    return;
  }
  const bytes: number[] = [];
  for (let v = value; v > 0; v = Math.floor(v / 256)) bytes.unshift(v % 256);
  out.push(256 - bytes.length, ...bytes);
}

/** Gob signed integer: zig-zag (`v << 1`, or `(~v << 1) | 1` when negative), then as unsigned. */
export function gobInt(out: number[], value: number): void {
  gobUint(out, value >= 0 ? value * 2 : -value * 2 - 1);
}

/** Writes the fields in index order, skipping zero ones, each as its index delta then its value. */
class StructWriter {
  private previous = -1;
  constructor(private readonly out: number[]) {}

  private field(index: number): void {
    gobUint(this.out, index - this.previous);
    this.previous = index;
  }

  bytes(index: number, value: Uint8Array): void {
    if (value.length === 0) return;
    this.field(index);
    gobUint(this.out, value.length);
    for (const b of value) this.out.push(b);
  }

  bytesList(index: number, values: readonly Uint8Array[]): void {
    if (values.length === 0) return;
    this.field(index);
    gobUint(this.out, values.length);
    for (const value of values) {
      gobUint(this.out, value.length);
      for (const b of value) this.out.push(b);
    }
  }

  int(index: number, value: number): void {
    if (value === 0) return;
    this.field(index);
    gobInt(this.out, value);
  }

  struct(index: number, write: (w: StructWriter) => void): void {
    this.field(index);
    const inner = new StructWriter(this.out);
    write(inner);
    inner.end();
  }

  end(): void {
    this.out.push(0);
  }
}

function writeInnerProof(w: StructWriter, proof: SparseCompactMerkleProof): void {
  w.bytesList(0, proof.sideNodes);
  w.bytes(1, proof.nonMembershipLeafData);
  w.bytes(2, proof.bitMask);
  w.int(3, proof.numSideNodes);
  w.bytes(4, proof.siblingData);
}

/** `proof.Marshal()`: the type prefix, then the value message. */
export function encodeClosestProofGob(proof: SparseCompactMerkleClosestProof): Uint8Array {
  const body: number[] = [];
  gobInt(body, GOB_CLOSEST_PROOF_ID);
  const w = new StructWriter(body);
  w.bytes(0, proof.path);
  w.bytesList(1, proof.flippedBits);
  w.bytes(2, proof.depth);
  w.bytes(3, proof.closestPath);
  w.bytes(4, proof.closestValueHash);
  const inner = proof.closestProof;
  if (inner !== null) w.struct(5, (nested) => writeInnerProof(nested, inner));
  w.end();
  const length: number[] = [];
  gobUint(length, body.length);
  const out = new Uint8Array(GOB_TYPE_PREFIX.length + length.length + body.length);
  out.set(GOB_TYPE_PREFIX, 0);
  out.set(length, GOB_TYPE_PREFIX.length);
  out.set(body, GOB_TYPE_PREFIX.length + length.length);
  return out;
}
