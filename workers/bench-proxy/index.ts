/**
 * A bare proxy Worker that exists only for the relay benchmark (`scripts/bench-relay.ts`): the floor
 * for "a Worker in the path". It takes a relay body on `POST /v1/client/relay`, forwards its
 * `payload.data` to `BACKEND_URL` in one fetch and returns the backend's text: no validation, no
 * evidence, no signature. It takes the relay body rather than the bare JSON-RPC payload so that it
 * receives the same bytes the relay Worker does.
 * @module
 */
interface BenchProxyEnv {
  readonly BACKEND_URL: string;
}

export default {
  async fetch(request: Request, env: BenchProxyEnv): Promise<Response> {
    if (request.method !== "POST" || new URL(request.url).pathname !== "/v1/client/relay") return new Response("not found", { status: 404 });
    const relay = (await request.json()) as { payload: { data: string } };
    const answer = await fetch(env.BACKEND_URL, { method: "POST", headers: { "Content-Type": "application/json" }, body: relay.payload.data });
    return new Response(await answer.text(), { status: answer.status, headers: { "Content-Type": "application/json" } });
  },
} satisfies ExportedHandler<BenchProxyEnv>;
