import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireUser } from '../auth/require-user.js';
import type { AppContext } from '../http/app-context.js';
import type { PortalDeps } from '../portal/portal-deps.js';
import { parsePeriod } from './period.js';
import { reportToCsv } from './report-csv.js';
import { ReportQuery, ReportSchema } from './report-schema.js';
import { buildReport } from './report-service.js';

const ErrorResponse = Type.Object({ code: Type.String(), message: Type.String(), field: Type.Optional(Type.String()) });

/** Reports for supervisors: the JSON figures and the same figures as a CSV download. */
export async function reportRoutes(app: FastifyInstance, ctx: AppContext, deps: PortalDeps): Promise<void> {
  const load = async (request: FastifyRequest) => {
    const user = await requireUser(ctx, request, 'supervisor');
    const { from, to } = request.query as { from?: string; to?: string };
    const period = parsePeriod(from, to);
    // Opens this process served but has not written yet belong in the figures.
    await deps.linkEvents.flush();
    return buildReport(ctx.database.db, user.workspaceId, period);
  };
  const common = {
    tags: ['reports'],
    security: [{ session: [] }],
    querystring: ReportQuery,
  };

  app.get(
    '/api/v1/reports/summary',
    {
      schema: {
        ...common,
        summary:
          'Mensagens por canal e status, falhas por motivo, pesquisas e taxa de resposta por canal, CSAT, NPS, chamados',
        response: { 200: ReportSchema, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse },
      },
    },
    load,
  );

  app.get(
    '/api/v1/reports/summary.csv',
    {
      schema: {
        ...common,
        summary: 'O mesmo relatório em CSV (UTF-8 com BOM, separado por ponto e vírgula, para o Excel em português)',
        produces: ['text/csv'],
        response: { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse },
      },
    },
    async (request, reply) => {
      const report = await load(request);
      const name = `ponte-relatorio-${report.period.from}-a-${report.period.to}.csv`;
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('cache-control', 'no-store')
        .send(reportToCsv(report));
    },
  );
}
