import { describe, expect, it } from "vitest";
import { bytesToBase64, bytesToHex, fromUtf8, hexToBytesStrict, utf8 } from "../../primitives/bytes.js";
import { addressFromPublicKey, sha256 } from "../hash.js";
import { keyFromSeed, verify } from "../keys.js";
import vectors from "../../../test/fixtures/morse-tx-vectors.json";
import { decodeStdTx, encodeStdTx } from "./envelope.js";
import { CLAIM_MSG_TYPE, PROOF_MSG_TYPE, type MsgProof } from "./msgs.js";
import { decodeTx, encodeTx, msgSigner, PROOF_TYPE_URL, signTx, txHash, txSignBytes, unsignedTx } from "./tx.js";

const v = vectors.constructed_proof;
const range = (r: { preimage: string; lower: string; upper: string }) => ({ hash: sha256(hexToBytesStrict(r.preimage)), lower: BigInt(r.lower), upper: BigInt(r.upper) });
const proof: MsgProof = {
  merkle_proofs: { index: v.merkle_proof.index, hashRanges: v.merkle_proof.hash_ranges.map(range), targetRange: range(v.merkle_proof.target_range) },
  leaf: { ...v.leaf, entropy: BigInt(v.leaf.entropy), session_block_height: BigInt(v.leaf.session_block_height), servicer_pub_key: v.servicer_pub_key },
  evidence_type: v.evidence_type,
};
const servicer = keyFromSeed(hexToBytesStrict(v.servicer_seed_hex));

describe("the constructed proof tx (spec §5.3)", () => {
  const tx = unsignedTx({ type: PROOF_MSG_TYPE, value: proof }, BigInt(v.entropy));

  it("has the vector's sign bytes", () => {
    expect(fromUtf8(txSignBytes(tx, v.chain_id))).toBe(v.sign_bytes);
  });

  it("is signed, encoded and named byte for byte as the vector", async () => {
    expect(servicer.publicKeyHex).toBe(v.servicer_pub_key);
    const signed = await signTx(tx, v.chain_id, servicer);
    expect(signed.hex).toBe(v.raw_hex);
    expect(signed.bytes.length).toBe(v.raw_length);
    expect(signed.hash).toBe(v.txhash);
    const envelope = decodeStdTx(signed.bytes);
    expect(envelope.ok && bytesToHex(envelope.value.signature.signature)).toBe(v.signature);
  });

  it("decodes to the same proof, type URL '/', signer from the leaf key, signature valid over the rebuilt sign bytes", async () => {
    const raw = hexToBytesStrict(v.raw_hex);
    const envelope = decodeStdTx(raw);
    expect(envelope.ok && envelope.value.msg.typeUrl).toBe(PROOF_TYPE_URL);
    const decoded = decodeTx(raw);
    if (!decoded.ok) throw new Error(decoded.error);
    expect(decoded.value.msg).toEqual({ type: PROOF_MSG_TYPE, value: proof });
    expect(decoded.value.entropy).toBe(BigInt(v.entropy));
    expect(msgSigner(decoded.value.msg)).toBe(v.servicer_address);
    expect(await verify(decoded.value.signature.publicKey, txSignBytes(decoded.value, v.chain_id), decoded.value.signature.signature)).toBe(true);
    expect(encodeTx(decoded.value)).toEqual(raw);
  });
});

describe("the mainnet MsgSend envelope (spec §5.1)", () => {
  const m = vectors.mainnet_send;
  const raw = hexToBytesStrict(m.raw_hex);

  it("decodes, and its signature verifies over the recorded sign bytes with the decoded key, fee, memo and entropy", async () => {
    const tx = decodeStdTx(raw);
    if (!tx.ok) throw new Error(tx.error);
    expect(tx.value.msg.typeUrl).toBe("/x.nodes.MsgSend");
    expect(tx.value.fee).toEqual([{ denom: "upokt", amount: 10000n }]);
    expect(tx.value.memo).toBe("");
    const signDoc = JSON.parse(m.sign_bytes);
    expect(signDoc.entropy).toBe(tx.value.entropy.toString());
    expect(bytesToHex(tx.value.signature.publicKey)).toBe(m.query_tx_answer.stdTx.signature.pub_key);
    expect(addressFromPublicKey(tx.value.signature.publicKey)).toBe(signDoc.msg.value.from_address);
    expect(await verify(tx.value.signature.publicKey, utf8(m.sign_bytes), tx.value.signature.signature)).toBe(true);
    expect(txHash(raw)).toBe(m.txhash);
  });

  it("re-encodes Go-canonically: the empty memo pocket-js wrote is dropped, the prefix shrinks by two", () => {
    const tx = decodeStdTx(raw);
    if (!tx.ok) throw new Error(tx.error);
    const canonical = bytesToHex(encodeStdTx(tx.value));
    expect(canonical.startsWith(m.go_canonical_prefix)).toBe(true);
    expect(canonical.endsWith(m.go_canonical_suffix)).toBe(true);
    expect(canonical).toBe(m.go_canonical_prefix + m.raw_hex.slice(4).replace(/220028e7a98cf68ae4f806$/, "28e7a98cf68ae4f806"));
    // A MsgSend is no claim or proof: the tx-level decoder refuses it as pocket-core's registry would.
    expect(decodeTx(raw)).toEqual({ ok: false, error: "no concrete type registered for type URL /x.nodes.MsgSend against interface *types.ProtoMsg" });
  });
});

describe("claims", () => {
  it("are packed as /x.pocketcore.MsgClaim, signed by from_address, and decode back", async () => {
    const claim = {
      header: { app_public_key: "aa".repeat(32), chain: "0021", session_height: 1001n },
      merkle_root: { hash: sha256(utf8("root")), lower: 0n, upper: 123456789n },
      total_proofs: 42n,
      from_address: servicer.address,
      evidence_type: 1,
      expiration_height: 0n,
    };
    const tx = unsignedTx({ type: CLAIM_MSG_TYPE, value: claim }, -251686110079666392n);
    const signed = await signTx(tx, "localnet", servicer);
    const decoded = decodeTx(signed.bytes);
    if (!decoded.ok) throw new Error(decoded.error);
    expect(decoded.value.msg).toEqual({ type: CLAIM_MSG_TYPE, value: claim });
    expect(decoded.value.entropy).toBe(-251686110079666392n);
    expect(decodeStdTx(signed.bytes)).toMatchObject({ ok: true, value: { msg: { typeUrl: "/x.pocketcore.MsgClaim" } } });
    expect(fromUtf8(txSignBytes(tx, "localnet"))).toBe(
      '{"chain_id":"localnet","entropy":"-251686110079666392","fee":[{"amount":"10000","denom":"upokt"}],"memo":"","msg":{"type":"pocketcore/claim","value":' +
        `{"evidence_type":"1","expiration_height":"0","from_address":"${servicer.address}","header":{"app_public_key":"${"aa".repeat(32)}","chain":"0021","session_height":"1001"},` +
        `"merkle_root":{"merkleHash":"${bytesToBase64(claim.merkle_root.hash)}","range":{"lower":"0","upper":"123456789"}},"total_proofs":"42"}}}`,
    );
    expect(msgSigner(decoded.value.msg)).toBe(servicer.address);
    expect(await verify(servicer.publicKey, txSignBytes(decoded.value, "localnet"), decoded.value.signature.signature)).toBe(true);
  });
});
