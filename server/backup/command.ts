import { Refused } from './refused';

/**
 * Runs an operations command: a refusal (nothing was changed) prints its reason and the usage
 * and exits with 2; any other failure prints what went wrong and exits with 1; success exits 0.
 */
export const runCommand = (name: string, usage: string, main: () => Promise<void>): void => {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      if (error instanceof Refused) {
        process.stderr.write(`${error.message}\n${usage}\n`);
        process.exit(2);
      }
      process.stderr.write(`${name} failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
};

/** A bad MEJA_DATABASE_URL is a refusal like any bad argument. */
export const refuseOnThrow = <T>(read: () => T): T => {
  try {
    return read();
  } catch (error) {
    throw new Refused(error instanceof Error ? error.message : String(error));
  }
};
