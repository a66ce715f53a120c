/**
 * Calling the devnet Worker from tests exactly as a client does, over HTTP (`exports.default.fetch`),
 * and reaching its chain object for the alarm and restart helpers of `cloudflare:test`.
 * @module
 */
import { env, exports } from "cloudflare:workers";
import { CHAIN_OBJECT_NAME } from "../../../durable-objects/devnet/api.js";
import type { DevnetEnv } from "../../../workers/devnet/env.js";

// The pool serves the main Worker's default export here; `Cloudflare.Exports` is not generated for it.
const worker = (exports as unknown as { default: Fetcher }).default;

export interface RpcAnswer {
  readonly status: number;
  readonly text: string;
  readonly headers: Headers;
  /** The parsed body (`undefined` if it is not JSON). */
  readonly json: any;
}

async function call(method: string, path: string, body?: unknown): Promise<RpcAnswer> {
  const init: RequestInit = { method };
  if (body !== undefined) init.body = typeof body === "string" ? body : JSON.stringify(body);
  const res = await worker.fetch(new Request(`http://devnet.local${path}`, init));
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, text, headers: res.headers, json };
}

/** `POST path` with `body` (an object is sent as JSON, a string as is). */
export const post = (path: string, body?: unknown): Promise<RpcAnswer> => call("POST", path, body ?? {});
export const get = (path: string): Promise<RpcAnswer> => call("GET", path);

/** `POST path` that must answer 200; returns the parsed body. */
export async function ok(path: string, body?: unknown): Promise<any> {
  const answer = await post(path, body);
  if (answer.status !== 200) throw new Error(`${path} answered ${answer.status}: ${answer.text}`);
  return answer.json;
}

/** The devnet's chain object, for `runDurableObjectAlarm` and friends. */
export function chainStub(): DurableObjectStub {
  return (env as unknown as DevnetEnv).CHAIN.getByName(CHAIN_OBJECT_NAME) as unknown as DurableObjectStub;
}
