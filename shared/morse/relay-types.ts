/**
 * The Morse relay objects (PC `x/pocketcore/types/service.go`, `pocket.pb.go`), with the JSON
 * names as field names so code and spec read side by side. int64 fields are `bigint`: they must
 * keep every digit the client sent (spec §0.5).
 * @module
 */

/** Application Authentication Token (spec §2). */
export interface AAT {
  version: string;
  app_pub_key: string;
  client_pub_key: string;
  signature: string;
}

export interface Payload {
  data: string;
  method: string;
  path: string;
  /** `null` is Go's nil map (hashed as `null`); an empty map hashes as `{}`. */
  headers: Map<string, string> | null;
}

export interface RelayMeta {
  block_height: bigint;
}

export interface RelayProof {
  request_hash: string;
  entropy: bigint;
  session_block_height: bigint;
  servicer_pub_key: string;
  blockchain: string;
  aat: AAT;
  signature: string;
}

export interface Relay {
  payload: Payload;
  meta: RelayMeta;
  proof: RelayProof;
}

export function emptyRelay(): Relay {
  return {
    payload: { data: "", method: "", path: "", headers: null },
    meta: { block_height: 0n },
    proof: {
      request_hash: "",
      entropy: 0n,
      session_block_height: 0n,
      servicer_pub_key: "",
      blockchain: "",
      aat: { version: "", app_pub_key: "", client_pub_key: "", signature: "" },
      signature: "",
    },
  };
}
