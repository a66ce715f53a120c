import fc from "fast-check";
import { describe, expect, it } from "vitest";
import vectors from "../../test/fixtures/morse-vectors.json";
import { U64_MAX } from "../primitives/bytes.js";
import { maxPossibleRelays } from "./max-relays.js";

/** Exact rational n/d rounded half-to-even to an integer (independent of the sdk.Dec code). */
function roundHalfEven(n: bigint, d: bigint): bigint {
  const q = n / d;
  const twice = 2n * (n % d);
  if (twice < d) return q;
  if (twice > d) return q + 1n;
  return q % 2n === 0n ? q : q + 1n;
}

const SCALE = 10n ** 18n;
// Small values hit exact halves often; large ones cover the uint64 range.
const maxRelaysArb = fc.oneof(fc.bigInt({ min: 0n, max: 10_000n }), fc.bigInt({ min: 0n, max: U64_MAX }));

describe("maxPossibleRelays (spec §4.5)", () => {
  it("reproduces every vector row, including the uint64 edge", () => {
    for (const row of vectors.maxPossibleRelays) {
      expect(maxPossibleRelays(BigInt(row.max_relays), row.chains, row.session_node_count)).toBe(BigInt(row.result));
    }
    expect(maxPossibleRelays(U64_MAX, 1, 5)).toBe(3689348814741910323n); // the Go comment's number
  });
  it("rounds exact halves to even, at the final step", () => {
    expect(maxPossibleRelays(25n, 2, 5)).toBe(2n); // 2.5
    expect(maxPossibleRelays(35n, 2, 5)).toBe(4n); // 3.5
    expect(maxPossibleRelays(5n, 2, 1)).toBe(2n); // 2.5
    expect(maxPossibleRelays(7n, 2n, 1n)).toBe(4n); // 3.5
    expect(maxPossibleRelays(0n, 3, 24)).toBe(0n);
  });
  it("throws for zero chains or nodes (Go divides by zero)", () => {
    expect(() => maxPossibleRelays(100n, 0, 5)).toThrow(RangeError);
    expect(() => maxPossibleRelays(100n, 1, 0)).toThrow(RangeError);
    expect(() => maxPossibleRelays(100n, 1.5, 1)).toThrow(RangeError);
  });
  it("matches step-wise exact rational rounding to 18 decimals (property)", () => {
    fc.assert(
      fc.property(
        maxRelaysArb,
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 1, max: 1000 }),
        (maxRelays, chains, nodes) => {
          const perChain = roundHalfEven(maxRelays * SCALE, BigInt(chains)); // scaled by 10^18
          const perNode = roundHalfEven(perChain, BigInt(nodes)); // still scaled
          expect(maxPossibleRelays(maxRelays, chains, nodes)).toBe(roundHalfEven(perNode, SCALE));
        },
      ),
      { numRuns: 2000 },
    );
  });
  it("equals the exactly rounded quotient for realistic counts (property)", () => {
    // Each Quo is off by at most 0.5e-18, while an exact quotient that is not a tie lies at least
    // 1/(2·chains·nodes) from one; so the double rounding cannot change the result below 5e17.
    fc.assert(
      fc.property(maxRelaysArb, fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 50 }), (m, c, n) => {
        expect(maxPossibleRelays(m, c, n)).toBe(roundHalfEven(m, BigInt(c * n)));
      }),
      { numRuns: 2000 },
    );
  });
});
