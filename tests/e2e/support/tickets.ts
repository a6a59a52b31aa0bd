import { randomUUID } from 'node:crypto';
import type { MutationArgsMap } from '../../../shared/domain/mutationArgs';
import { makeTicketCode } from '../../../shared/domain/ticketCode';
import { randomBytes } from '../../../shared/platform';

/** `ticket:create` arguments for a ticket arranged on the server before a test; unique title. */
export const makeCreateArgs = (overrides: Partial<MutationArgsMap['ticket:create']> = {}): MutationArgsMap['ticket:create'] => ({
  id: randomUUID(),
  code: makeTicketCode(randomBytes),
  title: `Docking station not detected ${randomUUID().slice(0, 8)}`,
  description: 'Monitors stay black when docked.',
  requester: { name: 'Alan Turing', contact: null },
  category: 'hardware',
  priority: 'normal',
  channel: 'phone',
  ...overrides,
});
