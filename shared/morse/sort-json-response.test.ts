import { describe, expect, it } from "vitest";
import vectors from "../../test/fixtures/morse-vectors.json";
import { sortJSONResponse } from "./sort-json-response.js";

describe("sortJSONResponse", () => {
  it("reproduces every vector", () => {
    for (const { in: input, out } of vectors.sortJSONResponse) expect(sortJSONResponse(input)).toBe(out);
    expect(sortJSONResponse(vectors.relay1.chain_response_raw)).toBe(vectors.relay1.chain_response_after_sortJSONResponse);
  });
  it("leaves what Go cannot decode into a map unchanged", () => {
    for (const s of ["[1]", '"x"', "5", "true", "{bad", '{"a":1e400}', '{"a":1} {}']) expect(sortJSONResponse(s)).toBe(s);
  });
  it("re-encodes like Go: whitespace dropped, last duplicate wins, -0 kept, lone surrogates replaced", () => {
    expect(sortJSONResponse(' { "b" : [ 1.50 , -0 ] , "a" : 1 , "a" : 2 } ')).toBe('{"a":2,"b":[1.5,-0]}');
    expect(sortJSONResponse(' null ')).toBe("null");
    expect(sortJSONResponse('{"s":"\\ud800\\u2028<"}')).toBe('{"s":"\ufffd\\u2028\\u003c"}');
  });
});
