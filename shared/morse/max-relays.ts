/**
 * The relay quota of one servicer in one session (spec §4.5, PC `MaxPossibleRelays`):
 * `Dec(max_relays).Quo(Dec(chains)).Quo(Dec(nodes)).RoundInt()` with cosmos `sdk.Dec` arithmetic.
 *
 * `sdk.Dec` is an integer scaled by 10^18. Its `Quo` truncates `a·10^18·10^18 / b` and then rounds
 * the extra 18 digits away half-to-even (`chopPrecisionAndRound`); `RoundInt` rounds half-to-even
 * once more. Rounding at every step can differ from rounding the exact quotient once (only for
 * chain·node counts far beyond real ones, about 5·10^17), so each step is reproduced as Go does it.
 * @module
 */

const PRECISION = 10n ** 18n;
const HALF_PRECISION = PRECISION / 2n;

/** PC `chopPrecisionAndRound`: drop 18 digits, banker's rounding, symmetric around zero. */
function chopPrecisionAndRound(d: bigint): bigint {
  if (d < 0n) return -chopPrecisionAndRound(-d);
  const quo = d / PRECISION;
  const rem = d % PRECISION;
  if (rem < HALF_PRECISION) return quo;
  if (rem > HALF_PRECISION) return quo + 1n;
  return quo % 2n === 0n ? quo : quo + 1n;
}

/** `sdk.Dec.Quo` on raw scaled values; bigint `/` truncates toward zero like Go's `big.Int.Quo`. */
function decQuo(a: bigint, b: bigint): bigint {
  return chopPrecisionAndRound((a * PRECISION * PRECISION) / b);
}

function positiveCount(value: bigint | number, name: string): bigint {
  if (typeof value === "number" && !Number.isSafeInteger(value)) throw new RangeError(`${name} is not an integer: ${value}`);
  const v = BigInt(value);
  // Go divides by zero (and panics) for an app with no chains or a zero node count.
  if (v < 1n) throw new RangeError(`${name} must be at least 1: ${v}`);
  return v;
}

/**
 * How many relays one servicer may serve for one app in one session.
 * `maxRelays` is the app's on-chain `max_relays` (at most 2^64−1); counts are taken at the session start.
 * @example maxPossibleRelays(20000n, 1, 24) // 833n (833.33…)
 * @example maxPossibleRelays(25n, 2, 5) // 2n (2.5 rounds to even)
 */
export function maxPossibleRelays(maxRelays: bigint, chainCount: bigint | number, sessionNodeCount: bigint | number): bigint {
  const chains = positiveCount(chainCount, "chainCount");
  const nodes = positiveCount(sessionNodeCount, "sessionNodeCount");
  const perChain = decQuo(maxRelays * PRECISION, chains * PRECISION);
  const perNode = decQuo(perChain, nodes * PRECISION);
  return chopPrecisionAndRound(perNode);
}
