/**
 * The Morse error catalogue: every pocketcore code with pocket-core's exact message
 * (PC `x/pocketcore/types/errors.go`), plus `sdk` code 1 (internal). Messages keep pocket-core's
 * typos ("applicaiton", "merkleHash Length"): clients and operators match on them.
 * @module
 */

export type Codespace = "pocketcore" | "sdk";

/** A protocol error as it appears in a relay error body: `{"code","codespace","message"}`. */
export interface MorseError {
  readonly code: number;
  readonly codespace: Codespace;
  readonly message: string;
}

export const CODESPACE = "pocketcore" as const;

/** Base messages by code. Constructors below add the dynamic suffixes pocket-core adds. */
export const MESSAGES = {
  1: "unable to generate a session for the seed data: ",
  2: "HTTP status code returned not okay: ",
  4: "the application authentication token is invalid",
  5: "the GOBEvidence type passed is not valid",
  6: "error decoding the string into hex bytes",
  8: "the non-native chain is of Length 0", // NewEmptyChainError reuses this message
  9: "the block addr is of Length 0",
  10: "the public key of the application is of Length 0",
  11: "the service proofs object is empty",
  13: "the blockchain in the relay request is not supported for this app",
  14: "this node (self) is not responsible for this session provided by the client",
  17: "there are less than the minimum session nodes found",
  18: "the non-native chain is of Length 0",
  19: "this node (self) is not responsible for this session provided by the client", // + cause
  20: "unable to filter nodes: ",
  21: "error XORing the keys: ",
  22: "the hash is invalid: ",
  23: "the hash is invalid: ", // NewEmptyHashError reuses InvalidHashError
  24: "the blockchain included in the relay request is empty",
  25: "the payload data of the relay request is empty",
  26: "the blockchain in the relay request is not supported on this node",
  27: "the blockchain is not staked for this application",
  28: "error executing the http request: ",
  29: "the entropy included in the relay request is invalid",
  30: "the relay response payload is empty",
  31: "response signing errored out: ",
  32: "the IC counter is less than 0",
  33: "the entropy exceeds the maximum allowed relays",
  34: "the node public key in the service Proof does not match this nodes public key",
  35: "the tickets requested could not be found",
  36: "the ticket is a duplicate",
  37: "the Proof with specific merkleHash already found, check entropy",
  38: "the signature Length is invalid",
  39: "the signature could not be message decoded",
  40: "the message could not be hex decoded",
  41: "the signature could not be verified with the message and pub key",
  42: "the public key is not the correct cap",
  43: "the keybase is invalid: ",
  44: "the self node is not within the world state",
  45: "the app could not be found in the world state",
  46: "the blockchain requested is not hosted",
  47: "invalid hosted chain error",
  48: "the node is not found in world state",
  49: "the proofs provided are invalid or less than the minimum requirement",
  50: "the public keys in the proofs are inconsistent",
  51: "the required params for a nonNative blockchain are invalid",
  52: "the hex string could not be decoded: ",
  53: "the chain is not pocket supported",
  54: "could not convert hex string to pub key: ",
  55: "there was a problem signing the message: ",
  56: "the non native chain passed was invalid: ",
  57: "unable to marshal object into json: ",
  59: "the session key passed is of Length 0",
  60: "the block height passed is invalid",
  61: "the app public key is invalid",
  62: "the merkleHash Length is not valid",
  63: "the merkle relayProof combo for the cousin and leaf is invalid",
  64: "the address provided is empty",
  65: "the claim was not found for the key given",
  66: "claim resulted in an invalid merkle Proof",
  67: "the merkle tree is empty",
  68: "the merkle node cannot be found",
  69: "the opportunity of window to submit the Proof has closed because the secret has been revealed",
  70: "the address is invalid",
  71: "the max number of relays serviced for this node is exceeded",
  72: "the cousin and leaf cannot be equal",
  73: "the merkle root passed is invalid",
  74: "the request hash does not match the payload hash",
  75: "the request block height is out of sync with the current block height",
  76: "the blockchain in this request is not supported",
  77: "the public key is duplicated in the proof",
  78: "the request hashes included in the proof do not match",
  79: "the application public keys included in the proofs do not match",
  80: "the session block heights included in the proofs do not match",
  81: "the non-native blockchains provided in the proofs do not match",
  82: "no majority can be established between all of the responses",
  83: "the node is not within the session",
  84: "the GOBEvidence type is not supplied in the claim message",
  85: "the PK File is not found",
  86: "the merkle proof is flagged as a replay attack",
  87: "the netid Length is invalid",
  88: "the expiration height included in the claim message is invalid (should not be set)",
  89: "the merkle hash range is invalid",
  90: "the evidence is sealed, either max relays reached or claim already submitted",
  91: "the number of staked chains is over the limit",
} as const satisfies Record<number, string>;

export type MorseCode = keyof typeof MESSAGES;

/** The error for `code` with pocket-core's message, optionally followed by a suffix (its `err.Error()`). */
export function morseError(code: MorseCode, suffix = ""): MorseError {
  return { code, codespace: CODESPACE, message: MESSAGES[code] + suffix };
}

/** `sdk.ErrInternal`: codespace `sdk`, code 1. */
export function internalError(message: string): MorseError {
  return { code: 1, codespace: "sdk", message };
}

/** Code 4 wraps the AAT's own error: `"…invalid : <inner>"` (PC `NewInvalidTokenError`). */
export function invalidTokenError(inner: string): MorseError {
  return morseError(4, " : " + inner);
}

/** Code 91 carries counts (PC `NewChainsOverLimitError`). */
export function chainsOverLimitError(got: number, max: number): MorseError {
  return morseError(91, `: got ${got}, max ${max}`);
}

/** Codes whose relay error body carries a fresh dispatch (PC `ErrorWarrantsDispatch`). */
export const DISPATCH_CODES: ReadonlySet<number> = new Set([60, 14, 71, 75]);

/**
 * `sdkError.Error()`: the multi-line form pocket-core embeds when one error wraps another
 * (e.g. code 4 around a code 6) and in `{"code":400,"message":…}` bodies.
 * The message is printed with Go's `%#v`, i.e. `strconv.Quote`.
 */
export function sdkErrorString(err: MorseError): string {
  return `ERROR:\nCodespace: ${err.codespace}\nCode: ${err.code}\nMessage: ${goQuoteSyntax(err.message)}\n`;
}

/** Go's `strconv.Quote` for the messages above (ASCII with the usual escapes). */
function goQuoteSyntax(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === "\\") out += "\\" + ch;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\r") out += "\\r";
    else if (c < 0x20 || c === 0x7f) out += "\\x" + c.toString(16).padStart(2, "0");
    else out += ch;
  }
  return out + '"';
}
