/**
 * Store reads without two copies of every algorithm: trie walks are generators that `yield` the
 * digest of each node they need and receive its preimage. `drive` feeds them from a `NodeStore`,
 * synchronously while the store answers synchronously, switching to `await` only when it returns a
 * promise; the same walk code serves an in-memory map, Durable Object SQLite and any async store.
 * @module
 */
import { bytesToHex } from "../../primitives/bytes.js";
import { isPlaceholder } from "./hashing.js";
import { LazyNode, parseNode, type ResolvedNode, type TrieNode } from "./nodes.js";
import type { MaybePromise, NodeStore } from "./store.js";

/** A walk: yields digests to read, receives their preimages, returns `T`. */
export type Walk<T> = Generator<Uint8Array, T, Uint8Array | undefined>;

/** The store lost a node the trie refers to (or holds bytes that are no node): the trie is unusable. */
export class SmstStoreError extends Error {}

/** A lazy node read from the store (`resolveLazy`); other nodes as they are. */
export function* resolve(node: TrieNode): Walk<ResolvedNode> {
  if (!(node instanceof LazyNode)) return node;
  if (isPlaceholder(node.digest)) return null;
  const data = yield node.digest;
  const parsed = data === undefined ? undefined : parseNode(data, node.digest);
  if (parsed === undefined) {
    throw new SmstStoreError(`smst: node ${bytesToHex(node.digest)} is ${data === undefined ? "missing from" : "corrupt in"} the store`);
  }
  return parsed;
}

function isPromise<T>(value: MaybePromise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | undefined)?.then === "function";
}

/** Runs `walk` against `store`: a value when every read was synchronous, else a promise. */
export function drive<T>(walk: Walk<T>, store: NodeStore): MaybePromise<T> {
  let step = walk.next();
  while (!step.done) {
    const got = store.get(step.value);
    if (isPromise(got)) return finish(walk, store, got);
    step = walk.next(got);
  }
  return step.value;
}

async function finish<T>(walk: Walk<T>, store: NodeStore, pending: Promise<Uint8Array | undefined>): Promise<T> {
  let step = walk.next(await pending);
  while (!step.done) step = walk.next(await store.get(step.value));
  return step.value;
}

/** `then` for a value that may be a promise, staying synchronous when it is not. */
export function andThen<T, U>(value: MaybePromise<T>, next: (v: T) => U): MaybePromise<U> {
  return isPromise(value) ? value.then(next) : next(value);
}
