import { makeTicket, makeUser } from './factories';
import type { TicketEvent } from '../../shared/domain/records';
import type { Ticket } from '../../shared/domain/ticket';
import { historyOf, hoursAfter, playStory, type Step, type Story } from '../../shared/stats/story.testkit';
import type { History, SelfHelpAnswer } from '../../shared/stats/ticketFacts';

/**
 * A hand-built week of articles at work, shared by shared/stats/knowledge.test.ts and the server's
 * parity test. The week of Monday 2 March 2026, [Mon 00:00, next Mon 00:00).
 */
export const KNOWLEDGE_WEEK = { from: '2026-03-02T00:00:00.000Z', to: '2026-03-09T00:00:00.000Z' };

const tina = makeUser({ id: 'u-tina', displayName: 'Tina', tier: 1 });
const tomas = makeUser({ id: 'u-tomas', username: 'tomas', displayName: 'Tomas', tier: 1 });

const story = (id: string, createdAt: string, overrides: Partial<Ticket>, steps: Step[]): Story =>
  playStory(makeTicket({ id, number: id.charCodeAt(0), createdAt, ...overrides }), steps);

/** The ticket lists the article and its timeline says so, as ticket:linkArticle writes them. */
const link = (s: Story, hours: number, articleId: string): Story => {
  const event: TicketEvent = {
    id: `${s.ticket.id}:link:${articleId}`,
    ticketId: s.ticket.id,
    actorId: 'u-tina',
    at: hoursAfter(s.ticket.createdAt, hours),
    type: 'article_linked',
    data: { articleId },
  };
  return { ticket: { ...s.ticket, articles: [...(s.ticket.articles ?? []), articleId] }, events: [...s.events, event] };
};

const selfHelp = (articleId: string, at: string, solved: boolean): SelfHelpAnswer => ({ articleId, at, solved });

export const knowledgeWeek = (): History => {
  // Tina's: A (printing) linked to the printer article and the driver article; B (network) linked to
  // the VPN article, reopened and resolved again.
  const A = link(
    link(
      story('A', '2026-03-02T09:00:00.000Z', { category: 'printing' }, [
        [0.5, 'take', 'u-tina'],
        [1, 'resolve'],
      ]),
      0.75,
      'art-printer',
    ),
    0.8,
    'art-driver',
  );
  const B = link(
    story('B', '2026-03-02T12:00:00.000Z', { category: 'network' }, [
      [0.5, 'take', 'u-tina'],
      [2, 'resolve'],
      [3, 'reopen'],
      [5, 'resolve'],
    ]),
    1,
    'art-vpn',
  );
  // Tomas's: C (printing) linked to the printer article; D (network) with no article.
  const C = link(
    story('C', '2026-03-03T09:00:00.000Z', { category: 'printing' }, [
      [0.5, 'take', 'u-tomas'],
      [1, 'resolve'],
    ]),
    0.9,
    'art-printer',
  );
  const D = story('D', '2026-03-04T09:00:00.000Z', { category: 'network' }, [
    [0.5, 'take', 'u-tomas'],
    [1, 'resolve'],
  ]);
  // Linked to the VPN article but still open: not resolved, so it counts nowhere.
  const F = link(story('F', '2026-03-05T09:00:00.000Z', { category: 'network' }, [[0.5, 'take', 'u-tomas']]), 1, 'art-vpn');
  // Resolved the week before with the driver article: the week before's.
  const E = link(
    story('E', '2026-02-27T09:00:00.000Z', { category: 'printing' }, [
      [0.5, 'take', 'u-tomas'],
      [1, 'resolve'],
    ]),
    0.9,
    'art-driver',
  );
  return {
    ...historyOf([A, B, C, D, E, F], [tina, tomas]),
    // The VPN article's title sorts before the printer's, so a tie would put it first.
    articles: [
      { id: 'art-printer', title: 'Printer offline' },
      { id: 'art-driver', title: 'Reinstall the print driver' },
      { id: 'art-vpn', title: 'Connect to the VPN' },
    ],
    selfHelp: [
      selfHelp('art-printer', '2026-03-02T00:00:00.000Z', true), // at `from`: this week's
      selfHelp('art-printer', '2026-03-04T10:00:00.000Z', true),
      selfHelp('art-vpn', '2026-03-05T10:00:00.000Z', false),
      selfHelp('art-vpn', '2026-03-09T00:00:00.000Z', true), // at `to`: next week's
      selfHelp('art-driver', '2026-03-01T23:59:59.000Z', false), // the week before's
    ],
  };
};
