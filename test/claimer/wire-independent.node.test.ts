/**
 * The claim and the proof the claimer sends, read by an independent protobuf decoder: protobufjs
 * loading pocket-core's own `.proto` files (`test/fixtures/pocket-core-proto/`). The envelope must
 * decode as `x.auth.ProtoStdTx` behind a uvarint length prefix, carry the right `type_url`, its
 * message must decode as `x.pocketcore.MsgClaim` / `MsgProtoProof`, and the signature must verify
 * (node:crypto, not the project's Ed25519) over sign bytes rebuilt here from the decoded fields by
 * pocket-core's rules (spec `morse-tx-encoding.md` §3), without the project's JSON code.
 */
import { createPublicKey, verify as nodeVerify } from "node:crypto";
import { fileURLToPath } from "node:url";
import protobuf from "protobufjs";
import { describe, expect, it } from "vitest";
import { computeSession } from "../../shared/chain/session.js";
import { MemoryChain, signedRelayProofs, TEST_APP, TEST_CHAIN, TEST_CHAIN_ID, TEST_CLIENT, TEST_NODES, testGenesis } from "../../shared/chain/testing.js";
import { openRecord } from "../../shared/claimer/record.js";
import { runStep, type ClaimerPorts } from "../../shared/claimer/step.js";
import { MemoryEvidence, MemoryRpc } from "../../shared/claimer/testing.js";

const PROTO_ROOT = fileURLToPath(new URL("../fixtures/pocket-core-proto/", import.meta.url));
const DESCRIPTOR = fileURLToPath(new URL("../../node_modules/protobufjs/google/protobuf/descriptor.proto", import.meta.url));

async function loadProtos(): Promise<protobuf.Root> {
  const root = new protobuf.Root();
  // Imports resolve inside the copied pocket-core tree; descriptor.proto (imported by gogo.proto) ships with protobufjs.
  root.resolvePath = (_origin, target) => (target === "google/protobuf/descriptor.proto" ? DESCRIPTOR : PROTO_ROOT + target);
  await root.load(["x/auth/auth.proto", "x/pocketcore/pocket.proto"], { keepCase: true });
  return root;
}

/** The claim and proof bytes the claimer sent for a 12-relay session (MemoryRpc runs the devnet's rules). */
async function claimerTransactions(): Promise<{ claim: Uint8Array; proof: Uint8Array; servicer: (typeof TEST_NODES)[number] }> {
  const genesis = testGenesis();
  const chain = new MemoryChain(genesis);
  chain.height = 4;
  const session = computeSession(chain, TEST_APP.publicKeyHex, TEST_CHAIN, 1, 4);
  if (!session.ok) throw new Error(session.message);
  const servicer = TEST_NODES.find((k) => k.address === session.nodes[0])!;
  const proofs = await signedRelayProofs({ app: TEST_APP, client: TEST_CLIENT, servicerPublicKey: servicer.publicKeyHex, chain: TEST_CHAIN, sessionHeight: 1n, count: 12, firstEntropy: 2n ** 60n });
  const rpc = new MemoryRpc(new MemoryChain(genesis));
  const evidence = new MemoryEvidence({ servicerPubKey: servicer.publicKeyHex, appPubKey: TEST_APP.publicKeyHex, chain: TEST_CHAIN, sessionHeight: "1" }, proofs);
  const ports: ClaimerPorts = { chain: rpc, evidence, key: servicer, sessionSyncAllowance: 0, cache: {}, now: () => 0 };
  const step = async () => (await runStep(ports, evidence.record ?? openRecord(evidence.count(), 0))).record;
  rpc.advanceTo(5);
  await step();
  rpc.advanceTo(13);
  await step();
  await step();
  rpc.advance();
  expect(await step()).toMatchObject({ state: "proven" });
  expect(rpc.sent).toHaveLength(2);
  return { claim: Buffer.from(rpc.sent[0]!, "hex"), proof: Buffer.from(rpc.sent[1]!, "hex"), servicer };
}

/** Go's `binary.Uvarint`, and the bytes after it. */
function splitPrefix(raw: Uint8Array): { size: number; body: Uint8Array } {
  let size = 0;
  let i = 0;
  for (let shift = 0; ; shift += 7, i++) {
    size += (raw[i]! & 0x7f) * 2 ** shift;
    if (raw[i]! < 0x80) break;
  }
  return { size, body: raw.subarray(i + 1) };
}

/** `sdk.MustSortJSON`: keys sorted at every level, compact (no `<>&` occurs in these values). */
function sortedJSON(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedJSON).join(",")}]`;
  if (value !== null && typeof value === "object") {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${sortedJSON((value as Record<string, unknown>)[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

const CONVERT = { longs: String, bytes: String, defaults: true, arrays: true } as const;
type Obj = Record<string, any>;
const hashRange = (r: Obj) => ({ merkleHash: r.hash === "" ? null : r.hash, range: { lower: r.range.lower, upper: r.range.upper } });

/** pocket-core's amino JSON of the decoded message (`GetSignBytes`), field names from the jsontags. */
function aminoMsg(typeUrl: string, m: Obj): unknown {
  if (typeUrl === "/x.pocketcore.MsgClaim") {
    return {
      type: "pocketcore/claim",
      value: {
        header: { app_public_key: m.sessionHeader.applicationPubKey, chain: m.sessionHeader.chain, session_height: m.sessionHeader.sessionBlockHeight },
        merkle_root: hashRange(m.merkleRoot),
        total_proofs: m.totalProofs,
        from_address: Buffer.from(m.fromAddress, "base64").toString("hex"),
        evidence_type: String(m.evidenceType),
        expiration_height: m.expirationHeight,
      },
    };
  }
  const leaf = m.leaf.relayProof;
  return {
    type: "pocketcore/proof",
    value: {
      merkle_proofs: { index: m.merkleProof.TargetIndex, hash_ranges: m.merkleProof.hashRanges.map(hashRange), target_range: hashRange(m.merkleProof.target) },
      leaf: {
        type: "pocketcore/relay_proof",
        value: {
          request_hash: leaf.requestHash,
          entropy: leaf.entropy,
          session_block_height: leaf.sessionBlockHeight,
          servicer_pub_key: leaf.servicerPubKey,
          blockchain: leaf.blockchain,
          aat: { version: leaf.token.version, app_pub_key: leaf.token.applicationPublicKey, client_pub_key: leaf.token.clientPublicKey, signature: leaf.token.applicationSignature },
          signature: leaf.signature,
        },
      },
      evidence_type: String(m.evidenceType),
    },
  };
}

function ed25519Verify(publicKey: Buffer, message: string, signature: Buffer): boolean {
  const key = createPublicKey({ key: Buffer.concat([Buffer.from("302a300506032b6570032100", "hex"), publicKey]), format: "der", type: "spki" });
  return nodeVerify(null, Buffer.from(message, "utf8"), key, signature);
}

describe("the claimer's transactions, read by protobufjs with pocket-core's .proto files", async () => {
  const root = await loadProtos();
  const StdTx = root.lookupType("x.auth.ProtoStdTx");
  const { claim, proof, servicer } = await claimerTransactions();

  for (const [name, raw, typeUrl, msgType] of [
    ["claim", claim, "/x.pocketcore.MsgClaim", "x.pocketcore.MsgClaim"],
    ["proof", proof, "/", "x.pocketcore.MsgProtoProof"],
  ] as const) {
    it(`decodes the ${name} with type_url ${JSON.stringify(typeUrl)} and a signature valid over pocket-core's sign bytes`, () => {
      const { size, body } = splitPrefix(raw);
      expect(size).toBe(body.length);
      const tx = StdTx.toObject(StdTx.decode(body), CONVERT) as Obj;
      expect(tx.msg.type_url).toBe(typeUrl);
      expect(tx.fee).toEqual([{ denom: "upokt", amount: "10000" }]);
      expect(tx.memo).toBe("");
      const pubKey = Buffer.from(tx.signature.publicKey, "base64");
      expect(pubKey.toString("hex")).toBe(servicer.publicKeyHex);

      const Msg = root.lookupType(msgType);
      const msg = Msg.toObject(Msg.decode(Buffer.from(tx.msg.value, "base64")), CONVERT) as Obj;
      // Go-canonical: protobufjs re-encodes the decoded message to the very same bytes.
      expect(Buffer.from(Msg.encode(Msg.fromObject(msg)).finish()).toString("base64")).toBe(tx.msg.value);
      if (name === "claim") expect(msg).toMatchObject({ totalProofs: "12", evidenceType: 1, expirationHeight: "0", sessionHeader: { chain: TEST_CHAIN, sessionBlockHeight: "1" } });
      else expect(msg.merkleProof.hashRanges).toHaveLength(4);

      const signBytes = sortedJSON({ chain_id: TEST_CHAIN_ID, entropy: tx.entropy, fee: [{ amount: "10000", denom: "upokt" }], memo: "", msg: aminoMsg(typeUrl, msg) });
      expect(ed25519Verify(pubKey, signBytes, Buffer.from(tx.signature.Signature, "base64"))).toBe(true);
      expect(ed25519Verify(pubKey, signBytes.replace(`"chain_id":"${TEST_CHAIN_ID}"`, '"chain_id":"mainnet"'), Buffer.from(tx.signature.Signature, "base64"))).toBe(false);
    });
  }
});
