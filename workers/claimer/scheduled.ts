/**
 * The cron trigger (`wrangler.toml`, every minute): the backstop of the evidence objects' alarms. It
 * asks the session registry for unfinished sessions, least recently ticked first, and runs one
 * lifecycle step in each through `tick()`, a bounded number per run. A run that comes late, twice at
 * once or not at all changes nothing but latency: every decision is made inside the session's own
 * object from what the chain says, and a second caller joins the step in progress.
 * @module
 */
import { REGISTRY_OBJECT_NAME } from "../../durable-objects/registry/api.js";
import type { TickResult } from "../../shared/evidence/api.js";
import type { ClaimerEnv } from "./env.js";

/** Most sessions one run ticks: a run stays far inside a scheduled invocation's limits. */
export const MAX_TICKS_PER_RUN = 100;
/** Ticks in flight at once. */
const CONCURRENCY = 10;
/** How long a finished session stays listed by `GET /v1/edge/sessions` (counters keep it forever). */
export const RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

export interface ClaimerRun {
  /** Sessions ticked, by the state each step left them in. */
  readonly states: Readonly<Record<string, number>>;
  readonly ticked: number;
  /** Problems of the run itself or of single ticks (a tick that only waits is not a problem). */
  readonly errors: readonly string[];
}

/** One cron run at `now` (ms). Never throws. */
export async function runClaimer(env: ClaimerEnv, now: number): Promise<ClaimerRun> {
  const errors: string[] = [];
  const states: Record<string, number> = {};
  if (!env.REGISTRY) return { states, ticked: 0, errors: ["the REGISTRY binding is missing: no session can be listed"] };
  const registry = env.REGISTRY.getByName(REGISTRY_OBJECT_NAME);
  const due = await registry.due(MAX_TICKS_PER_RUN, now).catch((error: unknown) => ({ ok: false as const, message: describe(error) }));
  if (!due.ok) return { states, ticked: 0, errors: [`registry: ${due.message}`] };

  const queue = [...due.names];
  const worker = async (): Promise<void> => {
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
      const result: TickResult = await env.EVIDENCE.getByName(name)
        .tick()
        .catch((error: unknown) => ({ ok: false as const, code: 1 as const, message: describe(error) }));
      if (!result.ok) {
        errors.push(`${name}: ${result.message}`);
        continue;
      }
      states[result.state] = (states[result.state] ?? 0) + 1;
      // Registered, yet storing nothing: an operator cleared it. Nothing is left to tick.
      if (result.state === "empty") await registry.forget(name).catch(() => undefined);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, queue.length) }, worker));

  const pruned = await registry.prune(now - RETENTION_MS).catch((error: unknown) => ({ ok: false as const, message: describe(error) }));
  if (!pruned.ok) errors.push(`registry prune: ${pruned.message}`);
  return { states, ticked: due.names.length, errors };
}

/** The Worker's `scheduled` handler. */
export async function scheduled(controller: ScheduledController, env: ClaimerEnv): Promise<void> {
  const run = await runClaimer(env, controller.scheduledTime);
  console.log(JSON.stringify({ msg: "claimer: cron run", cron: controller.cron, ticked: run.ticked, states: run.states, errors: run.errors.slice(0, 20) }));
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
