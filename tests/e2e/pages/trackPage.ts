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
    /** "Is your problem solved?" under a resolved ticket. */
    answer: {
      form: page.getByTestId('caller-answer'),
      yes: page.getByRole('radio', { name: /^(Yes, it is solved|Ya, sudah terselesaikan)$/ }),
      no: page.getByRole('radio', { name: /^(No, it is not solved|Tidak, belum terselesaikan)$/ }),
      stars: (count: number) => page.getByRole('radio', { name: new RegExp(`^${count} (stars?|bintang)$`) }),
      /** Gives a rating as a caller does: a click on the star (the radio itself is hidden behind it). */
      rate: async (count: number) => {
        await page.locator('label.track-star', { has: page.getByRole('radio', { name: new RegExp(`^${count} (stars?|bintang)$`) }) }).click();
      },
      comment: page.getByTestId('caller-answer').getByRole('textbox'),
      send: page.getByRole('button', { name: /^(Send answer|Kirim jawaban)$/ }),
      message: page.getByTestId('answer-message'),
      thanks: page.getByTestId('answer-thanks'),
    },
    goto: async (code?: string) => {
      await page.goto(code === undefined ? '/track' : `/track?code=${encodeURIComponent(code)}`);
    },
    track: async (code: string) => {
      await page.getByLabel(/Ticket code|Kode tiket/).fill(code);
      await page.getByRole('button', { name: /^(Track|Lacak)$/ }).click();
    },
  };
};
