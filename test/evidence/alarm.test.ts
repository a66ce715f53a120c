/**
 * The lifecycle's driver: the first accepted relay arms the object's alarm (a second away) in the same output gate as
 * its insert (later relays leave it alone); the alarm registers the session with the registry and
 * re-arms while work is left; an object whose alarm was lost gets one back when it starts.
 */
import { abortAllDurableObjects, env, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { expect, it } from "vitest";
import { REGISTRY_OBJECT_NAME } from "../../durable-objects/registry/api.js";
import type { SessionRegistry } from "../../durable-objects/session-registry.js";
import { DEFAULT_POLL_MS } from "../../shared/claimer/settings.js";
import { evidenceStub, reservations, sessionHeader } from "./support/session.js";

const registry = () => (env as unknown as { REGISTRY: DurableObjectNamespace<SessionRegistry> }).REGISTRY.getByName(REGISTRY_OBJECT_NAME);
const alarmOf = (stub: DurableObjectStub) => runInDurableObject(stub, (_instance, state) => state.storage.getAlarm());

it("arms the alarm on the first reservation only", async () => {
  const header = sessionHeader("alarm first");
  const relays = await reservations(header, 2, "10");
  const stub = evidenceStub(header);
  expect(await alarmOf(stub)).toBeNull();
  const before = Date.now();
  expect(await stub.reserve(relays[0])).toMatchObject({ ok: true });
  const armed = await alarmOf(stub);
  // About a second away (registration), not a whole poll interval.
  expect(armed).toBeGreaterThanOrEqual(before + 1000);
  expect(armed).toBeLessThan(before + DEFAULT_POLL_MS);
  expect(await stub.reserve(relays[1])).toMatchObject({ ok: true });
  expect(await alarmOf(stub)).toBe(armed);
});

it("registers the session from the alarm and keeps the alarm armed while the session is open", async () => {
  const header = sessionHeader("alarm registers");
  const [relay] = await reservations(header, 1, "10");
  const stub = evidenceStub(header);
  await stub.reserve(relay);
  expect(await runDurableObjectAlarm(stub)).toBe(true);
  const listed = await registry().sessions({});
  expect(listed.ok && listed.sessions.find((s) => s.servicerPubKey === header.servicerPubKey)).toMatchObject({ state: "open", relays: 1, sessionHeight: 10001 });
  expect(await stub.lifecycle()).toMatchObject({ ok: true, record: { state: "open", relays: 1 }, reported: true });
  // No chain configured in this file: the step waits, and the alarm is armed again.
  expect(await alarmOf(stub)).not.toBeNull();
});

it("re-arms a lost alarm when the object starts", async () => {
  const header = sessionHeader("alarm lost");
  const [relay] = await reservations(header, 1, "10");
  let stub = evidenceStub(header);
  await stub.reserve(relay);
  await runInDurableObject(stub, (_instance, state) => state.storage.deleteAlarm());
  expect(await alarmOf(stub)).toBeNull();
  await abortAllDurableObjects();
  stub = evidenceStub(header);
  expect(await alarmOf(stub)).not.toBeNull();
});

it("arms nothing for an object that never stored a relay", async () => {
  const stub = evidenceStub(sessionHeader("alarm empty"));
  expect(await stub.tick()).toEqual({ ok: true, state: "empty", version: 0, relays: 0 });
  expect(await stub.lifecycle()).toEqual({ ok: true, record: null, reported: false });
  expect(await alarmOf(stub)).toBeNull();
});
