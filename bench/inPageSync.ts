/*
 * Code the first-sync benchmark runs inside the page. Strings, as in bench/inPage.ts: the bench
 * compiles with Node's types only (no DOM).
 */

/**
 * Init script: every main-thread long task's duration (ms) from the first script on, in window.__mejaLongTasks,
 * and when each began (wall-clock ms, the same order) in window.__mejaLongTaskStarts.
 */
export const longTaskRecorder = `
  window.__mejaLongTasks = [];
  window.__mejaLongTaskStarts = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      window.__mejaLongTasks.push(entry.duration);
      window.__mejaLongTaskStarts.push(performance.timeOrigin + entry.startTime);
    }
  }).observe({ type: 'longtask', buffered: true });
`;

/** Clicks "Sign in" and returns the wall-clock time just before, in one task. */
export const clickSignInAt = `(() => {
  const button = [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Sign in');
  if (button === undefined) throw new Error('no Sign in button');
  const at = performance.timeOrigin + performance.now();
  button.click();
  return at;
})()`;

/**
 * Resolves with the wall-clock time of the first animation frame at which the queue's count shows
 * at least `n` tickets. (Not waitForFunction: the console's CSP forbids the eval it needs.)
 */
export const queueCountReachedAt = (n: number): string => `new Promise((resolve) => {
  const check = () => {
    const count = document.querySelector('[data-testid="queue-count"]');
    if (count !== null && Number(count.getAttribute('data-count')) >= ${n}) resolve(performance.timeOrigin + performance.now());
    else requestAnimationFrame(check);
  };
  check();
})`;

/**
 * Resolves with the wall-clock times of the first animation frames at which the queue's count shows
 * at least `live` tickets (`usableAt`: the live ones, which a pull from scratch brings first), at
 * least `all` (`shownAt`), and the header says when the last complete sync ended (`cachedAt`: the
 * first sync's every page is in the cache and it finished).
 */
export const firstSyncMilestones = (live: number, all: number): string => `new Promise((resolve) => {
  const seen = { usableAt: null, shownAt: null, cachedAt: null };
  const check = () => {
    const at = performance.timeOrigin + performance.now();
    const count = Number(document.querySelector('[data-testid="queue-count"]')?.getAttribute('data-count') ?? 0);
    if (seen.usableAt === null && count >= ${live}) seen.usableAt = at;
    if (seen.shownAt === null && count >= ${all}) seen.shownAt = at;
    if (seen.cachedAt === null && (document.querySelector('[data-testid="sync-indicator"]')?.getAttribute('data-synced-at') ?? '') !== '') seen.cachedAt = at;
    if (seen.usableAt !== null && seen.shownAt !== null && seen.cachedAt !== null) resolve(seen);
    else requestAnimationFrame(check);
  };
  check();
})`;

/**
 * Signs in through the API, pulls the feed into memory as the console does (not timed), then times raw puts of
 * its records into a new IndexedDB database, one store per kind without indexes, 10,000 records
 * per transaction, tickets and users first. Returns { ms, records, firstMs, firstRecords, pullMs }: all records,
 * the tickets and users alone (the batches holding them), and the pull alone (1,000 changes a page, one after another).
 * `scope`: the pull's scope (`working`: the user's working set only, as the console asks on a big desk).
 */
export const limitPuts = (username: string, password: string, scope?: 'working'): string => `(async () => {
  const login = await fetch('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: ${JSON.stringify(username)}, password: ${JSON.stringify(password)} }) });
  const { token } = await login.json();
  const records = [];
  const pullStarted = performance.now();
  for (let cursor = null; ; ) {
    const response = await fetch('/api/sync/pull?limit=1000${scope === undefined ? '' : `&scope=${scope}`}' + (cursor === null ? '' : '&count=0&cursor=' + encodeURIComponent(cursor)), { headers: { authorization: 'Bearer ' + token } });
    const page = await response.json();
    for (const change of page.changes) if (change.op === 'put') records.push([change.entity, change.data]);
    cursor = page.cursor;
    if (!page.hasMore) break;
  }
  const pullMs = performance.now() - pullStarted;
  const stores = [...new Set(records.map(([entity]) => entity))];
  const db = await new Promise((resolve, reject) => {
    const request = indexedDB.open('meja-bench-limit-' + Date.now(), 1);
    request.onupgradeneeded = () => { for (const store of stores) request.result.createObjectStore(store, { keyPath: 'id' }); };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  // Tickets and users first, as Meja's pull from scratch brings them: the time they take is the
  // limit for a usable queue.
  const first = (entity) => entity === 'ticket' || entity === 'user';
  records.sort((a, b) => Number(first(b[0])) - Number(first(a[0])));
  const firstCount = records.filter(([entity]) => first(entity)).length;
  let firstMs = null;
  const started = performance.now();
  for (let i = 0; i < records.length; i += 10000) {
    const batch = records.slice(i, i + 10000);
    await new Promise((resolve, reject) => {
      const tx = db.transaction(stores, 'readwrite');
      for (const [entity, data] of batch) tx.objectStore(entity).put(data);
      tx.oncomplete = () => resolve(undefined);
      tx.onerror = () => reject(tx.error);
    });
    if (firstMs === null && i + batch.length >= firstCount) firstMs = performance.now() - started;
  }
  return { ms: performance.now() - started, records: records.length, firstMs, firstRecords: firstCount, pullMs };
})()`;
