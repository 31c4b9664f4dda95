import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../http/app-context.js';
import { ApiError, ERRORS } from '../http/errors.js';
import { formatDateTime } from '../portal/formatting.js';
import { channelFromQuery, channelQuery } from '../portal/link-channel.js';
import { messagePage, sendPage } from '../portal/page-layout.js';
import type { PortalDeps } from '../portal/portal-deps.js';
import { PublicLinkParams, PublicLinkQuery, replyTooManyRequests, replyUnknownLink } from '../portal/portal-routes.js';
import { findTicketByToken } from '../portal/tracking-repository.js';
import { FormTokens } from './form-token.js';
import { formValues, parseSurveyAnswer, type SurveyFormValues } from './survey-input.js';
import { renderSurveyForm, renderThankYou } from './survey-page.js';
import { SURVEY_RULES } from './survey-rules.js';
import { createSurveyWriter } from './survey-writer.js';

/** A form post is a few hundred bytes; 16 KB leaves room for a 1,000-character comment in any script. */
const FORM_BODY_LIMIT = 16 * 1024;

/**
 * A post from another site. The form token is the real guard; Origin and Referer, when a browser
 * sends them, are checked too. Our pages send no referrer (the token is in the URL), and with
 * `Referrer-Policy: no-referrer` a browser posts `Origin: null`: that is treated as absent.
 */
function fromAnotherSite(request: FastifyRequest, publicOrigin: string): boolean {
  const sameSite = (value: string) => {
    try {
      const url = new URL(value);
      return url.origin === publicOrigin || url.host === request.headers.host;
    } catch {
      return false;
    }
  };
  const { origin, referer } = request.headers;
  if (origin !== undefined && origin !== 'null') return !sameSite(origin);
  if (referer !== undefined) return !sameSite(referer);
  return false;
}

/** The satisfaction survey: GET and POST /s/{token} (works without JavaScript), and its thank-you page. */
export async function surveyRoutes(app: FastifyInstance, ctx: AppContext, deps: PortalDeps): Promise<void> {
  const { db } = ctx.database;
  const formTokens = new FormTokens(ctx.config.secretKey);
  const writer = createSurveyWriter(db);
  const publicOrigin = new URL(ctx.config.publicUrl).origin;
  const schema = { tags: ['portal'], params: PublicLinkParams, querystring: PublicLinkQuery, produces: ['text/html'] };

  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT },
    (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );
  // Errors on these pages are pages too: a person reads them, not a client library.
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const known =
      error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? { status: 413, text: 'A resposta ficou grande demais. Resuma o comentário e envie de novo.' }
        : error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
          ? { status: 415, text: 'Envie a resposta pelo formulário da pesquisa.' }
          : undefined;
    if (!known) request.log.error({ err: error }, 'survey page failed');
    const status = known?.status ?? 500;
    return sendPage(reply, status, messagePage('Não foi possível continuar', known?.text ?? ERRORS.internal.message));
  });

  const pageInput = (
    ticket: NonNullable<Awaited<ReturnType<typeof findTicketByToken>>>,
    token: string,
    channel: ReturnType<typeof channelFromQuery>,
    now: number,
  ) => ({
    ticket,
    token,
    channel,
    now,
  });

  app.get(
    '/s/:token',
    { schema: { ...schema, summary: 'Pesquisa de satisfação (HTML, pt-BR)' } },
    async (request, reply) => {
      const { token } = request.params as { token: string };
      const ticket = await findTicketByToken(db, deps.branding, token, { withAnswer: true });
      if (!ticket) return replyUnknownLink(deps, request, reply);
      const now = Date.now();
      const channel = channelFromQuery((request.query as { c?: unknown }).c);
      deps.linkEvents.record({
        workspace_id: ticket.workspace_id,
        ticket_id: ticket.id,
        kind: 'survey_opened',
        channel,
        first_at: now,
      });
      const input = pageInput(ticket, token, channel, now);
      if (ticket.answered_at !== null && now >= ticket.answered_at + SURVEY_RULES.changeWindowMs) {
        return sendPage(reply, 200, renderThankYou(input));
      }
      const values: SurveyFormValues = {};
      if (ticket.answer_csat !== null) values.csat = String(ticket.answer_csat);
      if (ticket.answer_nps !== null) values.nps = String(ticket.answer_nps);
      if (ticket.answer_comment !== null) values.comment = ticket.answer_comment;
      return sendPage(reply, 200, renderSurveyForm(input, formTokens.issue(token, now), values));
    },
  );

  app.get(
    '/s/:token/obrigado',
    { schema: { ...schema, summary: 'Agradecimento após responder à pesquisa (HTML, pt-BR)' } },
    async (request, reply) => {
      const { token } = request.params as { token: string };
      const ticket = await findTicketByToken(db, deps.branding, token, { withAnswer: true });
      if (!ticket) return replyUnknownLink(deps, request, reply);
      const channel = channelFromQuery((request.query as { c?: unknown }).c);
      if (ticket.answered_at === null)
        return reply.header('cache-control', 'no-store').redirect(`/s/${token}${channelQuery(channel)}`, 303);
      return sendPage(reply, 200, renderThankYou(pageInput(ticket, token, channel, Date.now())));
    },
  );

  /** Shows the form again with what was typed, a fresh form token and the reason, under a 4xx. */
  const refuse = async (
    request: FastifyRequest,
    reply: FastifyReply,
    token: string,
    error: ApiError,
    values: SurveyFormValues,
  ) => {
    const ticket = await findTicketByToken(db, deps.branding, token, { withAnswer: true });
    if (!ticket) return replyUnknownLink(deps, request, reply);
    const now = Date.now();
    const channel = channelFromQuery(
      (request.body as { c?: unknown } | undefined)?.c ?? (request.query as { c?: unknown }).c,
    );
    const input = { ...pageInput(ticket, token, channel, now), alert: { kind: 'err' as const, text: error.message } };
    const closed = ticket.answered_at !== null && now >= ticket.answered_at + SURVEY_RULES.changeWindowMs;
    if (error.code === 'survey_duplicate' || error.code === 'survey_locked' || closed) {
      return sendPage(reply, error.status, renderThankYou(input));
    }
    return sendPage(reply, error.status, renderSurveyForm(input, formTokens.issue(token, now), values));
  };

  app.post(
    '/s/:token',
    { schema: { ...schema, summary: 'Registra ou altera a resposta da pesquisa (formulário HTML)' } },
    async (request, reply) => {
      const { token } = request.params as { token: string };
      const body = (request.body ?? {}) as Record<string, unknown>;
      const tokenWait = deps.limiters.surveyPostsPerToken.hit(token);
      const ipWait = deps.limiters.surveyPostsPerIp.hit(request.ip);
      if (tokenWait > 0 || ipWait > 0) return replyTooManyRequests(reply, Math.max(tokenWait, ipWait));
      // The app parses JSON everywhere; this form speaks only what an HTML form posts.
      if (!(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
        const page = messagePage('Não foi possível continuar', 'Envie a resposta pelo formulário da pesquisa.');
        return sendPage(reply, 415, page);
      }
      const values = formValues(body);
      if (fromAnotherSite(request, publicOrigin))
        return refuse(request, reply, token, new ApiError('survey_cross_origin'), values);
      const now = Date.now();
      const form = formTokens.check(token, body.form_token, now);
      if (!form.ok) {
        const code = form.reason === 'expired' ? 'survey_form_expired' : 'survey_form_invalid';
        return refuse(request, reply, token, new ApiError(code, 'form_token'), values);
      }
      // NPS is checked against its scale here; a workspace without the question drops it when recording.
      const parsed = parseSurveyAnswer(values, true);
      if (!parsed.ok) return refuse(request, reply, token, parsed.error, values);
      const channel = channelFromQuery(body.c ?? (request.query as { c?: unknown }).c);
      const outcome = await writer.submit({ token, answer: parsed.answer, channel, issuedAt: form.issuedAt, at: now });
      switch (outcome.kind) {
        case 'not_found':
          return replyUnknownLink(deps, request, reply);
        case 'duplicate':
          return refuse(request, reply, token, new ApiError('survey_duplicate'), values);
        case 'locked': {
          const when = formatDateTime(outcome.lockedAt);
          const message = `O prazo para alterar a resposta terminou em ${when}; a resposta registrada foi mantida.`;
          return refuse(request, reply, token, new ApiError('survey_locked', undefined, message), values);
        }
        default:
          // Post/redirect/get: reloading the thank-you page never posts again.
          return reply
            .header('cache-control', 'no-store')
            .header('referrer-policy', 'no-referrer')
            .redirect(`/s/${token}/obrigado${channelQuery(channel)}`, 303);
      }
    },
  );
}
