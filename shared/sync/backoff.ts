/**
 * Delay before retry `attempt` (1-based): exponential from `baseMs`, capped at `maxMs`, with
 * "full jitter" so that many consoles coming back together don't retry in step.
 */
export const backoffDelay = (attempt: number, random: () => number, baseMs = 1000, maxMs = 60_000): number => {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
};
