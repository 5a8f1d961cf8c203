/**
 * Free TCP ports on 127.0.0.1 for servers started as child processes (which take their port from PORT), in tests
 * and in `bench/surge.ts`. The OS picks them: all are held open together, so the n ports differ, then released for
 * the child to take. Unlike a random number in a fixed range, two test files running at once cannot be handed the
 * same port.
 */
import { createServer, type Server } from 'node:net';

export async function freePorts(n: number): Promise<number[]> {
  const servers: Server[] = [];
  try {
    for (let i = 0; i < n; i++) {
      const s = createServer();
      servers.push(s);
      await new Promise<void>((resolve, reject) => {
        s.once('error', reject);
        s.listen(0, '127.0.0.1', () => resolve());
      });
    }
    return servers.map((s) => {
      const a = s.address();
      if (!a || typeof a === 'string') throw new Error('no TCP address');
      return a.port;
    });
  } finally {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  }
}

export async function freePort(): Promise<number> {
  const [port] = await freePorts(1);
  if (port === undefined) throw new Error('no free port');
  return port;
}
