/**
 * What the global setup (`global-setup.ts`) hands to the workerd integration tests via
 * `inject("harness")`.
 * @module
 */
export interface Harness {
  /** The devnet Worker (`wrangler dev`); a test file uses its own network at `${devnetUrl}/net/<name>`. */
  readonly devnetUrl: string;
  /** Two ganache EVM JSON-RPC nodes shared by all files (chain 0021 in two regions). Never stop these. */
  readonly evmUrls: readonly [string, string];
  /**
   * The control server: `POST /evm`, `/fault/hang`, `/fault/fixed {status, body}`,
   * `/fault/chain-proxy {target}` and `/fault/chain-proxy/{set {url, mode}, log {url}, reset {url}}`,
   * `/stop {url}`, `/hits {url}`.
   */
  readonly controlUrl: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    harness: Harness;
  }
}
