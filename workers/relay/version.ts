/** The version the relay Worker reports on `GET /v1`. Kept out of the Worker's entry module: workerd
 * treats every named export of the entry as an entrypoint and refuses non-handler values. */
export const VERSION = "pocket-edge/0.1.0";
