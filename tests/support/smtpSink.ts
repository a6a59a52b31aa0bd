import { SMTPServer } from 'smtp-server';

/** A mail as the sink received it: the envelope, the raw message, and its headers and text read back. */
export type SunkMail = { from: string; to: string[]; raw: string; headers: Map<string, string>; decoded: string };

/** Unfolds header lines and undoes quoted-printable (soft breaks, =XX), enough to read what nodemailer wrote. */
const decodeQuotedPrintable = (raw: string): string =>
  raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

const headersOf = (raw: string): Map<string, string> => {
  const head = raw.split(/\r?\n\r?\n/)[0] ?? '';
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
};

export type SmtpSink = {
  port: number;
  mails: SunkMail[];
  /** Stops listening (the SMTP server is down); `start` brings it back on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
};

/**
 * A real SMTP server on loopback, the outside party Meja mails: it accepts every message, except
 * that recipients `refuse` names are refused with 550 at RCPT TO, as a mail server refuses an
 * unknown user.
 */
export const startSmtpSink = async (refuse: (address: string) => boolean = () => false): Promise<SmtpSink> => {
  const mails: SunkMail[] = [];
  const make = () =>
    new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo: (address, _session, callback) => {
        if (!refuse(address.address)) return callback();
        callback(Object.assign(new Error(`5.1.1 <${address.address}>: no such user here`), { responseCode: 550 }));
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const from = session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address;
          mails.push({ from, to: session.envelope.rcptTo.map((r) => r.address), raw, headers: headersOf(raw), decoded: decodeQuotedPrintable(raw) });
          callback();
        });
      },
    });
  let server = make();
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        const address = server.server.address();
        resolve(typeof address === 'object' && address !== null ? address.port : port);
      });
    });
  const sink: SmtpSink = {
    port: await listen(0),
    mails,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
    start: async () => {
      server = make();
      await listen(sink.port);
    },
  };
  return sink;
};
