/**
 * Transaction-level errors of codespace `sdk` (Morse's fork of cosmos-sdk 0.37, `types/errors.go`),
 * for what goes wrong before a message reaches its pocketcore handler: decoding, signature, fees.
 * Message-level failures use the pocketcore catalogue (`morseError`).
 * @module
 */
import type { MorseError } from "../morse/errors.js";

/** cosmos-sdk 0.37 `CodeType`s used here. */
export const SDK_CODES = {
  internal: 1,
  txDecode: 2,
  unauthorized: 4,
  insufficientFunds: 5,
  unknownRequest: 6,
  invalidAddress: 7,
  insufficientFee: 14,
} as const;

/** An `sdk` error with a message saying exactly what was wrong. */
export function sdkError(code: keyof typeof SDK_CODES, message: string): MorseError {
  return { code: SDK_CODES[code], codespace: "sdk", message };
}

/** `sdk.Error.ABCILog()`: the JSON a tx result's log carries for a failure. */
export function abciLog(error: MorseError): string {
  return JSON.stringify({ codespace: error.codespace, code: error.code, message: error.message });
}
