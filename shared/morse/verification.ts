/**
 * pocket-core's format checks (PC `x/pocketcore/types/crypto.go`): each returns the exact
 * `sdk.Error` pocket-core returns, including Go's own `encoding/hex` error text, because clients
 * see these messages in relay error bodies.
 * @module
 */
import { hexToBytes, utf8 } from "../primitives/bytes.js";
import { morseError, type MorseError } from "./errors.js";
import { verify } from "./keys.js";

export type HexResult = { ok: true; bytes: Uint8Array } | { ok: false; error: string };

const HEX_ONLY = /^[0-9a-fA-F]*$/;

/** Go's `hex.DecodeString`, including its error strings (`encoding/hex: invalid byte: U+0078 'x'`). */
export function goHexDecode(s: string): HexResult {
  if (HEX_ONLY.test(s)) {
    if (s.length % 2 === 0) return { ok: true, bytes: hexToBytes(s)! };
    return { ok: false, error: "encoding/hex: odd length hex string" };
  }
  // Go walks the UTF-8 *bytes* in pairs and reports the first bad byte of the first bad pair;
  // for odd input it checks the trailing byte before reporting the length.
  const b = utf8(s);
  let j = 1;
  for (; j < b.length; j += 2) {
    if (!isHexByte(b[j - 1])) return invalidByte(b[j - 1]);
    if (!isHexByte(b[j])) return invalidByte(b[j]);
  }
  if (b.length % 2 === 1 && !isHexByte(b[j - 1])) return invalidByte(b[j - 1]);
  return { ok: false, error: "encoding/hex: odd length hex string" };
}

function isHexByte(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

// `fmt.Sprintf("%#U", rune(b))`: U+XXXX, then the character when `strconv.IsPrint` says so.
function invalidByte(c: number): HexResult {
  const printable = (c >= 0x20 && c <= 0x7e) || (c >= 0xa1 && c !== 0xad);
  const code = "U+" + c.toString(16).toUpperCase().padStart(4, "0");
  return { ok: false, error: `encoding/hex: invalid byte: ${code}${printable ? ` '${String.fromCharCode(c)}'` : ""}` };
}

/** `PubKeyVerification`: hex (6) of exactly 32 bytes (42). */
export function pubKeyVerification(pk: string): MorseError | undefined {
  const d = goHexDecode(pk);
  if (!d.ok) return morseError(6);
  if (d.bytes.length !== 32) return morseError(42);
  return undefined;
}

/** `HashVerification`: hex (52), non-empty (23), 32 bytes (62). */
export function hashVerification(hash: string): MorseError | undefined {
  const d = goHexDecode(hash);
  if (!d.ok) return morseError(52, d.error);
  if (d.bytes.length === 0) return morseError(23);
  if (d.bytes.length !== 32) return morseError(62);
  return undefined;
}

/** `NetworkIdentifierVerification`: a chain id is 1–4 bytes of hex (52 / 23 / 62). */
export function networkIdentifierVerification(chain: string): MorseError | undefined {
  const d = goHexDecode(chain);
  if (!d.ok) return morseError(52, d.error);
  if (d.bytes.length === 0) return morseError(23);
  if (d.bytes.length > 4) return morseError(62);
  return undefined;
}

/**
 * `SignatureVerification(publicKey, msgHex, sigHex)`; the message is given as raw bytes since it
 * is always our own digest (Go hex-encodes it and decodes it again, which cannot fail).
 */
export async function signatureVerification(publicKey: string, message: Uint8Array, sigHex: string): Promise<MorseError | undefined> {
  const sig = goHexDecode(sigHex);
  if (!sig.ok) return morseError(39);
  if (sig.bytes.length !== 64) return morseError(38);
  const pk = goHexDecode(publicKey);
  if (!pk.ok || pk.bytes.length !== 32) return morseError(6);
  if (!(await verify(pk.bytes, message, sig.bytes))) return morseError(41);
  return undefined;
}
