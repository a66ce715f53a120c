/**
 * Ed25519 keys and signatures in Morse form (spec §0.3): a private key is 64 bytes,
 * `seed(32) ‖ publicKey(32)`, written as hex; signatures cover raw 32-byte SHA3 digests.
 *
 * Verification and signing use WebCrypto's native `Ed25519` where the runtime has it (workerd,
 * Node ≥ 20: ~17× faster than pure JS, measured in `npm run bench:protocol`) and fall back to
 * `@noble/ed25519` elsewhere. Imported `CryptoKey`s are cached per isolate, so a client's key is
 * imported once however many relays it sends.
 * @module
 */
import * as ed from "@noble/ed25519";
import { sha512 } from "@noble/hashes/sha2.js";
import { bytesToHex, concatBytes, hexToBytes } from "../primitives/bytes.js";
import { addressFromPublicKey } from "./hash.js";

// noble's synchronous API needs a SHA-512; key derivation uses it (no await on key load).
ed.hashes.sha512 = sha512;

/** One Ed25519 implementation. Both must give identical answers (tested). */
export interface Ed25519 {
  readonly name: "webcrypto" | "noble";
  verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): Promise<boolean>;
  sign(seed: Uint8Array, message: Uint8Array): Promise<Uint8Array>;
}

/** `@noble/ed25519` with RFC 8032 strict checks (`zip215: false`), closest to Go's `crypto/ed25519`. */
export const nobleEd25519: Ed25519 = {
  name: "noble",
  async verify(publicKey, message, signature) {
    try {
      return ed.verify(signature, message, publicKey, { zip215: false });
    } catch {
      return false; // malformed point or signature encoding: not a valid signature
    }
  },
  async sign(seed, message) {
    return ed.sign(message, seed);
  },
};

// PKCS#8 wrapper for a raw 32-byte Ed25519 seed (RFC 8410): WebCrypto cannot import a raw seed.
const PKCS8_PREFIX = hexToBytes("302e020100300506032b657004220420")!;
const KEY_CACHE_LIMIT = 10_000;

/** A bounded insertion-ordered cache: on overflow the oldest entry goes. */
export class BoundedCache<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private readonly limit: number) {}
  get(key: K): V | undefined {
    return this.map.get(key);
  }
  delete(key: K): void {
    this.map.delete(key);
  }
  set(key: K, value: V): void {
    if (this.map.size >= this.limit && !this.map.has(key)) this.map.delete(this.map.keys().next().value as K);
    this.map.set(key, value);
  }
  get size(): number {
    return this.map.size;
  }
}

function webcryptoEd25519(subtle: SubtleCrypto): Ed25519 {
  const publicKeys = new BoundedCache<string, Promise<CryptoKey>>(KEY_CACHE_LIMIT);
  const privateKeys = new BoundedCache<string, Promise<CryptoKey>>(1_000);
  const publicKey = (raw: Uint8Array): Promise<CryptoKey> => {
    const id = bytesToHex(raw);
    let key = publicKeys.get(id);
    if (!key) {
      key = subtle.importKey("raw", raw, { name: "Ed25519" }, false, ["verify"]);
      publicKeys.set(id, key);
      // A key that fails to import (not a curve point) must not stay cached as a rejection.
      key.catch(() => publicKeys.delete(id));
    }
    return key;
  };
  return {
    name: "webcrypto",
    async verify(pub, message, signature) {
      if (pub.length !== 32 || signature.length !== 64) return false;
      try {
        return await subtle.verify("Ed25519", await publicKey(pub), signature, message);
      } catch {
        return false;
      }
    },
    async sign(seed, message) {
      const id = bytesToHex(seed);
      let key = privateKeys.get(id);
      if (!key) {
        key = subtle.importKey("pkcs8", concatBytes(PKCS8_PREFIX, seed), { name: "Ed25519" }, false, ["sign"]);
        privateKeys.set(id, key);
      }
      return new Uint8Array(await subtle.sign("Ed25519", await key, message));
    },
  };
}

let detected: Promise<Ed25519> | undefined;

/**
 * The fastest implementation this runtime offers: WebCrypto if it can sign and verify Ed25519,
 * otherwise noble. Probed once per isolate.
 */
export function ed25519(): Promise<Ed25519> {
  detected ??= (async () => {
    const subtle = typeof crypto === "undefined" ? undefined : crypto.subtle;
    if (!subtle) return nobleEd25519;
    try {
      const impl = webcryptoEd25519(subtle);
      const seed = new Uint8Array(32).fill(7);
      const msg = new Uint8Array([1, 2, 3]);
      const sig = await impl.sign(seed, msg);
      if (await impl.verify(ed.getPublicKey(seed), msg, sig)) return impl;
    } catch {
      // fall through: this runtime has no WebCrypto Ed25519
    }
    return nobleEd25519;
  })();
  return detected;
}

/** A parsed Morse private key. */
export interface MorseKey {
  readonly seed: Uint8Array;
  readonly publicKey: Uint8Array;
  readonly publicKeyHex: string;
  readonly address: string;
  readonly privateKeyHex: string;
}

export type ParseKeyResult = { ok: true; key: MorseKey } | { ok: false; error: string };

/** Parses a 64-byte `seed ‖ publicKey` hex key and checks that the halves belong together. */
export function parsePrivateKey(hex: string): ParseKeyResult {
  const bytes = hexToBytes(hex.trim());
  if (!bytes || bytes.length !== 64) return { ok: false, error: "a Morse private key is 128 hex characters (seed ‖ public key)" };
  const seed = bytes.slice(0, 32);
  const publicKey = ed.getPublicKey(seed);
  if (bytesToHex(publicKey) !== bytesToHex(bytes.subarray(32))) {
    return { ok: false, error: "the public key half of the private key does not match its seed" };
  }
  return { ok: true, key: keyFromSeed(seed) };
}

/** The Morse key of a 32-byte seed. */
export function keyFromSeed(seed: Uint8Array): MorseKey {
  const publicKey = ed.getPublicKey(seed);
  const publicKeyHex = bytesToHex(publicKey);
  return {
    seed,
    publicKey,
    publicKeyHex,
    address: addressFromPublicKey(publicKey),
    privateKeyHex: bytesToHex(seed) + publicKeyHex,
  };
}

/** A fresh random key. */
export function generateKey(): MorseKey {
  return keyFromSeed(crypto.getRandomValues(new Uint8Array(32)));
}

/** Signs `message` (a 32-byte digest in Morse) with the fastest available implementation. */
export async function sign(key: MorseKey, message: Uint8Array): Promise<Uint8Array> {
  return (await ed25519()).sign(key.seed, message);
}

/** Verifies a signature; any malformed input is simply "not valid". */
export async function verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): Promise<boolean> {
  return (await ed25519()).verify(publicKey, message, signature);
}
