/** What every console of a load run notes down as it goes, read into figures at the end. */
export type Recorder = {
  /** Samples are taken only while the load is on (not during sign-in or the final catch-up). */
  measuring: boolean;
  /** Round trip of each pull page: request sent → page parsed. */
  pullMs: number[];
  /** A poke arriving at an online console → the end of the pull that brought what it announced into the cache. */
  pokeToVisibleMs: number[];
  /** Tracked title edit → when the push that the server accepted was sent. */
  titleSentAt: Map<string, number>;
  /** Tracked title edit first in another console's cache. */
  titleShown: Array<{ title: string; console: string; at: number }>;
  /** Push results during the load: the server applied the change, or refused it (a conflict the technician is told about). */
  applied: number;
  rejected: number;
  /** Live batches the consoles applied without a pull, and the changes they brought. */
  liveBatches: number;
  liveChanges: number;
  /** Each console's outages, so that a change seen only after one is not counted as slow propagation. */
  outages: Map<string, Array<{ from: number; to: number }>>;
};

export const createRecorder = (): Recorder => ({
  measuring: false,
  pullMs: [],
  pokeToVisibleMs: [],
  titleSentAt: new Map(),
  titleShown: [],
  applied: 0,
  rejected: 0,
  liveBatches: 0,
  liveChanges: 0,
  outages: new Map(),
});

/**
 * Push sent → shown on another console, for every console that was online the whole time in
 * between (an offline console shows it when it is back: that is not propagation delay).
 */
export const changeToVisibleMs = (recorder: Recorder): number[] => {
  // A ticket keeps its title through later changes and arrives again with each: only the first arrival counts.
  const first = new Map<string, { title: string; console: string; at: number }>();
  for (const shown of recorder.titleShown) {
    const key = `${shown.console}\u0000${shown.title}`;
    const seen = first.get(key);
    if (seen === undefined || shown.at < seen.at) first.set(key, shown);
  }
  const samples: number[] = [];
  for (const { title, console, at } of first.values()) {
    const sentAt = recorder.titleSentAt.get(title);
    if (sentAt === undefined || title.startsWith(`Load ${console} #`)) continue;
    const outages = recorder.outages.get(console) ?? [];
    if (outages.some((o) => o.from < at && o.to > sentAt)) continue;
    samples.push(at - sentAt);
  }
  return samples;
};
