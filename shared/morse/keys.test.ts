import fc from "fast-check";
import { describe, expect, it } from "vitest";
import vectors from "../../test/fixtures/morse-vectors.json";
import { bytesToHex, hexToBytesStrict } from "../primitives/bytes.js";
import { BoundedCache, ed25519, generateKey, nobleEd25519, parsePrivateKey, type Ed25519 } from "./keys.js";

const hex = hexToBytesStrict;
const parsed = (privateKey: string) => {
  const r = parsePrivateKey(privateKey);
  if (!r.ok) throw new Error(r.error);
  return r.key;
};

describe("Morse keys", () => {
  it("parses every vector key into its public key and address", () => {
    for (const k of [vectors.keys.app, vectors.keys.client, vectors.keys.servicer]) {
      const key = parsed(k.privateKey);
      expect(key.publicKeyHex).toBe(k.publicKey);
      expect(key.address).toBe(k.address);
      expect(key.privateKeyHex).toBe(k.privateKey);
    }
  });
  it("rejects keys of the wrong size or with a foreign public half", () => {
    expect(parsePrivateKey("ab").ok).toBe(false);
    const app = vectors.keys.app.privateKey;
    expect(parsePrivateKey(app.slice(0, 64) + vectors.keys.client.publicKey).ok).toBe(false);
    expect(parsePrivateKey(app.slice(0, 127) + "x").ok).toBe(false);
  });
  it("generates keys whose hex parses back", () => {
    const k = generateKey();
    expect(parsed(k.privateKeyHex).address).toBe(k.address);
  });
});

describe("Ed25519 implementations", () => {
  const signed = [
    { key: vectors.keys.app, msg: vectors.aat.sha3_256, sig: vectors.aat.signature },
    { key: vectors.keys.client, msg: vectors.relay1.proof_hash_sha3, sig: vectors.relay1.client_signature },
    { key: vectors.keys.servicer, msg: vectors.relay1.response_hash_sha3, sig: vectors.relay1.servicer_signature },
  ];

  it("uses WebCrypto where the runtime has it (Node 20 and workerd both do)", async () => {
    expect((await ed25519()).name).toBe("webcrypto");
  });

  it("both implementations reproduce every vector signature and verify them", async () => {
    for (const impl of [await ed25519(), nobleEd25519]) {
      for (const { key, msg, sig } of signed) {
        const seed = hex(key.privateKey).slice(0, 32);
        expect(bytesToHex(await impl.sign(seed, hex(msg))), impl.name).toBe(sig);
        expect(await impl.verify(hex(key.publicKey), hex(msg), hex(sig)), impl.name).toBe(true);
      }
    }
  });

  it("agree with each other on random keys, messages and tampering", async () => {
    const web = await ed25519();
    const verdicts = async (impls: Ed25519[], pub: Uint8Array, msg: Uint8Array, sig: Uint8Array) =>
      Promise.all(impls.map((i) => i.verify(pub, msg, sig)));
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ minLength: 0, maxLength: 64 }),
        fc.nat(63),
        async (seed, msg, flip) => {
          const sig = await nobleEd25519.sign(seed, msg);
          expect(sig).toEqual(await web.sign(seed, msg));
          const pub = (await import("@noble/ed25519")).getPublicKey(seed);
          expect(await verdicts([web, nobleEd25519], pub, msg, sig)).toEqual([true, true]);
          const bad = sig.slice();
          bad[flip] ^= 1;
          expect(await verdicts([web, nobleEd25519], pub, msg, bad)).toEqual([false, false]);
        },
      ),
      { numRuns: 50 },
    );
  });

  it("answer false, never throw, on malformed keys and signatures", async () => {
    for (const impl of [await ed25519(), nobleEd25519]) {
      const msg = new Uint8Array(32);
      expect(await impl.verify(new Uint8Array(31), msg, new Uint8Array(64))).toBe(false);
      expect(await impl.verify(new Uint8Array(32).fill(0xff), msg, new Uint8Array(64))).toBe(false);
      expect(await impl.verify(hex(vectors.keys.app.publicKey), msg, new Uint8Array(63))).toBe(false);
    }
  });
});

describe("BoundedCache", () => {
  it("evicts the oldest entry at its limit", () => {
    const c = new BoundedCache<string, number>(2);
    c.set("a", 1);
    c.set("b", 2);
    c.set("c", 3);
    expect([c.get("a"), c.get("b"), c.get("c"), c.size]).toEqual([undefined, 2, 3, 2]);
  });
});
