import { connect, type Socket } from 'node:net';

/** One SMTP reply: its code and its text (the lines of a multi-line reply joined). */
export type SmtpReply = { code: number; text: string };

/** What a delivery got: the reply to each step sent, the last being the answer to the mail (or the refusal that stopped it). */
export type SmtpExchange = { replies: SmtpReply[]; final: SmtpReply };

/** Reads replies off a socket: a reply ends at a line whose fourth character is a space. */
const replyReader = (socket: Socket) => {
  let buffer = '';
  const waiting: Array<(reply: SmtpReply) => void> = [];
  const ready: SmtpReply[] = [];
  let lines: string[] = [];
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    for (let end = buffer.indexOf('\r\n'); end >= 0; end = buffer.indexOf('\r\n')) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      lines.push(line.slice(4));
      if (line[3] !== '-') {
        const reply = { code: Number(line.slice(0, 3)), text: lines.join('\n') };
        lines = [];
        const taker = waiting.shift();
        if (taker === undefined) ready.push(reply);
        else taker(reply);
      }
    }
  });
  return (): Promise<SmtpReply> => {
    const reply = ready.shift();
    if (reply !== undefined) return Promise.resolve(reply);
    return new Promise((resolve, reject) => {
      waiting.push(resolve);
      socket.once('close', () => reject(new Error('the SMTP server closed the connection')));
    });
  };
};

/**
 * Delivers one mail to an SMTP server over a plain socket, as a sending mail server would: EHLO,
 * MAIL FROM, RCPT TO each recipient, DATA with the message as given (lines dot-stuffed), QUIT.
 * Stops at the first refusal. The message is sent byte for byte, so tests can send what a
 * well-behaved library never would.
 */
export const sendMail = async (port: number, mail: { from: string; to: readonly string[]; data: string | Buffer }): Promise<SmtpExchange> => {
  const socket = connect(port, '127.0.0.1');
  const next = replyReader(socket);
  const replies: SmtpReply[] = [];
  const step = async (line: string | null): Promise<SmtpReply> => {
    if (line !== null) socket.write(`${line}\r\n`);
    const reply = await next();
    replies.push(reply);
    return reply;
  };
  try {
    const stopped = (reply: SmtpReply): SmtpExchange | null => (reply.code >= 400 ? { replies, final: reply } : null);
    const greeting = await step(null);
    const early = stopped(greeting) ?? stopped(await step('EHLO sender.example')) ?? stopped(await step(`MAIL FROM:<${mail.from}>`));
    if (early !== null) return early;
    for (const to of mail.to) {
      const refused = stopped(await step(`RCPT TO:<${to}>`));
      if (refused !== null) return refused;
    }
    const go = stopped(await step('DATA'));
    if (go !== null) return go;
    const body = Buffer.isBuffer(mail.data) ? mail.data.toString('latin1') : mail.data;
    const stuffed = body.replace(/\r?\n/g, '\r\n').replace(/^\./gm, '..');
    socket.write(Buffer.from(`${stuffed}${stuffed.endsWith('\r\n') ? '' : '\r\n'}.\r\n`, 'latin1'));
    const final = await step(null);
    socket.write('QUIT\r\n');
    return { replies, final };
  } finally {
    socket.end();
  }
};

/** A plain mail's text: headers (one per entry) and a body. */
export const mailText = (headers: Record<string, string>, body: string): string =>
  `${Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join('\r\n')}\r\n\r\n${body}`;
