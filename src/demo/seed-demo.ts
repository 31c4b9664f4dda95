import { readFile } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import { generatePassword, hashPassword } from '../auth/passwords.js';
import type { DB } from '../db/schema.js';
import { setProviderAccount } from '../messaging/provider-accounts.js';
import { createTemplate, findTemplate } from '../messaging/templates/repository.js';
import { createProcedure, setStatusMapping } from '../procedures/repository.js';
import { issueApiKey } from '../sources/api-keys.js';
import { createSource, findSource, setCriticalStatuses, setSourceMapping } from '../sources/repository.js';
import { createWorkspace } from '../workspaces/create-workspace.js';
import { findWorkspaceBySlug } from '../workspaces/repository.js';

export const DEMO = {
  slug: 'demo',
  name: 'Assistência Técnica Demo',
  adminEmail: 'admin@demo.ponte.local',
  source: 'erp',
} as const;

const MAPPING_URL = new URL('../../docs/mappings/os-assistencia-tecnica.jsonata', import.meta.url);

export interface DemoCredentials {
  workspace: string;
  source: string;
  apiKey: string;
  adminEmail: string;
  adminPassword: string;
}

/**
 * The demo workspace: an `erp` source whose mapping reads the technical-assistance ERP's own
 * payload (docs/mappings), with its critical statuses; the built-in simulator as its WhatsApp
 * provider; the two templates and the procedure that sends them (greeting with the tracking
 * link when a record opens, completion with the survey link when it closes). Running it again
 * keeps the data, and issues a new admin password and a new API key (the old ones can't be
 * shown again).
 */
export async function seedDemo(db: Kysely<DB>, secretKey: Buffer, now = Date.now()): Promise<DemoCredentials> {
  const mapping = (await readFile(MAPPING_URL, 'utf8')).trim();
  let workspace = await findWorkspaceBySlug(db, DEMO.slug);
  let adminPassword: string;
  if (workspace === undefined) {
    const created = await createWorkspace(db, { slug: DEMO.slug, name: DEMO.name, adminEmail: DEMO.adminEmail }, now);
    adminPassword = created.adminPassword;
    workspace = (await findWorkspaceBySlug(db, DEMO.slug))!;
  } else {
    adminPassword = generatePassword();
    await db
      .updateTable('users')
      .set({ password_hash: await hashPassword(adminPassword), disabled_at: null })
      .where('workspace_id', '=', workspace.id)
      .where('email', '=', DEMO.adminEmail)
      .execute();
  }
  const workspaceId = workspace.id;
  const apiKey = await db.transaction().execute(async (trx) => {
    const source =
      (await findSource(trx, workspaceId, DEMO.source)) ?? (await createSource(trx, workspaceId, DEMO.source, now));
    await setSourceMapping(trx, source.id, mapping);
    await setCriticalStatuses(trx, source.id, ['AVARIA NO TRANSPORTE', 'RECLAMAÇÃO PROCON']);
    return issueApiKey(trx, workspaceId, source.id, now);
  });
  await setProviderAccount(db, secretKey, { id: workspaceId, slug: DEMO.slug }, { kind: 'simulator' }, now);
  await seedDemoProcedure(db, workspaceId, now);
  return { workspace: DEMO.slug, source: DEMO.source, apiKey: apiKey.key, adminEmail: DEMO.adminEmail, adminPassword };
}

export const DEMO_TEMPLATES = {
  opening: {
    name: 'abertura_chamado',
    body: 'Olá, {{1}}! Recebemos sua solicitação e abrimos o chamado nº {{2}}. Acompanhe o andamento por aqui: {{3}}',
    bindings: { '1': 'customer_name', '2': 'protocol', '3': 'tracking_link' },
  },
  closing: {
    name: 'encerramento_chamado',
    body: 'Olá, {{1}}! Seu chamado nº {{2}} foi concluído. Conte como foi o atendimento, leva menos de um minuto: {{3}}',
    bindings: { '1': 'customer_name', '2': 'protocol', '3': 'survey_link' },
    // The survey answered inside WhatsApp: a tap on a score is recorded (src/surveys/whatsapp-reply.ts).
    quickReplies: ['1', '2', '3', '4', '5'],
  },
} as const;

export const DEMO_PROCEDURE = 'Atendimento de Ordem de Serviço';

async function upsertTemplate(
  db: Kysely<DB>,
  workspaceId: number,
  name: string,
  body: string,
  now: number,
  quickReplies: readonly string[] = [],
) {
  const existing = await findTemplate(db, workspaceId, name);
  return (
    existing ??
    createTemplate(
      db,
      workspaceId,
      { name, body, category: 'UTILITY', quickReplies: [...quickReplies] },
      'APPROVED',
      now,
    )
  );
}

/** Abertura (greeting) on open, Em andamento while a part is awaited, Encerramento (survey) on close. */
async function seedDemoProcedure(db: Kysely<DB>, workspaceId: number, now: number): Promise<void> {
  const opening = await upsertTemplate(db, workspaceId, DEMO_TEMPLATES.opening.name, DEMO_TEMPLATES.opening.body, now);
  const closing = await upsertTemplate(
    db,
    workspaceId,
    DEMO_TEMPLATES.closing.name,
    DEMO_TEMPLATES.closing.body,
    now,
    DEMO_TEMPLATES.closing.quickReplies,
  );
  const existing = await db
    .selectFrom('procedures')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('name', '=', DEMO_PROCEDURE)
    .executeTakeFirst();
  if (existing) return;
  const source = (await findSource(db, workspaceId, DEMO.source))!;
  const { taskIds } = await createProcedure(
    db,
    workspaceId,
    DEMO_PROCEDURE,
    [
      {
        name: 'Abertura',
        sendWhatsapp: true,
        whatsappTemplateId: opening.id,
        whatsappBindings: { ...DEMO_TEMPLATES.opening.bindings },
      },
      { name: 'Em andamento', notifyTeam: true },
      {
        name: 'Encerramento',
        sendWhatsapp: true,
        whatsappTemplateId: closing.id,
        whatsappBindings: { ...DEMO_TEMPLATES.closing.bindings },
      },
    ],
    now,
  );
  const [openingTask, progressTask, closingTask] = taskIds as [number, number, number];
  await setStatusMapping(db, workspaceId, source.id, { state: 'open', status: null }, openingTask);
  await setStatusMapping(db, workspaceId, source.id, { state: null, status: 'AGUARDANDO PEÇA' }, progressTask);
  await setStatusMapping(db, workspaceId, source.id, { state: 'closed', status: null }, closingTask);
}
