import { randomUUID } from 'node:crypto';
import type { PublicUser } from '../../shared/domain/records';
import { seededRandom } from '../../shared/seededRandom';
import { PROTOCOL_VERSION } from '../../shared/sync/protocol';
import { login, pullAll } from '../../tests/support/syncClient';
import { makeCreateArgs } from '../../tests/support/factories';
import { percentile } from '../stats';
import { canonicalState, checkExactlyOnce, firstDifference, type ExactlyOnce } from './checks';
import { readLedger } from './ledger';
import { processCpuSeconds } from './cpu';
import { createLoadConsole, type LoadConsole, type LoadStorage } from './loadConsole';
import { changeToVisibleMs, createRecorder } from './recorder';

export type LoadOptions = {
  label: string;
  /** Base URLs of the server instances; console i signs in at instance i mod n. */
  instances: readonly string[];
  /** The instances' database, to read the server's ledger of mutations. */
  databaseUrl: string;
  adminPassword: string;
  consoles: number;
  durationMs: number;
  /** Mean pause between one console's changes (exponentially distributed, as calls arrive). */
  thinkMs: number;
  /** Share of consoles that lose the network now and then during the run. */
  roamingShare: number;
  /** How long a roaming console stays online, then offline, drawn evenly from [min, max] ms each time. */
  onlineMs: readonly [number, number];
  offlineMs: readonly [number, number];
  /** Tickets on the server before the consoles start. */
  seedTickets: number;
  storage: LoadStorage;
  seed: number;
  /** Processes of the instances, to report their CPU time (the in-process servers of the tests have none of their own). */
  instancePids?: readonly number[];
  /**
   * A fault made once, halfway through the load, e.g. PostgreSQL restarted (`LOAD_PG_RESTART`):
   * `run` resolves once it is over (the database answers again). The run is then measured for
   * how long the consoles took to be current again and what they met meanwhile.
   */
  fault?: LoadFault;
  log?: (line: string) => void;
};

export type Spread = { count: number; p50: number; p95: number; p99: number };

export type LoadFault = { name: string; run(): Promise<void> };

export type FaultReport = {
  name: string;
  /** From the fault's start until it was over (the database down, then answering again). */
  outageMs: number;
  /**
   * From the end of the fault until each console that stayed online completed a sync (its outbox
   * pushed, the feed pulled to the end): the consoles current again.
   */
  recoveryMs: Spread & { max: number };
  /** Consoles that met at least one 503 during the run. */
  consolesRefused: number;
};

export type LoadReport = {
  label: string;
  storage: LoadStorage;
  instances: number;
  consoles: number;
  seconds: number;
  mutationsApplied: number;
  mutationsRejected: number;
  mutationsPerSecond: number;
  pull: Spread;
  pokeToVisible: Spread;
  changeToVisible: Spread;
  /** Live batches the consoles applied without a pull, and the changes in them. */
  live: { batches: number; changes: number };
  outages: number;
  /** Wire-level failures other than the outages the test made: 503s (expected only with a fault), other 5xx, refused requests, timeouts. */
  errors: { unavailable503: number; server5xx: number; client4xx: number; failedRequests: number };
  /** The first few answers counted in `server5xx`, for a failure message. */
  server5xxSamples: string[];
  fault: FaultReport | null;
  /** End of the load → every console back online, its outbox empty and its cache equal to the server. */
  catchUpMs: number;
  converged: number;
  differences: string[];
  exactlyOnce: ExactlyOnce;
  serverRecords: number;
  /** CPU seconds used during the load by the instances together and by the load process (all its consoles); null when unknown. */
  cpu: { instances: number | null; consoles: number };
};

const spread = (values: number[]): Spread => ({ count: values.length, p50: percentile(values, 50), p95: percentile(values, 95), p99: percentile(values, 99) });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `work` over `items` with at most `limit` at a time. */
const inBatches = async <T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> => {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index] as T, index);
      }
    }),
  );
  return results;
};

const post = async (url: string, token: string, body: unknown): Promise<unknown> => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return response.json();
};

const waitUntil = async (what: string, timeoutMs: number, done: () => Promise<boolean> | boolean): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`load: ${what} did not happen within ${timeoutMs / 1000} s`);
    await sleep(200);
  }
};

/** Staff for the run: technicians on all three tiers, so escalations have somewhere to go. */
const createStaff = async (baseUrl: string, adminToken: string, count: number): Promise<Array<{ username: string; password: string }>> => {
  const staff = Array.from({ length: count }, (_, i) => ({
    username: `load-tech-${i + 1}`,
    password: 'load-test-password',
    displayName: `Load Technician ${i + 1}`,
    role: 'technician',
    tier: (i % 3) + 1,
  }));
  await inBatches(staff, 4, (user) => post(`${baseUrl}/api/users`, adminToken, user));
  return staff;
};

const seedTickets = async (baseUrl: string, adminToken: string, count: number): Promise<void> => {
  for (let done = 0; done < count; done += 200) {
    const mutations = Array.from({ length: Math.min(200, count - done) }, (_, i) => ({
      id: randomUUID(),
      name: 'ticket:create',
      args: makeCreateArgs({ title: `Seeded call ${done + i + 1}` }),
      at: new Date().toISOString(),
    }));
    await post(`${baseUrl}/api/sync/push`, adminToken, { protocol: PROTOCOL_VERSION, clientId: 'load-seed', sentAt: new Date().toISOString(), mutations });
  }
};

/**
 * Makes the fault after `afterMs`, then notes for each console that stays online meanwhile when it
 * next completes a sync. Resolves once the fault is over, with its length and, per such console, a
 * reading of its recovery time, complete once the run has caught up (every console syncs by then).
 */
const runFault = async (
  fault: LoadFault,
  afterMs: number,
  consoles: readonly LoadConsole[],
  roaming: ReadonlySet<LoadConsole>,
  log: (line: string) => void,
  label: string,
): Promise<{ outageMs: number; recovered: Array<() => number> }> => {
  await sleep(afterMs);
  log(`${label}: ${fault.name}…`);
  const from = performance.now();
  await fault.run();
  const overAt = performance.now();
  const overAtWall = Date.now();
  log(`${label}: ${fault.name}: over after ${((overAt - from) / 1000).toFixed(1)} s`);
  const recovered = consoles
    .filter((console) => !roaming.has(console))
    .map((console) => {
      let tookMs: number | null = null;
      const isCurrent = (status: ReturnType<LoadConsole['engine']['status']>) =>
        status.state !== 'error' && status.lastSyncedAt !== null && Date.parse(status.lastSyncedAt) >= overAtWall;
      if (isCurrent(console.engine.status())) tookMs = 0;
      const stop = console.engine.onStatus((status) => {
        if (tookMs !== null || !isCurrent(status)) return;
        tookMs = performance.now() - overAt;
        stop();
      });
      return () => tookMs ?? Number.NaN;
    });
  return { outageMs: overAt - from, recovered };
};

/**
 * A load run: consoles (the real sync engine on fake-indexeddb, no UI) sign in across the
 * instances, sync, then make changes at random for the run's length while some of them drop off
 * the network and come back. Then everyone catches up, and every cache is compared with the
 * server and every change with the server's ledger.
 */
export const runLoad = async (options: LoadOptions): Promise<LoadReport> => {
  const log = options.log ?? (() => undefined);
  const [first] = options.instances;
  const last = options.instances[options.instances.length - 1];
  if (first === undefined || last === undefined) throw new Error('load: no server instance');
  const random = seededRandom(options.seed);
  const recorder = createRecorder();
  const admin = await login(first, 'admin', options.adminPassword);
  const staff = await createStaff(first, admin.token, Math.min(30, Math.max(3, Math.ceil(options.consoles / 6))));
  await seedTickets(first, admin.token, options.seedTickets);

  log(`${options.label}: signing in ${options.consoles} consoles over ${options.instances.length} instance(s)…`);
  const sessions = await inBatches(
    Array.from({ length: options.consoles }, (_, i) => i),
    8,
    async (i) => {
      const baseUrl = options.instances[i % options.instances.length] ?? first;
      const member = staff[i % staff.length] ?? staff[0];
      if (member === undefined) throw new Error('load: no staff');
      return { baseUrl, ...(await login(baseUrl, member.username, member.password)) };
    },
  );
  const technicianIds = [...new Set(sessions.map((s) => s.user.id))];
  const consoles: LoadConsole[] = sessions.map((s, i) =>
    createLoadConsole({
      baseUrl: s.baseUrl,
      token: s.token,
      user: s.user satisfies PublicUser,
      name: `c${i + 1}`,
      seed: options.seed + i + 1,
      recorder,
      storage: options.storage,
    }),
  );
  try {
    for (const console of consoles) console.engine.start();
    await waitUntil('the first sync of every console', 300_000, () =>
      consoles.every((c) => c.engine.status().live && c.engine.status().state === 'idle' && c.engine.status().lastSyncedAt !== null),
    );
    log(`${options.label}: every console synced; ${options.durationMs / 1000} s of load…`);

    const instanceCpu = () => {
      const each = (options.instancePids ?? []).map(processCpuSeconds);
      return each.length === 0 || each.includes(null) ? null : each.reduce<number>((a, b) => a + (b ?? 0), 0);
    };
    const cpuBefore = { instances: instanceCpu(), consoles: process.cpuUsage() };
    const startedAt = performance.now();
    const endsAt = startedAt + options.durationMs;
    recorder.measuring = true;
    const roaming = new Set(consoles.filter(() => random() < options.roamingShare));
    let outages = 0;
    const workers = consoles.map(async (console) => {
      const own = seededRandom(options.seed * 7919 + Number(console.name.slice(1)));
      for (;;) {
        const pause = -Math.log(1 - own()) * options.thinkMs;
        if (performance.now() + pause >= endsAt) return;
        await sleep(pause);
        await console.act(technicianIds);
      }
    });
    const roamers = [...roaming].map(async (console) => {
      const own = seededRandom(options.seed * 104_729 + Number(console.name.slice(1)));
      for (;;) {
        const [onMin, onMax] = options.onlineMs;
        const [offMin, offMax] = options.offlineMs;
        await sleep(Math.min(onMin + own() * (onMax - onMin), Math.max(0, endsAt - performance.now())));
        if (performance.now() >= endsAt - offMin) return;
        console.goOffline();
        outages += 1;
        await sleep(Math.min(offMin + own() * (offMax - offMin), Math.max(0, endsAt - performance.now())));
        console.goOnline();
      }
    });
    const faulting = options.fault === undefined ? null : runFault(options.fault, options.durationMs / 2, consoles, roaming, log, options.label);
    await Promise.all([...workers, ...roamers]);
    const faultTimes = faulting === null ? null : await faulting;
    const seconds = (performance.now() - startedAt) / 1000;
    recorder.measuring = false;
    const consolesCpu = process.cpuUsage(cpuBefore.consoles);
    const instancesAfter = instanceCpu();
    const cpu = {
      instances: instancesAfter === null || cpuBefore.instances === null ? null : instancesAfter - cpuBefore.instances,
      consoles: (consolesCpu.user + consolesCpu.system) / 1e6,
    };

    log(`${options.label}: load over (${recorder.applied} changes applied); waiting for every console to catch up…`);
    const stoppedAt = performance.now();
    for (const console of consoles) if (console.wire.offline) console.goOnline();
    await waitUntil('every outbox to empty', 300_000, async () => {
      const counts = await Promise.all(consoles.map((c) => c.outboxSize()));
      return counts.every((n) => n === 0) && consoles.every((c) => c.engine.status().state === 'idle');
    }).catch(async (error: unknown) => {
      // Which consoles did not get there, and what their engines say: what a failed run is read by.
      const behind = [];
      for (const c of consoles) {
        const left = await c.outboxSize();
        const { state, error: engineError, nextRetryAt, live } = c.engine.status();
        if (left > 0 || state !== 'idle') behind.push({ console: c.name, left, state, error: engineError, nextRetryAt, live, wire: c.wire.counts });
      }
      log(`${options.label}: ${behind.length} consoles behind: ${JSON.stringify(behind.slice(0, 10))}`);
      throw error;
    });
    // One more sync each, so that everyone has pulled what the last pushes brought.
    const failures = (await inBatches(consoles, 20, (c) => c.engine.syncNow())).filter((r) => !r.ok);
    if (failures.length > 0) throw new Error(`load: ${failures.length} final syncs failed`);
    const catchUpMs = performance.now() - stoppedAt;
    const fault =
      faultTimes === null || options.fault === undefined
        ? null
        : {
            name: options.fault.name,
            outageMs: faultTimes.outageMs,
            recoveryMs: { ...spread(faultTimes.recovered.map((r) => r())), max: Math.max(...faultTimes.recovered.map((r) => r())) },
            consolesRefused: consoles.filter((c) => c.wire.counts.unavailable > 0).length,
          };

    log(`${options.label}: comparing ${consoles.length} caches with the server…`);
    const server = await pullAll(last, admin.token);
    const ledger = await readLedger(options.databaseUrl);
    const expected = canonicalState(server);
    const differences: string[] = [];
    const rejectedSets: Array<{ queued: string[]; rejected: Set<string> }> = [];
    for (const console of consoles) {
      const difference = firstDifference(await console.cache(), expected);
      if (difference !== null) differences.push(`${console.name}: ${difference}`);
      rejectedSets.push({ queued: console.queued, rejected: await console.rejected(console.queued) });
    }
    const wires = consoles.map((c) => c.wire.counts);
    const sum = (pick: (w: (typeof wires)[number]) => number) => wires.reduce((total, w) => total + pick(w), 0);
    return {
      label: options.label,
      storage: options.storage,
      instances: options.instances.length,
      consoles: consoles.length,
      seconds,
      mutationsApplied: recorder.applied,
      mutationsRejected: recorder.rejected,
      mutationsPerSecond: recorder.applied / seconds,
      pull: spread(recorder.pullMs),
      pokeToVisible: spread(recorder.pokeToVisibleMs),
      changeToVisible: spread(changeToVisibleMs(recorder)),
      live: { batches: recorder.liveBatches, changes: recorder.liveChanges },
      outages,
      errors: {
        unavailable503: sum((w) => w.unavailable),
        server5xx: sum((w) => w.serverErrors),
        client4xx: sum((w) => w.clientErrors),
        failedRequests: sum((w) => w.failed),
      },
      fault,
      server5xxSamples: wires.flatMap((w) => w.serverErrorSamples).slice(0, 5),
      catchUpMs,
      converged: consoles.length - differences.length,
      differences,
      exactlyOnce: checkExactlyOnce(rejectedSets, ledger, server),
      serverRecords: server.size,
      cpu,
    };
  } finally {
    recorder.measuring = false;
    await inBatches(consoles, 20, (c) => c.close());
  }
};
