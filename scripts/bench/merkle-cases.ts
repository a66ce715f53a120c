/**
 * Merkle root + one branch over n stored relays, as a Durable Object builds it at claim and proof
 * time: leaves arrive sorted by `upper` from storage (here: from one compact buffer, like rows
 * from a SQL cursor), and the builder keeps O(log n) state. Reports time and heap growth.
 *
 * Leaf hashes are random bytes whose first 8 bytes encode an increasing `upper` — the build cost
 * does not depend on which relays they came from, and generating 1M real leaves would dominate.
 */
import { buildMerkleTree, readU64LE, writeU64LE, type MerkleLeaf } from "../../shared/morse/index.js";

export interface MerkleRow {
  leaves: number;
  seconds: number;
  peakHeapMB: number;
  retainedHeapMB: number;
  inputMB: number;
}

function* leavesFrom(buf: Uint8Array, n: number, sample: () => void): Generator<MerkleLeaf> {
  for (let i = 0; i < n; i++) {
    const hash = buf.subarray(i * 32, i * 32 + 32);
    if ((i & 8191) === 0) sample();
    yield { hash, upper: readU64LE(hash) };
  }
}

export function runMerkleBench(n: number, gc: () => void): MerkleRow {
  // xorshift32: deterministic, fast filler for the hash bytes.
  let x = 2463534242;
  const buf = new Uint8Array(n * 32);
  const step = (1n << 64n) / BigInt(n + 1);
  for (let i = 0; i < n; i++) {
    for (let j = 8; j < 32; j++) {
      x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
      buf[i * 32 + j] = x & 255;
    }
    writeU64LE(buf, i * 32, step * BigInt(i + 1) + BigInt(x & 0xffff));
  }
  gc();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const sample = () => {
    const h = process.memoryUsage().heapUsed;
    if (h > peak) peak = h;
  };
  const t0 = performance.now();
  const result = buildMerkleTree(leavesFrom(buf, n, sample), n, { targetIndex: Math.floor(n / 3) });
  const seconds = (performance.now() - t0) / 1000;
  sample();
  if (!result.ok || !result.proof) throw new Error(result.ok ? "no proof" : result.error);
  gc();
  const retained = process.memoryUsage().heapUsed - base;
  return { leaves: n, seconds, peakHeapMB: (peak - base) / 2 ** 20, retainedHeapMB: retained / 2 ** 20, inputMB: buf.length / 2 ** 20 };
}
