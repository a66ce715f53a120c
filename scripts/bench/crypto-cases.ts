/**
 * Per-relay crypto work of a servicer, measured the same way in Node and in workerd. Each case
 * runs sequentially `n` times and reports milliseconds per operation; the composite "servicer
 * path" case is the whole per-relay sequence the relay Worker runs (parse, hash, verify, sort,
 * sign), so its figure is what the ≤ 0.3 ms target is about.
 *
 * Both Ed25519 implementations are driven explicitly (not through the auto-detection), so the
 * WebCrypto and noble columns are the same code paths but for the signature primitive.
 */
import {
  aatHash,
  aatHashHex,
  bytesToHex,
  decodeRelay,
  ed25519,
  hexToBytesStrict,
  keyFromSeed,
  nobleEd25519,
  proofHash,
  requestHash,
  responseHash,
  sortJSONResponse,
  validateAAT,
  type AAT,
  type Ed25519,
} from "../../shared/morse/index.js";

export interface CryptoRow {
  case: string;
  impl: string;
  msPerOp: number;
}

const CHAIN_RESPONSE =
  '{"jsonrpc":"2.0","id":1,"result":{"number":"0x10d4f","hash":"0x' + "ab".repeat(32) + '","transactions":[' +
  Array.from({ length: 8 }, (_, i) => `"0x${String(i).repeat(64).slice(0, 64)}"`).join(",") + '],"gasUsed":"0x5208"}}';

// workerd's clock is coarse (about 1 ms steps), so each case runs for at least MIN_MS, cycling
// over its n distinct inputs; a short case would otherwise round to 0 or to a whole step.
const MIN_MS = 250;

async function time(n: number, fn: (i: number) => unknown): Promise<number> {
  for (let i = 0; i < Math.min(50, n); i++) await fn(i); // warm up (JIT, key imports)
  let ops = 0;
  const t0 = performance.now();
  let elapsed = 0;
  do {
    for (let i = 0; i < n; i++) await fn(i);
    ops += n;
    elapsed = performance.now() - t0;
  } while (elapsed < MIN_MS);
  return elapsed / ops;
}

async function signedAAT(impl: Ed25519, appSeed: Uint8Array, client: string): Promise<AAT> {
  const app = keyFromSeed(appSeed);
  const unsigned = { version: "0.0.1", app_pub_key: app.publicKeyHex, client_pub_key: client };
  return { ...unsigned, signature: bytesToHex(await impl.sign(appSeed, aatHash(unsigned))) };
}

/** Runs every case with both implementations; `n` iterations each. */
export async function runCryptoBench(n: number): Promise<CryptoRow[]> {
  const rows: CryptoRow[] = [];
  const web = await ed25519();
  const impls: Ed25519[] = web.name === "webcrypto" ? [web, nobleEd25519] : [nobleEd25519];
  const clientSeed = new Uint8Array(32).fill(9);
  const client = keyFromSeed(clientSeed);
  const servicerSeed = new Uint8Array(32).fill(3);
  const servicer = keyFromSeed(servicerSeed);

  // n distinct apps, so that "cold" really verifies n different tokens.
  const aats: AAT[] = [];
  for (let i = 0; i < n; i++) {
    const seed = new Uint8Array(32);
    new DataView(seed.buffer).setUint32(0, i + 1);
    aats.push(await signedAAT(web, seed, client.publicKeyHex));
  }
  const payload = { data: '{"jsonrpc":"2.0","method":"eth_blockNumber","params":[],"id":1}', method: "POST", path: "", headers: null };
  const meta = { block_height: 10003n };
  const reqHash = requestHash(payload, meta);
  const bodies: string[] = [];
  for (let i = 0; i < n; i++) {
    const proof = {
      entropy: BigInt(1_000_000 + i),
      session_block_height: 10001n,
      servicer_pub_key: servicer.publicKeyHex,
      blockchain: "0021",
      request_hash: reqHash,
      aat: aats[0],
    };
    const sig = bytesToHex(await web.sign(clientSeed, proofHash(proof)));
    bodies.push(
      `{"payload":${JSON.stringify(payload)},"meta":{"block_height":10003},"proof":{"entropy":${proof.entropy},` +
        `"session_block_height":10001,"servicer_pub_key":"${servicer.publicKeyHex}","blockchain":"0021",` +
        `"aat":${JSON.stringify(aats[0])},"signature":"${sig}","request_hash":"${reqHash}"}}`,
    );
  }

  const decoded = bodies.map((b) => {
    const r = decodeRelay(b);
    if (!r.ok) throw new Error(r.error);
    return r.relay;
  });
  const tokenHex = bytesToHex(aatHash(aats[0]));
  const proofHashes = decoded.map((r) => proofHash(r.proof, tokenHex));

  rows.push({ case: "decode relay body (lossless)", impl: "-", msPerOp: await time(n, (i) => decodeRelay(bodies[i])) });
  rows.push({ case: "request hash", impl: "-", msPerOp: await time(n, (i) => requestHash(decoded[i].payload, decoded[i].meta)) });
  rows.push({ case: "AAT hash (uncached)", impl: "-", msPerOp: await time(n, (i) => aatHash(aats[i])) });
  rows.push({ case: "proof hash", impl: "-", msPerOp: await time(n, (i) => proofHash(decoded[i].proof, tokenHex)) });
  rows.push({ case: "sortJSONResponse (1 KB body)", impl: "-", msPerOp: await time(n, () => sortJSONResponse(CHAIN_RESPONSE)) });
  rows.push({ case: "AAT verify, cached verdict", impl: "-", msPerOp: await time(n, () => validateAAT(aats[0], tokenHex)) });

  for (const impl of impls) {
    const appPub = aats.map((a) => hexToBytesStrict(a.app_pub_key));
    const aatHashes = aats.map((a) => aatHash(a));
    const aatSigs = aats.map((a) => hexToBytesStrict(a.signature));
    rows.push({ case: "AAT verify, cold (distinct apps)", impl: impl.name, msPerOp: await time(n, (i) => impl.verify(appPub[i], aatHashes[i], aatSigs[i])) });
    const sigs = decoded.map((r) => hexToBytesStrict(r.proof.signature));
    rows.push({ case: "client signature verify", impl: impl.name, msPerOp: await time(n, (i) => impl.verify(client.publicKey, proofHashes[i], sigs[i])) });
    rows.push({
      case: "sort + hash + sign response",
      impl: impl.name,
      msPerOp: await time(n, (i) => impl.sign(servicerSeed, responseHash(sortJSONResponse(CHAIN_RESPONSE), bytesToHex(proofHashes[i])))),
    });
    // The whole per-relay sequence, AAT verdict cached (a client reuses its AAT for every relay).
    rows.push({
      case: "servicer path per relay (AAT cached)",
      impl: impl.name,
      msPerOp: await time(n, async (i) => {
        const r = decodeRelay(bodies[i]);
        if (!r.ok) throw new Error(r.error);
        const { payload, meta, proof } = r.relay;
        if (requestHash(payload, meta) !== proof.request_hash) throw new Error("74");
        const token = aatHashHex(proof.aat);
        const ph = proofHash(proof, token);
        if (await validateAAT(proof.aat, token)) throw new Error("4");
        if (!(await impl.verify(client.publicKey, ph, hexToBytesStrict(proof.signature)))) throw new Error("41");
        await impl.sign(servicerSeed, responseHash(sortJSONResponse(CHAIN_RESPONSE), bytesToHex(ph)));
      }),
    });
  }
  return rows;
}
