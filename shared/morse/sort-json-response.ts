/**
 * pocket-core's `sortJSONResponse` (spec §3.3): with `json_sort_relay_responses` on (the
 * default), a chain response that is a JSON object is decoded into `map[string]interface{}` and
 * encoded again before it is signed. That sorts keys at every level, HTML-escapes strings and
 * turns every number into a float64 (`12345678901234567890` → `12345678901234567000`).
 * Anything Go fails to decode into a map (arrays, scalars, bad JSON, numbers beyond float64) is
 * returned unchanged; `null` decodes into a nil map and is written `null`.
 * @module
 */
import { goMarshalSorted, type GoValue } from "./gojson.js";

export function sortJSONResponse(response: string): string {
  let value: unknown;
  try {
    // JSON.parse reads numbers as float64 and keeps the last of duplicate keys, as Go does.
    value = JSON.parse(response);
  } catch {
    return response;
  }
  if (value === null) return "null";
  if (typeof value !== "object" || Array.isArray(value)) return response;
  try {
    return goMarshalSorted(value as GoValue);
  } catch {
    return response; // a number overflowed float64: Go's Unmarshal fails on it
  }
}
