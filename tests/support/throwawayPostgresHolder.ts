import { startThrowawayPostgres } from './throwawayPostgres';

/*
 * Starts a throwaway cluster, prints `{"dir", "pid"}` and waits to be killed: the process that
 * throwawayPostgres.test.ts kills with SIGKILL to show that the cluster goes with it.
 */
const server = await startThrowawayPostgres();
process.stdout.write(`${JSON.stringify({ dir: server.dataDir, pid: server.postmasterPid })}\n`);
setInterval(() => undefined, 60_000);
