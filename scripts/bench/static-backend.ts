/**
 * The fast static backend of `npm run bench:relay`: a Node `http` server on 127.0.0.1 that reads a
 * request and answers one fixed JSON-RPC body at once, so a benchmark against it measures the path
 * to the backend, not the backend.
 * @module
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** `eth_chainId` of chain id 1337, as the ganache nodes of the local network answer it. */
export const STATIC_ANSWER = '{"jsonrpc":"2.0","id":1,"result":"0x539"}';

export interface StaticBackend {
  readonly url: string;
  stop(): Promise<void>;
}

export function startStaticBackend(): Promise<StaticBackend> {
  const server = createServer((request, response) => {
    request.resume();
    request.once("end", () => {
      response.writeHead(200, { "Content-Type": "application/json", "Content-Length": STATIC_ANSWER.length });
      response.end(STATIC_ANSWER);
    });
  });
  // Clients keep connections across rounds; Node's 5 s default would close them under an idle client
  // and turn a reused socket into a spurious "other side closed" error.
  server.keepAliveTimeout = 120_000;
  server.headersTimeout = 121_000;
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        stop: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
