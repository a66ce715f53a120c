// Types for the parts of pocket-js 0.0.6 the e2e test uses. The packages ship `dist/src/*.d.ts`, but
// their `exports` maps have no `types` condition, so TypeScript cannot find them under
// `moduleResolution: Bundler`; and they import `@pokt-foundation/pocketjs-types`, which is not
// published as a dependency. Copied from those `.d.ts` files and PJS2 `packages/types`.

declare module "@pokt-foundation/pocketjs-signer" {
  export class KeyManager {
    constructor(account: { address: string; privateKey: string; publicKey: string });
    /** Ed25519 over the bytes of the hex `payload` (libsodium `crypto_sign_detached`); hex signature. */
    sign(payload: string): Promise<string>;
    static createRandom(): Promise<KeyManager>;
    static fromPrivateKey(privateKey: string): Promise<KeyManager>;
    getAddress(): string;
    getPublicKey(): string;
    getPrivateKey(): string;
  }
}

declare module "@pokt-foundation/pocketjs-provider" {
  export interface RequestOptions {
    retryAttempts?: number;
    rejectSelfSignedCertificates?: boolean;
    timeout?: number;
  }
  export class JsonRpcProvider {
    constructor(options: { rpcUrl: string; dispatchers?: string[] });
    /** Posts `request` to `rpcUrl + "/v1/client/relay"`; the parsed JSON answer. */
    relay(request: any, rpcUrl: string, options?: RequestOptions): Promise<unknown>;
  }
}

declare module "@pokt-foundation/pocketjs-relayer" {
  import type { KeyManager } from "@pokt-foundation/pocketjs-signer";
  import type { JsonRpcProvider, RequestOptions } from "@pokt-foundation/pocketjs-provider";

  export interface PocketAAT {
    version: string;
    clientPublicKey: string;
    applicationPublicKey: string;
    applicationSignature: string;
  }
  export interface Node {
    address: string;
    chains: string[];
    publicKey: string;
    jailed: boolean;
    serviceUrl: string;
    stakedTokens: string;
    status: number;
    unstakingTime: string;
  }
  export interface Session {
    blockHeight: number;
    header: { applicationPubKey: string; chain: string; sessionBlockHeight: number };
    key: string;
    nodes: Node[];
  }
  export type RelayHeaders = Record<string, string>;
  export type HTTPMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD" | "OPTIONS" | "CONNECT" | "TRACE" | "";

  export interface RelayParameters {
    blockchain: string;
    data: string;
    headers?: RelayHeaders | null;
    method: HTTPMethod;
    node: Node;
    path: string;
    pocketAAT: PocketAAT;
    session: Session;
    options?: RequestOptions;
  }
  export interface RelayReturnType {
    response: any;
    relayProof: {
      entropy: number;
      sessionBlockheight: number;
      servicerPubKey: string;
      blockchain: string;
      aat: { version: string; appPubKey: string; clientPubKey: string; signature: string };
      signature: string;
      requestHash: string;
    };
    serviceNode: Node;
  }

  export class Relayer {
    readonly keyManager: KeyManager;
    readonly provider: JsonRpcProvider;
    readonly dispatchers: string[];
    constructor(options: { keyManager: KeyManager; provider: JsonRpcProvider; dispatchers: string[] });
    getNewSession(options: { applicationPubKey?: string; chain: string; sessionBlockHeight?: number; options?: RequestOptions }): Promise<Session>;
    relay(parameters: RelayParameters): Promise<RelayReturnType>;
    static relay(parameters: RelayParameters & { keyManager: KeyManager; provider: JsonRpcProvider }): Promise<RelayReturnType>;
    /** SHA3-256 hex of the AAT with an empty signature: what the app signs. */
    static hashAAT(aat: PocketAAT): string;
    static hashRequest(request: unknown): string;
  }

  export class PocketCoreError extends Error {
    code: number;
    constructor(code: number, message: string);
  }
  export class RequestHashError extends PocketCoreError {}
}
