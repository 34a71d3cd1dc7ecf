import { BroadcastChannel } from 'node:worker_threads';
import { policyBookLoader } from '../application/policy-book';
import { config } from '../config';
import { CITY_PARAMETERS } from '../domain/policy/city-parameters';
import type { PolicyBook } from '../domain/policy/policy-book';
import { policyStore } from './table';

/**
 * The policy book in force: shipped rows plus administrators' changes, kept POLICY_CACHE_SECONDS
 * as on AWS. On the local platform (LIM_POLICY_CHANNEL set) every function in the process hears
 * of a change at once over a BroadcastChannel and reads the book again; on AWS the cache's
 * expiry is what carries a change to every container within the minute.
 */
let loader: (() => Promise<PolicyBook>) | undefined;
let channel: BroadcastChannel | undefined;

export function policy(): Promise<PolicyBook> {
  joinChannel();
  loader ??= policyBookLoader(policyStore(), CITY_PARAMETERS, config().POLICY_CACHE_SECONDS * 1000);
  return loader();
}

/**
 * After a change of the book: this container reads it again, and so does every local function.
 * Joins the channel itself: a container whose first work is a change has not read the book yet,
 * and without a channel of its own it told nobody (the others kept the book they had read).
 */
export function policyChanged(): void {
  loader = undefined;
  joinChannel()?.postMessage('changed');
}

function joinChannel(): BroadcastChannel | undefined {
  const name = config().LIM_POLICY_CHANNEL;
  if (name && !channel) {
    channel = new BroadcastChannel(name);
    channel.onmessage = () => (loader = undefined);
    channel.unref();
  }
  return channel;
}
