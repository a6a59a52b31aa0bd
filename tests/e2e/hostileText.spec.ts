import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { PROTOCOL_VERSION } from '../../shared/sync/protocol';
import { trackPage } from './pages/trackPage';
import { apiSignIn, createTicketOnServer, pushAs } from './support/api';
import { makeCreateArgs } from './support/tickets';
import { expect, test } from './support/fixtures';

/** Markup a caller or another console could type; rendered as HTML, each would run or add an element. */
const IMG = '<img src=x onerror="window.__pwned=1;alert(1)">';
const SCRIPT = '<script>window.__pwned=1;alert(1)</script>';
const SVG = '"><svg onload="window.__pwned=1;alert(1)">';
const LINK = 'javascript:window.__pwned=1';

type Injected = { pwned: unknown; images: number; svgs: number; scripts: number; links: number; handlers: number };

/**
 * Elements and attributes only the payloads could have put into the page. The CSP alone would stop the handlers
 * running, so the markup itself is counted: escaping must hold without it.
 * A string: the e2e project has no DOM types.
 */
const injectedMarkup = (page: Page): Promise<Injected> =>
  page.evaluate(`({
    pwned: window.__pwned,
    images: document.querySelectorAll('img[src="x"]').length,
    svgs: document.querySelectorAll('svg[onload]').length,
    scripts: [...document.scripts].filter((script) => (script.textContent ?? '').includes('__pwned')).length,
    links: document.querySelectorAll('a[href^="javascript:"]').length,
    handlers: [...document.querySelectorAll('*')].filter((element) => [...element.attributes].some((attribute) => attribute.name.startsWith('on'))).length,
  })`);

const CLEAN: Injected = { pwned: undefined, images: 0, svgs: 0, scripts: 0, links: 0, handlers: 0 };

/** Collects every alert, confirm or prompt the page opens; none may appear. */
const watchDialogs = (page: Page): string[] => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return dialogs;
};

test('markup in ticket fields and notes is shown as text in the console and on the tracking page, and never runs', async ({ openConsole, page }) => {
  test.setTimeout(60_000);
  const { token } = await apiSignIn('tomas');
  const ticket = makeCreateArgs({
    title: `${IMG} Printer ${randomUUID().slice(0, 8)}`,
    description: [SCRIPT, IMG, SVG, LINK].join('\n'),
    requester: { name: SVG, contact: LINK },
  });
  await createTicketOnServer(token, ticket);
  const note = [SCRIPT, IMG, SVG, LINK].join(' ');
  await pushAs(token, {
    protocol: PROTOCOL_VERSION,
    clientId: `e2e-${randomUUID()}`,
    mutations: [{ id: randomUUID(), name: 'note:add', args: { id: randomUUID(), ticketId: ticket.id, body: note, visibility: 'public' } }],
  });

  const tech = await openConsole('tina');
  const consoleDialogs = watchDialogs(tech.page);
  // The queue is virtualised: find the ticket by its code through the filter.
  await tech.page.getByLabel('Filter tickets').fill(ticket.code);
  const row = tech.page.locator(`tbody tr[data-code="${ticket.code}"]`);
  await expect(row).toContainText(ticket.title);
  await row.click();
  const detail = tech.console.detail;
  await expect(detail.title).toHaveText(ticket.title);
  const description = detail.root.locator('.detail-description');
  for (const payload of [SCRIPT, IMG, SVG, LINK]) await expect(description).toContainText(payload);
  await expect(detail.root.getByText(`${SVG} · ${LINK}`, { exact: true })).toBeVisible();
  await expect(detail.timeline).toContainText(note);
  expect(await injectedMarkup(tech.page)).toEqual(CLEAN);
  expect(consoleDialogs).toEqual([]);
  await tech.page.setViewportSize({ width: 1400, height: 1000 });
  await tech.page.screenshot({ path: test.info().outputPath('hostile-detail.png') });

  // The caller sees the public note the same way: as the characters typed.
  const trackDialogs = watchDialogs(page);
  const caller = trackPage(page);
  await caller.goto(ticket.code);
  await expect(caller.status).toBeVisible();
  await expect(caller.title).toHaveText(ticket.title);
  await expect(caller.notes.getByRole('listitem')).toHaveCount(1);
  await expect(caller.notes).toContainText(note);
  expect(await injectedMarkup(page)).toEqual(CLEAN);
  expect(trackDialogs).toEqual([]);
  await page.screenshot({ path: test.info().outputPath('hostile-track.png'), fullPage: true });
});
