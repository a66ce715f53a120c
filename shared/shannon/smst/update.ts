/**
 * Insertion, ported line by line from pokt-network/smt v0.14.1 `SMT.update` and
 * `extensionNode.split` (`SMT:smt.go`, `SMT:extension_node.go`). The shape matters beyond the root:
 * an extension node's stored `path` is the path of the leaf whose insertion created it, and a closest
 * proof whose sibling is that extension carries those bytes, so only Go's exact steps reproduce
 * Go's proof bytes.
 * @module
 */
import { getPathBit, MAX_DEPTH } from "./hashing.js";
import { ExtensionNode, InnerNode, LeafNode, type TrieNode } from "./nodes.js";
import { resolve, type Walk } from "./walk.js";

/** Digests of persisted nodes an update replaced: deleted from the store at the next commit. */
export type Orphans = Uint8Array[];

function addOrphan(orphans: Orphans, node: LeafNode | InnerNode | ExtensionNode): void {
  if (node.persisted && node.digest !== null) orphans.push(node.digest);
}

/** Bits `path` and `other` share from bit `from` on, plus `from` (`countCommonPrefixBits`). */
function commonPrefixBits(path: Uint8Array, other: Uint8Array, from: number): number {
  let i = from;
  while (i < MAX_DEPTH && getPathBit(path, i) === getPathBit(other, i)) i++;
  return i;
}

/** The subtree that replaces `node` (at `depth`) once the leaf (`path`, `valueHash`) is in it. */
export function* update(node: TrieNode, depth: number, path: Uint8Array, valueHash: Uint8Array, orphans: Orphans): Walk<TrieNode> {
  const resolved = yield* resolve(node);
  const newLeaf = new LeafNode(path, valueHash);
  if (resolved === null) return newLeaf;

  if (resolved instanceof LeafNode) {
    const prefixLen = commonPrefixBits(path, resolved.path, depth);
    if (prefixLen === MAX_DEPTH) {
      addOrphan(orphans, resolved); // same key: the leaf is replaced
      return newLeaf;
    }
    const inner =
      getPathBit(path, prefixLen) === 0 ? new InnerNode(newLeaf, resolved) : new InnerNode(resolved, newLeaf);
    // The bits both paths share below `depth` become one extension over [depth, prefixLen).
    return depth < prefixLen ? new ExtensionNode(path, depth, prefixLen, inner) : inner;
  }

  addOrphan(orphans, resolved);
  resolved.digest = null;
  resolved.persisted = false;

  if (resolved instanceof ExtensionNode) {
    const { head, branch, branchDepth } = split(resolved, path);
    if (branch === null) {
      resolved.child = yield* update(resolved.child, branchDepth, path, valueHash, orphans);
    } else {
      yield* update(branch, branchDepth, path, valueHash, orphans); // an in-memory inner node: updated in place
    }
    return head;
  }

  if (getPathBit(path, depth) === 0) {
    resolved.left = yield* update(resolved.left, depth + 1, path, valueHash, orphans);
  } else {
    resolved.right = yield* update(resolved.right, depth + 1, path, valueHash, orphans);
  }
  return resolved;
}

/**
 * Splits `ext` where `path` leaves it (`extensionNode.split`): the new head of the chain, and the new
 * inner node where the paths part (`null` when `path` follows the whole extension: the update goes on
 * in its child), with the depth the update continues at.
 */
function split(ext: ExtensionNode, path: Uint8Array): { head: TrieNode; branch: InnerNode | null; branchDepth: number } {
  let extBit = 0;
  let index = ext.start;
  for (; index < ext.end; index++) {
    extBit = getPathBit(ext.path, index);
    if (extBit !== getPathBit(path, index)) break;
  }
  if (index === ext.end) return { head: ext, branch: null, branchDepth: index };

  const child = ext.child;
  const branch = new InnerNode(null, null);
  let tail: TrieNode;
  let head: TrieNode;
  if (index === ext.start) {
    // Split at the first bit: the chain starts with the new branch; the extension shrinks from the front.
    head = branch;
    ext.start++;
    tail = ext.end - ext.start === 0 ? child : ext;
  } else {
    // Split inside: the extension ends where the paths part.
    head = ext;
    ext.child = branch;
    tail = index === ext.end - 1 ? child : new ExtensionNode(ext.path, index + 1, ext.end, child);
    ext.end = index;
  }
  if (extBit === 0) branch.left = tail;
  else branch.right = tail;
  return { head, branch, branchDepth: index };
}
