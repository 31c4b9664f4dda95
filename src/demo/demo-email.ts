import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { loadEmailSettings, saveEmailSettings } from '../email/email-settings.js';
import { createEmailTemplate, type EmailTemplateInput, listEmailTemplates } from '../email/email-templates.js';
import { INBOX_HOST } from '../simulator/email-inbox.js';
import { DEMO, DEMO_PROCEDURE } from './seed-demo.js';

export const DEMO_EMAIL_FROM = { address: 'atendimento@demo.ponte.local', name: DEMO.name } as const;

/** The demo's e-mails: the same greeting and completion as its WhatsApp templates, with their links. */
export const DEMO_EMAIL_TEMPLATES = {
  opening: {
    name: 'abertura_chamado',
    subject: 'Recebemos sua solicitação: chamado nº {{protocol}}',
    text: [
      'Olá, {{customer_name}}!',
      '',
      'Recebemos sua solicitação e abrimos o chamado nº {{protocol}}.',
      'Acompanhe o andamento por aqui: {{tracking_link}}',
      '',
      'Assistência Técnica Demo',
    ].join('\n'),
    html: [
      '<p>Olá, {{customer_name}}!</p>',
      '<p>Recebemos sua solicitação e abrimos o chamado nº <strong>{{protocol}}</strong>.</p>',
      '<p><a href="{{tracking_link}}">Acompanhar o chamado</a></p>',
      '<p>Assistência Técnica Demo</p>',
    ].join('\n'),
  },
  closing: {
    name: 'encerramento_chamado',
    subject: 'Chamado nº {{protocol}} concluído: conte como foi',
    text: [
      'Olá, {{customer_name}}!',
      '',
      'Seu chamado nº {{protocol}} foi concluído.',
      'Conte como foi o atendimento, leva menos de um minuto: {{survey_link}}',
      '',
      'Assistência Técnica Demo',
    ].join('\n'),
    html: [
      '<p>Olá, {{customer_name}}!</p>',
      '<p>Seu chamado nº <strong>{{protocol}}</strong> foi concluído.</p>',
      '<p>Conte como foi o atendimento, leva menos de um minuto: <a href="{{survey_link}}">responder à pesquisa</a></p>',
      '<p>Assistência Técnica Demo</p>',
    ].join('\n'),
  },
} as const satisfies Record<string, EmailTemplateInput>;

/** The tasks of the demo procedure that send these e-mails when the customer has no WhatsApp. */
const FALLBACK_TASKS = { Abertura: 'opening', Encerramento: 'closing' } as const;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/**
 * The demo workspace's e-mail channel, pointed at the simulator's inbox (127.0.0.1:`inboxPort`):
 * its SMTP settings, the greeting and completion templates, and "usar e-mail quando não houver
 * WhatsApp" on the procedure's opening and closing tasks. Idempotent, and it completes a demo
 * workspace made before the e-mail channel existed. What a person changed is kept: SMTP settings
 * pointing at a real server, a template edited, a task that already has an e-mail template.
 */
export async function seedDemoEmail(
  db: Kysely<DB>,
  secretKey: Buffer,
  workspaceId: number,
  inboxPort: number,
  now = Date.now(),
): Promise<{ smtpConfigured: boolean }> {
  const settings = await loadEmailSettings(db, workspaceId);
  const smtpConfigured = settings === undefined || LOOPBACK_HOSTS.has(settings.host);
  if (smtpConfigured) {
    await saveEmailSettings(
      db,
      secretKey,
      workspaceId,
      {
        host: INBOX_HOST,
        port: inboxPort,
        security: 'none',
        username: null,
        password: null,
        fromAddress: DEMO_EMAIL_FROM.address,
        fromName: DEMO_EMAIL_FROM.name,
      },
      now,
    );
  }
  const existing = await listEmailTemplates(db, workspaceId);
  const templateIds: Record<keyof typeof DEMO_EMAIL_TEMPLATES, number> = { opening: 0, closing: 0 };
  for (const key of ['opening', 'closing'] as const) {
    const input = DEMO_EMAIL_TEMPLATES[key];
    const found = existing.find((template) => template.name === input.name);
    templateIds[key] = found ? found.id : (await createEmailTemplate(db, workspaceId, input, now)).id;
  }
  const procedure = await db
    .selectFrom('procedures')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('name', '=', DEMO_PROCEDURE)
    .executeTakeFirst();
  if (procedure) {
    for (const [taskName, key] of Object.entries(FALLBACK_TASKS)) {
      await db
        .updateTable('procedure_tasks')
        .set({ email_fallback: 1, email_template_id: templateIds[key], updated_at: now })
        .where('workspace_id', '=', workspaceId)
        .where('procedure_id', '=', procedure.id)
        .where('name', '=', taskName)
        .where('email_template_id', 'is', null)
        .execute();
    }
  }
  return { smtpConfigured };
}
