/**
 * A reservation the relay Worker could not have built from a valid relay is a bug: answered with
 * code 1 and a message (sdk/1 to the client), never thrown (a throwing RPC method loses its reason).
 */
import { expect, it } from "vitest";
import type { ReserveRequest } from "../../shared/evidence/api.js";
import { evidenceStub, reservations, sessionHeader, storedRows } from "./support/session.js";

it.each<[string, (relay: ReserveRequest) => ReserveRequest, RegExp]>([
  ["a short key", (r) => ({ ...r, key: r.key.subarray(0, 32) }), /key must be a 40-byte row key/],
  ["a key whose prefix is not its upper", (r) => ({ ...r, key: Uint8Array.from(r.key, (b, i) => (i === 0 ? b ^ 1 : b)) }), /key must be/],
  ["an empty proof", (r) => ({ ...r, proof: "" }), /proof must be/],
  ["a quota that is not a decimal", (r) => ({ ...r, maxRelays: "1e3" }), /maxRelays must be/],
  ["a malformed header", (r) => ({ ...r, header: { ...r.header, sessionHeight: "0" } }), /header: sessionHeight/],
])("refuses %s with code 1 and stores nothing", async (name, edit, message) => {
  const header = sessionHeader(`bad ${name}`);
  const stub = evidenceStub(header);
  const [relay] = await reservations(header, 1, "10");
  const result = await stub.reserve(edit(relay));
  expect(result).toMatchObject({ ok: false, code: 1 });
  if (!result.ok && result.code === 1) expect(result.message).toMatch(message);
  expect(await storedRows(stub)).toBe(0);
});

it("refuses a relay of another session sent to this object", async () => {
  const header = sessionHeader("bad header");
  const other = sessionHeader("bad header", "10005");
  const stub = evidenceStub(header);
  const [relay] = await reservations(header, 1, "10");
  const [foreign] = await reservations(other, 1, "10");
  // The object knows its own name (`ctx.id.name`), so even the first relay is checked.
  expect(await stub.reserve(foreign)).toMatchObject({ ok: false, code: 1, message: expect.stringMatching(/reached the object/) });
  expect(await stub.reserve(relay)).toEqual({ ok: true, count: 1 });
  expect(await stub.reserve(foreign)).toMatchObject({ ok: false, code: 1 });
  expect(await storedRows(stub)).toBe(1);
});
