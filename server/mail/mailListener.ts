import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { FastifyBaseLogger } from 'fastify';
import { simpleParser, type AddressObject, type HeaderValue, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { Db } from '../db/connect';
import type { ServerChanges } from '../sync/serverChanges';
import type { TlsMaterial } from '../tlsFiles';
import { isAcceptedRecipient, type InboundMailSettings } from './inboundSettings';
import { receiveMail, type Delivery, type InboundMail } from './receiveMail';

export type MailListener = { port: number; close(): Promise<void> };

export type MailListenerOptions = {
  db: Db;
  changes: ServerChanges;
  settings: InboundMailSettings & { listen: { host: string; port: number } };
  /** The server's certificate (MEJA_TLS_CERT/KEY): offered with STARTTLS; without it STARTTLS is not offered. */
  tls: TlsMaterial | null;
  log: FastifyBaseLogger;
  now: () => number;
};

/** An SMTP answer: smtp-server sends `responseCode` and the message as the reply line. */
const smtpError = (code: number, message: string): Error & { responseCode: number } => Object.assign(new Error(message), { responseCode: code });

const headerText = (value: HeaderValue | undefined): string | null => {
  if (value === undefined) return null;
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(String).join(', ');
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object' && 'value' in value && typeof value.value === 'string') return value.value;
  return null;
};

/** The first address of From, looking inside a group (`Name: <a@b>;`, which a stray colon in a name makes). */
const firstSender = (from: AddressObject | undefined): InboundMail['from'] => {
  const first = from?.value.flatMap((entry) => (entry.address === undefined ? (entry.group ?? []) : [entry])).find((entry) => entry.address !== undefined);
  return first?.address === undefined ? null : { name: first.name, address: first.address };
};

/** The mail as receiveMail reads it; `text` is mailparser's plain text, made from the HTML part when there is no text part. */
export const inboundMailOf = (parsed: ParsedMail, raw: Buffer, session: SMTPServerSession): InboundMail => ({
  messageId: parsed.messageId ?? null,
  rawSha256: createHash('sha256').update(raw).digest('hex'),
  envelopeSender: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
  recipients: session.envelope.rcptTo.map((to) => to.address),
  subject: parsed.subject ?? null,
  from: firstSender(parsed.from),
  text: parsed.text ?? null,
  marks: {
    autoSubmitted: headerText(parsed.headers.get('auto-submitted')),
    precedence: headerText(parsed.headers.get('precedence')),
    mejaTicket: headerText(parsed.headers.get('x-meja-ticket')),
    messageId: parsed.messageId ?? null,
    envelopeSender: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
  },
});

/** Reads the DATA stream into memory up to `limit` bytes; past it, reads on (the client must finish) and keeps nothing more. */
const readData = (stream: SMTPServerDataStream, limit: number): Promise<Buffer | null> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    stream.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes <= limit) chunks.push(chunk);
    });
    stream.on('error', reject);
    stream.on('end', () => resolve(stream.sizeExceeded || bytes > limit ? null : Buffer.concat(chunks)));
  });

const answerOf = (delivery: Delivery): string => {
  switch (delivery.kind) {
    case 'ticket':
      return `2.0.0 Ticket ${delivery.code} created`;
    case 'note':
      return delivery.reopened ? '2.0.0 Added to the ticket, which is reopened' : '2.0.0 Added to the ticket';
    case 'duplicate':
      return '2.0.0 Already received';
    case 'ignored':
      return '2.0.0 Received (automatic mail, not answered)';
    case 'refused':
      return delivery.message;
  }
};

/**
 * Meja's own SMTP listener for the help address (docs/OPERATIONS.md, "Mail in"): the desk's mail
 * server forwards to it. Recipients outside MEJA_MAIL_DOMAINS are refused at RCPT TO (it never
 * relays), a mail over the limit with 552, and every mail taken is answered 250 only once what it
 * made is committed; when the database cannot be reached the answer is 451, so the sending server
 * keeps the mail and tries again later. Nothing in a mail is ever rendered: it becomes text.
 */
export const startMailListener = async ({ db, changes, settings, tls, log, now }: MailListenerOptions): Promise<MailListener> => {
  const server = new SMTPServer({
    name: settings.domains[0],
    banner: 'Meja help desk',
    size: settings.maxBytes,
    authOptional: true,
    // No sign-in: mail is taken from anyone, for the help domains only. STARTTLS only with the server's own certificate.
    disabledCommands: tls === null ? ['AUTH', 'STARTTLS'] : ['AUTH'],
    ...(tls === null ? {} : { key: tls.key, cert: tls.cert }),
    maxClients: 100,
    logger: false,
    onRcptTo: (address, _session, callback) => {
      if (isAcceptedRecipient(address.address, settings.domains)) return callback();
      return callback(smtpError(550, `5.1.1 <${address.address}>: not a help address here`));
    },
    onData: (stream, session, callback) => {
      void (async () => {
        const raw = await readData(stream, settings.maxBytes);
        if (raw === null) return callback(smtpError(552, `5.3.4 The mail is larger than ${Math.floor(settings.maxBytes / 1024 / 1024)} MB; it was not taken`));
        let parsed: ParsedMail;
        try {
          parsed = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true });
        } catch (error) {
          log.warn({ err: error }, 'mail: unreadable message refused');
          return callback(smtpError(550, '5.6.0 The mail could not be read (malformed MIME); it was not taken'));
        }
        try {
          const delivery = await receiveMail(db, changes, inboundMailOf(parsed, raw, session), now);
          log.info({ mail: parsed.messageId ?? null, delivery }, 'mail: received');
          if (delivery.kind === 'refused') return callback(smtpError(550, `5.7.1 ${delivery.message}`));
          return callback(null, answerOf(delivery));
        } catch (error) {
          log.error({ err: error, mail: parsed.messageId ?? null }, 'mail: not stored, answered 451 so the sender retries');
          return callback(smtpError(451, '4.3.0 The help desk cannot store mail at the moment; try again later'));
        }
      })().catch((error: unknown) => {
        log.error({ err: error }, 'mail: failed');
        callback(smtpError(451, '4.3.0 Try again later'));
      });
    },
  });
  server.on('error', (error) => log.warn({ err: error }, 'mail: connection error'));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(settings.listen.port, settings.listen.host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const port = (server.server.address() as AddressInfo).port;
  log.info({ host: settings.listen.host, port }, 'mail: listening for SMTP');
  return { port, close: () => new Promise((resolve) => server.close(() => resolve())) };
};
