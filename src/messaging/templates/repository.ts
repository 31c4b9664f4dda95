import type { Kysely } from 'kysely';
import type { DB, Template } from '../../db/schema.js';
import type { ProviderTemplate } from '../providers/provider.js';
import { checkTemplateBody } from './placeholders.js';

export interface TemplateInput {
  name: string;
  language?: string;
  category?: string;
  body: string;
  /** URL with `{{1}}` at its end, where the dynamic suffix goes. */
  buttonUrl?: string | null;
  quickReplies?: string[];
}

export class TemplateInputError extends Error {
  override readonly name = 'TemplateInputError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

const CATEGORIES = ['UTILITY', 'MARKETING', 'AUTHENTICATION'] as const;

/** Checks a template as Meta would, with pt-BR reasons naming the field. */
export function validateTemplate(input: TemplateInput): Required<TemplateInput> {
  const name = input.name.trim();
  if (!/^[a-z0-9_]{1,512}$/.test(name)) {
    throw new TemplateInputError('name', 'use só letras minúsculas, dígitos e _ no nome do modelo (regra do WhatsApp)');
  }
  const language = input.language ?? 'pt_BR';
  if (!/^[a-z]{2,3}(_[A-Z]{2})?$/.test(language))
    throw new TemplateInputError('language', `idioma inválido "${language}" (ex.: pt_BR)`);
  const category = (input.category ?? 'UTILITY').toUpperCase();
  if (!(CATEGORIES as readonly string[]).includes(category)) {
    throw new TemplateInputError('category', `categoria inválida: use ${CATEGORIES.join(', ')}`);
  }
  const problem = checkTemplateBody(input.body);
  if (problem) throw new TemplateInputError('body', problem);
  const buttonUrl = input.buttonUrl?.trim() || null;
  if (buttonUrl !== null && !/^https?:\/\/\S+\{\{1\}\}$/.test(buttonUrl)) {
    throw new TemplateInputError('buttonUrl', 'a URL do botão deve ser absoluta e terminar em {{1}}');
  }
  const quickReplies = input.quickReplies ?? [];
  if (quickReplies.length > 10 || quickReplies.some((r) => r.trim() === '' || r.length > 25)) {
    throw new TemplateInputError('quickReplies', 'até 10 respostas rápidas de até 25 caracteres');
  }
  return { name, language, category, body: input.body, buttonUrl, quickReplies };
}

export async function createTemplate(
  db: Kysely<DB>,
  workspaceId: number,
  input: TemplateInput,
  status: string,
  now = Date.now(),
): Promise<Template> {
  const t = validateTemplate(input);
  return db
    .insertInto('templates')
    .values({
      workspace_id: workspaceId,
      name: t.name,
      language: t.language,
      category: t.category,
      body: t.body,
      button_url: t.buttonUrl,
      quick_replies: JSON.stringify(t.quickReplies),
      status,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findTemplate(db: Kysely<DB>, workspaceId: number, name: string, language = 'pt_BR') {
  return db
    .selectFrom('templates')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('name', '=', name)
    .where('language', '=', language)
    .executeTakeFirst();
}

export function listTemplates(db: Kysely<DB>, workspaceId: number) {
  return db.selectFrom('templates').selectAll().where('workspace_id', '=', workspaceId).orderBy('name').execute();
}

/**
 * Brings names and approval status from the provider: a template approved (or paused,
 * rejected…) there is marked so here; one that exists only there is added with its body.
 */
export async function applyTemplateSync(
  db: Kysely<DB>,
  workspaceId: number,
  remote: ProviderTemplate[],
  now = Date.now(),
): Promise<{ updated: number; added: number }> {
  let updated = 0;
  let added = 0;
  await db.transaction().execute(async (trx) => {
    for (const template of remote) {
      const result = await trx
        .updateTable('templates')
        .set({ status: template.status, category: template.category, synced_at: now, updated_at: now })
        .where('workspace_id', '=', workspaceId)
        .where('name', '=', template.name)
        .where('language', '=', template.language)
        .executeTakeFirst();
      if (result.numUpdatedRows > 0n) {
        updated++;
        continue;
      }
      await trx
        .insertInto('templates')
        .values({
          workspace_id: workspaceId,
          name: template.name,
          language: template.language,
          category: template.category,
          body: template.body,
          button_url: null,
          status: template.status,
          synced_at: now,
          created_at: now,
          updated_at: now,
        })
        .execute();
      added++;
    }
  });
  return { updated, added };
}
