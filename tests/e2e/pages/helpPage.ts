import type { Page } from '@playwright/test';

export type HelpPage = ReturnType<typeof helpPage>;

/** The public self-help page at /help, as someone without an account sees it. */
export const helpPage = (page: Page) => {
  const article = page.getByTestId('help-article');
  return {
    heading: page.getByRole('heading', { level: 1 }),
    results: page.getByTestId('help-results'),
    resultLinks: page.getByTestId('help-results').getByRole('link'),
    message: page.getByTestId('help-message'),
    article,
    body: article.locator('.markdown'),
    feedback: page.getByTestId('help-feedback'),
    thanks: page.getByTestId('help-feedback-thanks'),
    language: page.getByRole('combobox', { name: /Language|Bahasa/ }),
    goto: async (path = '/help') => {
      await page.goto(path);
    },
    search: async (words: string) => {
      await page.getByRole('searchbox').fill(words);
      await page.getByRole('button', { name: /^(Search|Cari)$/ }).click();
    },
    answer: async (solved: boolean) => {
      await page
        .getByTestId('help-feedback')
        .getByRole('button', { name: solved ? /^(Yes|Ya)$/ : /^(No|Tidak)$/ })
        .click();
    },
  };
};
