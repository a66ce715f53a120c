/**
 * Signatures: a tx whose signature does not verify, a tx signed by a key other than the message's
 * servicer, a tx for another chain id (sdk code 4), a rawtx whose address is not the signer (sdk 7),
 * and a proof leaf whose client signature does not verify (pocketcore 41). None changes anything.
 */
import { describe, expect, it } from "vitest";
import { bytesToHex, hexToBytesStrict } from "../../shared/primitives/bytes.js";
import { decodeTx, encodeTx } from "../../shared/morse/tx/tx.js";
import { CLIENT, claimFor, claimTxHex, NODES, proofFor, proofTxHex, relayProofs } from "./support/fixtures.js";
import { post } from "./support/rpc.js";
import { advanceTo, claimedSession, expectRefused, proofIndexFromRpc, rawtx, snapshot } from "./support/scenario.js";

function flipSignatureBit(rawHex: string): string {
  const tx = decodeTx(hexToBytesStrict(rawHex));
  if (!tx.ok) throw new Error(tx.error);
  const signature = tx.value.signature.signature.slice();
  signature[10] ^= 1;
  return bytesToHex(encodeTx({ ...tx.value, signature: { ...tx.value.signature, signature } }));
}

describe("bad signatures", () => {
  it("refuses bad tx signatures, foreign signers and foreign chain ids with sdk 4, bad client signatures with 41", async () => {
    const { servicer, proofs, claim } = await claimedSession(10);
    const otherSession = claimFor(servicer, await relayProofs(servicer, 5, 10));
    await advanceTo(13);
    const index = await proofIndexFromRpc(claim);
    const honestProof = proofFor(proofs, index);
    const impostor = NODES.find((k) => k.address !== servicer.address)!;
    const before = await snapshot();

    await expectRefused(await rawtx(servicer, flipSignatureBit(await proofTxHex(servicer, honestProof))), 4, "sdk");
    await expectRefused(await rawtx(impostor, await proofTxHex(impostor, honestProof)), 4, "sdk");
    await expectRefused(await rawtx(servicer, await proofTxHex(servicer, honestProof, "another-chain")), 4, "sdk");
    await expectRefused(await rawtx(servicer, await claimTxHex(impostor, otherSession)), 4, "sdk");
    // rawtx's address must be the signer's.
    await expectRefused(await post("/v1/client/rawtx", { address: impostor.address, raw_hex_bytes: await proofTxHex(servicer, honestProof) }), 7, "sdk");

    // The client signature is not part of the leaf hash, so the branch still matches the root.
    const clientSig = hexToBytesStrict(honestProof.leaf.signature);
    clientSig[0] ^= 1;
    const forgedLeaf = { ...honestProof, leaf: { ...honestProof.leaf, signature: bytesToHex(clientSig) } };
    await expectRefused(await rawtx(servicer, await proofTxHex(servicer, forgedLeaf)), 41);
    expect(CLIENT.publicKeyHex).toBe(honestProof.leaf.aat.client_pub_key);

    expect(await snapshot()).toEqual(before);
  });
});
