/**
 * Claim and proof transactions as pocket-core builds, signs, names and checks them (spec
 * `morse-tx-encoding.md` §0): the message packed in an `Any` (`/x.pocketcore.MsgClaim`, or the single
 * slash `/` for a proof, §1.3), the fee of 10000 upokt, the servicer's Ed25519 signature over
 * `StdSignBytes`, a random signed int64 entropy, the whole length-prefixed and named by the uppercase
 * hex SHA-256 of those bytes.
 *
 * `StdSignBytes` = Go-sorted compact JSON of `{"chain_id","entropy","fee","memo","msg"}` with the
 * entropy quoted and `msg` the message's amino JSON (`msgs.ts`). The chain id is not in the tx: the
 * node signs with its own, so a tx for another chain fails its signature check. A node rebuilds the
 * sign bytes from the decoded tx, so these are computed from decoded values only (`decodeTx` then
 * `txSignBytes` gives back exactly what was signed).
 * @module
 */
import { bytesToHex, hexToBytes, utf8 } from "../../primitives/bytes.js";
import type { DecodeResult } from "../../primitives/protobuf-read.js";
import { goMarshalSorted } from "../gojson.js";
import { addressFromPublicKey, sha256 } from "../hash.js";
import { sign, type MorseKey } from "../keys.js";
import { decodeStdTx, encodeStdTx, type AnyMsg, type Coin } from "./envelope.js";
import { CLAIM_MSG_TYPE, msgToJSON, PROOF_MSG_TYPE, type TxMsg } from "./msgs.js";
import { decodeMsgClaim, decodeMsgProof, encodeMsgClaim, encodeMsgProof } from "./proto.js";

/** `Any.type_url` of a claim: `"/" + XXX_MessageName()`. */
export const CLAIM_TYPE_URL = "/x.pocketcore.MsgClaim";
/** `Any.type_url` of a proof: the hand-written `MsgProof` has no registered proto name (§1.3). */
export const PROOF_TYPE_URL = "/";
/** The staking denomination. */
export const DENOM = "upokt";
/** Fee of a claim and of a proof (PC `x/pocketcore/types/fee.go`), in upokt. */
export const MSG_FEE = 10000n;

/** A tx before signing: what the sign bytes cover (with the chain id). */
export interface UnsignedTx {
  readonly msg: TxMsg;
  readonly fee: readonly Coin[];
  readonly memo: string;
  /** Random signed int64 that makes otherwise identical transactions distinct (Morse has no sequence numbers). */
  readonly entropy: bigint;
}

/** A decoded, signed tx. */
export interface StdTx extends UnsignedTx {
  readonly signature: { readonly publicKey: Uint8Array; readonly signature: Uint8Array };
}

/** A tx ready to send: its bytes (length prefix included), their hex and its hash. */
export interface SignedTx {
  readonly bytes: Uint8Array;
  readonly hex: string;
  readonly hash: string;
}

/** A random int64 over the whole signed range, as Go's `rand.Int64()` draws it. */
export function randomEntropy(): bigint {
  return BigInt.asIntN(64, BigInt("0x" + bytesToHex(crypto.getRandomValues(new Uint8Array(8)))));
}

/** An unsigned tx for `msg` with pocket-core's fee and empty memo. */
export function unsignedTx(msg: TxMsg, entropy: bigint = randomEntropy()): UnsignedTx {
  return { msg, fee: [{ denom: DENOM, amount: MSG_FEE }], memo: "", entropy };
}

/** Morse `StdSignBytes` of `tx` on the chain `chainId`. */
export function txSignBytes(tx: UnsignedTx, chainId: string): Uint8Array {
  return utf8(
    goMarshalSorted({
      chain_id: chainId,
      entropy: tx.entropy.toString(),
      fee: tx.fee.map((c) => ({ amount: c.amount.toString(), denom: c.denom })),
      memo: tx.memo,
      msg: msgToJSON(tx.msg),
    }),
  );
}

function packMsg(msg: TxMsg): AnyMsg {
  return msg.type === CLAIM_MSG_TYPE ? { typeUrl: CLAIM_TYPE_URL, value: encodeMsgClaim(msg.value) } : { typeUrl: PROOF_TYPE_URL, value: encodeMsgProof(msg.value) };
}

/** The raw bytes of a signed tx. */
export function encodeTx(tx: StdTx): Uint8Array {
  return encodeStdTx({ msg: packMsg(tx.msg), fee: tx.fee, signature: tx.signature, memo: tx.memo, entropy: tx.entropy });
}

/** tendermint's tx hash: uppercase hex SHA-256 of the raw bytes, length prefix included. */
export function txHash(raw: Uint8Array): string {
  return bytesToHex(sha256(raw)).toUpperCase();
}

/** Signs `tx` for `chainId` with the servicer key (Ed25519 over {@link txSignBytes}, no pre-hash). */
export async function signTx(tx: UnsignedTx, chainId: string, key: MorseKey): Promise<SignedTx> {
  const signature = await sign(key, txSignBytes(tx, chainId));
  const bytes = encodeTx({ ...tx, signature: { publicKey: key.publicKey, signature } });
  return { bytes, hex: bytesToHex(bytes), hash: txHash(bytes) };
}

/**
 * Reads raw tx bytes into a claim or proof tx. Never throws. A message type other than a claim or a
 * proof gets pocket-core's words for it (`ProtoMsg` registry, spec §1.3).
 */
export function decodeTx(raw: Uint8Array): DecodeResult<StdTx> {
  const envelope = decodeStdTx(raw);
  if (!envelope.ok) return envelope;
  const { msg: any, fee, signature, memo, entropy } = envelope.value;
  let msg: TxMsg;
  if (any.typeUrl === CLAIM_TYPE_URL) {
    const claim = decodeMsgClaim(any.value);
    if (!claim.ok) return claim;
    msg = { type: CLAIM_MSG_TYPE, value: claim.value };
  } else if (any.typeUrl === PROOF_TYPE_URL) {
    const proof = decodeMsgProof(any.value);
    if (!proof.ok) return proof;
    msg = { type: PROOF_MSG_TYPE, value: proof.value };
  } else {
    return { ok: false, error: `no concrete type registered for type URL ${any.typeUrl} against interface *types.ProtoMsg` };
  }
  return { ok: true, value: { msg, fee, signature, memo, entropy } };
}

/**
 * The address that must sign `msg`: a claim's `from_address`, a proof's leaf `servicer_pub_key`;
 * `undefined` when a proof's key is not 32 bytes of hex.
 */
export function msgSigner(msg: TxMsg): string | undefined {
  if (msg.type === CLAIM_MSG_TYPE) return msg.value.from_address;
  const key = hexToBytes(msg.value.leaf.servicer_pub_key);
  return key && key.length === 32 ? addressFromPublicKey(key) : undefined;
}
