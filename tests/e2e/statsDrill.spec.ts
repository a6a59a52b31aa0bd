import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import type { StatsCategoriesResponse, StatsSummaryResponse, StatsTechniciansResponse } from '../../shared/stats/api';
import { PROTOCOL_VERSION } from '../../shared/sync/protocol';
import { formatPeriodTimes } from '../../renderer/stats/statsFormat';
import { presetPeriod } from '../../renderer/stats/statsPeriod';
import { statsHttpPath } from '../../shared/stats/api';
import { apiSignIn, createTicketOnServer, pushAs } from './support/api';
import { E2E_BASE_URL } from './support/env';
import { expect, test } from './support/fixtures';
import { makeCreateArgs } from './support/tickets';
import { queuePage } from './pages/queuePage';
import { statsPage } from './pages/statsPage';

const serverStats = async <T>(token: string, route: 'summary' | 'technicians' | 'categories', params: { from: string; to: string }): Promise<T> => {
  const response = await fetch(`${E2E_BASE_URL}${statsHttpPath(route, params)}`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as T;
};

/** The whole number a headline or a cell shows ("1,234" → 1234). */
const shownNumber = async (locator: Locator): Promise<number> => {
  await expect(locator).toHaveText(/\d/);
  return Number(((await locator.textContent()) ?? '').replace(/\D/g, ''));
};

const saveScreenshot = async (page: Page, name: string) => {
  mkdirSync('docs/screenshots', { recursive: true });
  await page.screenshot({ path: `docs/screenshots/${name}.png` });
};

/**
 * A ticket Tina resolved and that was handed to Sam afterwards: the statistics credit Tina (the
 * assignee at the resolution), so her row's tickets in the queue must include it although Sam
 * holds it now.
 */
const resolvedByTinaThenGivenToSam = async (): Promise<{ code: string }> => {
  const tina = await apiSignIn('tina');
  const sam = await apiSignIn('sam');
  const args = makeCreateArgs({ title: `Resolved by Tina, held by Sam ${randomUUID().slice(0, 6)}` });
  await createTicketOnServer(tina.token, args);
  const step = (name: string, stepArgs: unknown) => ({ id: randomUUID(), name, args: stepArgs });
  await pushAs(tina.token, {
    protocol: PROTOCOL_VERSION,
    clientId: `e2e-${randomUUID()}`,
    mutations: [
      // Assigning a new ticket opens it.
      step('ticket:assign', { id: args.id, assigneeId: tina.user.id }),
      step('ticket:transition', { id: args.id, from: 'open', to: 'resolved', resolution: 'Reseated the dock.' }),
      step('ticket:assign', { id: args.id, assigneeId: sam.user.id }),
    ],
  });
  return { code: args.code };
};

test('each headline that counts tickets, and a technician row, opens the queue on exactly those tickets', async ({ openConsole }) => {
  test.setTimeout(120_000);
  const handedOn = await resolvedByTinaThenGivenToSam();
  const { token } = await apiSignIn('sue');
  const { page } = await openConsole('sue');
  await page.setViewportSize({ width: 1400, height: 900 });
  const stats = statsPage(page);
  const queue = queuePage(page);
  await stats.open();

  // Opened (by mouse), Resolved (by keyboard) and Breaching now: the queue shows as many tickets as the figure says.
  const last30 = presetPeriod('last30Days', Date.now());
  const summary = await serverStats<StatsSummaryResponse>(token, 'summary', last30);
  await expect(stats.headline('opened')).toHaveText(String(summary.opened));
  const opened = await shownNumber(stats.headline('opened'));
  await stats.headline('opened').click();
  await expect(stats.view).toHaveCount(0);
  await expect(queue.chip('created')).toBeVisible();
  await queue.expectSettledCount(opened);
  await saveScreenshot(page, 'stats-opened-in-queue');
  // The chip says what the filter is and removes it.
  await queue.chip('created').getByRole('button').click();
  await expect(queue.activeFilters).toHaveCount(0);

  await queue.press('s');
  const resolved = await shownNumber(stats.headline('resolved'));
  expect(resolved).toBe(summary.resolved);
  await stats.headline('resolved').focus();
  await page.keyboard.press('Enter');
  await expect(queue.chip('resolved')).toBeVisible();
  await queue.expectSettledCount(resolved);

  await queue.press('s');
  const breaching = await shownNumber(stats.headline('breachingNow'));
  await stats.headline('breachingNow').click();
  await queue.expectSettledCount(breaching);

  // Tina's row: the tickets credited to her, the one Sam holds now among them.
  await queue.press('s');
  const technicians = await serverStats<StatsTechniciansResponse>(token, 'technicians', last30);
  const tina = technicians.rows.find((row) => row.name === 'Tina Tamm');
  if (tina === undefined) throw new Error('no row for Tina');
  await expect(stats.technicianResolved(tina.id)).toHaveText(String(tina.resolved));
  await stats.technicianResolved(tina.id).click();
  await expect(queue.chip(`resolver-${tina.id}`)).toHaveText(/Resolved by Tina Tamm/);
  await queue.expectSettledCount(tina.resolved);
  await expect(queue.row(handedOn.code)).toBeVisible();
  await expect(queue.row(handedOn.code)).toContainText('Sam Okoye');
  // Without the resolver, every ticket resolved in the period.
  await queue.chip(`resolver-${tina.id}`).getByRole('button').click();
  await queue.expectSettledCount(summary.resolved);
});

test('this week so far is compared with last week up to the same point, and drawn a point a day', async ({ openConsole }) => {
  const { token } = await apiSignIn('sue');
  // At least one ticket this week, whatever day it is.
  await createTicketOnServer((await apiSignIn('tina')).token, makeCreateArgs({ category: 'email' }));
  const { page, console } = await openConsole('sue');
  await page.setViewportSize({ width: 1400, height: 1000 });
  const stats = statsPage(page);
  await stats.open();
  await stats.preset('This week').check();
  const week = presetPeriod('thisWeek', Date.now());
  await expect(stats.comparison).toContainText('vs the same point last week');

  // The server compares with last Monday 00:00 up to this moment a week ago, not the whole week.
  const summary = await serverStats<StatsSummaryResponse>(token, 'summary', week);
  expect(summary.comparison).toEqual({ unit: 'week', isSoFar: true });
  expect(summary.previous.period.from).toBe(new Date(Date.parse(week.from) - 7 * 86_400_000).toISOString());
  const weekAgo = Date.now() - 7 * 86_400_000;
  expect(Math.abs(Date.parse(summary.previous.period.to) - weekAgo)).toBeLessThan(5 * 60_000);
  await expect(stats.comparison).toContainText(formatPeriodTimes(summary.previous.period.from, summary.previous.period.to, 'en').from);

  // Seven days on the axis, a dot per category and day up to today.
  const categories = await serverStats<StatsCategoriesResponse>(token, 'categories', week);
  expect(categories.days).toHaveLength(7);
  const chart = stats.chart('Opened per category per day');
  await expect(chart.locator('.recharts-xAxis .recharts-cartesian-axis-tick')).toHaveCount(7);
  const daysSoFar = categories.days.filter((day) => Date.parse(day) <= Date.now()).length;
  const lines = Math.min(categories.rows.length, 6);
  await expect(chart.locator('.recharts-line-dots circle')).toHaveCount(lines * daysSoFar);

  // Seven whole days (custom, the last seven up to today): a dot for every day.
  const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
  await stats.preset('Custom').check();
  await stats.customFrom.fill(day(6));
  await stats.customTo.fill(day(0));
  const seven = await serverStats<StatsCategoriesResponse>(token, 'categories', { from: day(6), to: day(-1) });
  expect(seven.days).toHaveLength(7);
  await expect(chart.locator('.recharts-line-dots circle')).toHaveCount(Math.min(seven.rows.length, 6) * 7);
  const figure = stats.view.getByRole('group', { name: 'Opened per category per day' });
  await figure.scrollIntoViewIfNeeded();
  await figure.screenshot({ path: 'docs/screenshots/stats-week-chart.png' });

  // This week again, in Bahasa Indonesia.
  await stats.preset('This week').check();
  await console.openUserMenu();
  await console.languageMenu.selectOption({ label: 'Bahasa Indonesia' });
  const statistik = page.getByRole('region', { name: 'Statistik layanan' });
  await expect(statistik.getByTestId('stats-comparison')).toContainText('dibanding titik yang sama minggu lalu');
  await expect(statistik.getByRole('img', { name: 'Tiket masuk per kategori per hari' })).toBeVisible();
});

test('a supervisor, who has no tier, is offered no view that needs one', async ({ openConsole }) => {
  const sue = await openConsole('sue');
  const tina = await openConsole('tina');
  await expect(queuePage(tina.page).view('Unassigned at my tier')).toBeVisible();
  await expect(queuePage(sue.page).view('All tickets')).toBeVisible();
  await expect(queuePage(sue.page).view('Unassigned at my tier')).toHaveCount(0);
  await expect(sue.page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /tier/i })).toHaveCount(0);
});
