/**
 * The edge relay Worker: pocket-core's servicer routes (spec §1) at the edge. `POST /v1/client/relay`
 * admits, forwards and signs relays (`relay.ts`); `POST /v1/client/dispatch` answers sessions from the
 * chain (`dispatch.ts`); `GET /v1` the version; `GET /v1/health` readiness; `GET /v1/edge/sessions`
 * the claimer's sessions and counters for the operator. The `scheduled` handler (cron) is the
 * claimer's backstop (`workers/claimer/`). Settings are parsed once per isolate (`config.ts`); a
 * broken setting answers 503 with the reason, never a crash.
 * @module
 */
import { Hono } from "hono";
import { JSON_CONTENT_TYPE, jsonBody, relayErrorBody } from "../../shared/morse/bodies.js";
import { scheduled } from "../claimer/scheduled.js";
import { handleSessions } from "../claimer/sessions-route.js";
import { runtimeFor, type RelayRuntime } from "./config.js";
import { handleDispatch } from "./dispatch.js";
import type { RelayEnv } from "./env.js";
import { handleHealth } from "./health.js";
import { asciiHeader, handleRelay } from "./relay.js";
import { VERSION } from "./version.js";

export { SessionEvidence } from "../../durable-objects/session-evidence.js";
export { SessionRegistry } from "../../durable-objects/session-registry.js";

const app = new Hono<{ Bindings: RelayEnv; Variables: { runtime: RelayRuntime } }>();

// pocket-core's cors() wrapper (spec §1.1).
app.use("*", async (c, next) => {
  await next();
  c.res.headers.set("Access-Control-Allow-Origin", "*");
  c.res.headers.set("Access-Control-Allow-Methods", "POST");
  c.res.headers.set("Access-Control-Allow-Headers", "Accept, Content-Type, Content-Length, Accept-Encoding, X-CSRF-Token, Authorization");
});

// pocket-core answers the version as a JSON string (spec §1.1).
app.get("/v1", () => new Response(jsonBody(VERSION), { headers: { "Content-Type": JSON_CONTENT_TYPE } }));
app.get("/v1/health", (c) => handleHealth(c.env));
app.get("/v1/edge/sessions", (c) => handleSessions(c.req.raw, c.env));
for (const path of ["/v1/client/relay", "/v1/client/dispatch", "/v1/client/challenge"]) {
  app.options(path, () => new Response(null, { status: 200 }));
}

// Routes below need a valid configuration.
app.use("/v1/client/*", async (c, next) => {
  const built = runtimeFor(c.env);
  if (!built.ok) {
    console.error(JSON.stringify({ msg: "relay: configuration invalid", errors: built.errors }));
    const headers = new Headers({ "Content-Type": JSON_CONTENT_TYPE, "X-Pocket-Edge-Error": asciiHeader(`misconfigured: ${built.errors.join("; ")}`) });
    return new Response(relayErrorBody({}), { status: 503, headers });
  }
  c.set("runtime", built.runtime);
  await next();
});
app.post("/v1/client/relay", (c) => handleRelay(c.req.raw, c.env, c.get("runtime")));
app.post("/v1/client/dispatch", (c) => handleDispatch(c.req.raw, c.get("runtime")));

app.notFound((c) => new Response(jsonBody({ code: 404, message: `no such route: ${c.req.method} ${new URL(c.req.url).pathname}` }), { status: 404, headers: { "Content-Type": JSON_CONTENT_TYPE } }));

// The handlers as one object; named exports of the entry module must be functions or classes
// (workerd refuses plain values).
export default { fetch: app.fetch, scheduled } satisfies ExportedHandler<RelayEnv>;
