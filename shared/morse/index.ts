/**
 * The Morse protocol library: pure TypeScript, no `cloudflare:*` imports, usable from Node and
 * workerd. Each module follows one part of `spec/morse-protocol.md`; see the module headers.
 * @module
 */
export * from "./aat.js";
export * from "./bodies.js";
export * from "../primitives/bytes.js";
export * from "./errors.js";
export * from "./gojson.js";
export * from "./hash.js";
export * from "./json-parse.js";
export * from "./keys.js";
export * from "./proof-validate.js";
export * from "./relay.js";
export * from "./relay-decode.js";
export * from "./relay-types.js";
export * from "./sort-json-response.js";
export * from "./verification.js";
export * from "./max-relays.js";
export * from "../primitives/protobuf.js";
export * from "./session.js";
export * from "./session-block-hash.js";
export * from "./session-nodes.js";
export * from "./merkle.js";
export * from "./merkle-build.js";
export * from "./merkle-json.js";
export * from "./merkle-proof-index.js";
export * from "./merkle-validate.js";
