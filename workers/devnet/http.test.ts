import { describe, expect, it } from "vitest";
import { MAX_BODY_BYTES, readLimitedBody } from "./http.js";

function streamOf(chunks: number, size: number): { body: ReadableStream<Uint8Array>; pulled: () => number } {
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent < chunks) controller.enqueue(new Uint8Array(size).fill(32 + (sent++ % 64)));
      else controller.close();
    },
  });
  return { body, pulled: () => sent };
}

describe("readLimitedBody", () => {
  it("reads a streamed body up to 1 MiB", async () => {
    const { body } = streamOf(16, 64 * 1024);
    const bytes = await readLimitedBody(new Request("http://x/", { method: "POST", body }));
    expect(bytes?.length).toBe(MAX_BODY_BYTES);
  });

  it("stops reading a streamed body at the first byte past 1 MiB", async () => {
    const { body, pulled } = streamOf(1000, 64 * 1024);
    expect(await readLimitedBody(new Request("http://x/", { method: "POST", body }))).toBeUndefined();
    expect(pulled()).toBeLessThan(20);
  });

  it("refuses a declared Content-Length above 1 MiB without reading", async () => {
    const request = new Request("http://x/", { method: "POST", headers: { "content-length": String(MAX_BODY_BYTES + 1) }, body: "{}" });
    expect(await readLimitedBody(request)).toBeUndefined();
    expect(request.bodyUsed).toBe(false);
    expect(await readLimitedBody(new Request("http://x/", { method: "POST" }))).toEqual(new Uint8Array(0));
  });
});
