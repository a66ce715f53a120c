import { describe, expect, it } from "vitest";
import { bytesToHex, fromUtf8, hexToBytesStrict, utf8 } from "../primitives/bytes.js";
import { sha256 } from "../morse/hash.js";
import { verify } from "../morse/keys.js";
import { claimFromEvidence } from "./evidence.js";
import { signedRelayProofs, TEST_APP, TEST_CHAIN, TEST_CLIENT, TEST_NODES } from "./testing.js";
import { CLAIM_MSG_TYPE, decodeTx, encodeTx, encodeTxHex, msgSigner, signTx, txHash, txSignBytes, unsignedTx } from "./tx.js";

const servicer = TEST_NODES[0];

async function claimTx() {
  const proofs = await signedRelayProofs({ app: TEST_APP, client: TEST_CLIENT, servicerPublicKey: servicer.publicKeyHex, chain: TEST_CHAIN, sessionHeight: 1n, count: 5 });
  const claim = claimFromEvidence(proofs, servicer.address);
  if (!claim.ok) throw new Error(claim.error);
  return unsignedTx({ type: CLAIM_MSG_TYPE, value: claim.value }, "devnet-test", 12345678901234567n);
}

describe("sign bytes (Morse StdSignBytes, spec §7.1)", () => {
  it("are the sorted JSON of chain_id, entropy, fee, memo and msg, int64s as strings", async () => {
    const tx = await claimTx();
    const bytes = fromUtf8(txSignBytes(tx));
    expect(bytes.startsWith('{"chain_id":"devnet-test","entropy":"12345678901234567","fee":[{"amount":"10000","denom":"upokt"}],"memo":"","msg":{"type":"pocketcore/claim","value":{"evidence_type":1,"expiration_height":"0","from_address":"')).toBe(true);
    expect(bytes).toContain('"header":{"app_public_key":"' + TEST_APP.publicKeyHex + '","chain":"0021","session_height":"1"}');
    expect(bytes).toContain('"merkle_root":{"merkleHash":"');
    expect(bytes).toContain('"total_proofs":"5"');
    expect(bytes).not.toContain("signature");
  });

  it("are signed directly with Ed25519 by the servicer", async () => {
    const signed = await signTx(await claimTx(), servicer);
    expect(signed.signature.pub_key).toBe(servicer.publicKeyHex);
    expect(await verify(servicer.publicKey, txSignBytes(signed), hexToBytesStrict(signed.signature.signature))).toBe(true);
    expect(msgSigner(signed.msg)).toBe(servicer.address);
  });
});

describe("encoding", () => {
  it("round-trips a signed tx through its hex bytes, and names it by SHA-256", async () => {
    const signed = await signTx(await claimTx(), servicer);
    const bytes = encodeTx(signed);
    expect(encodeTxHex(signed)).toBe(bytesToHex(bytes));
    expect(decodeTx(bytes)).toEqual({ ok: true, value: signed });
    expect(txHash(bytes)).toBe(bytesToHex(sha256(bytes)).toUpperCase());
  });

  it("refuses what is not a devnet tx, saying why", () => {
    const bad = (json: string) => decodeTx(utf8(json));
    expect(bad("not json")).toMatchObject({ ok: false, error: expect.stringContaining("not JSON") });
    expect(bad('{"msg":{"type":"pos/send","value":{}}}')).toMatchObject({ ok: false, error: expect.stringContaining("not supported") });
    expect(bad('{"msg":{"type":"pocketcore/claim","value":{"header":{}}}}')).toMatchObject({ ok: false, error: expect.stringContaining("app_public_key") });
  });

  it("refuses int64s that are not quoted (amino JSON)", async () => {
    const json = JSON.parse(fromUtf8(encodeTx(await signTx(await claimTx(), servicer))));
    json.msg.value.total_proofs = 5;
    expect(decodeTx(utf8(JSON.stringify(json)))).toMatchObject({ ok: false, error: expect.stringContaining("total_proofs") });
    json.msg.value.total_proofs = "5";
    json.entropy = 1;
    expect(decodeTx(utf8(JSON.stringify(json)))).toMatchObject({ ok: false, error: expect.stringContaining("entropy") });
  });
});
