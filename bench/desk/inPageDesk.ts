/*
 * Code the browser half of the million-ticket desk bench runs inside the console's page. Strings,
 * as in bench/inPage.ts: the bench compiles with Node's types only (no DOM). Everything here reads
 * what the console shows (its DOM and the sync indicator's attributes), never its internals.
 */

/**
 * Init script, for every document of the context: each main-thread long task as { start, duration }
 * in window.__mejaDeskLongTasks, and in window.__mejaQueueShownAt the page-clock time (ms from the
 * document's navigation start) of the first animation frame with a queue row.
 */
export const deskRecorder = `
  window.__mejaDeskLongTasks = [];
  new PerformanceObserver((list) => { for (const entry of list.getEntries()) window.__mejaDeskLongTasks.push({ start: entry.startTime, duration: entry.duration }); })
    .observe({ type: 'longtask', buffered: true });
  window.__mejaQueueShownAt = null;
  const seeQueue = () => {
    if (document.querySelector('table[aria-label="Ticket queue"] tbody tr[data-code]') !== null) window.__mejaQueueShownAt = performance.now();
    else requestAnimationFrame(seeQueue);
  };
  requestAnimationFrame(seeQueue);
`;

/** Clicks "Sign in" and returns the page-clock time just before, in one task. */
export const clickSignIn = `(() => {
  const button = [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Sign in');
  if (button === undefined) throw new Error('no Sign in button');
  const at = performance.now();
  button.click();
  return at;
})()`;

/**
 * Resolves, checked every animation frame, with the page-clock times at which the queue was usable
 * (a row listed and the "All tickets" count at least `live`: the live pass is in) and at which the
 * first sync had ended (the sync indicator's `data-synced-at` set), and the "All tickets" count then.
 * Marks the window from `from` to the end as "change:first sync" for a trace's summary. Fails after 15 min.
 */
export const firstSyncTimes = (from: number, live: number): string => `new Promise((resolve, reject) => {
  let usableAt = null;
  const timer = setTimeout(() => reject(new Error('the first sync did not end within 15 min (queue usable: ' + usableAt + ')')), 15 * 60000);
  const allCount = () => {
    const all = document.querySelector('[data-testid="view-count-all"]');
    return all === null ? 0 : Number(all.textContent.replace(/[^0-9]/g, ''));
  };
  const check = () => {
    const now = performance.now();
    if (usableAt === null && document.querySelector('table[aria-label="Ticket queue"] tbody tr[data-code]') !== null && allCount() >= ${live}) usableAt = now;
    const synced = document.querySelector('[data-testid="sync-indicator"]')?.getAttribute('data-synced-at') ?? '';
    if (usableAt !== null && synced !== '') {
      performance.measure('change:first sync', { start: ${from}, end: now });
      clearTimeout(timer);
      resolve({ usableAt, cachedAt: now, tickets: allCount() });
    } else requestAnimationFrame(check);
  };
  check();
})`;

/** Resolves with window.__mejaQueueShownAt once the page has shown a queue row. */
export const queueShown = `new Promise((resolve) => {
  const check = () => { if (window.__mejaQueueShownAt !== null) resolve(window.__mejaQueueShownAt); else setTimeout(check, 10); };
  check();
})`;

/** Resolves once the sync indicator says idle with its last sync set (a restart's catch-up is done). */
export const syncIdle = `new Promise((resolve) => {
  const check = () => {
    const sync = document.querySelector('[data-testid="sync-indicator"]');
    if (sync !== null && sync.getAttribute('data-state') === 'idle' && sync.getAttribute('data-synced-at') !== '') resolve(true);
    else setTimeout(check, 50);
  };
  check();
})`;

/**
 * Opens a ticket the console does not hold as a technician does: its caller code typed into the
 * queue's search, then a click on the server's row for it. Returns { searchMs } from the input
 * until the row is there, { openMs } from the click until the ticket panel shows that code with a
 * timeline entry, each to the frame after (requestAnimationFrame, then a task), and the panel's
 * source (server: read on demand; cache: the sync had brought it already). Fails after 30 s.
 */
export const openByCode = (code: string): string => `new Promise((resolve, reject) => {
  const code = ${JSON.stringify(code)};
  const timer = setTimeout(() => reject(new Error('ticket ' + code + ': not shown within 30 s')), 30000);
  const frame = () => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
  const when = (seen) => new Promise((done) => {
    const found = seen();
    if (found) { done(found); return; }
    const observer = new MutationObserver(() => { const hit = seen(); if (hit) { observer.disconnect(); done(hit); } });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  const search = document.querySelector('input[aria-label="Filter tickets"]');
  if (search === null) { reject(new Error('no search box')); return; }
  (async () => {
    const typedAt = performance.now();
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(search, code);
    search.dispatchEvent(new Event('input', { bubbles: true }));
    const row = await when(() => document.querySelector('[data-testid="server-results"] button.server-row[data-code="' + code + '"]'));
    await frame();
    const searchMs = performance.now() - typedAt;
    const clickedAt = performance.now();
    row.click();
    const panel = await when(() => {
      const detail = document.querySelector('[data-testid="ticket-detail"]');
      if (detail === null || detail.querySelector('[data-testid="detail-code"]')?.textContent !== code) return null;
      return detail.querySelector('ol.timeline li') === null ? null : detail;
    });
    const source = panel.getAttribute('data-source');
    await frame();
    const openMs = performance.now() - clickedAt;
    clearTimeout(timer);
    resolve({ searchMs, openMs, source });
  })().catch(reject);
})`;

/** The origin's storage estimate, as `navigator.storage.estimate()` gives it. */
export const storageEstimate = `navigator.storage.estimate().then((e) => ({ usage: e.usage, quota: e.quota, usageDetails: e.usageDetails }))`;
