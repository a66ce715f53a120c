/**
 * `SMT.ProveClosest` (`SMT:smt.go`), step for step: follow `path` down to a leaf; where the side
 * the path takes is empty, step back to the parent, flip that bit of the working path and take the
 * other side. The proof names the leaf reached, the flipped depths and the siblings' digests
 * (deepest first), plus the deepest sibling's preimage (SiblingData). A sibling that Go keeps as an
 * extension node is sent in extension form (`02 ‖ bounds ‖ path ‖ child ‖ sum ‖ count`), which is why
 * this walk keeps Go's node shapes rather than a canonical binary trie.
 * @module
 */
import { flipPathBit, getPathBit, MAX_DEPTH, PATH_SIZE, PLACEHOLDER } from "./hashing.js";
import { digestOf, encodeNode, expandExtension, ExtensionNode, InnerNode, LeafNode, type TrieNode } from "./nodes.js";
import type { SparseMerkleClosestProof } from "./proof.js";
import { resolve, type Walk } from "./walk.js";

export type ProveClosestResult = { readonly ok: true; readonly proof: SparseMerkleClosestProof } | { readonly ok: false; readonly error: string };

/** `extensionNode.boundsMatch`: how many bits of [start, end) `path` shares, and whether all. */
function boundsMatch(ext: ExtensionNode, path: Uint8Array): { matchLen: number; full: boolean } {
  for (let i = ext.start; i < ext.end; i++) {
    if (getPathBit(ext.path, i) !== getPathBit(path, i)) return { matchLen: i - ext.start, full: false };
  }
  return { matchLen: ext.end - ext.start, full: true };
}

export function* proveClosest(root: TrieNode, path: Uint8Array): Walk<ProveClosestResult> {
  if (path.length !== PATH_SIZE) return { ok: false, error: `a closest path is ${PATH_SIZE} bytes, got ${path.length}` };
  const workingPath = path.slice();
  const siblings: TrieNode[] = [];
  const flippedBits: number[] = [];
  let sib: TrieNode = null;
  let parent: TrieNode = null;
  // Depth gained since the last node that was not empty: how far to step back.
  let depthDelta = 0;
  let node: TrieNode = root;
  let depth = 0;
  let proofDepth = 0;
  while (depth < MAX_DEPTH) {
    if (node !== null) parent = node;
    node = yield* resolve(node);
    if (node !== null) {
      depthDelta = 0;
    } else {
      node = yield* resolve(parent);
      if (siblings.length > 0) siblings.pop();
      depth -= depthDelta;
      flipPathBit(workingPath, depth);
      flippedBits.push(depth);
    }
    if (node instanceof LeafNode) {
      proofDepth = depth;
      break;
    }
    if (node instanceof ExtensionNode) {
      const { matchLen, full } = boundsMatch(node, workingPath);
      if (!full) {
        node = expandExtension(node);
      } else {
        for (let i = 0; i < matchLen; i++) siblings.push(null);
        depth += matchLen;
        depthDelta += matchLen;
        node = yield* resolve(node.child);
      }
    }
    if (!(node instanceof InnerNode)) {
      proofDepth = depth; // only in an empty trie
      break;
    }
    if (getPathBit(workingPath, depth) === 0) {
      sib = node.right;
      node = node.left;
    } else {
      sib = node.left;
      node = node.right;
    }
    siblings.push(sib);
    depth++;
    depthDelta++;
  }

  const sideNodes = siblings.map((_, i) => digestOf(siblings[siblings.length - 1 - i]).slice());
  if (node === null) {
    return {
      ok: true,
      proof: {
        path: path.slice(),
        flippedBits,
        depth: proofDepth,
        closestPath: PLACEHOLDER.slice(), // Go's placeholder: 48 zero bytes
        closestValueHash: new Uint8Array(0),
        closestProof: { sideNodes: [], nonMembershipLeafData: new Uint8Array(0), siblingData: new Uint8Array(0) },
      },
    };
  }
  if (!(node instanceof LeafNode)) return { ok: false, error: "smst: closest walk ended on a node that is not a leaf" };
  const sibling = sib === null ? null : yield* resolve(sib);
  return {
    ok: true,
    proof: {
      path: path.slice(),
      flippedBits,
      depth: proofDepth,
      closestPath: node.path.slice(),
      closestValueHash: node.valueHash.slice(),
      closestProof: {
        sideNodes,
        nonMembershipLeafData: new Uint8Array(0),
        siblingData: sibling === null ? new Uint8Array(0) : encodeNode(sibling),
      },
    },
  };
}
