/**
 * The session registry counts each session once, whatever order and how often its reports arrive: a
 * repeated report changes nothing, a stale one is ignored, and pruning finished sessions keeps the
 * counters. `due` hands out unfinished sessions least recently ticked first.
 */
import { env } from "cloudflare:test";
import { expect, it } from "vitest";
import { REGISTRY_OBJECT_NAME } from "../../durable-objects/registry/api.js";
import type { SessionRegistry } from "../../durable-objects/session-registry.js";
import { testKey } from "../../shared/chain/testing.js";
import { advanceRecord, openRecord, terminalRecord, type LifecycleRecord } from "../../shared/claimer/record.js";
import { sessionReport } from "../../shared/claimer/report.js";

const registry = () => (env as unknown as { REGISTRY: DurableObjectNamespace<SessionRegistry> }).REGISTRY.getByName(REGISTRY_OBJECT_NAME);
const header = (label: string, sessionHeight: string) => ({ servicerPubKey: testKey(label).publicKeyHex, appPubKey: testKey("registry app").publicKeyHex, chain: "0021", sessionHeight });
const report = (name: string, sessionHeight: string, record: LifecycleRecord) => sessionReport(name, header(name, sessionHeight), record);
const tx = { hash: "AA", hex: "", attempts: 1, sentAt: 5, accepted: true };

it("counts a session once, ignores stale reports and keeps counters when pruning", async () => {
  const claimed = advanceRecord(openRecord(9, 0), { state: "claimed", claimTx: tx, claimedAt: 6, relays: 9 }, 1);
  const proven = terminalRecord({ ...advanceRecord(claimed, { state: "proof-submitted", proofTx: tx }, 2), earned: "80100" }, "proven", "ok", 0, 3);
  expect(await registry().report(report("a", "1", claimed))).toEqual({ ok: true, stored: true });
  expect(await registry().report(report("a", "1", proven))).toEqual({ ok: true, stored: true });
  expect(await registry().report(report("a", "1", proven))).toEqual({ ok: true, stored: true });
  expect(await registry().report(report("a", "1", claimed))).toEqual({ ok: true, stored: false });
  const listed = await registry().sessions();
  if (!listed.ok) throw new Error(listed.message);
  expect(listed.sessions).toEqual([expect.objectContaining({ name: "a", state: "proven" })]);
  expect(listed.counters).toMatchObject({ claimsSubmitted: 1, claimsConfirmed: 1, proofsSubmitted: 1, proofsConfirmed: 1, transactionsSent: 2, tokensEarned: "80100" });

  expect(await registry().prune(Date.now() + 1)).toEqual({ ok: true, pruned: 1 });
  const after = await registry().sessions();
  expect(after.ok && after.sessions).toEqual([]);
  expect(after.ok && after.counters).toEqual(listed.counters);
});

it("hands out unfinished sessions, least recently ticked first, and never finished ones", async () => {
  for (const [name, height] of [["old", "1"], ["new", "5"], ["mid", "3"]] as const) await registry().report(report(name, height, openRecord(1, 0)));
  await registry().report(report("done", "1", terminalRecord(openRecord(2, 0), "discarded", "short", 2, 1)));
  expect(await registry().due(2, 100)).toEqual({ ok: true, names: ["old", "mid"] });
  expect(await registry().due(2, 200)).toEqual({ ok: true, names: ["new", "old"] });
  expect(await registry().due(10, 300)).toEqual({ ok: true, names: ["mid", "old", "new"] });
  expect(await registry().due(0, 300)).toMatchObject({ ok: false, code: 1 });
  expect(await registry().report({ name: "" } as never)).toMatchObject({ ok: false, code: 1 });
});
