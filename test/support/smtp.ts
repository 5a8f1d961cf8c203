/**
 * A real SMTP server in the test process (the `smtp-server` package); every message it accepts is parsed with
 * mailparser. It can be stopped and started again on the same port to play an outage.
 */
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface TestSmtp {
  port: number;
  url: string;
  received: ParsedMail[];
  stop(): Promise<void>;
  start(): Promise<void>;
}

export async function startSmtp(opts: { delayMs?: number; port?: number } = {}): Promise<TestSmtp> {
  const received: ParsedMail[] = [];
  let server: SMTPServer | null = null;
  let port = opts.port ?? 0;
  const make = () =>
    new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const done = () =>
            simpleParser(Buffer.concat(chunks)).then(
              (mail) => {
                received.push(mail);
                callback();
              },
              (err: Error) => callback(err),
            );
          if (opts.delayMs) setTimeout(() => void done(), opts.delayMs);
          else void done();
        });
      },
    });
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server = make();
      server.on('error', reject);
      server.listen(port, '127.0.0.1', () => {
        const address = (server as unknown as { server: { address(): { port: number } } }).server.address();
        port = address.port;
        resolve();
      });
    });
  await listen();
  const api: TestSmtp = {
    get port() {
      return port;
    },
    get url() {
      return `smtp://127.0.0.1:${port}`;
    },
    received,
    stop: () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
    start: listen,
  };
  return api;
}
