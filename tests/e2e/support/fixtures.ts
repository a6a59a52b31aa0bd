import { test as base, type Browser, type BrowserContext, type Page, type TestInfo } from '@playwright/test';
import { consolePage, type ConsolePage } from '../pages/consolePage';
import { loginPage } from '../pages/loginPage';

/** A signed-in console in its own browser context (its own IndexedDB, service worker and session). */
export type SignedInConsole = { context: BrowserContext; page: Page; console: ConsolePage };

type Fixtures = {
  /** Opens a new context and signs `username` in; logs of every page are attached if the test fails. */
  /** Signs in on a page of its own; `clockOffsetMs` sets that page's clock off from the real one. */
  /** `password` for accounts outside the demo ones (the admin, accounts a test creates). */
  /** `baseURL` for a server of the test's own (tests/support/processServer.ts). */
  openConsole(username: string, options?: { clockOffsetMs?: number; password?: string; baseURL?: string }): Promise<SignedInConsole>;
};

const recordLogs = (page: Page, lines: string[], label: string) => {
  page.on('console', (message) => lines.push(`[${label}] ${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => lines.push(`[${label}] page error: ${error.message}`));
  page.on('requestfailed', (request) => lines.push(`[${label}] request failed: ${request.method()} ${request.url()} ${request.failure()?.errorText ?? ''}`));
};

const attachLogs = async (testInfo: TestInfo, lines: string[]) => {
  if (testInfo.status !== testInfo.expectedStatus && lines.length > 0) {
    await testInfo.attach('browser-log.txt', { body: lines.join('\n'), contentType: 'text/plain' });
  }
};

const open = async (
  browser: Browser,
  baseURL: string | undefined,
  username: string,
  lines: string[],
  clockOffsetMs = 0,
  password?: string,
): Promise<SignedInConsole> => {
  const context = await browser.newContext({ baseURL });
  // The clock runs on from there, timers too: only where it stands differs.
  if (clockOffsetMs !== 0) await context.clock.install({ time: Date.now() + clockOffsetMs });
  const page = await context.newPage();
  recordLogs(page, lines, username);
  const login = loginPage(page);
  await login.goto();
  await login.signIn(username, password);
  const console = consolePage(page);
  await console.waitForFirstSync();
  return { context, page, console };
};

export const test = base.extend<Fixtures & { browserLog: string[] }>({
  // Every page's console and errors, attached to the report when the test fails.
  browserLog: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture's dependencies from this pattern
    async ({}, use, testInfo) => {
      const lines: string[] = [];
      await use(lines);
      await attachLogs(testInfo, lines);
    },
    { auto: true },
  ],
  page: async ({ page, browserLog }, use) => {
    recordLogs(page, browserLog, 'page');
    await use(page);
  },
  openConsole: async ({ browser, baseURL, browserLog }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (username, options) => {
      const opened = await open(browser, options?.baseURL ?? baseURL, username, browserLog, options?.clockOffsetMs, options?.password);
      contexts.push(opened.context);
      return opened;
    });
    await Promise.all(contexts.map((context) => context.close()));
  },
});

export { expect } from '@playwright/test';
