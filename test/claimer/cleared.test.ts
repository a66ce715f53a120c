/**
 * An evidence object an operator cleared (`clear()`) mid-lifecycle stores no session any more: the
 * next cron run finds it empty and drops it from the registry, so it is not ticked forever.
 */
import { createScheduledController, env, runDurableObjectAlarm } from "cloudflare:test";
import { expect, it } from "vitest";
import worker from "../../workers/relay/index.js";
import type { RelayEnv } from "../../workers/relay/env.js";
import { REGISTRY_OBJECT_NAME } from "../../durable-objects/registry/api.js";
import { evidenceStub, reservations, sessionHeader } from "../evidence/support/session.js";

const relayEnv = env as unknown as RelayEnv;

it("forgets a cleared session at the next cron run", async () => {
  const header = sessionHeader("cleared");
  const [relay] = await reservations(header, 1, "10");
  const stub = evidenceStub(header);
  await stub.reserve(relay);
  await runDurableObjectAlarm(stub);
  const registry = relayEnv.REGISTRY!.getByName(REGISTRY_OBJECT_NAME);
  expect(await registry.sessions()).toMatchObject({ ok: true, sessions: [{ state: "open" }] });

  await stub.clear();
  await worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: "* * * * *" }), relayEnv);
  expect(await registry.sessions()).toMatchObject({ ok: true, sessions: [], states: {} });
});
