import type { Page } from '@playwright/test';

export type TrackPage = ReturnType<typeof trackPage>;

/** The caller's tracking page at /track, as someone without an account sees it. */
export const trackPage = (page: Page) => {
  const result = page.getByTestId('track-result');
  return {
    heading: page.getByRole('heading', { level: 1 }),
    code: page.getByLabel(/Ticket code|Kode tiket/),
    message: page.getByTestId('track-message'),
    result,
    title: result.getByTestId('track-title'),
    status: result.getByTestId('track-status'),
    resolution: result.getByTestId('track-resolution'),
    /** Every time shown: the last update and each note's. */
    times: result.locator('time'),
    tier: result.getByTestId('track-tier'),
    updated: result.getByTestId('track-updated'),
    notes: result.getByRole('list'),
    language: page.getByRole('combobox', { name: /Language|Bahasa/ }),
    goto: async (code?: string) => {
      await page.goto(code === undefined ? '/track' : `/track?code=${encodeURIComponent(code)}`);
    },
    track: async (code: string) => {
      await page.getByLabel(/Ticket code|Kode tiket/).fill(code);
      await page.getByRole('button', { name: /^(Track|Lacak)$/ }).click();
    },
  };
};
