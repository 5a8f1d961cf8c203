import type { FastifyInstance } from 'fastify';
import { pageContext } from '../platform/http/page.js';
import type { HomeTask } from '../platform/module.js';
import { sendPage } from '../platform/views/index.js';
import { HomePage } from './views/home-page.js';

export function registerHomeRoutes(app: FastifyInstance, tasks: HomeTask[]): void {
  app.get('/', async (request, reply) => sendPage(reply, <HomePage ctx={pageContext(request, reply)} tasks={tasks} />));
}
