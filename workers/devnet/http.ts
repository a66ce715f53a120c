/**
 * HTTP plumbing of the devnet Worker: reading a JSON request body into typed fields with precise
 * 400 errors, and writing Morse-shaped answers (sorted keys, Go escaping, trailing newline,
 * `{"code":<status>,"message":…}` errors, spec §1.1). Every error is thrown as an `HTTPException`
 * and rendered in one place, the app's `onError`.
 * @module
 */
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { jsonBody, JSON_CONTENT_TYPE, plainErrorBody } from "../../shared/morse/bodies.js";
import { fromUtf8 } from "../../shared/primitives/bytes.js";
import { MAX_BODY_BYTES, readLimitedBody } from "../../shared/http/body.js";
import type { GoValue } from "../../shared/morse/gojson.js";
import { isRecord } from "../../shared/chain/input.js";
import type { DevnetResult } from "../../durable-objects/devnet/api.js";

export { MAX_BODY_BYTES, readLimitedBody } from "../../shared/http/body.js";

/** Throws the 400 (or other) error that `onError` renders as `{"code","message"}`. */
export function refuse(status: ContentfulStatusCode, message: string): never {
  throw new HTTPException(status, { message });
}

/** A Morse error body. */
export function errorResponse(status: number, message: string): Response {
  return new Response(plainErrorBody(status, message), { status, headers: { "Content-Type": JSON_CONTENT_TYPE } });
}

/** A Morse JSON answer. */
export function jsonResponse(value: GoValue, status = 200): Response {
  return new Response(jsonBody(value), { status, headers: { "Content-Type": JSON_CONTENT_TYPE } });
}

/** Turns a chain object's result into the answer. */
export function answer(result: DevnetResult): Response {
  return result.ok ? jsonResponse(result.value) : errorResponse(result.status, result.message);
}

/**
 * The request body as a JSON object. An empty body counts as `{}` (every field of the query
 * routes is optional or checked by name), anything else must parse and be an object.
 */
export async function readBody(c: Context): Promise<Fields> {
  const bytes = await readLimitedBody(c.req.raw);
  if (!bytes) refuse(413, `the request body exceeds ${MAX_BODY_BYTES} bytes (1 MiB)`);
  const text = fromUtf8(bytes);
  if (text.trim() === "") return new Fields({});
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    refuse(400, `the request body is not valid JSON: ${(error as Error).message}`);
  }
  if (!isRecord(value)) refuse(400, "the request body must be a JSON object");
  return new Fields(value);
}

/** Typed access to the fields of a request body; a wrong type is a 400 naming the field. */
export class Fields {
  constructor(readonly raw: Record<string, unknown>) {}

  /** A height: a non-negative integer, 0 or absent meaning the latest. */
  height(key = "height"): number {
    return this.integer(key, 0);
  }

  /** A non-negative safe integer, `fallback` when absent. */
  integer(key: string, fallback: number): number {
    const value = this.raw[key];
    if (value === undefined || value === null) return fallback;
    if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) refuse(400, `${key} must be a non-negative integer, got ${JSON.stringify(value)}`);
    return value;
  }

  /** A string field, `fallback` when absent (required when no fallback is given). */
  string(key: string, fallback?: string): string {
    const value = this.raw[key];
    if (value === undefined || value === null) {
      if (fallback === undefined) refuse(400, `${key} is required`);
      return fallback;
    }
    if (typeof value !== "string") refuse(400, `${key} must be a string, got ${JSON.stringify(value)}`);
    return value;
  }

  /** A 20-byte address as 40 lowercase hex characters. */
  address(key = "address"): string {
    const value = this.string(key);
    if (!/^[0-9a-f]{40}$/.test(value)) refuse(400, `${key} must be a 20-byte address as 40 lowercase hex characters, got ${JSON.stringify(value)}`);
    return value;
  }

  /** A nested object, `{}` when absent. */
  object(key: string): Fields {
    const value = this.raw[key];
    if (value === undefined || value === null) return new Fields({});
    if (!isRecord(value)) refuse(400, `${key} must be an object`);
    return new Fields(value);
  }
}
