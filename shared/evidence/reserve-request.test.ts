import { describe, expect, it } from "vitest";
import type { ReserveRequest } from "./api.js";
import { blake2b256 } from "../morse/hash.js";
import { checkReserveRequest, MAX_PROOF_LENGTH, sameHeader } from "./reserve-request.js";
import { rowKey } from "./row-key.js";

const header = { servicerPubKey: "aa".repeat(32), appPubKey: "bb".repeat(32), chain: "0021", sessionHeight: "101" };
const request: ReserveRequest = { header, key: rowKey(blake2b256("proof")), proof: '{"entropy":"1"}', maxRelays: "18446744073709551615" };

describe("checkReserveRequest", () => {
  it("accepts a well-formed request and gives the object name and quota", () => {
    expect(checkReserveRequest(request)).toEqual({
      ok: true,
      value: { name: `${"aa".repeat(32)}/${"bb".repeat(32)}/0021/101`, maxRelays: 18446744073709551615n },
    });
    expect(checkReserveRequest({ ...request, maxRelays: "0" }).ok).toBe(true);
  });

  const broken = request.key.slice();
  broken[3] ^= 0xff;
  it.each<[string, Partial<Record<keyof ReserveRequest, unknown>>]>([
    ["header", { header: null }],
    ["header: chain", { header: { ...header, chain: "210" } }],
    ["key", { key: request.key.subarray(0, 32) }],
    ["key", { key: broken }],
    ["key", { key: Array.from(request.key) }],
    ["proof", { proof: "" }],
    ["proof", { proof: "x".repeat(MAX_PROOF_LENGTH + 1) }],
    ["maxRelays", { maxRelays: 10 }],
    ["maxRelays", { maxRelays: "010" }],
    ["maxRelays", { maxRelays: "18446744073709551616" }],
  ])("refuses a bad %s", (field, change) => {
    const result = checkReserveRequest({ ...request, ...change } as ReserveRequest);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.startsWith(field)).toBe(true);
  });
});

describe("sameHeader", () => {
  it("compares every field", () => {
    expect(sameHeader(header, { ...header })).toBe(true);
    for (const field of Object.keys(header)) expect(sameHeader(header, { ...header, [field]: "1" })).toBe(false);
  });
});
