/**
 * Shannon's sparse Merkle sum trie (pokt-network/smt as poktroll configures it): the session tree,
 * its closest proofs, their compaction and gob bytes, and the chain's verification.
 * @module
 */
export { MemoryNodeStore, type MaybePromise, type NodeStore } from "./store.js";
export { SparseMerkleSumTrie, leafValueHash, type SmstOptions } from "./trie.js";
export { SmstStoreError } from "./walk.js";
export type { ProveClosestResult } from "./prove.js";
export type {
  Checked,
  SparseCompactMerkleClosestProof,
  SparseCompactMerkleProof,
  SparseMerkleClosestProof,
  SparseMerkleProof,
} from "./proof.js";
export { compactClosestProof, decompactClosestProof } from "./compact.js";
export { verifyClosestProof, verifyCompactClosestProof, type VerifyResult } from "./verify.js";
export { encodeClosestProofGob } from "./gob-encode.js";
export { decodeClosestProofGob, type GobDecodeResult } from "./gob-decode.js";
export { proofPath } from "./proof-path.js";
export { DIGEST_SIZE, PATH_SIZE } from "./hashing.js";
