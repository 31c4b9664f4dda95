import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { requireUser } from '../auth/require-user.js';
import type { AppContext } from '../http/app-context.js';
import { ApiError } from '../http/errors.js';
import { BRANDING_DEFAULTS, BRANDING_LIMITS, COLOR_PATTERN, logoProblem } from './branding.js';
import type { PortalDeps } from './portal-deps.js';

const ErrorResponse = Type.Object({ code: Type.String(), message: Type.String(), field: Type.Optional(Type.String()) });
const Question = Type.Union([Type.String({ minLength: 3, maxLength: BRANDING_LIMITS.questionChars }), Type.Null()]);

const PortalSettings = Type.Object({
  logoUrl: Type.Union([Type.String({ maxLength: BRANDING_LIMITS.dataUrlChars }), Type.Null()], {
    description: 'Imagem data:image/…;base64 (sem requisição externa) ou endereço https://; null: monograma',
  }),
  brandColor: Type.Union([Type.String({ pattern: COLOR_PATTERN.source }), Type.Null()], {
    description: `Cor da marca (#RRGGBB); null: ${BRANDING_DEFAULTS.brandColor}`,
  }),
  csatQuestion: Question,
  commentQuestion: Question,
  npsEnabled: Type.Boolean(),
  npsQuestion: Type.Union([Type.String({ minLength: 3, maxLength: BRANDING_LIMITS.questionChars }), Type.Null()], {
    description: '{empresa} é trocado pelo nome do workspace',
  }),
});
type PortalSettings = Static<typeof PortalSettings>;

const SettingsView = Type.Object({
  settings: PortalSettings,
  defaults: Type.Object({
    brandColor: Type.String(),
    csatQuestion: Type.String(),
    commentQuestion: Type.String(),
    npsQuestion: Type.String(),
  }),
});

/** The customer pages' look and survey texts, per workspace (supervisors). null: the pt-BR default. */
export async function portalSettingsRoutes(app: FastifyInstance, ctx: AppContext, deps: PortalDeps): Promise<void> {
  const { db } = ctx.database;
  const read = async (workspaceId: number) => {
    const w = await db
      .selectFrom('workspaces')
      .select(['logo_url', 'brand_color', 'csat_question', 'comment_question', 'nps_enabled', 'nps_question'])
      .where('id', '=', workspaceId)
      .executeTakeFirstOrThrow();
    return {
      settings: {
        logoUrl: w.logo_url,
        brandColor: w.brand_color,
        csatQuestion: w.csat_question,
        commentQuestion: w.comment_question,
        npsEnabled: w.nps_enabled === 1,
        npsQuestion: w.nps_question,
      },
      defaults: { ...BRANDING_DEFAULTS },
    };
  };
  const common = { tags: ['portal'], security: [{ session: [] }] };

  app.get(
    '/api/v1/portal/settings',
    {
      schema: {
        ...common,
        summary: 'Marca e textos da pesquisa nas páginas do cliente',
        response: { 200: SettingsView, 401: ErrorResponse, 403: ErrorResponse },
      },
    },
    async (request) => read((await requireUser(ctx, request, 'supervisor')).workspaceId),
  );

  app.put(
    '/api/v1/portal/settings',
    {
      schema: {
        ...common,
        summary: 'Altera a marca e os textos da pesquisa (todos os campos; null volta ao padrão)',
        body: PortalSettings,
        response: { 200: SettingsView, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse },
      },
    },
    async (request) => {
      const user = await requireUser(ctx, request, 'supervisor');
      const input = request.body as PortalSettings;
      const problem = input.logoUrl === null ? undefined : logoProblem(input.logoUrl);
      if (problem) throw new ApiError('invalid_body', 'logoUrl', `Campo inválido: logoUrl: ${problem}`);
      await db
        .updateTable('workspaces')
        .set({
          logo_url: input.logoUrl,
          brand_color: input.brandColor?.toLowerCase() ?? null,
          csat_question: input.csatQuestion?.trim() || null,
          comment_question: input.commentQuestion?.trim() || null,
          nps_enabled: input.npsEnabled ? 1 : 0,
          nps_question: input.npsQuestion?.trim() || null,
        })
        .where('id', '=', user.workspaceId)
        .execute();
      deps.branding.forget(user.workspaceId);
      return read(user.workspaceId);
    },
  );
}
