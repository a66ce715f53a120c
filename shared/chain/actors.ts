/**
 * Staked applications, staked nodes (validators) and accounts of the devnet: their stored form,
 * how a genesis file or an admin request describes them, and the JSON the Pocket RPC answers for
 * them (PC `x/apps/types/application.go JSONApplication`, `x/nodes/types/validator.go JSONValidator`).
 * @module
 */
import { hexToBytesStrict, U64_MAX } from "../primitives/bytes.js";
import { addressFromPublicKey } from "../morse/hash.js";
import {
  bad,
  isRecord,
  ok,
  readAddress,
  readAmount,
  readBoolean,
  readChains,
  readPublicKey,
  readString,
  unknownKeys,
  type Parsed,
} from "./input.js";

/** A staked application. */
export interface AppState {
  readonly public_key: string;
  readonly chains: readonly string[];
  readonly staked_tokens: bigint;
  /** On-chain `max_relays` (what `maxPossibleRelays` divides), at most 2^64−1. */
  readonly max_relays: bigint;
}

/** A staked node (servicer). */
export interface NodeState {
  readonly public_key: string;
  readonly chains: readonly string[];
  readonly service_url: string;
  readonly tokens: bigint;
  readonly jailed: boolean;
  /** Non-custodial output address that receives rewards; `""` means the node's own address. */
  readonly output_address: string;
}

/** An account balance in upokt. */
export interface AccountState {
  readonly address: string;
  readonly balance: bigint;
}

/** The address of a 64-hex public key (first 20 bytes of its SHA-256). */
export function addressOf(publicKeyHex: string): string {
  return addressFromPublicKey(hexToBytesStrict(publicKeyHex));
}

/** Where a node's rewards go: its output address, else its own address. */
export function rewardAddress(node: NodeState): string {
  return node.output_address !== "" ? node.output_address : addressOf(node.public_key);
}

const APP_FIELDS = ["public_key", "chains", "staked_tokens", "max_relays"];
const NODE_FIELDS = ["public_key", "chains", "service_url", "tokens", "jailed", "output_address"];
const ACCOUNT_FIELDS = ["address", "balance"];

/** Reads an application as a genesis file or `/v1/devnet/stake/app` gives it. */
export function parseApp(value: unknown, field: string, maximumChains: number): Parsed<AppState> {
  if (!isRecord(value)) return bad(`${field} must be an object`);
  const unknown = unknownKeys(value, APP_FIELDS);
  if (unknown.length > 0) return bad(`${field} has unknown fields: ${unknown.join(", ")}`);
  const public_key = readPublicKey(value.public_key, `${field}.public_key`);
  if (!public_key.ok) return public_key;
  const chains = readChains(value.chains, `${field}.chains`, maximumChains);
  if (!chains.ok) return chains;
  const staked_tokens = readAmount(value.staked_tokens, `${field}.staked_tokens`);
  if (!staked_tokens.ok) return staked_tokens;
  const max_relays = readAmount(value.max_relays, `${field}.max_relays`, U64_MAX);
  if (!max_relays.ok) return max_relays;
  return ok({ public_key: public_key.value, chains: chains.value, staked_tokens: staked_tokens.value, max_relays: max_relays.value });
}

/** Reads a node as a genesis file or `/v1/devnet/stake/node` gives it (`jailed` and `output_address` optional). */
export function parseNode(value: unknown, field: string, maximumChains: number): Parsed<NodeState> {
  if (!isRecord(value)) return bad(`${field} must be an object`);
  const unknown = unknownKeys(value, NODE_FIELDS);
  if (unknown.length > 0) return bad(`${field} has unknown fields: ${unknown.join(", ")}`);
  const public_key = readPublicKey(value.public_key, `${field}.public_key`);
  if (!public_key.ok) return public_key;
  const chains = readChains(value.chains, `${field}.chains`, maximumChains);
  if (!chains.ok) return chains;
  const service_url = readString(value.service_url, `${field}.service_url`);
  if (!service_url.ok) return service_url;
  if (!/^https?:\/\/[^\s]+$/.test(service_url.value)) return bad(`${field}.service_url must be an http(s) URL`);
  const tokens = readAmount(value.tokens, `${field}.tokens`);
  if (!tokens.ok) return tokens;
  const jailed = value.jailed === undefined ? ok(false) : readBoolean(value.jailed, `${field}.jailed`);
  if (!jailed.ok) return jailed;
  let output_address = "";
  if (value.output_address !== undefined && value.output_address !== "") {
    const output = readAddress(value.output_address, `${field}.output_address`);
    if (!output.ok) return output;
    output_address = output.value;
  }
  return ok({
    public_key: public_key.value,
    chains: chains.value,
    service_url: service_url.value,
    tokens: tokens.value,
    jailed: jailed.value,
    output_address,
  });
}

/** Reads a genesis account. */
export function parseAccount(value: unknown, field: string): Parsed<AccountState> {
  if (!isRecord(value)) return bad(`${field} must be an object`);
  const unknown = unknownKeys(value, ACCOUNT_FIELDS);
  if (unknown.length > 0) return bad(`${field} has unknown fields: ${unknown.join(", ")}`);
  const address = readAddress(value.address, `${field}.address`);
  if (!address.ok) return address;
  const balance = readAmount(value.balance, `${field}.balance`);
  if (!balance.ok) return balance;
  return ok({ address: address.value, balance: balance.value });
}

/** The stored (and genesis-file) form of an app: amounts as decimal strings. */
export function appToJSON(app: AppState): Record<string, string | string[]> {
  return { public_key: app.public_key, chains: [...app.chains], staked_tokens: app.staked_tokens.toString(), max_relays: app.max_relays.toString() };
}

/** The stored (and genesis-file) form of a node. */
export function nodeToJSON(node: NodeState): Record<string, string | string[] | boolean> {
  return {
    public_key: node.public_key,
    chains: [...node.chains],
    service_url: node.service_url,
    tokens: node.tokens.toString(),
    jailed: node.jailed,
    output_address: node.output_address,
  };
}

/** Inverse of {@link appToJSON} for rows the devnet wrote itself. */
export function appFromJSON(json: Record<string, unknown>): AppState {
  return {
    public_key: json.public_key as string,
    chains: json.chains as string[],
    staked_tokens: BigInt(json.staked_tokens as string),
    max_relays: BigInt(json.max_relays as string),
  };
}

/** Inverse of {@link nodeToJSON} for rows the devnet wrote itself. */
export function nodeFromJSON(json: Record<string, unknown>): NodeState {
  return {
    public_key: json.public_key as string,
    chains: json.chains as string[],
    service_url: json.service_url as string,
    tokens: BigInt(json.tokens as string),
    jailed: json.jailed as boolean,
    output_address: json.output_address as string,
  };
}

// Go's zero time.Time, which the RPC prints for a validator or app that is not unstaking.
const ZERO_TIME = "0001-01-01T00:00:00Z";
/** Staking status 2 = staked (0 unstaked, 1 unstaking); the devnet unstakes instantly, so it only has 2. */
export const STATUS_STAKED = 2;

/** PC `JSONValidator`: the node as `/v1/query/node(s)` and dispatch answer it. */
export function validatorJSON(node: NodeState): Record<string, string | string[] | boolean | number | null> {
  return {
    address: addressOf(node.public_key),
    public_key: node.public_key,
    jailed: node.jailed,
    status: STATUS_STAKED,
    chains: [...node.chains],
    service_url: node.service_url,
    tokens: node.tokens.toString(),
    unstaking_time: ZERO_TIME,
    output_address: node.output_address,
    reward_delegators: null,
  };
}

/** PC `JSONApplication`: the app as `/v1/query/app(s)` answer it. */
export function applicationJSON(app: AppState): Record<string, string | string[] | boolean | number> {
  return {
    address: addressOf(app.public_key),
    public_key: app.public_key,
    jailed: false,
    chains: [...app.chains],
    max_relays: app.max_relays.toString(),
    status: STATUS_STAKED,
    staked_tokens: app.staked_tokens.toString(),
    unstaking_time: ZERO_TIME,
  };
}
