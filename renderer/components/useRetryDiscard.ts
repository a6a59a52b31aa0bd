import { useState } from 'react';

export type RetryDiscard = {
  isBusy: boolean;
  /** The reason of a retry the rules or the server refused again, else null. */
  stillRefused: string | null;
  retry(): void;
  discard(): void;
};

/**
 * Retry and Discard of one refused change, shared by its banner on the ticket and its row in the
 * console's list: the buttons wait while one runs, and a second refusal stays on screen.
 */
export const useRetryDiscard = (onRetry: () => Promise<string | null>, onDiscard: () => Promise<void>): RetryDiscard => {
  const [stillRefused, setStillRefused] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } finally {
      setBusy(false);
    }
  };
  return {
    isBusy,
    stillRefused,
    retry: () => void run(async () => setStillRefused(await onRetry())),
    discard: () => void run(onDiscard),
  };
};
