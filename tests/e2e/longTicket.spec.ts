import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { Locator } from '@playwright/test';
import { PROTOCOL_VERSION } from '../../shared/sync/protocol';
import { apiSignIn, pushAs } from './support/api';
import { expect, test } from './support/fixtures';
import { makeCreateArgs } from './support/tickets';

const NOTES = 30;

/** Whether all of `inner` lies within `outer`'s box on screen (the panel clips what scrolls out). */
const liesWithin = async (inner: Locator, outer: Locator): Promise<boolean> => {
  const [a, b] = await Promise.all([inner.boundingBox(), outer.boundingBox()]);
  if (a === null || b === null) return false;
  return a.y >= b.y && a.y + a.height <= b.y + b.height && a.x >= b.x && a.x + a.width <= b.x + b.width;
};

test('a long ticket keeps its code and title in view while its history is scrolled to the end', async ({ openConsole }) => {
  const tomas = await apiSignIn('tomas');
  const ticket = makeCreateArgs();
  const notes = Array.from({ length: NOTES }, (_, index) => `Step ${index + 1}: checked the cable and the port again ${randomUUID().slice(0, 8)}`);
  await pushAs(tomas.token, {
    protocol: PROTOCOL_VERSION,
    clientId: `e2e-${randomUUID()}`,
    mutations: [
      { id: randomUUID(), name: 'ticket:create', args: ticket },
      ...notes.map((body) => ({ id: randomUUID(), name: 'note:add', args: { id: randomUUID(), ticketId: ticket.id, body, visibility: 'internal' } })),
    ],
  });

  const { page, console } = await openConsole('tina');
  await console.filter.fill(ticket.code);
  await console.open(ticket.code);
  const panel = console.detail.root;
  const lastNote = panel.locator('li.timeline-item', { hasText: notes.at(-1) });
  await expect(lastNote).toHaveCount(1);

  // Scrolled to the end as a technician would, with the wheel over the panel.
  await panel.hover();
  await expect
    .poll(async () => {
      await page.mouse.wheel(0, 2_000);
      return page.evaluate(
        "(() => { const el = document.querySelector('[data-testid=ticket-detail]'); return el.scrollHeight > el.clientHeight && el.scrollTop + el.clientHeight >= el.scrollHeight - 1; })()",
      );
    })
    .toBe(true);
  // The end of the history is on screen and its start is not: the panel did scroll.
  await expect.poll(() => liesWithin(lastNote, panel)).toBe(true);
  await expect.poll(() => liesWithin(console.detail.status, panel)).toBe(false);
  // And the ticket still says which one it is.
  await expect.poll(() => liesWithin(console.detail.code, panel)).toBe(true);
  await expect.poll(() => liesWithin(console.detail.title, panel)).toBe(true);
  await expect(console.detail.code).toHaveText(ticket.code);
  await expect(console.detail.title).toHaveText(ticket.title);
  // Nothing scrolled shows through the kept header.
  await expect
    .poll(() =>
      page.evaluate(
        "(() => { const top = document.querySelector('[data-testid=detail-top]').getBoundingClientRect(); const hit = document.elementFromPoint(top.left + top.width / 2, top.top + top.height / 2); return hit !== null && document.querySelector('[data-testid=detail-top]').contains(hit); })()",
      ),
    )
    .toBe(true);
  mkdirSync('docs/screenshots', { recursive: true });
  await page.screenshot({ path: 'docs/screenshots/ticket-long-scrolled.png' });
});
