/**
 * Bytes that are no valid claim or proof tx get pocket-core's decode refusal (HTTP 200, sdk 2) with a
 * message saying what is wrong, and change nothing: a length prefix that disagrees with the rest,
 * a truncated tx, an over-long varint, an unknown field, a wrong wire type, a nested length past the
 * end, a message type the chain does not register (the mainnet MsgSend of the spec's §5.1, and a
 * proof under `/x.pocketcore.MsgProtoProof`), and the retired JSON format. Input that is not even
 * hex is refused before decoding: HTTP 400 `{"code":400,"message"}`.
 */
import { describe, expect, it } from "vitest";
import { bytesToHex, concatBytes, hexToBytesStrict, utf8 } from "../../shared/primitives/bytes.js";
import { encodeVarint } from "../../shared/primitives/protobuf.js";
import { decodeStdTx, encodeStdTx } from "../../shared/morse/tx/envelope.js";
import vectors from "../fixtures/morse-tx-vectors.json";
import { claimFor, claimTxHex, proofFor, proofTxHex, relayProofs } from "./support/fixtures.js";
import { post } from "./support/rpc.js";
import { advanceTo, expectRefused, rawtx, sessionServicers, snapshot, startChain } from "./support/scenario.js";

/** `raw` with its length prefix rewritten to fit `body`. */
function framed(body: Uint8Array): string {
  return bytesToHex(concatBytes(encodeVarint(BigInt(body.length)), body));
}

describe("bad encoding", () => {
  it("refuses every malformed tx with sdk 2 and a precise message, changing nothing", async () => {
    await startChain();
    const [servicer] = await sessionServicers();
    const proofs = await relayProofs(servicer, 1, 10);
    await advanceTo(4);
    const good = hexToBytesStrict(await claimTxHex(servicer, claimFor(servicer, proofs)));
    const body = good.subarray(2); // a claim tx is 128..16383 bytes: a two-byte prefix
    expect(good.length - 2).toBe(Number(good[0]! & 0x7f) + (good[1]! << 7));
    const before = await snapshot();

    const refusedWith = async (hex: string, fragment: string) => {
      const answer = await rawtx(servicer, hex);
      await expectRefused(answer, 2, "sdk");
      expect(JSON.parse(answer.json.raw_log).message).toContain(fragment);
    };
    await refusedWith(bytesToHex(concatBytes(encodeVarint(BigInt(body.length + 1)), body)), "not enough bytes to read");
    await refusedWith(bytesToHex(concatBytes(encodeVarint(BigInt(body.length - 1)), body)), "too many bytes to read");
    await refusedWith(bytesToHex(good.subarray(0, good.length - 5)), "not enough bytes");
    await refusedWith(framed(body.subarray(0, body.length - 1)), "ProtoStdTx");
    await refusedWith(framed(concatBytes(body, hexToBytesStrict("28ffffffffffffffffffff01"))), "overflows 64 bits");
    await refusedWith(framed(concatBytes(body, hexToBytesStrict("3801"))), "unknown field 7");
    await refusedWith(framed(concatBytes(body, hexToBytesStrict("2201"))), "past the end");
    await refusedWith(framed(concatBytes(body, hexToBytesStrict("2a00"))), "entropy: wire type 2");
    await refusedWith(vectors.mainnet_send.raw_hex, "no concrete type registered for type URL /x.nodes.MsgSend");
    await refusedWith(bytesToHex(utf8('{"msg":{"type":"pocketcore/claim","value":{}}}')), "bytes to read");

    // The proof's type URL is the single slash: its generated proto name is refused as pocket-core refuses it.
    const proofTx = decodeStdTx(hexToBytesStrict(await proofTxHex(servicer, proofFor(proofs, 0))));
    if (!proofTx.ok) throw new Error(proofTx.error);
    const renamed = encodeStdTx({ ...proofTx.value, msg: { ...proofTx.value.msg, typeUrl: "/x.pocketcore.MsgProtoProof" } });
    await refusedWith(bytesToHex(renamed), "no concrete type registered for type URL /x.pocketcore.MsgProtoProof");

    const notHex = await post("/v1/client/rawtx", { address: servicer.address, raw_hex_bytes: "0xzz" });
    expect(notHex.status).toBe(400);
    expect(notHex.json).toEqual({ code: 400, message: expect.stringContaining("hex") });
    expect(await snapshot()).toEqual(before);
  });
});
