import { apiSignIn, createTicketOnServer } from './support/api';
import { makeCreateArgs } from './support/tickets';
import { expect, test } from './support/fixtures';

const DAY_MS = 86_400_000;

for (const [clock, offset] of [
  ['a day ahead', DAY_MS],
  ['a day behind', -DAY_MS],
] as const) {
  test(`a console whose clock is ${clock} shows the SLA clocks by the server's time`, async ({ openConsole }) => {
    const { token } = await apiSignIn('tomas');
    // High priority: first response due in 1 hour, resolution in 8, both counted from the server's now.
    const ticket = makeCreateArgs({ priority: 'high' });
    await createTicketOnServer(token, ticket);
    const { page, console } = await openConsole('tina', { clockOffsetMs: offset });
    expect(Math.abs((await page.evaluate(() => Date.now())) - Date.now() - offset)).toBeLessThan(60_000);

    await page.getByLabel('Filter tickets').fill(ticket.code);
    await page.locator(`tbody tr[data-code="${ticket.code}"]`).click();
    const detail = console.detail;
    // By the page's own clock the resolution would be 16 hours overdue, or 32 hours away.
    await expect(detail.slaResolution).toHaveAttribute('data-state', 'ok');
    await expect(detail.slaResolution).toHaveText(/^7h 5\dm left$/);
    await expect(detail.slaFirstResponse).toHaveText(/^5\dm \d+s left$/);
  });
}
