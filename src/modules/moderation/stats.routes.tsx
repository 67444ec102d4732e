import type { FastifyInstance } from 'fastify';
import { stringify } from 'csv-stringify/sync';
import type { Deps } from '../../deps';
import { contextOf, redirectAnonymousToLogin } from '../admin/admin.guard';
import { sendAdmin } from '../admin/admin.render';
import { assertModeration } from './moderation.policy';
import { moderationStats, statsTables } from './stats';
import { StatsPage } from './stats.views';

/** `/admin/moderation/stats` and its CSV: the same tables, cell for cell. */
export function registerStatsRoutes(app: FastifyInstance, deps: Deps): void {
  void app.register(async (scope) => {
    redirectAnonymousToLogin(scope);

    scope.get('/admin/moderation/stats', async function showModerationStats(request, reply) {
      assertModeration(request.user, 'moderation:queue');
      const ctx = contextOf(request, request.user);
      const stats = await moderationStats(deps);
      return sendAdmin(ctx, reply, { title: ctx.t('stats.title'), current: 'moderation' }, <StatsPage t={ctx.t} stats={stats} tables={statsTables(ctx.t, ctx.locale, stats)} />);
    });

    scope.get('/admin/moderation/stats.csv', async function moderationStatsCsv(request, reply) {
      assertModeration(request.user, 'moderation:queue');
      const ctx = contextOf(request, request.user);
      const tables = statsTables(ctx.t, ctx.locale, await moderationStats(deps));
      // One long table: the figure's id, then that figure's own columns.
      const lines = tables.flatMap((tb) => [['figure', ...tb.columns], ...tb.rows.map((r) => [tb.id, ...r])]);
      return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="moderation-stats.csv"').send(stringify(lines));
    });
  });
}
