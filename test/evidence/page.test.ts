/** Rows stream in ascending key order = unsigned `upper` order (the Merkle leaf order, spec §6.2), page by page. */
import { expect, it } from "vitest";
import { MAX_PAGE_ROWS, type EvidenceRow } from "../../shared/evidence/api.js";
import { bytesToHex } from "../../shared/primitives/bytes.js";
import { sumFromHash } from "../../shared/morse/merkle.js";
import { leafHashOf, upperOf } from "../../shared/evidence/row-key.js";
import { evidenceStub, reservations, sessionHeader } from "./support/session.js";

it("pages through every row exactly once, sorted by unsigned upper", async () => {
  const header = sessionHeader("page");
  const stub = evidenceStub(header);
  const relays = await reservations(header, 203, "1000");
  for (const relay of relays) expect(await stub.reserve(relay)).toMatchObject({ ok: true });

  const rows: EvidenceRow[] = [];
  let after: Uint8Array | null = null;
  let pages = 0;
  do {
    const page = await stub.page(after, 10);
    if (!page.ok) throw new Error(page.message);
    expect(page.rows.length).toBe(page.next === null ? 3 : 10);
    rows.push(...page.rows);
    after = page.next;
    pages++;
  } while (after !== null);
  expect(pages).toBe(21);

  const uppers = rows.map((row) => upperOf(row.key));
  expect(uppers.some((u) => u >= 1n << 63n)).toBe(true); // an INTEGER column would sort these first
  expect(uppers.some((u) => u < 1n << 63n)).toBe(true);
  for (let i = 1; i < uppers.length; i++) expect(uppers[i - 1] < uppers[i]).toBe(true);
  for (const row of rows) expect(upperOf(row.key)).toBe(sumFromHash(leafHashOf(row.key)));

  // Exactly the reserved relays, each once, with their proof text.
  const stored = new Map(rows.map((row) => [bytesToHex(row.key), row.proof]));
  expect(stored.size).toBe(relays.length);
  for (const relay of relays) expect(stored.get(bytesToHex(relay.key))).toBe(relay.proof);

  // One page holding everything has no next page; a page after the last key is empty.
  const all = await stub.page(null, MAX_PAGE_ROWS);
  expect(all).toMatchObject({ ok: true, next: null });
  if (all.ok) expect(all.rows.map((row) => bytesToHex(row.key))).toEqual(rows.map((row) => bytesToHex(row.key)));
  expect(await stub.page(rows[rows.length - 1].key, 10)).toEqual({ ok: true, rows: [], next: null });
});

it("answers an empty page for an object that stores nothing", async () => {
  expect(await evidenceStub(sessionHeader("page empty")).page(null, 10)).toEqual({ ok: true, rows: [], next: null });
});

it("refuses a bad limit or position (sdk/1)", async () => {
  const stub = evidenceStub(sessionHeader("page bad"));
  for (const limit of [0, -1, 1.5, MAX_PAGE_ROWS + 1, Number.NaN]) expect(await stub.page(null, limit)).toMatchObject({ ok: false, code: 1 });
  expect(await stub.page(new Uint8Array(32), 10)).toMatchObject({ ok: false, code: 1 });
});
