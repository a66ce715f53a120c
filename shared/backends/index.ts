/**
 * Chain backends of a relay: configuration (`parseBackends`), nearest-first ordering
 * (`orderBackends`), safe URL joining (`backendUrl`), per-isolate health (`BackendHealth`) and the
 * call itself with failover, one hedge and a deadline (`executeOnBackends`). Pure TypeScript, no
 * `cloudflare:*` imports: runs in Node and workerd.
 * @module
 */
export * from "./attempt.js";
export * from "./config.js";
export * from "./execute.js";
export * from "./health.js";
export * from "./regions.js";
export * from "./request.js";
export * from "./url.js";
