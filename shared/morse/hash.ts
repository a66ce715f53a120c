/**
 * The three hash functions of Morse (spec §0.2) and the address derivation (spec §3.5).
 *
 * - `Hash()` in pocket-core is SHA3-256 (FIPS-202, *not* Keccak);
 * - the Merkle tree uses BLAKE2b-256;
 * - an address is the first 20 bytes of SHA-256 of the public key (tendermint `SumTruncated`).
 *
 * SHA3-256 and BLAKE2b-256 are this library's own (`sha3.ts`, `blake2b.ts`): they sit on the relay
 * and Merkle hot paths, where noble's were several times slower. SHA-256 stays noble's: it is off
 * those paths (addresses, transaction hashes).
 * @module
 */
import { sha256 as nobleSha256 } from "@noble/hashes/sha2.js";
import { blake2b256 as blake2b256Bytes } from "../primitives/blake2b.js";
import { bytesToHex, utf8 } from "../primitives/bytes.js";
import { sha3_256 } from "../primitives/sha3.js";

export type HashInput = Uint8Array | string;

const asBytes = (input: HashInput): Uint8Array => (typeof input === "string" ? utf8(input) : input);

/** SHA3-256, pocket-core's `Hash()`. Strings are hashed as their UTF-8 bytes. */
export function sha3(input: HashInput): Uint8Array {
  return sha3_256(asBytes(input));
}

/** BLAKE2b with a 32-byte digest, pocket-core's `merkleHash`. */
export function blake2b256(input: HashInput): Uint8Array {
  return blake2b256Bytes(asBytes(input));
}

export function sha256(input: HashInput): Uint8Array {
  return nobleSha256(asBytes(input));
}

/** Morse address of a 32-byte ed25519 public key, as lowercase hex (40 characters). */
export function addressFromPublicKey(publicKey: Uint8Array): string {
  return bytesToHex(sha256(publicKey).subarray(0, 20));
}
