/**
 * The devnet's transaction: a JSON `StdTx` carrying one pocketcore message, signed by the servicer
 * over Morse `StdSignBytes` (spec §7.1). Pure, so the claimer builds and signs with the same code the
 * devnet verifies with.
 *
 * ```json
 * {"msg":{"type":"pocketcore/claim","value":{…MsgClaim amino JSON…}},
 *  "fee":[{"amount":"10000","denom":"upokt"}], "memo":"", "entropy":"<int64 decimal>",
 *  "chain_id":"<genesis chain_id>", "signature":{"pub_key":"<64 hex>","signature":"<128 hex>"}}
 * ```
 * - sign bytes = Go-sorted JSON (`goMarshalSorted`) of `{"chain_id","entropy","fee","memo","msg"}`,
 *   every int64 a quoted string as amino writes them;
 * - the signature is Ed25519 over those bytes themselves (tendermint keys sign the whole message;
 *   cosmos `StdSignBytes` are never pre-hashed), by the key whose address is the message's signer
 *   (`from_address` of a claim, `leaf.servicer_pub_key` of a proof);
 * - on the wire (`/v1/client/rawtx`), `raw_hex_bytes` is the hex of the UTF-8 JSON of the whole tx,
 *   and the tx hash is the uppercase hex SHA-256 of those bytes, as tendermint names transactions.
 *
 * Real Morse nodes expect the protobuf `ProtoStdTx` encoding instead; only the sign bytes follow Morse.
 * @module
 */
import { bytesToHex, fromUtf8, hexToBytes, utf8 } from "../primitives/bytes.js";
import { goMarshalSorted, type GoValue } from "../morse/gojson.js";
import { sha256 } from "../morse/hash.js";
import { sign, type MorseKey } from "../morse/keys.js";
import { parseInt64 } from "../morse/relay-decode.js";
import { addressOf } from "./actors.js";
import { bad, isRecord, ok, type Parsed } from "./input.js";
import { claimFromJSON, claimToJSON, proofFromJSON, proofToJSON, type MsgClaim, type MsgProof } from "./msgs.js";

export const CLAIM_MSG_TYPE = "pocketcore/claim";
export const PROOF_MSG_TYPE = "pocketcore/proof";
/** The staking denomination. */
export const DENOM = "upokt";
/** Fee of a claim and of a proof (PC `x/pocketcore/types/fee.go`), in upokt. */
export const MSG_FEE = 10000n;

/** The one message of a devnet tx. */
export type TxMsg = { readonly type: typeof CLAIM_MSG_TYPE; readonly value: MsgClaim } | { readonly type: typeof PROOF_MSG_TYPE; readonly value: MsgProof };

export interface Coin {
  readonly amount: bigint;
  readonly denom: string;
}

/** A tx before signing: what the sign bytes cover. */
export interface UnsignedTx {
  readonly msg: TxMsg;
  readonly fee: readonly Coin[];
  readonly memo: string;
  /** Random int64 that makes otherwise identical transactions distinct (Morse has no sequence numbers). */
  readonly entropy: bigint;
  readonly chain_id: string;
}

/** A signed tx, as `/v1/client/rawtx` carries it. */
export interface StdTx extends UnsignedTx {
  readonly signature: { readonly pub_key: string; readonly signature: string };
}

/** A random non-negative int64 for `entropy`. */
export function randomEntropy(): bigint {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return BigInt("0x" + bytesToHex(bytes)) >> 1n;
}

/** An unsigned tx for `msg` with the standard fee and an empty memo. */
export function unsignedTx(msg: TxMsg, chainId: string, entropy: bigint = randomEntropy()): UnsignedTx {
  return { msg, fee: [{ amount: MSG_FEE, denom: DENOM }], memo: "", entropy, chain_id: chainId };
}

function msgToJSON(msg: TxMsg): { type: string; value: GoValue } {
  const value = msg.type === CLAIM_MSG_TYPE ? claimToJSON(msg.value) : proofToJSON(msg.value);
  return { type: msg.type, value: value as unknown as GoValue };
}

function feeToJSON(fee: readonly Coin[]): { amount: string; denom: string }[] {
  return fee.map((c) => ({ amount: c.amount.toString(), denom: c.denom }));
}

/** Morse `StdSignBytes`: sorted JSON of chain_id, entropy, fee, memo and msg. */
export function txSignBytes(tx: UnsignedTx): Uint8Array {
  return utf8(
    goMarshalSorted({ chain_id: tx.chain_id, entropy: tx.entropy.toString(), fee: feeToJSON(tx.fee), memo: tx.memo, msg: msgToJSON(tx.msg) }),
  );
}

/** Signs `tx` with the servicer key (Ed25519 over {@link txSignBytes}). */
export async function signTx(tx: UnsignedTx, key: MorseKey): Promise<StdTx> {
  const signature = bytesToHex(await sign(key, txSignBytes(tx)));
  return { ...tx, signature: { pub_key: key.publicKeyHex, signature } };
}

/** The JSON of a signed tx (sorted keys). */
export function encodeTx(tx: StdTx): Uint8Array {
  return utf8(
    goMarshalSorted({
      msg: msgToJSON(tx.msg),
      fee: feeToJSON(tx.fee),
      memo: tx.memo,
      entropy: tx.entropy.toString(),
      chain_id: tx.chain_id,
      signature: { pub_key: tx.signature.pub_key, signature: tx.signature.signature },
    }),
  );
}

/** `raw_hex_bytes` of `/v1/client/rawtx` for a signed tx. */
export function encodeTxHex(tx: StdTx): string {
  return bytesToHex(encodeTx(tx));
}

/** tendermint's tx hash: uppercase hex SHA-256 of the tx bytes. */
export function txHash(txBytes: Uint8Array): string {
  return bytesToHex(sha256(txBytes)).toUpperCase();
}

/** The address that must sign `msg`, or `undefined` when the message names none that decodes. */
export function msgSigner(msg: TxMsg): string | undefined {
  if (msg.type === CLAIM_MSG_TYPE) return msg.value.from_address;
  const key = msg.value.leaf.servicer_pub_key;
  const bytes = hexToBytes(key);
  return bytes && bytes.length === 32 ? addressOf(key) : undefined;
}

/**
 * Decodes the bytes of a tx (UTF-8 JSON). Unknown keys are ignored as Go's decoder ignores them;
 * since the signature covers the canonical re-encoding, they cannot change what was signed.
 */
export function decodeTx(bytes: Uint8Array): Parsed<StdTx> {
  let json: unknown;
  try {
    json = JSON.parse(fromUtf8(bytes));
  } catch (error) {
    return bad(`the transaction is not JSON: ${(error as Error).message}`);
  }
  if (!isRecord(json)) return bad("the transaction must be a JSON object");
  const { msg, fee, memo, entropy, chain_id, signature } = json;
  if (!isRecord(msg) || typeof msg.type !== "string") return bad('msg must be {"type","value"}');
  let txMsg: TxMsg;
  if (msg.type === CLAIM_MSG_TYPE) {
    const claim = claimFromJSON(msg.value);
    if (!claim.ok) return claim;
    txMsg = { type: CLAIM_MSG_TYPE, value: claim.value };
  } else if (msg.type === PROOF_MSG_TYPE) {
    const proof = proofFromJSON(msg.value);
    if (!proof.ok) return proof;
    txMsg = { type: PROOF_MSG_TYPE, value: proof.value };
  } else {
    return bad(`msg.type ${JSON.stringify(msg.type)} is not supported: the devnet accepts ${CLAIM_MSG_TYPE} and ${PROOF_MSG_TYPE}`);
  }
  if (!Array.isArray(fee)) return bad('fee must be a list of {"amount","denom"}');
  const coins: Coin[] = [];
  for (const coin of fee) {
    const amount = isRecord(coin) && typeof coin.amount === "string" && /^(0|[1-9][0-9]{0,39})$/.test(coin.amount) ? BigInt(coin.amount) : undefined;
    if (amount === undefined || !isRecord(coin) || typeof coin.denom !== "string") {
      return bad('each fee coin must be {"amount":"<decimal string>","denom":"<denom>"}');
    }
    coins.push({ amount, denom: coin.denom });
  }
  if (typeof memo !== "string") return bad("memo must be a string");
  const ent = typeof entropy === "string" ? parseInt64(entropy) : undefined;
  if (ent === undefined) return bad("entropy must be an int64 written as a quoted decimal string");
  if (typeof chain_id !== "string") return bad("chain_id must be a string");
  if (!isRecord(signature) || typeof signature.pub_key !== "string" || typeof signature.signature !== "string") {
    return bad('signature must be {"pub_key":"<hex>","signature":"<hex>"}');
  }
  return ok({
    msg: txMsg,
    fee: coins,
    memo,
    entropy: ent,
    chain_id,
    signature: { pub_key: signature.pub_key, signature: signature.signature },
  });
}
