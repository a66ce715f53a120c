/**
 * Bounded request bodies. pocket-core reads at most 1 MiB of a body (spec §0.6); here an oversized
 * body is refused outright, before it is buffered or parsed.
 * @module
 */
import { concatBytes } from "../protocol/bytes.js";

/** Request bodies are cut at 1 MiB, as pocket-core's `io.LimitReader` cuts them (spec §0.6). */
export const MAX_BODY_BYTES = 1 << 20;

/**
 * Reads the request body, at most `limit` bytes; `undefined` when it is longer. A declared
 * `Content-Length` is trusted (the runtime enforces it), a streamed body is counted as it arrives and
 * cancelled at the limit, so an oversized body is never buffered or parsed.
 */
export async function readLimitedBody(request: Request, limit = MAX_BODY_BYTES): Promise<Uint8Array | undefined> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > limit) return undefined;
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return chunks.length === 1 ? chunks[0] : concatBytes(...chunks);
}
