/**
 * Backends that misbehave on purpose, for faults a real EVM node cannot be made to show: one that
 * accepts connections and never answers, one that answers a fixed status and body (5xx, garbage).
 * Real HTTP servers on loopback, never stand-ins for a working backend.
 * @module
 */
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";

export interface FaultServer {
  readonly url: string;
  /** Requests received so far. */
  readonly hits: () => number;
  stop(): Promise<void>;
}

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<FaultServer> {
  let hits = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    hits++;
    handler(req, res);
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    hits: () => hits,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Reads the request and never answers (until stopped). */
export function hangingServer(): Promise<FaultServer> {
  return listen((req) => {
    req.resume();
  });
}

/** Answers every request with `status` and `body`. */
export function fixedServer(status: number, body: string, contentType = "application/json"): Promise<FaultServer> {
  return listen((req, res) => {
    req.resume();
    req.on("end", () => {
      res.writeHead(status, { "Content-Type": contentType });
      res.end(body);
    });
  });
}

/** What a chain proxy is told to do. */
export interface ChainProxyMode {
  /** Paths (suffixes) whose requests are cut without an answer: the chain looks unreachable. */
  down?: string[];
  /** How many of the next `/v1/client/rawtx` calls to answer "queued" without passing them on. */
  dropRawtx?: number;
}

export interface ChainProxy extends FaultServer {
  set(mode: ChainProxyMode): void;
  /** Calls per path and the `raw_hex_bytes` of every rawtx seen (passed on or not), since `reset`. */
  log(): { calls: Record<string, number>; rawtx: string[] };
  reset(): void;
}

/**
 * A real HTTP proxy in front of a chain (a devnet network URL): passes requests on unchanged, except
 * that it can cut chosen paths (the chain going away mid-lifecycle) or swallow transactions (a tx the
 * node accepted and then lost), and it records the transactions it saw. The faults a running devnet
 * shared with other tests cannot show for one test.
 */
export async function chainProxy(target: string): Promise<ChainProxy> {
  let mode: ChainProxyMode = {};
  let calls: Record<string, number> = {};
  let rawtx: string[] = [];
  const server = await listen((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const path = (req.url ?? "/").split("?")[0];
      const body = Buffer.concat(chunks);
      calls[path] = (calls[path] ?? 0) + 1;
      if (path.endsWith("/v1/client/rawtx")) {
        try {
          rawtx.push(String(JSON.parse(body.toString("utf8")).raw_hex_bytes));
        } catch {
          rawtx.push("<unparsable>");
        }
        if ((mode.dropRawtx ?? 0) > 0) {
          mode = { ...mode, dropRawtx: mode.dropRawtx! - 1 };
          res.writeHead(200, { "Content-Type": "application/json" });
          // pocket-core's answer to a queued tx, with the hash tendermint would give these bytes.
          const hash = createHash("sha256").update(Buffer.from(rawtx.at(-1) ?? "", "hex")).digest("hex").toUpperCase();
          res.end(JSON.stringify({ logs: null, txhash: hash }));
          return;
        }
      }
      if ((mode.down ?? []).some((p) => path.endsWith(p))) {
        req.socket.destroy();
        return;
      }
      fetch(target + (req.url ?? "/"), { method: req.method, headers: { "Content-Type": "application/json" }, body: req.method === "GET" || req.method === "HEAD" ? undefined : body })
        .then(async (answer) => {
          const text = Buffer.from(await answer.arrayBuffer());
          res.writeHead(answer.status, { "Content-Type": answer.headers.get("content-type") ?? "application/json" });
          res.end(text);
        })
        .catch(() => req.socket.destroy());
    });
  });
  return {
    ...server,
    set(next) {
      mode = { ...next };
    },
    log: () => ({ calls: { ...calls }, rawtx: [...rawtx] }),
    reset() {
      calls = {};
      rawtx = [];
    },
  };
}
