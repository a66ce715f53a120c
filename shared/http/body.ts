/**
 * Bounded request bodies. pocket-core reads at most 1 MiB of a body (spec §0.6); here an oversized
 * body is refused outright, before it is buffered or parsed.
 * @module
 */
import { concatBytes } from "../primitives/bytes.js";

/** Request bodies are cut at 1 MiB, as pocket-core's `io.LimitReader` cuts them (spec §0.6). */
export const MAX_BODY_BYTES = 1 << 20;

/**
 * Reads a whole stream, at most `limit` bytes; `undefined` when it is longer. The stream is cancelled
 * at the limit without waiting: a peer that never acknowledges must not hold the reader.
 */
export async function readStreamLimited(stream: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array | undefined> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      void reader.cancel().catch(() => {});
      return undefined;
    }
    chunks.push(value);
  }
  return chunks.length === 1 ? chunks[0] : concatBytes(...chunks);
}

/**
 * Reads the request body, at most `limit` bytes; `undefined` when it is longer. A declared
 * `Content-Length` is trusted (the runtime enforces it), a streamed body is counted as it arrives and
 * cancelled at the limit, so an oversized body is never buffered or parsed.
 */
export async function readLimitedBody(request: Request, limit = MAX_BODY_BYTES): Promise<Uint8Array | undefined> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > limit) return undefined;
  if (!request.body) return new Uint8Array(0);
  return readStreamLimited(request.body, limit);
}
