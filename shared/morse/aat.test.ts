import { afterEach, describe, expect, it, vi } from "vitest";
import vectors from "../../test/fixtures/morse-vectors.json";
import { signAAT, validateAAT } from "./aat.js";
import { parsePrivateKey } from "./keys.js";

const appKey = (() => {
  const r = parsePrivateKey(vectors.keys.app.privateKey);
  if (!r.ok) throw new Error(r.error);
  return r.key;
})();
const valid = vectors.aat.json;
const code4 = (inner: string) => ({ code: 4, codespace: "pocketcore", message: `the application authentication token is invalid : ${inner}` });

describe("AAT", () => {
  afterEach(() => vi.restoreAllMocks());

  it("signs the vector AAT byte for byte", async () => {
    expect(await signAAT(appKey, vectors.keys.client.publicKey)).toEqual(valid);
  });

  it("accepts a valid token", async () => {
    expect(await validateAAT(valid)).toBeUndefined();
  });

  it("verifies a token's signature once, then answers from the cache", async () => {
    const fresh = await signAAT(appKey, "11".repeat(32));
    const spy = vi.spyOn(crypto.subtle, "verify");
    expect(await validateAAT(fresh)).toBeUndefined();
    expect(await validateAAT(fresh)).toBeUndefined();
    expect(await validateAAT({ ...fresh })).toBeUndefined();
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it("answers code 4 with pocket-core's inner reason, in its order", async () => {
    expect(await validateAAT({ ...valid, version: "" })).toEqual(code4("the application authentication token version is missing"));
    expect(await validateAAT({ ...valid, version: "0.0.2" })).toEqual(code4("the application authentication token version is not supported"));
    expect(await validateAAT({ ...valid, app_pub_key: "" })).toEqual(code4("the applicaiton public key included in the AAT is not valid"));
    expect(await validateAAT({ ...valid, app_pub_key: "zz" })).toEqual(
      code4('ERROR:\nCodespace: pocketcore\nCode: 6\nMessage: "error decoding the string into hex bytes"\n'),
    );
    expect(await validateAAT({ ...valid, client_pub_key: "abcd" })).toEqual(
      code4('ERROR:\nCodespace: pocketcore\nCode: 42\nMessage: "the public key is not the correct cap"\n'),
    );
    expect(await validateAAT({ ...valid, client_pub_key: "" })).toEqual(code4("the client public key included in the AAT is not valid"));
    const badSig = code4("the application signature on the AAT is not valid");
    expect(await validateAAT({ ...valid, signature: "" })).toEqual(badSig);
    expect(await validateAAT({ ...valid, signature: valid.signature.replace(/^4/, "5") })).toEqual(badSig);
    // Signed by the app for another client: the signature does not cover this client key.
    expect(await validateAAT({ ...valid, client_pub_key: vectors.keys.servicer.publicKey })).toEqual(badSig);
  });
});

describe("aatHashHex", () => {
  it("equals the AAT hash and never confuses tokens whose fields concatenate alike", async () => {
    const { aatHashHex } = await import("./aat.js");
    expect(aatHashHex(valid)).toBe(vectors.aat.sha3_256);
    expect(aatHashHex(valid)).toBe(vectors.aat.sha3_256); // from the cache
    const a = aatHashHex({ version: "a\nb", app_pub_key: "c", client_pub_key: "d" });
    const b = aatHashHex({ version: "a", app_pub_key: "b\nc", client_pub_key: "d" });
    expect(a).not.toBe(b);
  });
});
