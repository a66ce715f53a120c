/**
 * The trie's in-memory nodes, as pokt-network/smt keeps them (`leaf_node.go`, `inner_node.go`,
 * `extension_node.go`, `lazy_node.go`): a node read from the store is `persisted` with its digest
 * known; a node an update touched is dirty (no digest) until the next commit. A `LazyNode` is a
 * child known only by its digest, read from the store when a walk reaches it.
 * @module
 */
import {
  DIGEST_SIZE,
  encodeExtension,
  encodeInner,
  encodeLeaf,
  EXT_PREFIX,
  extensionDigest,
  getPathBit,
  INNER_PREFIX,
  LEAF_PREFIX,
  PATH_SIZE,
  PLACEHOLDER,
  sumDigest,
  SUM_COUNT_SIZE,
} from "./hashing.js";

export class LeafNode {
  constructor(
    readonly path: Uint8Array,
    /** value ‖ weight(8 BE) ‖ count 1 (8 BE): the value hasher is nil, so the value itself. */
    readonly valueHash: Uint8Array,
    public digest: Uint8Array | null = null,
    public persisted = false,
  ) {}
}

export class InnerNode {
  constructor(
    public left: TrieNode,
    public right: TrieNode,
    public digest: Uint8Array | null = null,
    public persisted = false,
  ) {}
}

/** A chain of inner nodes with one child each, over path bits [start, end) of `path`. */
export class ExtensionNode {
  constructor(
    public path: Uint8Array,
    public start: number,
    public end: number,
    public child: TrieNode,
    public digest: Uint8Array | null = null,
    public persisted = false,
  ) {}
}

export class LazyNode {
  constructor(readonly digest: Uint8Array) {}
}

/** `null` is the empty subtree. */
export type TrieNode = LeafNode | InnerNode | ExtensionNode | LazyNode | null;
export type ResolvedNode = Exclude<TrieNode, LazyNode>;

/** The 48-byte digest of a node, cached on it (`digestSumNode`). */
export function digestOf(node: TrieNode): Uint8Array {
  if (node === null) return PLACEHOLDER;
  if (node instanceof LazyNode) return node.digest;
  if (node.digest === null) {
    node.digest =
      node instanceof ExtensionNode
        ? extensionDigest(node.start, node.end, node.path, digestOf(node.child))
        : sumDigest(encodeNode(node));
  }
  return node.digest;
}

/** The preimage stored for a node and sent as a proof's SiblingData (`encodeSumNode`). */
export function encodeNode(node: LeafNode | InnerNode | ExtensionNode): Uint8Array {
  if (node instanceof LeafNode) return encodeLeaf(node.path, node.valueHash);
  if (node instanceof InnerNode) return encodeInner(digestOf(node.left), digestOf(node.right));
  return encodeExtension(node.start, node.end, node.path, digestOf(node.child));
}

/**
 * A stored preimage back into a node (`parseSumTrieNode`); children stay lazy. `undefined` when the
 * bytes are no node this trie writes (a corrupt store).
 */
export function parseNode(data: Uint8Array, digest: Uint8Array): ResolvedNode | undefined {
  switch (data[0]) {
    case LEAF_PREFIX:
      if (data.length < 1 + PATH_SIZE + SUM_COUNT_SIZE) return undefined;
      return new LeafNode(data.subarray(1, 1 + PATH_SIZE), data.subarray(1 + PATH_SIZE), digest, true);
    case INNER_PREFIX:
      if (data.length !== 1 + 2 * DIGEST_SIZE + SUM_COUNT_SIZE) return undefined;
      return new InnerNode(
        new LazyNode(data.subarray(1, 1 + DIGEST_SIZE)),
        new LazyNode(data.subarray(1 + DIGEST_SIZE, 1 + 2 * DIGEST_SIZE)),
        digest,
        true,
      );
    case EXT_PREFIX: {
      if (data.length !== 3 + PATH_SIZE + DIGEST_SIZE + SUM_COUNT_SIZE) return undefined;
      const child = new LazyNode(data.subarray(3 + PATH_SIZE, 3 + PATH_SIZE + DIGEST_SIZE));
      return new ExtensionNode(data.subarray(3, 3 + PATH_SIZE), data[1], data[2], child, digest, true);
    }
    default:
      return undefined;
  }
}

/** The inner node at the top of an extension's chain (`extensionNode.expand`), for walks that leave it. */
export function expandExtension(ext: ExtensionNode): TrieNode {
  let last: TrieNode = ext.child;
  for (let i = ext.end - 1; i >= ext.start; i--) {
    last = getPathBit(ext.path, i) === 0 ? new InnerNode(last, null) : new InnerNode(null, last);
  }
  return last;
}
