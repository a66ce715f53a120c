/**
 * The syntax check Go's `json.Unmarshal` runs over the raw bytes before decoding anything
 * (`encoding/json/scanner.go` `checkValid`, Go 1.21), ported state for state so that a refused relay
 * carries the `*json.SyntaxError` pocket-core marshals: its `Offset` counts **bytes** (the offending
 * byte's index + 1, or the input length for an unexpected end), and its message quotes the offending
 * byte as Go's `quoteChar` does (a UTF-8 byte-order mark is `'ï'`, its first byte read as Latin-1).
 *
 * Only the error path uses it: the lossless parser (`json-parse.ts`) decodes valid input, and when it
 * refuses, this tells what Go would say. Never throws; linear in the input, no recursion.
 * @module
 */

export interface GoSyntaxError {
  /** Bytes read when the error was found (Go's `SyntaxError.Offset`). */
  readonly offset: number;
  readonly message: string;
}

// Go's maxNestingDepth.
const MAX_NESTING = 10000;

const enum Parse {
  ObjectKey,
  ObjectValue,
  ArrayValue,
}

const enum St {
  BeginValueOrEmpty,
  BeginValue,
  BeginStringOrEmpty,
  BeginString,
  EndValue,
  EndTop,
  InString,
  InStringEsc,
  EscU,
  EscU1,
  EscU12,
  EscU123,
  Neg,
  One,
  Zero,
  Dot,
  Dot0,
  E,
  ESign,
  E0,
  Literal,
}

const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 13 || c === 10;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isHex = (c: number): boolean => isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);

const GO_ESCAPES: Record<number, string> = { 7: "\\a", 8: "\\b", 9: "\\t", 10: "\\n", 11: "\\v", 12: "\\f", 13: "\\r", 92: "\\\\" };

/** Go's `quoteChar(c byte)`: `strconv.Quote(string(rune(c)))` between single quotes. */
export function goQuoteChar(c: number): string {
  if (c === 39) return "'\\''";
  if (c === 34) return "'\"'";
  const escaped = GO_ESCAPES[c];
  if (escaped) return `'${escaped}'`;
  if (c < 0x20 || c === 0x7f) return `'\\x${c.toString(16).padStart(2, "0")}'`;
  // U+0080–U+009F and the soft hyphen are not printable for strconv.Quote.
  if ((c >= 0x80 && c <= 0x9f) || c === 0xad) return `'\\u${c.toString(16).padStart(4, "0")}'`;
  return `'${String.fromCharCode(c)}'`;
}

/** Go's `checkValid`: the first syntax error in `data`, or undefined when Go's scanner accepts it. */
export function goJsonSyntaxError(data: Uint8Array): GoSyntaxError | undefined {
  const stack: Parse[] = [];
  let step = St.BeginValue;
  let endTop = false;
  // The rest of a literal being matched (true/false/null) and which literal, for the message.
  let literal = "";
  let literalRest = 0;
  let bytes = 0;
  let error: GoSyntaxError | undefined;

  const fail = (c: number, context: string): void => {
    error = { offset: bytes, message: `invalid character ${goQuoteChar(c)} ${context}` };
  };
  const push = (c: number, p: Parse): void => {
    stack.push(p);
    if (stack.length > MAX_NESTING) fail(c, "exceeded max depth");
  };
  const pop = (): void => {
    stack.pop();
    if (stack.length === 0) {
      step = St.EndTop;
      endTop = true;
    } else step = St.EndValue;
  };
  const endValue = (c: number): void => {
    const n = stack.length;
    if (n === 0) {
      step = St.EndTop;
      endTop = true;
      if (!isSpace(c)) fail(c, "after top-level value");
      return;
    }
    if (isSpace(c)) {
      step = St.EndValue;
      return;
    }
    const top = stack[n - 1]!;
    if (top === Parse.ObjectKey) {
      if (c === 58) {
        stack[n - 1] = Parse.ObjectValue;
        step = St.BeginValue;
      } else fail(c, "after object key");
    } else if (top === Parse.ObjectValue) {
      if (c === 44) {
        stack[n - 1] = Parse.ObjectKey;
        step = St.BeginString;
      } else if (c === 125) pop();
      else fail(c, "after object key:value pair");
    } else if (c === 44) step = St.BeginValue;
    else if (c === 93) pop();
    else fail(c, "after array element");
  };
  const beginValue = (c: number): void => {
    if (isSpace(c)) return;
    if (c === 123) {
      step = St.BeginStringOrEmpty;
      push(c, Parse.ObjectKey);
    } else if (c === 91) {
      step = St.BeginValueOrEmpty;
      push(c, Parse.ArrayValue);
    } else if (c === 34) step = St.InString;
    else if (c === 45) step = St.Neg;
    else if (c === 48) step = St.Zero;
    else if (c >= 49 && c <= 57) step = St.One;
    else if (c === 116 || c === 102 || c === 110) {
      literal = c === 116 ? "true" : c === 102 ? "false" : "null";
      literalRest = 1;
      step = St.Literal;
    } else fail(c, "looking for beginning of value");
  };
  const beginString = (c: number): void => {
    if (isSpace(c)) return;
    if (c === 34) step = St.InString;
    else fail(c, "looking for beginning of object key string");
  };
  const zero = (c: number): void => {
    if (c === 46) step = St.Dot;
    else if (c === 101 || c === 69) step = St.E;
    else endValue(c);
  };
  const eSign = (c: number): void => {
    if (isDigit(c)) step = St.E0;
    else fail(c, "in exponent of numeric literal");
  };

  const feed = (c: number): void => {
    switch (step) {
      case St.BeginValueOrEmpty:
        if (isSpace(c)) return;
        if (c === 93) return endValue(c);
        return beginValue(c);
      case St.BeginValue:
        return beginValue(c);
      case St.BeginStringOrEmpty:
        if (isSpace(c)) return;
        if (c === 125) {
          stack[stack.length - 1] = Parse.ObjectValue;
          return endValue(c);
        }
        return beginString(c);
      case St.BeginString:
        return beginString(c);
      case St.EndValue:
        return endValue(c);
      case St.EndTop:
        if (!isSpace(c)) fail(c, "after top-level value");
        return;
      case St.InString:
        if (c === 34) step = St.EndValue;
        else if (c === 92) step = St.InStringEsc;
        else if (c < 0x20) fail(c, "in string literal");
        return;
      case St.InStringEsc:
        if ([98, 102, 110, 114, 116, 92, 47, 34].includes(c)) step = St.InString;
        else if (c === 117) step = St.EscU;
        else fail(c, "in string escape code");
        return;
      case St.EscU:
      case St.EscU1:
      case St.EscU12:
      case St.EscU123:
        if (!isHex(c)) return fail(c, "in \\u hexadecimal character escape");
        step = step === St.EscU123 ? St.InString : step + 1;
        return;
      case St.Neg:
        if (c === 48) step = St.Zero;
        else if (c >= 49 && c <= 57) step = St.One;
        else fail(c, "in numeric literal");
        return;
      case St.One:
        if (isDigit(c)) return;
        return zero(c);
      case St.Zero:
        return zero(c);
      case St.Dot:
        if (isDigit(c)) step = St.Dot0;
        else fail(c, "after decimal point in numeric literal");
        return;
      case St.Dot0:
        if (isDigit(c)) return;
        if (c === 101 || c === 69) step = St.E;
        else endValue(c);
        return;
      case St.E:
        if (c === 43 || c === 45) step = St.ESign;
        else eSign(c);
        return;
      case St.ESign:
        return eSign(c);
      case St.E0:
        if (isDigit(c)) return;
        return endValue(c);
      case St.Literal: {
        const want = literal.charCodeAt(literalRest);
        if (c !== want) return fail(c, `in literal ${literal} (expecting ${goQuoteChar(want)})`);
        literalRest++;
        if (literalRest === literal.length) step = St.EndValue;
        return;
      }
    }
  };

  for (let i = 0; i < data.length; i++) {
    bytes++;
    feed(data[i]!);
    if (error) return error;
  }
  // Go's scanner.eof(): a final space ends a top-level number; anything else open is an unexpected end.
  if (endTop) return undefined;
  feed(32);
  if (error) return error;
  if (endTop) return undefined;
  return { offset: bytes, message: "unexpected end of JSON input" };
}
