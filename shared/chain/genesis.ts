/**
 * The devnet genesis file: chain id, genesis time, block interval, parameters (spec §8 defaults),
 * staked apps and nodes, and account balances. `shared/chain/genesis.example.json` is a complete
 * example; the format is documented there and in {@link Genesis}.
 *
 * A genesis is identified by {@link genesisHash}: SHA3-256 of its canonical JSON (defaults filled in,
 * keys sorted, amounts as decimal strings), so two files that mean the same chain have the same hash
 * whatever their formatting, and every block hash derives from it.
 * @module
 */
import { bytesToHex } from "../primitives/bytes.js";
import { goMarshalSorted, type GoValue } from "../morse/gojson.js";
import { sha3 } from "../morse/hash.js";
import { parseTimestamp } from "../primitives/protobuf.js";
import { addressOf, appToJSON, nodeToJSON, parseAccount, parseApp, parseNode, type AccountState, type AppState, type NodeState } from "./actors.js";
import { bad, isRecord, ok, readInteger, readString, unknownKeys, type Parsed } from "./input.js";
import { paramsToJSON, parseParams, type ChainParams } from "./params.js";

/** A validated genesis, defaults filled in. */
export interface Genesis {
  /** tendermint `chain_id`; every transaction signs it. */
  readonly chain_id: string;
  /** RFC 3339 time of height 0; block `h` is stamped `genesis_time + h × block interval`. */
  readonly genesis_time: string;
  /** Milliseconds between blocks produced by the alarm; 0 = blocks only on demand (`/v1/devnet/advance`). */
  readonly block_time_ms: number;
  readonly params: ChainParams;
  readonly apps: readonly AppState[];
  readonly nodes: readonly NodeState[];
  readonly accounts: readonly AccountState[];
}

const FIELDS = ["chain_id", "genesis_time", "block_time_ms", "params", "apps", "nodes", "accounts"];
/** An hour: a larger interval is almost certainly seconds typed as milliseconds the other way round. */
const MAX_BLOCK_TIME_MS = 3_600_000;

/** Validates a parsed genesis file and fills in defaults. */
export function parseGenesis(value: unknown): Parsed<Genesis> {
  if (!isRecord(value)) return bad("the genesis must be a JSON object");
  const unknown = unknownKeys(value, FIELDS);
  if (unknown.length > 0) return bad(`the genesis has unknown fields: ${unknown.join(", ")} (known: ${FIELDS.join(", ")})`);
  const chain_id = readString(value.chain_id, "chain_id");
  if (!chain_id.ok) return chain_id;
  if (!/^[A-Za-z0-9._-]{1,50}$/.test(chain_id.value)) return bad("chain_id must be 1-50 characters of letters, digits, '.', '_' or '-'");
  const genesis_time = readString(value.genesis_time, "genesis_time");
  if (!genesis_time.ok) return genesis_time;
  if (!parseTimestamp(genesis_time.value)) return bad("genesis_time must be an RFC 3339 time such as 2026-01-01T00:00:00Z");
  const block_time_ms = value.block_time_ms === undefined ? ok(0) : readInteger(value.block_time_ms, "block_time_ms", 0, MAX_BLOCK_TIME_MS);
  if (!block_time_ms.ok) return block_time_ms;
  const params = parseParams(value.params);
  if (!params.ok) return params;

  const apps = readList(value.apps, "apps", (item, field) => parseApp(item, field, params.value.maximum_chains));
  if (!apps.ok) return apps;
  const nodes = readList(value.nodes, "nodes", (item, field) => parseNode(item, field, params.value.maximum_chains));
  if (!nodes.ok) return nodes;
  const accounts = readList(value.accounts, "accounts", parseAccount);
  if (!accounts.ok) return accounts;

  const duplicate =
    firstDuplicate(apps.value.map((a) => addressOf(a.public_key)), "apps") ??
    firstDuplicate(nodes.value.map((n) => addressOf(n.public_key)), "nodes") ??
    firstDuplicate(accounts.value.map((a) => a.address), "accounts");
  if (duplicate) return bad(duplicate);

  return ok({
    chain_id: chain_id.value,
    genesis_time: genesis_time.value,
    block_time_ms: block_time_ms.value,
    params: params.value,
    apps: apps.value,
    nodes: nodes.value,
    accounts: accounts.value,
  });
}

function readList<T>(value: unknown, field: string, parse: (item: unknown, field: string) => Parsed<T>): Parsed<T[]> {
  if (value === undefined) return ok([]);
  if (!Array.isArray(value)) return bad(`${field} must be a list`);
  const out: T[] = [];
  for (let i = 0; i < value.length; i++) {
    const item = parse(value[i], `${field}[${i}]`);
    if (!item.ok) return item;
    out.push(item.value);
  }
  return ok(out);
}

function firstDuplicate(addresses: string[], field: string): string | undefined {
  const seen = new Set<string>();
  for (const address of addresses) {
    if (seen.has(address)) return `${field} lists address ${address} twice`;
    seen.add(address);
  }
  return undefined;
}

/** The canonical JSON of a genesis (defaults filled in, amounts as strings); {@link parseGenesis} reads it back. */
export function genesisToJSON(genesis: Genesis): { readonly [key: string]: GoValue } {
  return {
    chain_id: genesis.chain_id,
    genesis_time: genesis.genesis_time,
    block_time_ms: genesis.block_time_ms,
    params: paramsToJSON(genesis.params),
    apps: genesis.apps.map(appToJSON),
    nodes: genesis.nodes.map(nodeToJSON),
    accounts: genesis.accounts.map((a) => ({ address: a.address, balance: a.balance.toString() })),
  };
}

/** SHA3-256 of the canonical genesis JSON (sorted keys, Go escaping), as lowercase hex. */
export function genesisHash(genesis: Genesis): string {
  return bytesToHex(sha3(goMarshalSorted(genesisToJSON(genesis))));
}
