/**
 * Reading a session's evidence object from a relay test, to check what was (not) stored.
 * @module
 */
import type { RelayEnv } from "../../../workers/relay/env.js";
import { evidenceObjectName } from "../../../shared/evidence/row-key.js";
import type { MorseKey } from "../../../shared/morse/keys.js";
import type { RelayNetwork } from "./network.js";
import { CHAIN } from "./network.js";

/** The evidence object of `servicer` in the network's current session. */
export function evidenceOf(net: RelayNetwork, servicer: MorseKey, sessionHeight = net.sessionHeight): any {
  const name = evidenceObjectName({ servicerPubKey: servicer.publicKeyHex, appPubKey: net.app.publicKeyHex, chain: CHAIN, sessionHeight: String(sessionHeight) });
  if (!name.ok) throw new Error(name.error);
  return (net.env as RelayEnv).EVIDENCE.getByName(name.value);
}

/** How many relays the object of `servicer` holds (0 for an object never written). */
export async function storedRelays(net: RelayNetwork, servicer: MorseKey, sessionHeight?: number): Promise<number> {
  const stats = await evidenceOf(net, servicer, sessionHeight).stats();
  if (!stats.ok) throw new Error(`stats: ${JSON.stringify(stats)}`);
  return stats.count;
}
