/**
 * Runs `run` every `everyMs`, never two runs at once on this instance; a failed run goes to `failed`
 * and the next one tries again. The timer does not keep the process alive; stop() ends it.
 */
export const schedulePeriodic = (run: () => Promise<unknown>, everyMs: number, failed: (error: unknown) => void): { stop(): void } => {
  let isRunning = false;
  const timer = setInterval(() => {
    if (isRunning) return;
    isRunning = true;
    run()
      .catch(failed)
      .finally(() => (isRunning = false));
  }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
};
