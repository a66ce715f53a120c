/**
 * A bounded, never-throwing decoder of the gob stream MsgSubmitProof carries, as the chain's
 * `SparseCompactMerkleClosestProof.Unmarshal` reads it. Type ids are stream-local, so it reads the
 * stream's own type definitions (wireType → structType / sliceType, Go's `encoding/gob/type.go`) and
 * matches fields by name, as Go does: fields it does not know are skipped, a known field of another
 * type is an error. Array, map, interface and GobEncoder types are refused (no proof uses them).
 * Everything it returns is a view into the input: memory stays O(input).
 * @module
 */
import type { SparseCompactMerkleClosestProof, SparseCompactMerkleProof } from "./proof.js";

export type GobDecodeResult =
  | { readonly ok: true; readonly proof: SparseCompactMerkleClosestProof }
  | { readonly ok: false; readonly error: string };

const T_BOOL = 1, T_INT = 2, T_UINT = 3, T_FLOAT = 4, T_BYTES = 5, T_STRING = 6, T_COMPLEX = 7;
const FIRST_USER_ID = 64;
/** Nesting allowed when skipping unknown struct fields (a type may refer to itself). */
const MAX_NESTING = 16;

type WireType = { kind: "slice"; elem: number } | { kind: "struct"; fields: { name: string; id: number }[] };

class GobError extends Error {}

class Reader {
  constructor(private readonly bytes: Uint8Array, public pos: number, public end: number) {}

  remaining(): number {
    return this.end - this.pos;
  }

  uint(): number {
    if (this.pos >= this.end) throw new GobError("unexpected EOF");
    const first = this.bytes[this.pos++];
    if (first < 0x80) return first;
    const n = 256 - first;
    if (n > 8) throw new GobError("invalid uint data length");
    if (n > this.remaining()) throw new GobError("unexpected EOF");
    let v = 0;
    for (let i = 0; i < n; i++) v = v * 256 + this.bytes[this.pos++]; // > 2^53 loses precision, and every bound refuses it
    return v;
  }

  int(): number {
    const u = this.uint();
    return u % 2 === 0 ? u / 2 : -(u - 1) / 2 - 1;
  }

  take(length: number): Uint8Array {
    if (length > this.remaining()) throw new GobError("unexpected EOF");
    const out = this.bytes.subarray(this.pos, this.pos + length);
    this.pos += length;
    return out;
  }

  bytesValue(): Uint8Array {
    return this.take(this.uint());
  }

  string(): string {
    return new TextDecoder().decode(this.bytesValue());
  }
}

/** Calls `field(index)` for each field present in the struct at the reader, then consumes its end. */
function readStruct(r: Reader, fieldCount: number, field: (index: number) => void): void {
  for (let index = -1; ; ) {
    const delta = r.uint();
    if (delta === 0) return;
    index += delta;
    if (index >= fieldCount) throw new GobError(`field number ${index} too large`);
    field(index);
  }
}

// wireType: ArrayT 0, SliceT 1, StructT 2, MapT 3, GobEncoderT 4, BinaryMarshalerT 5, TextMarshalerT 6.
// CommonType: Name 0, Id 1. sliceType: CommonType 0, Elem 1. structType: CommonType 0, Field 1. fieldType: Name 0, Id 1.
function readWireType(r: Reader): WireType {
  let wire: WireType | undefined;
  readStruct(r, 7, (kind) => {
    if (wire !== undefined) throw new GobError("wire type with two kinds");
    if (kind === 1) {
      let elem = -1;
      readStruct(r, 2, (f) => (f === 0 ? readStruct(r, 2, (c) => (c === 0 ? r.string() : r.int())) : (elem = r.int())));
      wire = { kind: "slice", elem };
    } else if (kind === 2) {
      const fields: { name: string; id: number }[] = [];
      readStruct(r, 2, (f) => {
        if (f === 0) return readStruct(r, 2, (c) => (c === 0 ? r.string() : r.int()));
        const count = r.uint();
        if (count > r.remaining()) throw new GobError("field list longer than the message");
        for (let i = 0; i < count; i++) {
          const fieldType = { name: "", id: -1 };
          readStruct(r, 2, (c) => (c === 0 ? (fieldType.name = r.string()) : (fieldType.id = r.int())));
          fields.push(fieldType);
        }
      });
      wire = { kind: "struct", fields };
    } else {
      throw new GobError("unsupported gob type kind");
    }
  });
  if (wire === undefined) throw new GobError("empty wire type");
  return wire;
}

class Decoder {
  readonly types = new Map<number, WireType>();

  skip(r: Reader, id: number, nesting: number): void {
    if (nesting > MAX_NESTING) throw new GobError("values nested too deep");
    if (id === T_BOOL || id === T_INT || id === T_UINT || id === T_FLOAT) return void r.uint();
    if (id === T_COMPLEX) return void (r.uint(), r.uint());
    if (id === T_BYTES || id === T_STRING) return void r.bytesValue();
    const wire = this.types.get(id);
    if (wire === undefined) throw new GobError(`unknown type id ${id}`);
    if (wire.kind === "struct") return readStruct(r, wire.fields.length, (f) => this.skip(r, wire.fields[f].id, nesting + 1));
    const count = r.uint();
    if (count > r.remaining()) throw new GobError("slice longer than the message");
    for (let i = 0; i < count; i++) this.skip(r, wire.elem, nesting + 1);
  }

  bytesList(r: Reader, id: number): Uint8Array[] {
    const wire = this.types.get(id);
    if (wire?.kind !== "slice" || wire.elem !== T_BYTES) throw new GobError("type mismatch: want [][]uint8");
    const count = r.uint();
    if (count > r.remaining()) throw new GobError("slice longer than the message");
    const out: Uint8Array[] = [];
    for (let i = 0; i < count; i++) out.push(r.bytesValue());
    return out;
  }

  /** Reads a struct of type `id` field by field: a known name goes to its reader, others are skipped. */
  fields(r: Reader, id: number, readers: Record<string, (r: Reader, fieldId: number) => void>): void {
    const wire = this.types.get(id);
    if (wire?.kind !== "struct") throw new GobError("type mismatch: want a struct");
    if (!wire.fields.some((f) => Object.hasOwn(readers, f.name))) throw new GobError("type mismatch: no fields matched");
    readStruct(r, wire.fields.length, (f) => {
      const { name, id: fieldId } = wire.fields[f];
      const read = Object.hasOwn(readers, name) ? readers[name] : undefined;
      if (read === undefined) this.skip(r, fieldId, 1);
      else read(r, fieldId);
    });
  }
}

function expect(fieldId: number, want: number, name: string): void {
  if (fieldId !== want) throw new GobError(`type mismatch for field ${name}`);
}

function decodeStream(bytes: Uint8Array): SparseCompactMerkleClosestProof {
  const d = new Decoder();
  const stream = new Reader(bytes, 0, bytes.length);
  for (;;) {
    const length = stream.uint();
    if (length === 0 || length > stream.remaining()) throw new GobError("unexpected EOF");
    const r = new Reader(bytes, stream.pos, stream.pos + length);
    stream.pos += length;
    const id = r.int();
    if (id < 0) {
      if (-id < FIRST_USER_ID || d.types.has(-id)) throw new GobError(`bad or duplicate type id ${-id}`);
      d.types.set(-id, readWireType(r));
      if (r.remaining() > 0) throw new GobError("extra data in buffer");
      continue;
    }
    const proof = { path: empty(), flippedBits: [] as Uint8Array[], depth: empty(), closestPath: empty(), closestValueHash: empty(), closestProof: null as SparseCompactMerkleProof | null };
    const bytesField = (set: (v: Uint8Array) => void, name: string) => (fr: Reader, fid: number) => (expect(fid, T_BYTES, name), set(fr.bytesValue()));
    d.fields(r, id, {
      Path: bytesField((v) => (proof.path = v), "Path"),
      FlippedBits: (fr, fid) => (proof.flippedBits = d.bytesList(fr, fid)),
      Depth: bytesField((v) => (proof.depth = v), "Depth"),
      ClosestPath: bytesField((v) => (proof.closestPath = v), "ClosestPath"),
      ClosestValueHash: bytesField((v) => (proof.closestValueHash = v), "ClosestValueHash"),
      ClosestProof: (fr, fid) => {
        const inner = { sideNodes: [] as Uint8Array[], nonMembershipLeafData: empty(), bitMask: empty(), numSideNodes: 0, siblingData: empty() };
        d.fields(fr, fid, {
          SideNodes: (ir, iid) => (inner.sideNodes = d.bytesList(ir, iid)),
          NonMembershipLeafData: bytesField((v) => (inner.nonMembershipLeafData = v), "NonMembershipLeafData"),
          BitMask: bytesField((v) => (inner.bitMask = v), "BitMask"),
          NumSideNodes: (ir, iid) => (expect(iid, T_INT, "NumSideNodes"), (inner.numSideNodes = ir.int())),
          SiblingData: bytesField((v) => (inner.siblingData = v), "SiblingData"),
        });
        proof.closestProof = inner;
      },
    });
    return proof;
  }
}

function empty(): Uint8Array {
  return new Uint8Array(0);
}

/** `SparseCompactMerkleClosestProof.Unmarshal`: the first value in the stream, after its type definitions. */
export function decodeClosestProofGob(bytes: Uint8Array): GobDecodeResult {
  try {
    return { ok: true, proof: decodeStream(bytes) };
  } catch (e) {
    if (e instanceof GobError) return { ok: false, error: `gob: ${e.message}` };
    return { ok: false, error: `gob: ${e instanceof Error ? e.message : String(e)}` };
  }
}
