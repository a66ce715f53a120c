/**
 * Small validators for JSON input the devnet accepts from operators (genesis files, admin routes):
 * each reads one field of an untyped value and returns either the typed value or a message that
 * names the field, so a bad genesis or admin body gets a precise error instead of a stack trace.
 * @module
 */
import { isHexOfSize } from "../primitives/bytes.js";
import { networkIdentifierVerification } from "../morse/verification.js";

/** A validator's verdict: the value, or an error message naming the field. */
export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

export const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
export const bad = (error: string): { readonly ok: false; readonly error: string } => ({ ok: false, error });

/** A plain JSON object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// Token amounts are unbounded `sdk.BigInt`s on chain; 40 digits (> 10^39 upokt) is far past any
// real supply and keeps a hostile body from building huge bigints.
const AMOUNT = /^(0|[1-9][0-9]{0,39})$/;

/**
 * A non-negative integer amount: a decimal string (the amino JSON form) or a JSON number that is a
 * safe integer (numbers beyond 2^53 have already lost digits when the body was parsed).
 */
export function readAmount(value: unknown, field: string, max?: bigint): Parsed<bigint> {
  let amount: bigint | undefined;
  if (typeof value === "string" && AMOUNT.test(value)) amount = BigInt(value);
  else if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) amount = BigInt(value);
  if (amount === undefined) return bad(`${field} must be a non-negative integer (a decimal string for large values)`);
  if (max !== undefined && amount > max) return bad(`${field} must be at most ${max}`);
  return ok(amount);
}

/** A safe integer in `[min, max]`, given as a JSON number. */
export function readInteger(value: unknown, field: string, min: number, max: number): Parsed<number> {
  if (typeof value !== "number" || !Number.isSafeInteger(value)) return bad(`${field} must be an integer`);
  if (value < min || value > max) return bad(`${field} must be between ${min} and ${max}`);
  return ok(value);
}

/** A string. */
export function readString(value: unknown, field: string): Parsed<string> {
  return typeof value === "string" ? ok(value) : bad(`${field} must be a string`);
}

/** A boolean. */
export function readBoolean(value: unknown, field: string): Parsed<boolean> {
  return typeof value === "boolean" ? ok(value) : bad(`${field} must be true or false`);
}

/**
 * An ed25519 public key: 64 lowercase hex characters. Morse compares key strings as well as bytes
 * (spec §0.1), so uppercase is refused here rather than stored and mismatched later.
 */
export function readPublicKey(value: unknown, field: string): Parsed<string> {
  if (typeof value !== "string" || !isHexOfSize(value, 32) || value !== value.toLowerCase()) {
    return bad(`${field} must be a 32-byte ed25519 public key as 64 lowercase hex characters`);
  }
  return ok(value);
}

/** A Morse address: 40 lowercase hex characters (20 bytes). */
export function readAddress(value: unknown, field: string): Parsed<string> {
  if (typeof value !== "string" || !isHexOfSize(value, 20) || value !== value.toLowerCase()) {
    return bad(`${field} must be a 20-byte address as 40 lowercase hex characters`);
  }
  return ok(value);
}

/** A relay chain id: 1–4 bytes of hex (PC `NetworkIdentifierVerification`), e.g. `0021`. */
export function readChain(value: unknown, field: string): Parsed<string> {
  if (typeof value !== "string" || networkIdentifierVerification(value) !== undefined) {
    return bad(`${field} must be a relay chain id of 1 to 4 bytes of hex, such as "0021"`);
  }
  return ok(value);
}

/** A non-empty list of distinct chain ids, at most `max` of them. */
export function readChains(value: unknown, field: string, max: number): Parsed<string[]> {
  if (!Array.isArray(value) || value.length === 0) return bad(`${field} must be a non-empty list of chain ids`);
  if (value.length > max) return bad(`${field} lists ${value.length} chains; the maximum is ${max}`);
  const chains: string[] = [];
  for (let i = 0; i < value.length; i++) {
    const chain = readChain(value[i], `${field}[${i}]`);
    if (!chain.ok) return chain;
    if (chains.includes(chain.value)) return bad(`${field} lists ${chain.value} twice`);
    chains.push(chain.value);
  }
  return ok(chains);
}

/** Keys of `value` that are not in `known`, for "unknown field" errors (typos in genesis files). */
export function unknownKeys(value: Record<string, unknown>, known: readonly string[]): string[] {
  return Object.keys(value).filter((key) => !known.includes(key));
}
