import { linkedIdOf } from '../domain/links';
import { openedIn, type StatsQuery } from './selection';
import { ticketFacts, type History, type TicketFacts } from './ticketFacts';

/** One problem and the incidents linked to it that were opened in the period (docs/METRICS.md, "Problems"). */
export type ProblemRow = {
  id: string;
  code: string;
  title: string;
  /** The problem's own category. */
  category: string;
  /** Its incidents opened in the period that match the filters. */
  incidents: number;
  /** Calls logged on those incidents (`call_logged` events, at any time). */
  calls: number;
};

/** The same, added up per problem category: how many problems, and their incidents and calls. */
export type ProblemCategoryRow = { category: string; problems: number; incidents: number; calls: number };

export type ProblemsReport = { rows: ProblemRow[]; byCategory: ProblemCategoryRow[] };

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Most incidents first, then most calls, then by code (problems) or name (categories). */
export const sortProblemRows = (rows: ProblemRow[]): ProblemRow[] =>
  rows.sort((a, b) => b.incidents - a.incidents || b.calls - a.calls || byName(a.code, b.code));

/** The category rows of problem rows already counted (the server's SQL hands over the same rows). */
export const problemCategories = (rows: readonly ProblemRow[]): ProblemCategoryRow[] => {
  const groups = new Map<string, ProblemCategoryRow>();
  for (const row of rows) {
    const group = groups.get(row.category) ?? { category: row.category, problems: 0, incidents: 0, calls: 0 };
    groups.set(row.category, { ...group, problems: group.problems + 1, incidents: group.incidents + row.incidents, calls: group.calls + row.calls });
  }
  return [...groups.values()].sort((a, b) => b.incidents - a.incidents || b.calls - a.calls || byName(a.category, b.category));
};

/**
 * Calls one cause produced: the incidents opened in the period (matching the filters as Opened
 * does: tier, category and tag of the incident now, technician its current assignee) that are
 * linked to a problem now, counted per problem, with the calls logged on them. A problem shows
 * when at least one of its incidents counts, whatever the period of the problem itself.
 */
export const computeProblems = (history: History, query: StatsQuery, facts: Map<string, TicketFacts> = ticketFacts(history)): ProblemsReport => {
  const counted = new Map<string, ProblemRow>();
  for (const f of openedIn(facts.values(), query.period, query.filters)) {
    const problemId = linkedIdOf(f.ticket, 'problem');
    const problem = problemId === null ? undefined : facts.get(problemId)?.ticket;
    if (problem === undefined) continue;
    const row = counted.get(problem.id) ?? { id: problem.id, code: problem.code, title: problem.title, category: problem.category, incidents: 0, calls: 0 };
    counted.set(problem.id, { ...row, incidents: row.incidents + 1, calls: row.calls + f.calls });
  }
  const rows = sortProblemRows([...counted.values()]);
  return { rows, byCategory: problemCategories(rows) };
};
