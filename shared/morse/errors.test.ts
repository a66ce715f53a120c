import { describe, expect, it } from "vitest";
import { chainsOverLimitError, DISPATCH_CODES, internalError, invalidTokenError, MESSAGES, morseError, sdkErrorString } from "./errors.js";

describe("Morse error catalogue", () => {
  it("has pocket-core's message for every code the relay path (spec §5) and claims/proofs (§7) answer", () => {
    const spec5 = [4, 6, 8, 13, 14, 17, 18, 23, 25, 26, 28, 29, 34, 37, 38, 39, 40, 41, 42, 43, 45, 46, 52, 60, 61, 62, 64, 71, 74, 75, 90, 91];
    const spec7 = [45, 48, 49, 53, 65, 66, 69, 71, 86, 88, 89, 91];
    for (const code of [...spec5, ...spec7]) expect(MESSAGES, String(code)).toHaveProperty(String(code));
  });
  it("builds errors with pocket-core's suffixes", () => {
    expect(morseError(74)).toEqual({ code: 74, codespace: "pocketcore", message: "the request hash does not match the payload hash" });
    expect(morseError(28, "dial tcp: timeout").message).toBe("error executing the http request: dial tcp: timeout");
    expect(invalidTokenError("x").message).toBe("the application authentication token is invalid : x");
    expect(chainsOverLimitError(16, 15).message).toBe("the number of staked chains is over the limit: got 16, max 15");
    expect(internalError("boom")).toEqual({ code: 1, codespace: "sdk", message: "boom" });
    expect([...DISPATCH_CODES].sort()).toEqual([14, 60, 71, 75]);
  });
  it("renders sdkError.Error() with a Go-quoted message", () => {
    expect(sdkErrorString(morseError(17))).toBe('ERROR:\nCodespace: pocketcore\nCode: 17\nMessage: "there are less than the minimum session nodes found"\n');
    expect(sdkErrorString(internalError('a"b\n'))).toBe('ERROR:\nCodespace: sdk\nCode: 1\nMessage: "a\\"b\\n"\n');
  });
});
