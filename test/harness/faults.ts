/**
 * Backends that misbehave on purpose, for faults a real EVM node cannot be made to show: one that
 * accepts connections and never answers, one that answers a fixed status and body (5xx, garbage).
 * Real HTTP servers on loopback, never stand-ins for a working backend.
 * @module
 */
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
