import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { linksOf, ticketName, type LinkKind } from '../../shared/domain/links';
import { allowedTransitions } from '../../shared/domain/status';
import type { Ticket } from '../../shared/domain/ticket';
import type { Result } from '../../shared/result';
import { useApp } from '../app/store';
import { useWorkspace } from '../app/useWorkspace';
import { ticketFinder } from '../queue/ticketFinder';
import type { LinkCandidate } from './LinkForm';
import { LinksSection } from './LinksSection';
import type { ActionOutcome } from './TicketActions';
import { refusalText } from './ticketLabels';
import { problemMarkOffer, type LinkGroups } from './ticketLinks';

/** Matches the link picker offers at most. */
const FOUND = 8;

/** The open ticket's links, changed through the workspace like every other change (so offline too). */
export const TicketLinks = ({ ticket, groups }: { ticket: Ticket; groups: LinkGroups }) => {
  const workspace = useWorkspace();
  const selectTicket = useApp((state) => state.selectTicket);
  const { t } = useTranslation('ticket');
  const outcome = useCallback(
    (result: Result<unknown>): ActionOutcome => (result.ok ? null : refusalText(t, result.error, { from: ticket.status })),
    [t, ticket.status],
  );
  // Neither the ticket itself nor one it is linked to already.
  const exclude = useMemo(() => new Set([ticket.id, ...linksOf(ticket).map((link) => link.otherId)]), [ticket]);
  const find = useCallback(
    (text: string, kind: LinkKind): LinkCandidate[] => ticketFinder()?.({ text, problemsOnly: kind === 'problem', exclude, limit: FOUND }) ?? [],
    [exclude],
  );
  const original = groups.original?.ticket ?? null;
  const canResolveAsDuplicate = original !== null && allowedTransitions(ticket.status).includes('resolved');
  return (
    <LinksSection
      ticket={ticket}
      groups={groups}
      markOffer={problemMarkOffer(ticket)}
      find={find}
      onOpen={selectTicket}
      onLink={async (otherId, kind) => outcome(await workspace.run('ticket:link', { id: ticket.id, otherId, kind }))}
      onUnlink={async (otherId) => outcome(await workspace.run('ticket:unlink', { id: ticket.id, otherId }))}
      onMarkProblem={async (isProblem) => outcome(await workspace.run('ticket:markProblem', { id: ticket.id, isProblem }))}
      onResolveAsDuplicate={
        canResolveAsDuplicate
          ? async () =>
              outcome(
                await workspace.run('ticket:transition', {
                  id: ticket.id,
                  from: ticket.status,
                  to: 'resolved',
                  resolution: t('links.duplicateResolution', { name: ticketName(original) }),
                }),
              )
          : null
      }
    />
  );
};
