/**
 * Chain backends of a relay: configuration (`parseBackends`), nearest-first ordering
 * (`orderBackends`), safe URL joining (`backendUrl`), per-isolate health (`BackendHealth`) and the
 * call itself with failover, one hedge and a deadline (`executeOnBackends`). Pure TypeScript, no
 * `cloudflare:*` imports: runs in Node and workerd.
 *
 * Typical use in a relay Worker (one `BackendHealth` per isolate, the config parsed once):
 * ```ts
 * const result = await executeOnBackends({
 *   backends: orderBackends(config.get(chain) ?? [], request.cf),
 *   request: { method: payload.method, headers: payload.headers, body: payload.data, path: payload.path },
 *   deadlineMs: 10_000,
 *   health,
 * });
 * ```
 * @module
 */
export type { AttemptOutcome, FetchFunction } from "./attempt.js";
export { DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS, parseBackends, type Backend, type BackendsConfig, type ParseBackendsResult } from "./config.js";
export {
  DEFAULT_MAX_RESPONSE_BYTES,
  executeOnBackends,
  type AttemptRecord,
  type ExecuteFailure,
  type ExecuteOptions,
  type ExecuteResult,
  type ExecuteSuccess,
} from "./execute.js";
export { BackendHealth, type BackendHealthOptions, type BackendHealthSnapshot, type BackendKey, type BreakerState } from "./health.js";
export { clientLocation, distanceKm, isRegion, orderBackends, REGION_CENTROIDS, REGIONS, regionDistanceKm, type LatLon, type Region } from "./regions.js";
export type { BackendRequest } from "./request.js";
export { backendUrl, type BackendUrlResult } from "./url.js";
