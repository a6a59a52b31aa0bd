import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Article } from '../shared/knowledge/article';
import { articleWordWeights, indexArticles, suggestArticles, SUGGESTIONS_SHOWN } from '../shared/knowledge/suggest';
import { writeBenchSection } from './benchDoc';
import { ms, percentile } from './stats';

/*
 * The article suggestions beside the new-ticket and call form (shared/knowledge/suggest.ts): how
 * long ranking the cached articles takes per keystroke with 5,000 articles (BENCH_SUGGEST_ARTICLES
 * for another count). `BENCH_ONLY=suggest npm run bench`; writes the "Knowledge suggestions" section
 * of docs/BENCHMARKS.md unless BENCH_WRITE=0.
 */

const ARTICLES = Number(process.env.BENCH_SUGGEST_ARTICLES ?? 5_000);
const WRITE = process.env.BENCH_WRITE !== '0';
const GOAL_MS = 50;
const log = (line: string) => process.stdout.write(`${line}\n`);

/** A fixed pseudo-random sequence (mulberry32), so every run ranks the same articles. */
const random = (seed: number) => {
  let state = seed;
  return (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const HELP_DESK_WORDS =
  'vpn printer paper jam toner laptop dock docking charging battery screen monitor display password reset account locked mail mailbox outlook teams camera microphone headset wifi network cable keyboard mouse scanner driver update firmware install license excel word sharepoint onedrive sync folder share permission access badge phone sip meeting calendar invite backup restore disk full slow freeze crash error blue certificate expired browser chrome edge proxy'.split(
    ' ',
  );

/** 5,000 articles shaped like a desk's: a title of 4–9 words, a text of 80–800 words from a 3,000-word vocabulary with help-desk words mixed in, 0–5 tags, one of 12 categories. */
const makeArticles = (count: number): Article[] => {
  const next = random(2026);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const vocabulary = [...HELP_DESK_WORDS, ...Array.from({ length: 3_000 }, (_, i) => `w${i.toString(36)}${'aeiou'[i % 5] ?? ''}`)];
  const categories = ['hardware', 'software', 'network', 'accounts', 'printing', 'mail', 'phones', 'security', 'access', 'meetings', 'storage', 'other'];
  const words = (min: number, max: number): string => Array.from({ length: min + Math.floor(next() * (max - min + 1)) }, () => pick(vocabulary)).join(' ');
  return Array.from({ length: count }, (_, i) => {
    const at = new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString();
    return {
      id: `article-${i}`,
      title: words(4, 9),
      body: words(80, 800),
      category: pick(categories),
      tags: Array.from({ length: Math.floor(next() * 6) }, () => pick(HELP_DESK_WORDS)),
      visibility: next() < 0.5 ? 'public' : 'internal',
      status: next() < 0.9 ? 'published' : 'draft',
      version: 1,
      authorId: 'u1',
      createdAt: at,
      updatedBy: 'u1',
      updatedAt: at,
      publishedAt: at,
    } satisfies Article;
  });
};

/** What technicians type on a call: a title, then a description. */
const FORMS = [
  {
    title: 'Laptop not charging on the dock',
    description: 'Since this morning the battery stays at 40 percent, the dock light is orange and the screen flickers.',
  },
  { title: 'Cannot connect to VPN from home', description: 'Error 809 after the password, wifi works, the certificate may have expired last week.' },
  { title: 'Printer on floor 3 paper jam', description: 'The display says paper jam in tray 2 but no paper is stuck, toner was replaced yesterday.' },
  { title: 'Outlook mailbox full cannot send', description: 'Mail stays in the outbox, the archive folder is not syncing with onedrive.' },
  { title: 'Teams camera not found in meetings', description: 'The headset works but the camera is missing after the driver update, chrome sees it.' },
  {
    title: 'Account locked after password reset',
    description: 'The badge works at the door but the account is locked on every login, sharepoint access denied.',
  },
];

/** Every keystroke of every form: the title typed letter by letter, then the description. */
const keystrokes = (): Array<{ title: string; description: string }> =>
  FORMS.flatMap((form) => [
    ...Array.from({ length: form.title.length }, (_, i) => ({ title: form.title.slice(0, i + 1), description: '' })),
    ...Array.from({ length: form.description.length }, (_, i) => ({ title: form.title, description: form.description.slice(0, i + 1) })),
  ]);

export const runSuggestBench = async (): Promise<void> => {
  const articles = makeArticles(ARTICLES);
  const textBytes = articles.reduce((sum, article) => sum + article.body.length + article.title.length, 0);
  // Splitting every article: once when the console's cached articles change, not per keystroke.
  const indexTimes: number[] = [];
  const held = new Map<string, ReadonlyMap<string, number>>();
  const split = (article: Article): ReadonlyMap<string, number> => {
    const words = articleWordWeights(article);
    held.set(article.id, words);
    return words;
  };
  let index = indexArticles(articles, split);
  for (let round = 0; round < 4; round += 1) {
    const started = performance.now();
    index = indexArticles(articles);
    indexTimes.push(performance.now() - started);
  }
  // Later: each article's words already split, as the console keeps them per version (renderer/knowledge/articleWords.ts).
  const rebuildTimes: number[] = [];
  for (let round = 0; round < 5; round += 1) {
    const started = performance.now();
    index = indexArticles(articles, (article) => held.get(article.id) ?? articleWordWeights(article));
    rebuildTimes.push(performance.now() - started);
  }
  const typed = keystrokes();
  // Warm-up: lets V8 optimise the ranking, as a technician's first few keystrokes would; then an index whose lists are empty again.
  for (const form of typed.slice(0, 200)) suggestArticles(index, form);
  index = indexArticles(articles, (article) => held.get(article.id) ?? articleWordWeights(article));
  const times: number[] = [];
  let shown = 0;
  for (const form of typed) {
    const started = performance.now();
    const found = suggestArticles(index, form, SUGGESTIONS_SHOWN);
    times.push(performance.now() - started);
    shown += found.length;
  }
  const p50 = percentile(times, 50);
  const p95 = percentile(times, 95);
  const max = Math.max(...times);
  log(
    `suggest: ${ARTICLES} articles (${index.articles.length} published), ${times.length} keystrokes: p50 ${ms(p50)}, p95 ${ms(p95)}, max ${ms(max)}; index ${ms(percentile(indexTimes, 50))}, again ${ms(percentile(rebuildTimes, 50))}`,
  );
  if (!WRITE) return;
  const section = [
    '## Knowledge suggestions',
    '',
    `Ranking the console's cached articles for the three suggestions beside the new-ticket and call form`,
    '(`suggestArticles`, shared/knowledge/suggest.ts), per keystroke. `BENCH_ONLY=suggest npm run bench` (bench/suggestRun.ts).',
    '',
    `Run ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, load average ${loadavg()[0]?.toFixed(2) ?? '?'} at the start.`,
    '',
    '| measure | value |',
    '| --- | --- |',
    `| articles cached (published) | ${ARTICLES.toLocaleString('en')} (${index.articles.length.toLocaleString('en')}), ${(textBytes / 1_048_576).toFixed(1)} MB of title and text |`,
    `| keystrokes ranked | ${times.length.toLocaleString('en')} (${FORMS.length} calls typed letter by letter, title then description) |`,
    `| ranking per keystroke, p50 | ${ms(p50)} |`,
    `| ranking per keystroke, p95 | ${ms(p95)} (goal: under ${GOAL_MS} ms) |`,
    `| ranking per keystroke, max | ${ms(max)} |`,
    `| the index from scratch: every article split into its words (the first time the form opens), median of 4 | ${ms(percentile(indexTimes, 50))} |`,
    `| the index again, each article's words already split (the form opened again, or an article changed), median of 5 | ${ms(percentile(rebuildTimes, 50))} |`,
    `| suggestions shown per keystroke, mean | ${(shown / times.length).toFixed(2)} |`,
    '',
    'Method:',
    `- ${ARTICLES.toLocaleString('en')} made-up articles from a fixed seed: a title of 4–9 words and a text of 80–800 words drawn from`,
    '  a 3,000-word vocabulary with 80 help-desk words in it, 0–5 tags, 12 categories, 90 % published.',
    "- Each article's words are split once per version (`articleWordWeights`; the console keeps them for the session,",
    '  renderer/knowledge/articleWords.ts), and the index (`indexArticles`) is built as the form builds it when the cached',
    '  articles change. Each keystroke then times `suggestArticles` alone: a pass over the articles for each word not looked',
    '  up before, then the lists of articles of the words typed. In Node (the same V8 as the console), after 200 keystrokes',
    "  of warm-up on an index that is then built again, so every word's first lookup is timed too. Rendering the three",
    '  suggestions is not included; the form defers the ranking (`useDeferredValue`), so typing never waits for it.',
    "- Not yet answered: the first opening of the form in a session splits every article's text on the page's main thread",
    '  (the "from scratch" row); splitting them in the background after the first sync would take that off the first call.',
    "- One run; figures move with the machine's load. Timings are for comparison, not asserted by any test.",
    '',
  ].join('\n');
  writeBenchSection('Knowledge suggestions', section);
};
