/**
 * The transaction envelope (spec `morse-tx-encoding.md` §1): `ProtoStdTx` (PC `proto/x/auth/auth.proto`)
 * with its message as a `google.protobuf.Any`, prefixed by the uvarint length of the rest
 * (`ProtoCodec.MarshalBinaryLengthPrefixed`). What the message is does not matter here, so a tx of any
 * module (the mainnet `MsgSend` of §5.1) reads and writes the same way.
 *
 * ```proto
 * message ProtoStdTx { Any msg = 1; repeated Coin fee = 2; ProtoStdSignature signature = 3; string memo = 4; int64 entropy = 5; }
 * message ProtoStdSignature { bytes publicKey = 1; bytes Signature = 2; }
 * message Coin { string denom = 1; string amount = 2; }   // amount: sdk.BigInt as decimal text, always written
 * message Any { string type_url = 1; bytes value = 2; }
 * ```
 * The reader never throws; its errors follow pocket-core's words where it has them (length prefix).
 * @module
 */
import { concatBytes } from "../../primitives/bytes.js";
import { bytesField, encodeVarint, messageField, stringField, varintField } from "../../primitives/protobuf.js";
import {
  readChecked, fieldBytes, fieldInt64, fieldRepeatedBytes, fieldString, readVarint,
  WIRE_BYTES as LEN, WIRE_VARINT as VARINT, type DecodeResult, type FieldSchema,
} from "../../primitives/protobuf-read.js";

export interface Coin {
  readonly denom: string;
  readonly amount: bigint;
}

/** The `Any` carrying the message: its type URL and its own protobuf bytes. */
export interface AnyMsg {
  readonly typeUrl: string;
  readonly value: Uint8Array;
}

export interface ProtoStdTx {
  readonly msg: AnyMsg;
  readonly fee: readonly Coin[];
  /** Raw 32-byte ed25519 key and 64-byte signature (`StdSignature.ToProto`). */
  readonly signature: { readonly publicKey: Uint8Array; readonly signature: Uint8Array };
  readonly memo: string;
  /** A signed int64: Go draws it with `rand.Int64()`, so it may be negative. */
  readonly entropy: bigint;
}

const fail = (error: string): { ok: false; error: string } => ({ ok: false, error });

/** The raw tx: `uvarint(len(ProtoStdTx)) ‖ ProtoStdTx`, what `raw_hex_bytes` carries. */
export function encodeStdTx(tx: ProtoStdTx): Uint8Array {
  const body = concatBytes(
    messageField(1, concatBytes(stringField(1, tx.msg.typeUrl), bytesField(2, tx.msg.value))),
    ...tx.fee.map((c) => messageField(2, concatBytes(stringField(1, c.denom), stringField(2, c.amount.toString())))),
    messageField(3, concatBytes(bytesField(1, tx.signature.publicKey), bytesField(2, tx.signature.signature))),
    stringField(4, tx.memo),
    varintField(5, tx.entropy),
  );
  return concatBytes(encodeVarint(BigInt(body.length)), body);
}

const STD_TX: FieldSchema = {
  1: { name: "msg", wire: LEN },
  2: { name: "fee", wire: LEN, repeated: true },
  3: { name: "signature", wire: LEN },
  4: { name: "memo", wire: LEN },
  5: { name: "entropy", wire: VARINT },
};
const ANY: FieldSchema = { 1: { name: "type_url", wire: LEN }, 2: { name: "value", wire: LEN } };
const COIN: FieldSchema = { 1: { name: "denom", wire: LEN }, 2: { name: "amount", wire: LEN } };
const SIGNATURE: FieldSchema = { 1: { name: "publicKey", wire: LEN }, 2: { name: "Signature", wire: LEN } };

// sdk.BigInt refuses more than 255 bits; 77 digits bound the text before BigInt() sees it.
const AMOUNT = /^-?(0|[1-9][0-9]{0,76})$/;
const MAX_AMOUNT = 1n << 255n;


function decodeCoin(bytes: Uint8Array, i: number): DecodeResult<Coin> {
  const what = `ProtoStdTx.fee[${i}]`;
  const f = readChecked(bytes, COIN, what);
  if (!f.ok) return f;
  const denom = fieldString(f.fields, 1);
  if (!denom.ok) return fail(`${what}.denom: ${denom.error}`);
  const amount = fieldString(f.fields, 2);
  if (!amount.ok) return fail(`${what}.amount: ${amount.error}`);
  if (!AMOUNT.test(amount.value)) return fail(`${what}.amount must be a decimal integer, got ${JSON.stringify(amount.value.slice(0, 80))}`);
  const value = BigInt(amount.value);
  if (value >= MAX_AMOUNT || -value >= MAX_AMOUNT) return fail(`${what}.amount is out of range`);
  return { ok: true, value: { denom: denom.value, amount: value } };
}

/** Reads a raw tx (length prefix included). Never throws. */
export function decodeStdTx(raw: Uint8Array): DecodeResult<ProtoStdTx> {
  if (raw.length === 0) return fail("txBytes are empty");
  const size = readVarint(raw, 0);
  if (!size.ok) return fail(`invalid length prefix: ${size.error}`);
  const rest = BigInt(raw.length - size.next);
  if (size.value > rest) return fail(`not enough bytes to read; want: ${size.value}, got: ${rest}`);
  if (size.value < rest) return fail(`too many bytes to read; want: ${size.value}, got: ${rest}`);
  const f = readChecked(raw.subarray(size.next), STD_TX, "ProtoStdTx");
  if (!f.ok) return f;

  const anyBytes = fieldBytes(f.fields, 1);
  const any = anyBytes.ok ? readChecked(anyBytes.value, ANY, "ProtoStdTx.msg") : anyBytes;
  if (!any.ok) return any;
  const typeUrl = fieldString(any.fields, 1);
  if (!typeUrl.ok) return fail(`ProtoStdTx.msg.type_url: ${typeUrl.error}`);
  const value = fieldBytes(any.fields, 2);
  if (!value.ok) return value;

  const coins = fieldRepeatedBytes(f.fields, 2);
  if (!coins.ok) return coins;
  const fee: Coin[] = [];
  for (const [i, bytes] of coins.value.entries()) {
    const coin = decodeCoin(bytes, i);
    if (!coin.ok) return coin;
    fee.push(coin.value);
  }

  const sigBytes = fieldBytes(f.fields, 3);
  const sig = sigBytes.ok ? readChecked(sigBytes.value, SIGNATURE, "ProtoStdTx.signature") : sigBytes;
  if (!sig.ok) return sig;
  const publicKey = fieldBytes(sig.fields, 1);
  const signature = fieldBytes(sig.fields, 2);
  if (!publicKey.ok || !signature.ok) return fail("ProtoStdTx.signature: malformed");
  // posCrypto.NewPublicKeyBz: an ed25519 key is exactly 32 bytes.
  if (publicKey.value.length !== 32) return fail(`ProtoStdTx.signature.publicKey: invalid ed25519 public key size ${publicKey.value.length}, want 32`);

  const memo = fieldString(f.fields, 4);
  if (!memo.ok) return fail(`ProtoStdTx.memo: ${memo.error}`);
  const entropy = fieldInt64(f.fields, 5);
  if (!entropy.ok) return fail(`ProtoStdTx.entropy: ${entropy.error}`);
  return {
    ok: true,
    value: {
      msg: { typeUrl: typeUrl.value, value: value.value.slice() },
      fee,
      signature: { publicKey: publicKey.value.slice(), signature: signature.value.slice() },
      memo: memo.value,
      entropy: entropy.value,
    },
  };
}
