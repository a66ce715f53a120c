/**
 * The embedded Pocket devnet Worker: the network layer a servicer talks to, over the Pocket RPC
 * subset of spec §1 (queries, dispatch, rawtx), plus devnet-only admin routes under `/v1/devnet/`.
 * Thin: routing, the 1 MiB body limit (`readBody`), JSON field checks and Morse-shaped answers; the
 * chain itself is the `DevnetChain` Durable Object.
 * @module
 */
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { NETWORK_NAME, type DevnetHono } from "./env.js";
import { errorResponse, jsonResponse } from "./http.js";
import { adminRoutes } from "./routes/admin.js";
import { clientRoutes } from "./routes/client.js";
import { queryRoutes } from "./routes/query.js";
import { DEVNET_VERSION } from "./version.js";

export { DevnetChain } from "../../durable-objects/devnet-chain.js";

/** The Pocket RPC of one network, mounted for the default network and for each named one. */
function pocketRoutes(): Hono<DevnetHono> {
  const v1 = new Hono<DevnetHono>();
  // pocket-core's cors() wrapper (spec §1.1).
  v1.use("/v1/*", async (c, next) => {
    await next();
    c.res.headers.set("Access-Control-Allow-Origin", "*");
    c.res.headers.set("Access-Control-Allow-Methods", "POST");
    c.res.headers.set("Access-Control-Allow-Headers", "Accept, Content-Type, Content-Length, Accept-Encoding, X-CSRF-Token, Authorization");
  });
  v1.get("/v1", () => jsonResponse(DEVNET_VERSION));
  v1.route("/v1/query", queryRoutes);
  v1.route("/v1/client", clientRoutes);
  v1.route("/v1/devnet", adminRoutes);
  v1.options("/v1/client/dispatch", () => new Response(null, { status: 200 }));
  return v1;
}

const app = new Hono<DevnetHono>();

// Named networks: `/net/<name>/v1/…` is a whole separate chain (see `chainOf`).
app.use("/net/:net/*", async (c, next) => {
  const name = c.req.param("net");
  if (!NETWORK_NAME.test(name)) return errorResponse(400, `bad network name ${JSON.stringify(name)}: use 1-63 of a-z, 0-9 and -`);
  c.set("network", name);
  await next();
});
app.route("/net/:net", pocketRoutes());
app.route("/", pocketRoutes());

app.notFound((c) => errorResponse(404, `no such route: ${c.req.method} ${new URL(c.req.url).pathname}`));

app.onError((error) => {
  if (error instanceof HTTPException) return errorResponse(error.status, error.message);
  console.error("devnet: unexpected error", error);
  return errorResponse(500, `internal error: ${error instanceof Error ? error.message : String(error)}`);
});

export default app;
