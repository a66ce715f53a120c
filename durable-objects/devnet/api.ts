/**
 * The RPC surface of the devnet chain object as its Worker sees it: every method returns a result
 * union instead of throwing (a throwing Durable Object RPC fails the test run, research §3.3, and an
 * error is an answer the Worker must render anyway).
 * @module
 */
import type { GoValue } from "../../shared/morse/gojson.js";

/** A refusal: the HTTP status and the message of a Morse `{"code","message"}` body. */
export interface DevnetFailure {
  readonly ok: false;
  readonly status: number;
  readonly message: string;
}

export type DevnetResult<T = GoValue> = { readonly ok: true; readonly value: T } | DevnetFailure;

export const fail = (status: number, message: string): DevnetFailure => ({ ok: false, status, message });
export const done = <T>(value: T): { readonly ok: true; readonly value: T } => ({ ok: true, value });

/** Filters of `/v1/query/nodes` and `/v1/query/apps` (`opts`), already type-checked by the Worker. */
export interface ListOptions {
  /** 0 = any, 1 = unstaking, 2 = staked. */
  readonly staking_status: number;
  /** 0 = any, 1 = jailed, 2 = not jailed (nodes only). */
  readonly jailed_status: number;
  /** "" = any chain. */
  readonly blockchain: string;
  readonly page: number;
  readonly per_page: number;
}

/**
 * The chain object's methods as a caller sees them. Spelled out (and implemented by `DevnetChain`)
 * because the generated `DurableObjectStub` type recurses through `GoValue` past TypeScript's limits.
 */
export interface DevnetChainApi {
  loadGenesis(json: unknown): Promise<DevnetResult>;
  advance(blocks: number): Promise<DevnetResult>;
  status(): Promise<DevnetResult>;
  genesis(): Promise<DevnetResult>;
  height(): Promise<DevnetResult>;
  block(height: number): Promise<DevnetResult>;
  node(address: string, height: number): Promise<DevnetResult>;
  nodes(height: number, opts: ListOptions): Promise<DevnetResult>;
  app(address: string, height: number): Promise<DevnetResult>;
  apps(height: number, opts: ListOptions): Promise<DevnetResult>;
  param(key: string, height: number): Promise<DevnetResult>;
  allParams(height: number): Promise<DevnetResult>;
  balance(address: string, height: number): Promise<DevnetResult>;
  nodeClaim(address: string, appPublicKey: string, chain: string, sessionHeight: bigint): Promise<DevnetResult>;
  nodeClaims(address: string, page: number, perPage: number): Promise<DevnetResult>;
  tx(hash: string): Promise<DevnetResult>;
  dispatch(appPublicKey: string, chain: string): Promise<DevnetResult>;
  submitTx(address: string, bytes: Uint8Array): Promise<DevnetResult>;
  stakeApp(json: unknown): Promise<DevnetResult>;
  unstakeApp(address: string): Promise<DevnetResult>;
  stakeNode(json: unknown): Promise<DevnetResult>;
  unstakeNode(address: string): Promise<DevnetResult>;
  setJailed(address: string, jailed: boolean): Promise<DevnetResult>;
}

/** The name of the one chain object: the devnet is one chain. */
export const CHAIN_OBJECT_NAME = "devnet";
