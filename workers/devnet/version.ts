/**
 * What the devnet answers on `GET /v1`: the Morse version it follows, marked as the devnet. Kept out
 * of the Worker's entry module: workerd treats every named export of the entry as an entrypoint and
 * refuses plain values.
 */
export const DEVNET_VERSION = "RC-0.12.0-pocket-edge-devnet";
