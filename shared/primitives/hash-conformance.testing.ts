/**
 * Test support, never imported by product code: the conformance suite our own hash implementations
 * (`sha3.ts`, `blake2b.ts`) run against their oracle (`@noble/hashes`): every length around the block
 * boundaries, every length up to 600, views at odd offsets, no state between calls, random inputs.
 * @module
 */
import fc from "fast-check";
import { expect, it } from "vitest";
import { bytesToHex } from "./bytes.js";

type Hash = (input: Uint8Array) => Uint8Array;

/** Deterministic bytes covering all 256 values, different for each length and seed. */
export function testBytes(length: number, seed = length): Uint8Array {
  const out = new Uint8Array(length);
  let x = (seed * 2654435761 + 1) >>> 0;
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

export interface ConformanceOptions {
  /** Lengths where padding or the final block changes shape (around multiples of the block size). */
  readonly boundaryLengths: readonly number[];
  /** Offsets and lengths of views into a larger buffer. */
  readonly viewOffsets: readonly number[];
  readonly viewLengths: readonly number[];
  /** Length of the input hashed before and after other inputs. */
  readonly stateLength: number;
}

/** Registers the shared conformance tests of `ours` against `oracle` (call inside a `describe`). */
export function hashConformance(ours: Hash, oracle: Hash, options: ConformanceOptions): void {
  const same = (input: Uint8Array) => expect(bytesToHex(ours(input))).toBe(bytesToHex(oracle(input)));

  it("matches the oracle around the block boundaries", () => {
    for (const length of options.boundaryLengths) {
      same(testBytes(length));
      same(new Uint8Array(length).fill(0xff));
      same(new Uint8Array(length));
    }
  });

  it("matches the oracle for every length 0…600", () => {
    for (let length = 0; length <= 600; length++) same(testBytes(length));
  });

  it("reads views at any byte offset and leaves the input alone", () => {
    const backing = testBytes(700, 7);
    const copy = backing.slice();
    for (const offset of options.viewOffsets) {
      for (const length of options.viewLengths) same(backing.subarray(offset, offset + length));
    }
    expect(backing).toEqual(copy);
  });

  it("carries no state from one hash to the next", () => {
    const a = testBytes(options.stateLength, 1);
    const first = bytesToHex(ours(a));
    ours(testBytes(1000, 2));
    ours(new Uint8Array(0));
    expect(bytesToHex(ours(a))).toBe(first);
  });

  it("matches the oracle on random inputs up to 2 KB", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), (input) => {
        expect(bytesToHex(ours(input))).toBe(bytesToHex(oracle(input)));
      }),
      { numRuns: 300 },
    );
  });
}
