import net from 'node:net';

/**
 * A relay on loopback between a server and PostgreSQL that reads the client's side of the wire
 * protocol, so a test can cut a connection at the moment a transaction commits: the connection
 * breaks with the commit's outcome unknown to the server, as when PostgreSQL restarts or the network
 * drops at that moment. Everything else passes through untouched. Plain connections only (no TLS).
 */
export type PgWireCutter = {
  /** The database URL through the relay. */
  url: string;
  /**
   * Cuts the next connection that sends `commit`: `before`, the commit never reaches PostgreSQL
   * (it rolls the transaction back); `after`, PostgreSQL commits and its answer is dropped. Resolves
   * once it has cut.
   */
  cutAtNextCommit(when: 'before' | 'after'): Promise<void>;
  close(): Promise<void>;
};

/** The Query message ('Q') of a simple-protocol `commit`, as pg sends a statement without parameters. */
const isCommit = (type: number, body: Buffer): boolean =>
  type === 0x51 &&
  body
    .subarray(0, body.length - 1)
    .toString('utf8')
    .trim()
    .toLowerCase() === 'commit';

export const startPgWireCutter = async (databaseUrl: string): Promise<PgWireCutter> => {
  const target = new URL(databaseUrl);
  const host = target.hostname;
  const port = Number(target.port || 5432);
  let armed: { when: 'before' | 'after'; cut: () => void } | null = null;
  const sockets = new Set<net.Socket>();

  const server = net.createServer((client) => {
    const upstream = net.connect(port, host);
    sockets.add(client);
    sockets.add(upstream);
    const cut = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', () => {
      sockets.delete(client);
      upstream.destroy();
    });
    upstream.on('close', () => {
      sockets.delete(upstream);
      client.destroy();
    });
    client.on('error', () => undefined);
    upstream.on('error', () => undefined);
    // Set once this connection's commit went through: PostgreSQL's answer to it is dropped.
    let dropAnswer: (() => void) | null = null;
    upstream.on('data', (chunk: Buffer) => {
      if (dropAnswer !== null) {
        const resolve = dropAnswer;
        dropAnswer = null;
        cut();
        resolve();
        return;
      }
      client.write(chunk);
    });
    let pending = Buffer.alloc(0);
    // The startup message has no type byte; every later message is a type byte and a length.
    let isStartup = true;
    client.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      for (;;) {
        const header = isStartup ? 4 : 5;
        if (pending.length < header) return;
        const length = pending.readInt32BE(isStartup ? 0 : 1);
        const total = (isStartup ? 0 : 1) + length;
        if (pending.length < total) return;
        const message = pending.subarray(0, total);
        pending = pending.subarray(total);
        const type = isStartup ? 0 : (message[0] ?? 0);
        isStartup = false;
        if (armed !== null && isCommit(type, message.subarray(5))) {
          const { when, cut: done } = armed;
          armed = null;
          if (when === 'before') {
            cut();
            done();
            return;
          }
          dropAnswer = done;
        }
        upstream.write(message);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the relay has no port');
  const url = new URL(databaseUrl);
  url.hostname = '127.0.0.1';
  url.port = String(address.port);
  return {
    url: url.toString(),
    cutAtNextCommit: (when) => new Promise<void>((resolve) => (armed = { when, cut: resolve })),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
