/**
 * A session's evidence object and realistic relays for it: proofs signed by the test world's client
 * (`shared/chain/testing.ts`), their amino JSON text and their row keys, as the relay Worker builds them.
 * @module
 */
import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import type { SessionEvidence } from "../../../durable-objects/session-evidence.js";
import type { EvidenceHeader, ReserveRequest } from "../../../shared/evidence/api.js";
import { relayProofToJSON } from "../../../shared/morse/tx/msgs.js";
import { signedRelayProofs, TEST_APP, TEST_CHAIN, TEST_CLIENT, testKey } from "../../../shared/chain/testing.js";
import { evidenceObjectName, rowKeyForProofBytes } from "../../../shared/evidence/row-key.js";
import { proofBytes } from "../../../shared/morse/relay.js";

const namespace = (env as unknown as { EVIDENCE: DurableObjectNamespace<SessionEvidence> }).EVIDENCE;

/** The header of a session served by the test servicer `label` (one per test, since storage is shared within a file). */
export function sessionHeader(label: string, sessionHeight = "10001"): EvidenceHeader {
  return { servicerPubKey: testKey(label).publicKeyHex, appPubKey: TEST_APP.publicKeyHex, chain: TEST_CHAIN, sessionHeight };
}

/** The evidence object of `header`, reached by name as the relay Worker reaches it. */
export function evidenceStub(header: EvidenceHeader): DurableObjectStub<SessionEvidence> {
  const name = evidenceObjectName(header);
  if (!name.ok) throw new Error(name.error);
  return namespace.getByName(name.value);
}

/** `count` distinct reservations of `header`'s session with quota `maxRelays`, built from signed proofs. */
export async function reservations(header: EvidenceHeader, count: number, maxRelays: string): Promise<ReserveRequest[]> {
  const proofs = await signedRelayProofs({
    app: TEST_APP,
    client: TEST_CLIENT,
    servicerPublicKey: header.servicerPubKey,
    chain: header.chain,
    sessionHeight: BigInt(header.sessionHeight),
    count,
  });
  return proofs.map((proof) => ({ header, key: rowKeyForProofBytes(proofBytes(proof)), proof: JSON.stringify(relayProofToJSON(proof)), maxRelays }));
}

/** The rows of the object's `relays` table, read straight from its storage. */
export function storedRows(stub: DurableObjectStub<SessionEvidence>): Promise<number> {
  return runInDurableObject(stub, (_instance, state) => {
    const tables = state.storage.sql.exec("SELECT 1 FROM sqlite_master WHERE name = 'relays'").toArray();
    return tables.length === 0 ? 0 : Number(state.storage.sql.exec("SELECT COUNT(*) AS n FROM relays").one().n);
  });
}
