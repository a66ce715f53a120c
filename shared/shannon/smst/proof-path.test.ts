import { sha256 } from "@noble/hashes/sha2.js";
import { describe, expect, it } from "vitest";
import { bytesToHex, utf8 } from "../../primitives/bytes.js";
import { proofPath } from "./proof-path.js";
import { hex, SMST } from "./vectors.testing.js";

describe("proofPath = SHA-256(blockHash ‖ sessionId)", () => {
  it("spec §10: the block hash 2f5114…028b and the relay's session id", () => {
    const path = proofPath(
      hex("2f511441d42c432f4dddeb1ae8e2624d4d00b0f5f79c062f09175bacc3b2028b"),
      "10e19722d5e8b6a9864e8188eba9b355e159cdb605f97404fcd99ea36b25c9ae",
    );
    expect(bytesToHex(path)).toBe("6f1c6d94ec2dd290c39f2cc32de582c46cc7ab37d5f3c0713277dcf5849113e8");
  });

  it("the Go vectors' GetPathForProof paths", () => {
    for (const set of SMST.sets) {
      const v = set.proofs[0];
      const m = /blockHash=sha256\("([^"]+)"\), sessionId="([^"]+)"/.exec(v.path_source);
      if (!m) throw new Error(`unexpected path source ${v.path_source}`);
      expect(bytesToHex(proofPath(sha256(utf8(m[1])), m[2]))).toBe(v.path);
    }
  });
});
