import { describe, expect, it } from "vitest";
import { addressOf } from "./actors.js";
import { storedClaim, validateClaim, validateClaimBasic } from "./claim-rules.js";
import { claimFromEvidence } from "./evidence.js";
import type { MsgClaim } from "../morse/tx/msgs.js";
import { computeSession } from "./session.js";
import { MemoryChain, signedRelayProofs, TEST_APP, TEST_CHAIN, TEST_CLIENT, TEST_NODES, TEST_SMALL_APP, testGenesis, testKey } from "./testing.js";
import type { MorseKey } from "../morse/keys.js";

const chain = new MemoryChain(testGenesis());
chain.height = 20;

function sessionOf(app: MorseKey): MorseKey[] {
  const session = computeSession(chain, app.publicKeyHex, TEST_CHAIN, 1, 4);
  if (!session.ok) throw new Error(session.message);
  return session.nodes.map((a) => TEST_NODES.find((k) => k.address === a)!);
}

async function claimOf(servicer: MorseKey, count: number, app: MorseKey = TEST_APP): Promise<MsgClaim> {
  const proofs = await signedRelayProofs({ app, client: TEST_CLIENT, servicerPublicKey: servicer.publicKeyHex, chain: TEST_CHAIN, sessionHeight: 1n, count });
  const claim = claimFromEvidence(proofs, servicer.address);
  if (!claim.ok) throw new Error(claim.error);
  return claim.value;
}

const [servicer] = sessionOf(TEST_APP);
const outsider = TEST_NODES.find((k) => !sessionOf(TEST_APP).includes(k))!;
const claim = await claimOf(servicer, 10);
const code = (error: { code: number } | undefined) => error?.code;

describe("validateClaimBasic (PC MsgClaim.ValidateBasic)", () => {
  it("accepts a well-formed claim and refuses each malformed field with Go's code", () => {
    expect(validateClaimBasic(claim)).toBeUndefined();
    const root = claim.merkle_root;
    const cases: [Partial<MsgClaim>, number][] = [
      [{ header: { ...claim.header, chain: "" } }, 8],
      [{ header: { ...claim.header, session_height: 0n } }, 9],
      [{ total_proofs: 4n }, 11],
      [{ header: { ...claim.header, app_public_key: "abcd" } }, 54],
      [{ from_address: "xyz" }, 22],
      [{ merkle_root: { ...root, hash: root.hash.subarray(0, 31) } }, 62],
      [{ merkle_root: { ...root, upper: 0n } }, 89],
      [{ merkle_root: { ...root, lower: 1n } }, 73],
      [{ evidence_type: 0 }, 84],
      [{ evidence_type: 2 }, 5],
      [{ expiration_height: 7n }, 88],
    ];
    for (const [edit, expected] of cases) expect(code(validateClaimBasic({ ...claim, ...edit })), JSON.stringify(Object.keys(edit))).toBe(expected);
  });
});

describe("validateClaim (PC Keeper.ValidateClaim, spec §7.2)", () => {
  it("accepts from the block after the session until sbh + ClaimSubmissionWindow·BPS", () => {
    expect(code(validateClaim(chain, claim, 4))).toBe(60);
    for (let h = 5; h <= 13; h++) expect(validateClaim(chain, claim, h), `height ${h}`).toBeUndefined();
    expect(code(validateClaim(chain, claim, 14))).toBe(69);
  });

  it("refuses too few proofs (49), unsupported chains (53), unknown nodes (48) and apps (45)", async () => {
    expect(code(validateClaim(chain, await claimOf(servicer, 9), 5))).toBe(49);
    const unsupported = new MemoryChain(testGenesis({ params: { supported_blockchains: ["0001"] } }));
    unsupported.height = 20;
    expect(code(validateClaim(unsupported, claim, 5))).toBe(53);
    expect(code(validateClaim(chain, { ...claim, from_address: testKey("stranger").address }, 5))).toBe(48);
    expect(code(validateClaim(chain, { ...claim, header: { ...claim.header, app_public_key: testKey("no app").publicKeyHex } }, 5))).toBe(45);
  });

  it("refuses more relays than maxPossibleRelays (71)", async () => {
    const [small] = sessionOf(TEST_SMALL_APP);
    expect(validateClaim(chain, await claimOf(small, 10, TEST_SMALL_APP), 5)).toBeUndefined();
    expect(code(validateClaim(chain, await claimOf(small, 11, TEST_SMALL_APP), 5))).toBe(71);
  });

  it("refuses a servicer outside the session recomputed at the session end (14)", async () => {
    expect(code(validateClaim(chain, await claimOf(outsider, 10), 5))).toBe(14);
    const jailedAtEnd = new MemoryChain(testGenesis());
    jailedAtEnd.height = 20;
    const node = jailedAtEnd.genesis.nodes.find((n) => addressOf(n.public_key) === servicer.address)!;
    jailedAtEnd.setNode({ ...node, jailed: true });
    expect(code(validateClaim(jailedAtEnd, claim, 5))).toBe(14);
  });

  it("refuses an app key that is not the app's exact string (61)", () => {
    const upper = { ...claim, header: { ...claim.header, app_public_key: claim.header.app_public_key.toUpperCase() } };
    expect(code(validateClaim(chain, upper, 5))).toBe(61);
  });

  it("refuses a second claim for the same session (90, devnet rule) and stores the expiration height", () => {
    const stored = storedClaim(chain, claim, 5);
    expect(stored.expiration_height).toBe(5n + 120n * 4n);
    const withClaim = new MemoryChain(testGenesis());
    withClaim.height = 20;
    withClaim.apply([{ kind: "set_claim", claim: stored }]);
    expect(code(validateClaim(withClaim, claim, 6))).toBe(90);
  });
});
