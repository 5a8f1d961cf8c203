/**
 * A Twilio-compatible messages API on 127.0.0.1 for tests: real HTTP, Basic auth, form-encoded requests,
 * `201 { sid }` answers. It records what it was asked to send.
 */
import { createServer, type Server } from 'node:http';

export interface SentSms {
  to: string;
  from: string;
  body: string;
  statusCallback: string | null;
}

export interface TestSmsProvider {
  url: string;
  sid: string;
  token: string;
  sent: SentSms[];
  /** Answer the next requests with this status (e.g. 400 for a bad number, 503 for an outage). */
  failWith: number | null;
  close(): Promise<void>;
}

export async function startSmsProvider(): Promise<TestSmsProvider> {
  const sid = 'ACtest0000000000000000000000000000';
  const token = 'test-auth-token';
  const sent: SentSms[] = [];
  const state: { failWith: number | null } = { failWith: null };
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const auth = `Basic ${Buffer.from(`${sid}:${token}`).toString('base64')}`;
      if (req.method !== 'POST' || req.url !== `/2010-04-01/Accounts/${sid}/Messages.json`)
        return void res.writeHead(404).end('{}');
      if (req.headers.authorization !== auth)
        return void res.writeHead(401).end('{"code":20003,"message":"Authenticate"}');
      if (state.failWith)
        return void res
          .writeHead(state.failWith, { 'content-type': 'application/json' })
          .end('{"code":21211,"message":"Invalid To number"}');
      const f = new URLSearchParams(raw);
      sent.push({
        to: f.get('To') ?? '',
        from: f.get('From') ?? '',
        body: f.get('Body') ?? '',
        statusCallback: f.get('StatusCallback'),
      });
      res
        .writeHead(201, { 'content-type': 'application/json' })
        .end(JSON.stringify({ sid: `SM${String(sent.length).padStart(32, '0')}`, status: 'queued' }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    sid,
    token,
    sent,
    get failWith() {
      return state.failWith;
    },
    set failWith(v) {
      state.failWith = v;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
