import { describe, expect, it } from 'vitest';
import { KNOWLEDGE_WEEK, knowledgeWeek } from '../../tests/support/knowledgeWeek';
import { computeKnowledgeFigures, computeMostUsedArticles, MOST_USED_ARTICLES, rankMostUsed, type MostUsedArticle } from './knowledge';
import { computeSummary, computeTechnicians } from './metrics';
import type { StatsFilters, StatsQuery } from './selection';
import { ticketFacts } from './ticketFacts';

const query = (filters: StatsFilters = {}, period = KNOWLEDGE_WEEK): StatsQuery => ({ period, filters, options: { now: KNOWLEDGE_WEEK.to } });

describe('the knowledge figures over a hand-built week', () => {
  const history = knowledgeWeek();
  const facts = ticketFacts(history);

  it('computes the desk figures', () => {
    // Resolved in the week: A, B, C, D (E the week before, F still open). Links: A 2, B 1, C 1, D 0 -> 4 / 4 = 1.
    // Self-help: Yes at `from` and on Wednesday = 2; No on Thursday = 1; the answers at `to` and the day before are not the week's.
    expect(computeKnowledgeFigures(history, query(), facts)).toEqual({ articlesPerResolvedTicket: 1, selfHelpYes: 2, selfHelpNo: 1 });
    expect(computeSummary(history, query())).toMatchObject({ resolved: 4, articlesPerResolvedTicket: 1, selfHelpYes: 2, selfHelpNo: 1 });
  });

  it('computes articles per resolved ticket per technician', () => {
    const rows = computeTechnicians(history, query()).rows;
    // Tina: A 2 + B 1 over 2 tickets = 1.5. Tomas: C 1 + D 0 over 2 = 0.5.
    expect(rows.find((r) => r.id === 'u-tina')?.articlesPerResolvedTicket).toBe(1.5);
    expect(rows.find((r) => r.id === 'u-tomas')?.articlesPerResolvedTicket).toBe(0.5);
  });

  it('lists the most-used articles, ties by title', () => {
    // Printer: A and C, neither reopened. VPN: B, reopened. Driver: A only (E is the week before's).
    // VPN and driver tie at one ticket: "Connect to the VPN" comes before "Reinstall the print driver".
    expect(computeMostUsedArticles(history, query(), facts)).toEqual<MostUsedArticle[]>([
      { id: 'art-printer', title: 'Printer offline', tickets: 2, reopened: 0 },
      { id: 'art-vpn', title: 'Connect to the VPN', tickets: 1, reopened: 1 },
      { id: 'art-driver', title: 'Reinstall the print driver', tickets: 1, reopened: 0 },
    ]);
  });

  it('follows the filters on tickets, but not on self-help answers', () => {
    // Printing: A and C resolved, 3 links -> 1.5; printer 2, driver 1. Self-help has no ticket: still 2 and 1.
    expect(computeKnowledgeFigures(history, query({ category: 'printing' }), facts)).toEqual({
      articlesPerResolvedTicket: 1.5,
      selfHelpYes: 2,
      selfHelpNo: 1,
    });
    expect(computeMostUsedArticles(history, query({ category: 'printing' }), facts).map((a) => [a.id, a.tickets])).toEqual([
      ['art-printer', 2],
      ['art-driver', 1],
    ]);
    // Tomas: C and D -> 1 / 2; only the printer article.
    expect(computeKnowledgeFigures(history, query({ technicianId: 'u-tomas' }), facts).articlesPerResolvedTicket).toBe(0.5);
    expect(computeMostUsedArticles(history, query({ technicianId: 'u-tomas' }), facts)).toEqual([
      { id: 'art-printer', title: 'Printer offline', tickets: 1, reopened: 0 },
    ]);
  });

  it('is null and empty where nothing was resolved', () => {
    const empty = { from: '2025-01-01T00:00:00.000Z', to: '2025-02-01T00:00:00.000Z' };
    expect(computeKnowledgeFigures(history, query({}, empty), facts)).toEqual({ articlesPerResolvedTicket: null, selfHelpYes: 0, selfHelpNo: 0 });
    expect(computeMostUsedArticles(history, query({}, empty), facts)).toEqual([]);
  });

  it('keeps the ten most used', () => {
    const rows = Array.from({ length: 12 }, (_, i): MostUsedArticle => ({
      id: `a${i}`,
      title: `Article ${String(i).padStart(2, '0')}`,
      tickets: i % 4,
      reopened: 0,
    }));
    const ranked = rankMostUsed(rows);
    expect(ranked).toHaveLength(MOST_USED_ARTICLES);
    // Three with 3 tickets (3, 7, 11), then 2 (2, 6, 10), then 1 (1, 5, 9), then the first with 0 by title (0).
    expect(ranked.map((r) => r.id)).toEqual(['a3', 'a7', 'a11', 'a2', 'a6', 'a10', 'a1', 'a5', 'a9', 'a0']);
  });
});
