/** Import slots from a CSV file in the console (each site's local time): all or nothing, problems by row and column. */
import { DateTime } from 'luxon';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorFromRequest } from '../../platform/audit/index.js';
import { authorize, mayActAtSite, withinSites, type Principal } from '../../platform/auth/index.js';
import { sendConsolePage } from '../../platform/http/console-page.js';
import { uploadedText } from '../../platform/http/forms.js';
import { navBuilder } from '../../platform/http/page.js';
import type { ModuleDeps } from '../../platform/module.js';
import { listSites } from '../../sites/index.js';
import { importSlots } from '../import-slots.js';
import { inventoryMessages } from './messages.js';
import { canManageInventory } from './policy.js';
import * as repo from './repository.js';
import { SlotImportPage } from './views/slot-import-page.js';

const Query = z.object({ imported: z.coerce.number().int().min(0).optional().catch(undefined) });
const takesUploads = (request: FastifyRequest) => request.server.hasContentTypeParser('multipart/form-data');

/** A sample with the reader's first site and this installation's first program (else placeholders), next week. */
export async function sampleSlotsCsv(deps: ModuleDeps, principal: Principal | null): Promise<string> {
  const [site] = withinSites(principal, await listSites(deps.db.kysely), (s) => s.id);
  const program = await repo.firstProgram(deps.db.kysely);
  const day = DateTime.fromMillis(deps.now(), { zone: site?.time_zone ?? 'UTC' })
    .plus({ weeks: 1 })
    .toISODate();
  const s = site?.name.includes(',') ? `"${site.name}"` : (site?.name ?? 'Your site name');
  const p = program?.id ?? 'program-id';
  return `site,program,date,time,durationMinutes,capacity\n${s},${p},${day},09:00,15,4\n${s},${p},${day},09:15,15,4\n`;
}

export function registerSlotImportRoutes(app: FastifyInstance, deps: ModuleDeps): void {
  const nav = navBuilder(deps.consoleLinks);
  const manage = { preHandler: authorize(canManageInventory) };
  const frame = (request: FastifyRequest, status = 200) => ({
    nav,
    current: '/staff/inventory',
    title: inventoryMessages.for(request.locale)('inventory.import.title'),
    status,
  });

  app.get('/staff/appointments/slots/import', manage, async (request, reply) => {
    const { imported } = Query.parse(request.query);
    return sendConsolePage(request, reply, frame(request), (ctx) => (
      <SlotImportPage ctx={ctx} multipart={takesUploads(request)} problems={[]} imported={imported} />
    ));
  });

  app.post('/staff/appointments/slots/import', manage, async (request, reply) => {
    const csv = uploadedText(request.body, 'file', 'csv');
    const r = await importSlots(csv, { db: deps.db, now: deps.now, actor: actorFromRequest(request) }, (siteId) =>
      mayActAtSite(request.principal, siteId),
    );
    if (r.ok) return reply.redirect(`/staff/appointments/slots/import?imported=${r.imported}`, 303);
    return sendConsolePage(request, reply, frame(request, 400), (ctx) => (
      <SlotImportPage ctx={ctx} multipart={takesUploads(request)} problems={r.problems} value={csv} />
    ));
  });

  app.get('/staff/appointments/slots/import/sample.csv', manage, async (request, reply) =>
    reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="slots-sample.csv"')
      .send(await sampleSlotsCsv(deps, request.principal)),
  );
}
