/**
 * The claimer's settings, read by each session-evidence object from the same bindings the relay
 * Worker has (`workers/relay/env.ts`): where the chain is, which servicer keys sign, how often an
 * object polls, and the session sync allowance that decides when a session stops taking relays.
 * @module
 */
import { parsePrivateKey, type MorseKey } from "../morse/keys.js";

/** The settings as Cloudflare passes them (strings, possibly absent). */
export interface ClaimerVars {
  readonly POCKET_RPC_URL?: string;
  readonly SERVICER_PRIVATE_KEYS?: string;
  readonly CLAIMER_POLL_MS?: string;
  readonly CLIENT_SESSION_SYNC_ALLOWANCE?: string;
}

export interface ClaimerSettings {
  readonly rpcUrl: string;
  /** Signing keys by lowercase public key hex. */
  readonly keys: ReadonlyMap<string, MorseKey>;
  readonly sessionSyncAllowance: number;
}

/** Default interval between two alarms of an evidence object with work ahead. */
export const DEFAULT_POLL_MS = 60_000;

/** `CLAIMER_POLL_MS`, or the default when it is absent or not an integer from 1 s to 1 day. */
export function pollIntervalMs(raw: string | undefined): number {
  const value = Number(raw);
  return raw !== undefined && raw.trim() !== "" && Number.isInteger(value) && value >= 1000 && value <= 86_400_000 ? value : DEFAULT_POLL_MS;
}

/**
 * Keys as a JSON array of strings, or separated by commas, whitespace or newlines (the format of
 * `SERVICER_PRIVATE_KEYS`; `workers/relay/config.ts` reads the same format).
 */
export function splitKeys(text: string): string[] {
  const trimmed = text.trim();
  if (trimmed.startsWith("[")) {
    try {
      const list = JSON.parse(trimmed) as unknown;
      if (Array.isArray(list)) return list.map((k) => String(k).trim()).filter(Boolean);
    } catch {
      return [trimmed];
    }
  }
  return trimmed.split(/[\s,]+/).filter(Boolean);
}

/** Checks the settings a step needs; every problem at once, never a secret in a message. */
export function claimerSettings(vars: ClaimerVars): { readonly ok: true; readonly settings: ClaimerSettings } | { readonly ok: false; readonly error: string } {
  const errors: string[] = [];
  const rpcUrl = (vars.POCKET_RPC_URL ?? "").trim();
  if (!/^https?:\/\/[^\s]+$/.test(rpcUrl)) errors.push("POCKET_RPC_URL must be the http(s) URL of a Pocket RPC");
  const keys = new Map<string, MorseKey>();
  splitKeys(vars.SERVICER_PRIVATE_KEYS ?? "").forEach((hex, i) => {
    const parsed = parsePrivateKey(hex);
    if (parsed.ok) keys.set(parsed.key.publicKeyHex, parsed.key);
    else errors.push(`SERVICER_PRIVATE_KEYS[${i}]: ${parsed.error}`);
  });
  const rawAllowance = (vars.CLIENT_SESSION_SYNC_ALLOWANCE ?? "").trim();
  const sessionSyncAllowance = rawAllowance === "" ? 0 : Number(rawAllowance);
  if (!Number.isInteger(sessionSyncAllowance) || sessionSyncAllowance < 0 || sessionSyncAllowance > 1000) {
    errors.push(`CLIENT_SESSION_SYNC_ALLOWANCE must be an integer from 0 to 1000, got ${JSON.stringify(vars.CLIENT_SESSION_SYNC_ALLOWANCE)}`);
  }
  return errors.length > 0 ? { ok: false, error: errors.join("; ") } : { ok: true, settings: { rpcUrl, keys, sessionSyncAllowance } };
}

export type ClaimerSettingsResult = ReturnType<typeof claimerSettings>;

/**
 * `claimerSettings` parsed once and kept while the bindings stay the same: an evidence object steps
 * every poll interval for days, and parsing (and importing) every servicer key on each step is work
 * for nothing. Returns the same result object until one of the settings' texts changes.
 */
export function memoClaimerSettings(): (vars: ClaimerVars) => ClaimerSettingsResult {
  let last: { readonly inputs: readonly (string | undefined)[]; readonly result: ClaimerSettingsResult } | undefined;
  return (vars) => {
    const inputs = [vars.POCKET_RPC_URL, vars.SERVICER_PRIVATE_KEYS, vars.CLIENT_SESSION_SYNC_ALLOWANCE];
    if (last && last.inputs.every((v, i) => v === inputs[i])) return last.result;
    last = { inputs, result: claimerSettings(vars) };
    return last.result;
  };
}
