/**
 * Application Authentication Tokens (spec §2, PC `x/pocketcore/types/aat.go`): signing for apps
 * and clients, and `AAT.Validate()` with pocket-core's checks, order and messages.
 *
 * A client reuses one AAT for every relay, so verdicts are cached per isolate: validating the
 * same token twice costs one signature verification.
 * @module
 */
import { bytesToHex, hexToBytesStrict } from "../primitives/bytes.js";
import { invalidTokenError, sdkErrorString, type MorseError } from "./errors.js";
import { BoundedCache, sign, type MorseKey } from "./keys.js";
import { sha3 } from "./hash.js";
import { aatBytes, aatHash } from "./relay.js";
import type { AAT } from "./relay-types.js";
import { pubKeyVerification, signatureVerification } from "./verification.js";

export const AAT_VERSION = "0.0.1";
const SUPPORTED_VERSIONS: readonly string[] = [AAT_VERSION];

/** Signs an AAT letting `clientPublicKeyHex` send relays on behalf of the app. */
export async function signAAT(appKey: MorseKey, clientPublicKeyHex: string): Promise<AAT> {
  const unsigned = { version: AAT_VERSION, app_pub_key: appKey.publicKeyHex, client_pub_key: clientPublicKeyHex };
  const signature = bytesToHex(await sign(appKey, aatHash(unsigned)));
  return { ...unsigned, signature };
}

const verdicts = new BoundedCache<string, MorseError | null>(10_000);
const hashes = new BoundedCache<string, string>(10_000);

/**
 * Hex `AAT.Hash()` (the proof's `token`), memoised: a client sends every relay with the same AAT,
 * so the SHA3 runs once per token per isolate instead of once per relay.
 */
export function aatHashHex(aat: Pick<AAT, "version" | "app_pub_key" | "client_pub_key">): string {
  // Keyed by the exact preimage, so two different tokens can never share an entry.
  const preimage = aatBytes(aat);
  let hex = hashes.get(preimage);
  if (hex === undefined) {
    hex = bytesToHex(sha3(preimage));
    hashes.set(preimage, hex);
  }
  return hex;
}

/**
 * `AAT.Validate()` wrapped as pocket-core's relay path wraps it: `undefined` when valid, else
 * code 4 with the inner reason. `hashHex` lets a caller that already hashed the AAT (for the proof
 * token) skip a second SHA3.
 */
export async function validateAAT(aat: AAT, hashHex?: string): Promise<MorseError | undefined> {
  const structural = validateAATMessage(aat);
  if (structural) return structural;
  const hash = hashHex ?? aatHashHex(aat);
  const cacheKey = hash + aat.signature;
  const cached = verdicts.get(cacheKey);
  if (cached !== undefined) return cached ?? undefined;
  const sigError = await signatureVerification(aat.app_pub_key, hexToBytesStrict(hash), aat.signature);
  // Any signature failure reads the same to the client (PC `ValidateSignature`).
  const verdict = sigError ? invalidTokenError("the application signature on the AAT is not valid") : null;
  verdicts.set(cacheKey, verdict);
  return verdict ?? undefined;
}

// ValidateVersion and ValidateMessage: cheap string checks, never cached.
function validateAATMessage(aat: AAT): MorseError | undefined {
  if (aat.version === "") return invalidTokenError("the application authentication token version is missing");
  if (!SUPPORTED_VERSIONS.includes(aat.version)) return invalidTokenError("the application authentication token version is not supported");
  if (aat.app_pub_key.length === 0) return invalidTokenError("the applicaiton public key included in the AAT is not valid");
  const appErr = pubKeyVerification(aat.app_pub_key);
  if (appErr) return invalidTokenError(sdkErrorString(appErr));
  if (aat.client_pub_key.length === 0) return invalidTokenError("the client public key included in the AAT is not valid");
  const clientErr = pubKeyVerification(aat.client_pub_key);
  if (clientErr) return invalidTokenError(sdkErrorString(clientErr));
  return undefined;
}
