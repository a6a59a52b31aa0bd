/*
 * Where the time of each measured change goes, from a Chrome trace taken around the changes
 * (devtools.timeline events plus V8 CPU-profile samples). Each change is a `performance.measure`
 * named "change:<name>" made by the in-page bench code; the trace's main-thread events and
 * samples inside that window are split into buckets: our query and sort code, React's render
 * and commit, other script, GC, and the browser's own style, layout and paint.
 */

type TraceEvent = {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  id?: string;
  id2?: { local?: string };
  args?: Record<string, unknown>;
};

type CallFrame = { functionName: string; url?: string; lineNumber?: number };
type ProfileNode = { id: number; parent?: number; callFrame: CallFrame };
type ProfileChunkData = { cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] }; timeDeltas?: number[] };

export type ChangeBreakdown = { name: string; totalMs: number; buckets: Record<string, number> };
export type TraceSummary = { changes: ChangeBreakdown[]; topFunctions: Array<{ name: string; ms: number }> };

/** Main-thread event names of the browser's rendering work (their self time; script runs inside others). */
const RENDERING = new Set([
  'UpdateLayoutTree',
  'RecalculateStyles',
  'Layout',
  'PrePaint',
  'Paint',
  'PaintImage',
  'Layerize',
  'UpdateLayer',
  'UpdateLayerTree',
  'Commit',
  'HitTest',
  'IntersectionObserverController::computeIntersections',
  'ScrollLayer',
  'CompositeLayers',
  'ParseHTML',
  'ParseAuthorStyleSheet',
]);

/** Function names on a sampled stack and the bucket they put the sample in, first match wins. */
const JS_BUCKETS: ReadonlyArray<[string, ReadonlySet<string>]> = [
  ['view counts', new Set(['countMatches', 'countViews'])],
  ['query (filter, search)', new Set(['queryQueue', 'answerQueue', 'searchCandidates', 'matchSearch'])],
  ['sort', new Set(['ascending', 'orderByKey', 'warmOne'])],
  [
    'React commit',
    new Set(['commitRoot', 'commitRootImpl', 'commitMutationEffects', 'commitLayoutEffects', 'flushPassiveEffects', 'commitPassiveMountEffects']),
  ],
  [
    'React render',
    new Set([
      'performWorkOnRoot',
      'renderRootSync',
      'renderRootConcurrent',
      'workLoopSync',
      'performUnitOfWork',
      'beginWork',
      'completeWork',
      'renderWithHooks',
    ]),
  ],
];

const inWindow = (ts: number, window: [number, number]) => ts >= window[0] && ts < window[1];

const add = (record: Record<string, number>, key: string, ms: number) => {
  record[key] = (record[key] ?? 0) + ms;
};

export const summariseTrace = (traceJson: string): TraceSummary => {
  const parsed = JSON.parse(traceJson) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);

  // The change windows, from the async begin/end pairs that performance.measure leaves.
  const begins = new Map<string, TraceEvent>();
  const windows: Array<{ name: string; pid: number; range: [number, number] }> = [];
  for (const event of events) {
    if (event.cat !== 'blink.user_timing' || !event.name.startsWith('change:')) continue;
    const key = `${event.name}|${event.id ?? event.id2?.local ?? ''}`;
    if (event.ph === 'b') begins.set(key, event);
    if (event.ph === 'e') {
      const begin = begins.get(key);
      if (begin !== undefined) windows.push({ name: event.name.slice('change:'.length), pid: event.pid, range: [begin.ts, event.ts] });
    }
  }
  const pid = windows[0]?.pid;
  const mainTid = events.find(
    (event) => event.pid === pid && event.ph === 'M' && event.name === 'thread_name' && (event.args?.name as string | undefined) === 'CrRendererMain',
  )?.tid;

  // Self time of the main thread's complete events, by name.
  const main = events
    .filter((event) => event.pid === pid && event.tid === mainTid && event.ph === 'X' && event.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const selfTimes: Array<{ name: string; ts: number; self: number }> = [];
  const stack: Array<{ event: TraceEvent; childTime: number; end: number }> = [];
  const close = (until: number) => {
    while (stack.length > 0 && (stack.at(-1)?.end ?? 0) <= until) {
      const done = stack.pop();
      if (done === undefined) break;
      selfTimes.push({ name: done.event.name, ts: done.event.ts, self: (done.event.dur ?? 0) - done.childTime });
      const parent = stack.at(-1);
      if (parent !== undefined) parent.childTime += done.event.dur ?? 0;
    }
  };
  for (const event of main) {
    close(event.ts);
    stack.push({ event, childTime: 0, end: event.ts + (event.dur ?? 0) });
  }
  close(Number.POSITIVE_INFINITY);

  // CPU samples: nodes arrive in chunks with their parents; a sample's time is its delta's sum.
  const nodes = new Map<number, ProfileNode>();
  const samples: Array<{ ts: number; node: number }> = [];
  let clock = 0;
  for (const event of events) {
    if (event.pid !== pid) continue;
    if (event.name === 'Profile') clock = Number((event.args?.data as { startTime?: number } | undefined)?.startTime ?? 0);
    if (event.name !== 'ProfileChunk') continue;
    const data = (event.args?.data ?? {}) as ProfileChunkData;
    for (const node of data.cpuProfile?.nodes ?? []) nodes.set(node.id, node);
    const ids = data.cpuProfile?.samples ?? [];
    const deltas = data.timeDeltas ?? [];
    ids.forEach((id, i) => {
      clock += deltas[i] ?? 0;
      samples.push({ ts: clock, node: id });
    });
  }
  samples.sort((a, b) => a.ts - b.ts);
  const bucketOf = new Map<number, string>();
  const classify = (id: number): string => {
    const known = bucketOf.get(id);
    if (known !== undefined) return known;
    const leaf = nodes.get(id)?.callFrame.functionName ?? '';
    let bucket =
      leaf === '(garbage collector)' ? 'GC' : leaf === '(program)' || leaf === '(idle)' || leaf === '(root)' ? 'native (outside JS)' : 'other script';
    // The innermost match wins: a query run inside React's render counts as the query.
    for (let node = nodes.get(id); node !== undefined && bucket === 'other script'; node = node.parent === undefined ? undefined : nodes.get(node.parent)) {
      const name = node.callFrame.functionName;
      const hit = JS_BUCKETS.find(([, functions]) => functions.has(name));
      if (hit !== undefined) bucket = hit[0];
    }
    bucketOf.set(id, bucket);
    return bucket;
  };

  const topFunctions: Record<string, number> = {};
  const changes = windows.map(({ name, range }): ChangeBreakdown => {
    const buckets: Record<string, number> = {};
    for (const { name: eventName, ts, self } of selfTimes) {
      if (!inWindow(ts, range)) continue;
      if (RENDERING.has(eventName)) add(buckets, `browser: ${eventName}`, self / 1000);
    }
    // Samples are about 0.1–1 ms apart; each stands for the time until the next one.
    const inside = samples.filter((sample) => inWindow(sample.ts, range));
    inside.forEach((sample, i) => {
      const next = inside[i + 1]?.ts ?? range[1];
      const ms = (next - sample.ts) / 1000;
      const bucket = classify(sample.node);
      if (bucket === 'native (outside JS)') return; // covered by the rendering events, or idle waiting
      add(buckets, `js: ${bucket}`, ms);
      const frame = nodes.get(sample.node)?.callFrame;
      if (frame !== undefined) add(topFunctions, `${frame.functionName || '(anonymous)'} ${frame.url?.split('/').at(-1) ?? ''}:${frame.lineNumber ?? 0}`, ms);
    });
    return { name, totalMs: (range[1] - range[0]) / 1000, buckets };
  });
  return {
    changes,
    topFunctions: Object.entries(topFunctions)
      .map(([name, ms]) => ({ name, ms }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 25),
  };
};
