import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { StatsSummaryResponse, StatsTechniciansResponse } from '../../shared/stats/api';
import { formatFigure } from '../../renderer/stats/statsFormat';
import { presetPeriod } from '../../renderer/stats/statsPeriod';
import { statsHttpPath } from '../../shared/stats/api';
import { apiSignIn } from './support/api';
import { E2E_BASE_URL } from './support/env';
import { expect, test } from './support/fixtures';
import { statsPage } from './pages/statsPage';

const serverStats = async <T>(token: string, route: 'summary' | 'technicians', params: { from: string; to: string; tier?: 1 | 2 | 3 }): Promise<T> => {
  const response = await fetch(`${E2E_BASE_URL}${statsHttpPath(route, params)}`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as T;
};

/** The headline numbers the panel must show for a server answer, written as the panel writes them. */
const expectHeadlines = async (stats: ReturnType<typeof statsPage>, summary: StatsSummaryResponse) => {
  await expect(stats.headline('opened')).toHaveText(formatFigure('count', summary.opened, 'en') ?? '');
  await expect(stats.headline('resolved')).toHaveText(formatFigure('count', summary.resolved, 'en') ?? '');
  await expect(stats.headline('slaAttainment')).toHaveText(formatFigure('rate', summary.slaAttainment, 'en') ?? '—');
  await expect(stats.headline('escalationRate')).toHaveText(formatFigure('rate', summary.escalationRate, 'en') ?? '—');
  await expect(stats.headline('breachingNow')).toHaveText(formatFigure('count', summary.breachingNow, 'en') ?? '');
};

// The panel scrolls inside the console; a tall window from its top shows all of it.
const screenshot = async (page: Page, name: string) => {
  mkdirSync('docs/screenshots', { recursive: true });
  await page.setViewportSize({ width: 1400, height: 1900 });
  await statsPage(page).view.evaluate((element) => element.scrollTo(0, 0));
  await page.screenshot({ path: `docs/screenshots/${name}.png` });
  await page.setViewportSize({ width: 1400, height: 900 });
};

test('a supervisor sees the statistics the server computes, filters, sorts, exports and keeps them offline', async ({ openConsole }) => {
  // Several periods and an offline round trip against the real server: longer than the default.
  test.setTimeout(120_000);
  const { token } = await apiSignIn('sue');
  const { context, page } = await openConsole('sue');
  await page.setViewportSize({ width: 1400, height: 900 });
  const stats = statsPage(page);
  await stats.open();
  await expect(stats.view).toBeVisible();

  // Last 30 days is the default.
  const last30 = presetPeriod('last30Days', Date.now());
  await expectHeadlines(stats, await serverStats<StatsSummaryResponse>(token, 'summary', last30));
  await expect(stats.chart('Resolved per technician').locator('svg').first()).toBeVisible();

  await stats.preset('This week').check();
  await expectHeadlines(stats, await serverStats<StatsSummaryResponse>(token, 'summary', presetPeriod('thisWeek', Date.now())));

  await stats.preset('Last 30 days').check();
  await stats.filter('Tier').selectOption({ label: 'Tier 1' });
  await expectHeadlines(stats, await serverStats<StatsSummaryResponse>(token, 'summary', { ...last30, tier: 1 }));
  await stats.filter('Tier').selectOption({ label: 'All' });
  await expectHeadlines(stats, await serverStats<StatsSummaryResponse>(token, 'summary', last30));

  // Sorting the technicians table by resolved, both ways, by mouse and by keyboard.
  const technicians = await serverStats<StatsTechniciansResponse>(token, 'technicians', last30);
  const resolvedColumn = stats.table('Technicians').locator('tbody tr td:nth-child(2)');
  await expect(resolvedColumn).toHaveCount(technicians.rows.length);
  const sortResolved = stats.sortButton('Technicians', 'Resolved');
  await sortResolved.click();
  await expect(stats.table('Technicians').getByRole('columnheader', { name: 'Sort by Resolved' })).toHaveAttribute('aria-sort', 'descending');
  const descending = [...technicians.rows]
    .map((r) => r.resolved)
    .sort((a, b) => b - a)
    .map(String);
  await expect(resolvedColumn).toHaveText(descending);
  await sortResolved.focus();
  await page.keyboard.press('Enter');
  await expect(resolvedColumn).toHaveText([...descending].reverse());

  // CSV export of the technicians table.
  const downloading = page.waitForEvent('download');
  await stats.exportButton('Technicians').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`meja-technicians-${last30.from}-${last30.to}.csv`);
  const csv = readFileSync(await download.path(), 'utf8').split('\r\n');
  expect(csv[0]).toBe(
    'id,name,resolved,reopenRate,repeatContactRate,medianResolutionHours,remoteSessionHours,confirmedResolutionRate,callerReopenRate,satisfactionScore,satisfactionMean,satisfactionAnswers,articlesPerResolvedTicket',
  );
  expect(csv.filter((line) => line !== '').length).toBe(technicians.rows.length + 1);

  await screenshot(page, 'stats');

  // Offline: the figures fetched before are shown with their time; a period never fetched has none.
  await context.setOffline(true);
  await stats.preset('This week').check();
  await expect(stats.banner).toHaveText(/^Offline — showing figures from /);
  await expect(stats.headline('opened')).toBeVisible();
  await screenshot(page, 'stats-offline');
  await stats.preset('Custom').check();
  await stats.customFrom.fill('2020-01-01');
  await stats.customTo.fill('2020-01-01');
  await expect(stats.view.getByRole('alert')).toHaveText('The start date must be before the end date.');
  await stats.customTo.fill('2020-01-31');
  await expect(stats.banner).toHaveText('Offline — no figures cached for this period.');

  // Online again: fresh figures, no banner.
  await context.setOffline(false);
  await expect(stats.banner).toHaveCount(0);
  await expectHeadlines(stats, await serverStats<StatsSummaryResponse>(token, 'summary', { from: '2020-01-01', to: '2020-02-01' }));

  // Escape goes back to the queue.
  await page.keyboard.press('Escape');
  await expect(stats.view).toHaveCount(0);
  await expect(stats.openButton).toHaveAttribute('aria-pressed', 'false');
  // And S opens it again.
  await page.keyboard.press('s');
  await expect(stats.view).toBeVisible();
});

test('a technician has no statistics entry', async ({ openConsole }) => {
  const { page } = await openConsole('tina');
  await expect(page.getByRole('button', { name: /Answer call/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Statistics' })).toHaveCount(0);
});

test('the server refuses statistics to a technician', async () => {
  const { token } = await apiSignIn('tina');
  const response = await fetch(`${E2E_BASE_URL}${statsHttpPath('summary', presetPeriod('last30Days', Date.now()))}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(403);
});
