/** Import sites from a CSV file in the console: every row checked, problems listed by row and column, all or nothing. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorFromRequest } from '../platform/audit/index.js';
import { authorize } from '../platform/auth/index.js';
import { sendConsolePage } from '../platform/http/console-page.js';
import { uploadedText } from '../platform/http/forms.js';
import { navBuilder } from '../platform/http/page.js';
import type { ModuleDeps } from '../platform/module.js';
import { importSites } from './import-sites.js';
import { sitesMessages } from './messages.js';
import { canAddSites } from './policy.js';
import { SitesImportPage } from './views/import-page.js';

/** The sample offered for download: the columns `importSites` reads, with two rows. */
export const SAMPLE_SITES_CSV = `name,address,postalCode,timeZone,phone,latitude,longitude,accessibility,languages,walkIns,vtrcksPin
Eastside Community Center,200 East Avenue Springfield,12345,America/New_York,555-010-0400,40.7128,-74.0060,wheelchair;parking,en;es,yes,
Westside Library,15 West Street Springfield,12346,America/Chicago,,,,wheelchair,en,no,
`;

const Query = z.object({ imported: z.coerce.number().int().min(0).optional().catch(undefined) });

/** True when the server parses multipart bodies (the file then travels itself). */
const takesUploads = (request: FastifyRequest) => request.server.hasContentTypeParser('multipart/form-data');

export function registerSiteImportRoutes(app: FastifyInstance, deps: ModuleDeps): void {
  const nav = navBuilder(deps.consoleLinks);
  const manage = { preHandler: authorize(canAddSites) };
  const frame = (request: FastifyRequest, status = 200) => ({
    nav,
    current: '/staff/sites',
    title: sitesMessages.for(request.locale)('sites.import.title'),
    status,
  });

  app.get('/staff/sites/import', manage, async (request, reply) => {
    const { imported } = Query.parse(request.query);
    return sendConsolePage(request, reply, frame(request), (ctx) => (
      <SitesImportPage ctx={ctx} multipart={takesUploads(request)} problems={[]} imported={imported} />
    ));
  });

  app.post('/staff/sites/import', manage, async (request, reply) => {
    const csv = uploadedText(request.body, 'file', 'csv');
    const r = await importSites(csv, { db: deps.db, now: deps.now, actor: actorFromRequest(request) });
    if (r.ok) return reply.redirect(`/staff/sites/import?imported=${r.imported}`, 303);
    return sendConsolePage(request, reply, frame(request, 400), (ctx) => (
      <SitesImportPage ctx={ctx} multipart={takesUploads(request)} problems={r.problems} value={csv} />
    ));
  });

  app.get('/staff/sites/import/sample.csv', manage, async (_request, reply) =>
    reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="sites-sample.csv"')
      .send(SAMPLE_SITES_CSV),
  );
}
