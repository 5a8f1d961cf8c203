/** The clinic's stylesheet and QR-scan script, served from our origin (the CSP allows only 'self'). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'assets');
const FILES: Record<string, string> = {
  'clinic.css': 'text/css; charset=utf-8',
  'scan.js': 'text/javascript; charset=utf-8',
};

export function registerClinicAssets(app: FastifyInstance): void {
  for (const [name, type] of Object.entries(FILES)) {
    const body = readFileSync(path.join(DIR, name));
    app.get(`/assets/clinic/${name}`, async (_request, reply) =>
      reply.header('content-type', type).header('cache-control', 'public, max-age=3600').send(body),
    );
  }
}
