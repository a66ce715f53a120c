/**
 * Where the trie keeps its nodes: node digest (48 bytes) → node preimage, as pokt-network/smt's
 * `kvstore.MapStore`. The trie reads a node only when a walk reaches it and writes only at `commit`,
 * so a session of a million relays lives in the store (SQLite in the evidence Durable Object), not
 * in memory. Every method may answer synchronously (an in-memory map, Durable Object SQLite) or with
 * a promise (any async store); the trie stays synchronous as long as the store does.
 * @module
 */
import { bytesToHex } from "../../primitives/bytes.js";

export type MaybePromise<T> = T | Promise<T>;

export interface NodeStore {
  /** The preimage stored under `digest`, or `undefined`. */
  get(digest: Uint8Array): MaybePromise<Uint8Array | undefined>;
  /**
   * One commit's changes: first delete `deletes` (nodes the commit orphaned), then store `sets`. The
   * order matters: a node re-created with the same content has the digest of one just orphaned.
   * A store should apply the batch atomically (one transaction).
   */
  write(sets: ReadonlyArray<readonly [digest: Uint8Array, preimage: Uint8Array]>, deletes: readonly Uint8Array[]): MaybePromise<void>;
}

/** A `NodeStore` over a `Map`, for tests and for tries small enough to hold (the Go tests' `simplemap`). */
export class MemoryNodeStore implements NodeStore {
  readonly nodes = new Map<string, Uint8Array>();

  get(digest: Uint8Array): Uint8Array | undefined {
    return this.nodes.get(bytesToHex(digest));
  }

  write(sets: ReadonlyArray<readonly [Uint8Array, Uint8Array]>, deletes: readonly Uint8Array[]): void {
    for (const digest of deletes) this.nodes.delete(bytesToHex(digest));
    for (const [digest, preimage] of sets) this.nodes.set(bytesToHex(digest), preimage);
  }
}
