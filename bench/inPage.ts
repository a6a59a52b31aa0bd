/*
 * Code that runs inside the page. Written as strings because the bench compiles with Node's types
 * only (no DOM); each is an expression evaluated with page.evaluate.
 */

/**
 * Writes `count` generated tickets straight into the signed-in user's IndexedDB cache, in
 * transactions of 10,000 rows. Shapes and spreads follow the demo data: statuses, priorities,
 * tiers and assignees mixed, times over the last 60 days, SLA due times from the default policy.
 */
export const fillTickets = (count: number, assigneeIds: readonly string[]): string => `(async () => {
  const count = ${count};
  const assignees = ${JSON.stringify(assigneeIds)};
  const name = (await indexedDB.databases()).find((d) => d.name.startsWith('meja-')).name;
  const db = await new Promise((resolve, reject) => { const r = indexedDB.open(name); r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  const pick = (list) => list[Math.floor(Math.random() * list.length)];
  const code = () => Array.from({ length: 8 }, () => pick(alphabet)).join('').replace(/^(.{4})/, '$1-');
  const words = ['printer', 'vpn', 'outlook', 'password', 'laptop', 'monitor', 'teams', 'excel', 'wifi', 'badge', 'phone', 'scanner', 'license', 'backup', 'docking', 'keyboard', 'sharepoint', 'mailbox', 'certificate', 'driver'];
  const people = ['Ada Lovelace', 'Grace Hopper', 'Alan Turing', 'Greta Vogel', 'Omar Haddad', 'Ines Duarte', 'Peter Novak', 'Lucia Ferrari', 'Marta Kowalska', 'Jonas Berg', 'Aisha Rahman', 'Hanna Lind'];
  const categories = ['access', 'email', 'hardware', 'network', 'printing', 'software', 'telephony', 'other'];
  const priorities = ['low', 'normal', 'normal', 'normal', 'high', 'urgent'];
  const targetHours = { urgent: 4, high: 8, normal: 24, low: 72 };
  const statuses = ['new', 'open', 'open', 'pending', 'resolved', 'closed', 'closed', 'closed'];
  const now = Date.now();
  const iso = (ms) => new Date(ms).toISOString();
  const make = (i) => {
    const created = now - Math.floor(Math.random() * 60 * 86400000);
    const priority = pick(priorities);
    const status = pick(statuses);
    const updated = Math.min(now, created + Math.floor(Math.random() * 3 * 86400000));
    const isDone = status === 'resolved' || status === 'closed';
    const title = pick(words) + ' ' + pick(words) + ' problem on floor ' + (i % 9);
    return {
      id: crypto.randomUUID(), number: 100000 + i, code: code(), title,
      description: 'The caller reports that the ' + pick(words) + ' stopped working after the ' + pick(words) + ' update. ' + 'Tried restarting twice; the error comes back after a few minutes. Asset tag ' + (10000 + i) + '.',
      requester: { name: pick(people), contact: 'ext. ' + (1000 + (i % 9000)) },
      category: pick(categories), priority, channel: 'phone', status, tier: 1 + (i % 7 === 0 ? 2 : i % 3 === 0 ? 1 : 0),
      assigneeId: status === 'new' || Math.random() < 0.15 ? null : pick(assignees), resolution: isDone ? 'Fixed.' : null,
      createdBy: assignees[0], createdAt: iso(created), updatedAt: iso(updated), firstRespondedAt: status === 'new' ? null : iso(created + 600000),
      resolvedAt: isDone ? iso(updated) : null, closedAt: status === 'closed' ? iso(updated) : null, reopenCount: 0, callMs: 0,
      firstResponseDueAt: iso(created + 3600000), resolutionDueAt: iso(created + targetHours[priority] * 3600000),
      pendingSince: status === 'pending' ? iso(updated) : null, pausedMs: 0,
    };
  };
  const started = performance.now();
  for (let from = 0; from < count; from += 10000) {
    await new Promise((resolve, reject) => {
      const tx = db.transaction(['tickets', 'meta'], 'readwrite');
      const store = tx.objectStore('tickets');
      for (let i = from; i < Math.min(count, from + 10000); i += 1) store.put(make(i));
      // Counted in the ticket stamp as the console's own writes are (renderer/queue/ticketChanges.ts).
      const meta = tx.objectStore('meta');
      const stamp = meta.get('tickets:stamp');
      stamp.onsuccess = () => meta.put({ key: 'tickets:stamp', value: String(Number(stamp.result?.value ?? 0) + 1) });
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
  }
  db.close();
  return performance.now() - started;
})()`;

/**
 * Resolves with the milliseconds it waited until the console had kept the queue's first screen as of
 * the cache's latest ticket write (renderer/queue/firstScreenStore.ts), or -1 after `boundMs`.
 */
export const firstScreenKept = (boundMs: number): string => `(async () => {
  const name = (await indexedDB.databases()).find((d) => d.name.startsWith('meja-')).name;
  const db = await new Promise((resolve, reject) => { const r = indexedDB.open(name); r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
  const get = (key) => new Promise((resolve) => { const r = db.transaction('meta').objectStore('meta').get(key); r.onsuccess = () => resolve(r.result?.value); });
  const started = performance.now();
  let waited = -1;
  while (performance.now() - started < ${boundMs}) {
    const [kept, stamp] = [await get('queue:firstScreen'), await get('tickets:stamp')];
    if (kept !== undefined && JSON.parse(kept).at === Number(stamp ?? 0)) { waited = performance.now() - started; break; }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  db.close();
  return waited;
})()`;

/** Milliseconds from navigation start until the first queue row, and until every view has its count. */
export const waitForIndexLoad = (total: number): string => `(async () => {
  const since = () => performance.now();
  let firstRow = null;
  for (;;) {
    if (firstRow === null && document.querySelector('table[aria-label="Ticket queue"] tbody tr[data-code]')) firstRow = since();
    const all = document.querySelector('[data-testid="view-count-all"]');
    if (all && Number(all.textContent.replace(/[^0-9]/g, '')) >= ${total}) return { firstRow, loaded: since() };
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
})()`;

/**
 * Times changes of sort, facets, views and search: from just before the event is dispatched
 * until the frame after the table's rows changed (requestAnimationFrame, then a task: the frame
 * with the new rows has been produced). Returns one entry per change.
 */
export const measureChanges = `(async () => {
  const table = document.querySelector('table[aria-label="Ticket queue"]');
  const setValue = (element, value, event) => {
    const proto = element instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(proto, 'value').set.call(element, value);
    element.dispatchEvent(new Event(event, { bubbles: true }));
  };
  const facet = (label) => document.querySelector('[role="group"][aria-label="Filters"] select[aria-label="' + label + '"]');
  const search = document.querySelector('input[aria-label="Filter tickets"]');
  const header = (name) => [...table.querySelectorAll('thead th button')].find((b) => b.textContent.trim().startsWith(name));
  const view = (id) => document.querySelector('button[data-view="' + id + '"]');
  const changes = [
    ['sort Code', () => header('Code').click()],
    ['sort Code desc', () => header('Code').click()],
    ['sort Title', () => header('Title').click()],
    ['sort Requester', () => header('Requester').click()],
    ['sort Priority', () => header('Priority').click()],
    ['sort Status', () => header('Status').click()],
    ['sort Assignee', () => header('Assignee').click()],
    ['sort SLA due', () => header('SLA due').click()],
    ['sort No.', () => header('No.').click()],
    ['sort Updated', () => header('Updated').click()],
    ['filter status open', () => setValue(facet('Status'), 'open', 'change')],
    ['filter priority urgent', () => setValue(facet('Priority'), 'urgent', 'change')],
    ['filter tier 2', () => setValue(facet('Tier'), '2', 'change')],
    ['clear tier', () => setValue(facet('Tier'), '', 'change')],
    ['filter SLA breached', () => setValue(facet('SLA'), 'breached', 'change')],
    ['filter category network', () => setValue(facet('Category'), 'network', 'change')],
    ['view all', () => view('all').click()],
    ['filter assignee unassigned', () => setValue(facet('Assignee'), 'unassigned', 'change')],
    ['view mine', () => view('mine').click()],
    ['view breaching', () => view('breaching').click()],
    ['view pending', () => view('pending').click()],
    ['view recent', () => view('recent').click()],
    ['view all again', () => view('all').click()],
    ['search "p"', () => setValue(search, 'p', 'input')],
    ['search "pr"', () => setValue(search, 'pr', 'input')],
    ['search "pri"', () => setValue(search, 'pri', 'input')],
    ['search "print"', () => setValue(search, 'print', 'input')],
    ['search "printer vpn"', () => setValue(search, 'printer vpn', 'input')],
    ['search "asset tag 1234"', () => setValue(search, 'asset tag 1234', 'input')],
    ['clear search', () => setValue(search, '', 'input')],
  ];
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const results = [];
  for (const [name, act] of changes) {
    await frame();
    let mutations = 0;
    const observer = new MutationObserver((records) => { mutations += records.length; });
    observer.observe(table.querySelector('tbody'), { childList: true, subtree: true, characterData: true });
    const start = performance.now();
    act();
    await frame();
    const end = performance.now();
    const ms = end - start;
    // For a profiled run: the trace summary splits each change's window by what ran in it.
    performance.measure('change:' + name, { start, end });
    observer.disconnect();
    results.push({ name, ms, changedDom: mutations > 0, shown: Number(document.querySelector('[data-testid="queue-count"]').dataset.count) });
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return results;
})()`;

/** Scrolls the full list for `seconds` at a technician's fast flick, counting long tasks and slow frames. */
export const measureScroll = (seconds: number): string => `(async () => {
  const scroller = document.querySelector('[data-testid="queue-scroll"]');
  scroller.scrollTop = 0;
  const longTasks = [];
  const observer = new PerformanceObserver((list) => { for (const entry of list.getEntries()) longTasks.push(entry.duration); });
  observer.observe({ type: 'longtask' });
  const frames = [];
  let last = performance.now();
  const end = last + ${seconds} * 1000;
  while (performance.now() < end) {
    scroller.scrollTop += 240;
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const now = performance.now();
    frames.push(now - last);
    last = now;
  }
  await new Promise((resolve) => setTimeout(resolve, 100));
  observer.disconnect();
  performance.measure('change:scrolling', { start: end - ${seconds} * 1000, end });
  return { frames, longTasks, scrolledTo: scroller.scrollTop };
})()`;

/**
 * Resolves with the wall-clock time (ms) at which `seen` (an expression of page code) first holds,
 * checked on every DOM change (at once if it already does).
 */
const shownAt = (seen: string): string => `new Promise((resolve) => {
  const seen = () => ${seen};
  const now = () => performance.timeOrigin + performance.now();
  if (seen()) { resolve(now()); return; }
  const observer = new MutationObserver(() => {
    if (!seen()) return;
    observer.disconnect();
    resolve(now());
  });
  observer.observe(document.body, { subtree: true, childList: true, characterData: true });
})`;

const detailTitleIs = (text: string): string =>
  `document.querySelector('[data-testid="ticket-detail"] [data-testid="detail-title"]')?.textContent === ${JSON.stringify(text)}`;

/** Resolves with the wall-clock time (ms) at which the open ticket's title shows `text`. */
export const titleShownAt = (text: string): string => shownAt(detailTitleIs(text));

/** Clicks the ticket's "Save changes" button and returns the wall-clock time just before, in one task. */
export const clickSaveAt = `(() => {
  const button = [...document.querySelectorAll('[data-testid="ticket-detail"] form button')].find((b) => b.textContent === 'Save changes');
  if (button === undefined) throw new Error('no Save changes button');
  const at = performance.timeOrigin + performance.now();
  button.click();
  return at;
})()`;

/** Resolves with the wall-clock time (ms) at which both the open ticket's title and its queue row show `text`: the local edit is on screen. */
export const editShownAt = (code: string, text: string): string =>
  shownAt(
    `${detailTitleIs(text)} && (document.querySelector('table[aria-label="Ticket queue"] tbody tr[data-code=${JSON.stringify(JSON.stringify(code)).slice(1, -1)}]')?.textContent ?? '').includes(${JSON.stringify(text)})`,
  );
