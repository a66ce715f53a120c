/**
 * Devnet-only staking administration over the chain store. Changes apply to the latest state in
 * place (no transaction, no unbonding): staking mints the tokens it names, unstaking credits them to
 * the app's own account or the node's output address. The writes of one call have no `await` between
 * them, so they commit together.
 * @module
 */
import { addressOf, applicationJSON, parseApp, parseNode, rewardAddress, validatorJSON } from "../../shared/chain/actors.js";
import { done, fail, type DevnetResult } from "./api.js";
import type { ChainStore } from "./store.js";

/** Stakes (or edits) an app. */
export function stakeApp(store: ChainStore, json: unknown): DevnetResult {
  const app = parseApp(json, "app", store.genesis.params.maximum_chains);
  if (!app.ok) return fail(400, app.error);
  store.putApp(app.value, store.latestHeight());
  return done(applicationJSON(app.value));
}

/** Unstakes an app at once; its stake goes to its own account. */
export function unstakeApp(store: ChainStore, address: string): DevnetResult {
  const height = store.latestHeight();
  const app = store.app(address, height);
  if (!app) return fail(400, `application not found for ${address}`);
  store.removeApp(address, height);
  store.setBalance(address, store.balance(address) + app.staked_tokens);
  return done({ address, unstaked_tokens: app.staked_tokens.toString() });
}

/** Stakes (or edits) a node. */
export function stakeNode(store: ChainStore, json: unknown): DevnetResult {
  const node = parseNode(json, "node", store.genesis.params.maximum_chains);
  if (!node.ok) return fail(400, node.error);
  store.putNode(addressOf(node.value.public_key), node.value, store.latestHeight());
  return done(validatorJSON(node.value));
}

/** Unstakes a node at once; its stake goes to its output address (or itself). */
export function unstakeNode(store: ChainStore, address: string): DevnetResult {
  const height = store.latestHeight();
  const node = store.node(address, height);
  if (!node) return fail(400, `validator not found for ${address}`);
  const to = rewardAddress(node);
  store.putNode(address, null, height);
  store.setBalance(to, store.balance(to) + node.tokens);
  return done({ address, unstaked_tokens: node.tokens.toString(), credited_to: to });
}

/** Jails or unjails a node. Jailed nodes stay session candidates but are never selected (spec §4.3). */
export function setJailed(store: ChainStore, address: string, jailed: boolean): DevnetResult {
  const height = store.latestHeight();
  const node = store.node(address, height);
  if (!node) return fail(400, `validator not found for ${address}`);
  const updated = { ...node, jailed };
  store.putNode(address, updated, height);
  return done(validatorJSON(updated));
}
