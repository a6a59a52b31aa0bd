import { randomUUID } from 'node:crypto';
import { PROTOCOL_VERSION, type PushResponse } from '../../shared/sync/protocol';
import { makeCreateArgs } from './factories';

type Outgoing = { id: string; name: 'ticket:create' | 'ticket:update'; args: unknown; at: string };

/**
 * A client without a cache that pushes batches of ticket creates and edits over HTTP as fast as
 * the server answers, and resends a batch with the same ids until every change in it is answered,
 * as a console's outbox does. It sees each answer itself, so it knows exactly what was acknowledged.
 */
export type RawPusher = {
  clientId: string;
  /** Every mutation id it has sent or will send, in order. */
  queued: string[];
  /** Ids the server answered `applied` or `duplicate` in a response that reached this client. */
  acked: Set<string>;
  /** Ids the server refused (none expected). */
  refused: Set<string>;
  /** Answers `duplicate`: a resend after the server had applied the change but its answer was lost. */
  duplicates: number;
  /** Pushes that failed (no connection, connection reset, 503) and were sent again. */
  retries: number;
  /** Push requests sent and not answered yet. */
  inFlight: number;
  /** Ends once it stopped producing and its last batch is answered, or it was told to abandon. */
  done: Promise<void>;
};

const BATCH = 3;

export const startRawPusher = (options: { url: string; token: string; clientId: string; producing: () => boolean; abandoned: () => boolean }): RawPusher => {
  const tickets: string[] = [];
  let made = 0;
  const change = (): Outgoing => {
    made += 1;
    const at = new Date().toISOString();
    const target = tickets[made % Math.max(1, tickets.length)];
    if (target === undefined || made % 3 === 0) {
      const args = makeCreateArgs({ title: `${options.clientId} call ${made}` });
      tickets.push(args.id);
      return { id: randomUUID(), name: 'ticket:create', args, at };
    }
    return { id: randomUUID(), name: 'ticket:update', args: { id: target, title: `${options.clientId} edit ${made}` }, at };
  };

  const sendUntilAnswered = async (batch: Outgoing[]): Promise<void> => {
    const body = JSON.stringify({ protocol: PROTOCOL_VERSION, clientId: options.clientId, sentAt: new Date().toISOString(), mutations: batch });
    while (!options.abandoned()) {
      pusher.inFlight += 1;
      try {
        const response = await fetch(`${options.url}/api/sync/push`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${options.token}` },
          body,
        });
        if (response.status === 200) {
          const { results } = (await response.json()) as PushResponse;
          for (const result of results) {
            if (result.status === 'rejected') pusher.refused.add(result.id);
            else pusher.acked.add(result.id);
            if (result.status === 'duplicate') pusher.duplicates += 1;
          }
          return;
        }
        // 503 while the restarted server is not ready yet; anything else is a failure to report.
        if (response.status !== 503) throw new Error(`push: ${response.status} ${await response.text()}`);
      } catch (error) {
        if (error instanceof Error && error.message.startsWith('push:')) throw error;
        // The connection was refused or cut: the server is down. Send the same ids again.
      } finally {
        pusher.inFlight -= 1;
      }
      pusher.retries += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  const run = async () => {
    while (options.producing() && !options.abandoned()) {
      const batch = Array.from({ length: BATCH }, change);
      pusher.queued.push(...batch.map((m) => m.id));
      await sendUntilAnswered(batch);
    }
  };

  const pusher: RawPusher = {
    clientId: options.clientId,
    queued: [],
    acked: new Set(),
    refused: new Set(),
    duplicates: 0,
    retries: 0,
    inFlight: 0,
    done: Promise.resolve(),
  };
  pusher.done = run();
  // Awaited by the test later; a failure before then must not count as unhandled meanwhile.
  pusher.done.catch(() => undefined);
  return pusher;
};
