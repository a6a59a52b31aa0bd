import type { FastifyInstance } from 'fastify';
import { syncScopeResponseSchema } from '../../shared/api/sync';
import type { WorkingSetParams } from '../../shared/sync/workingSet';
import { defineRoute } from '../api/contract';
import { route } from '../api/route';

export const syncScopeRoute = defineRoute({
  id: 'syncScope',
  method: 'GET',
  url: '/api/sync/scope',
  access: 'signed-in',
  summary: "The working set's parameters",
  description:
    'What a console holds for its user is decided by one rule (docs/ARCHITECTURE.md, "The working set"), applied by the server and by the console; its parameters come from the server.',
  responses: { 200: { description: 'The parameters this server was started with.', content: { 'application/json': syncScopeResponseSchema } } },
});

/** GET /api/sync/scope: the same for every user, set at start (MEJA_SYNC_RECENT_DAYS, MEJA_SYNC_MINE_DAYS). */
export const syncScopeRoutes = (app: FastifyInstance, scope: WorkingSetParams): void => {
  const answer = { recentDays: scope.recentDays, mineDays: scope.mineDays, openedDays: scope.openedDays, openedMax: scope.openedMax };
  route(app, syncScopeRoute, async () => answer);
};
