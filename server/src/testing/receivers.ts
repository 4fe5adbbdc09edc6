import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** What a local robot receiver saw: the path with its query, and the JSON body. */
export interface ReceivedPost {
  url: string;
  body: any;
}

/**
 * A local HTTP server standing in for WeCom, DingTalk and Feishu robots: it keeps every POST
 * and answers with `answer()` (HTTP 200 `{"errcode":0}` unless told otherwise), after `delayMs`
 * (a robot's round trip: senders in two processes then overlap).
 */
export async function startRobotReceiver(o: { delayMs?: number } = {}) {
  const received: ReceivedPost[] = [];
  let answer: () => { status: number; body: unknown } = () => ({ status: 200, body: { errcode: 0, errmsg: 'ok' } });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ url: req.url ?? '', body: JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null') });
      const a = answer();
      const reply = () => res.writeHead(a.status, { 'content-type': 'application/json' }).end(JSON.stringify(a.body));
      if (o.delayMs) setTimeout(reply, o.delayMs);
      else reply();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    received,
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    answerWith(a: typeof answer) {
      answer = a;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A message the local SMTP server accepted. */
export interface ReceivedMail {
  to: string[];
  raw: string;
}

/** A real SMTP server on 127.0.0.1 (no TLS, no authentication) that keeps what it is given. */
export async function startSmtpReceiver(onMail?: (m: ReceivedMail) => void) {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const m = { to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') };
        received.push(m);
        onMail?.(m);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    received,
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
