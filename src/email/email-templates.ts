import type { Kysely } from 'kysely';
import type { DB, EmailTemplate, Ticket } from '../db/schema.js';
import { isKnownVariable, resolveVariable, variableLabel } from '../messaging/templates/variables.js';

/**
 * E-mail templates: a subject, an HTML body and a text body, with the same variables as the
 * WhatsApp templates written by name (`{{customer_name}}`, `{{tracking_link}}`,
 * `{{field.processNumber}}`). Unlike an HSM nothing has to be approved, so a placeholder names
 * its variable directly and there are no bindings.
 */
const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}/g;

export interface EmailTemplateInput {
  name: string;
  subject: string;
  html: string;
  text: string;
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
  /** Variables with no value for this ticket, in pt-BR (the preview shows them). */
  problems: string[];
}

export class EmailTemplateError extends Error {
  constructor(
    readonly field: keyof EmailTemplateInput,
    message: string,
  ) {
    super(message);
  }
}

export function emailPlaceholders(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((match) => match[1]!))];
}

/** Why the template cannot be used, naming the field; nothing when it can. */
export function checkEmailTemplate(input: EmailTemplateInput): void {
  if (input.name.trim() === '') throw new EmailTemplateError('name', 'Dê um nome ao modelo.');
  if (input.subject.trim() === '') throw new EmailTemplateError('subject', 'O assunto não pode ser vazio.');
  if (/[\r\n]/.test(input.subject)) throw new EmailTemplateError('subject', 'O assunto deve ter uma linha só.');
  if (input.html.trim() === '' && input.text.trim() === '')
    throw new EmailTemplateError('text', 'Escreva o corpo do e-mail (texto, HTML ou os dois).');
  for (const field of ['subject', 'html', 'text'] as const) {
    for (const variable of emailPlaceholders(input[field])) {
      if (!isKnownVariable(variable)) {
        throw new EmailTemplateError(field, `Variável desconhecida: {{${variable}}}.`);
      }
    }
    const stray = input[field].replace(PLACEHOLDER, '').match(/\{\{[^}]*\}\}/);
    if (stray) throw new EmailTemplateError(field, `Variável inválida ${stray[0]}.`);
  }
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);

/**
 * The template for one ticket. Links carry the e-mail channel (`c=e`), so opens and answers of
 * what this e-mail sent are counted for e-mail. Values are escaped in the HTML body: a customer
 * name cannot inject markup.
 */
export function renderEmailTemplate(
  template: Pick<EmailTemplate, 'subject' | 'html' | 'text'>,
  ticket: Ticket,
  publicUrl: string,
): RenderedEmail {
  const problems: string[] = [];
  const values = new Map<string, string>();
  for (const variable of emailPlaceholders(`${template.subject}\n${template.html}\n${template.text}`)) {
    const value = resolveVariable(variable, ticket, publicUrl, 'email');
    if (value === undefined) problems.push(`${variableLabel(variable)} está vazio neste chamado ({{${variable}}}).`);
    values.set(variable, value ?? '');
  }
  const fill = (text: string, encode: (value: string) => string) =>
    text.replace(PLACEHOLDER, (_, variable: string) => encode(values.get(variable) ?? ''));
  const text = fill(template.text, (value) => value);
  return {
    subject: fill(template.subject, (value) => value.replace(/[\r\n]+/g, ' ')),
    // A template with only a text body still goes out as HTML, paragraph by paragraph.
    html: template.html.trim() ? fill(template.html, escapeHtml) : textToHtml(text),
    text: template.text.trim() ? text : htmlToText(fill(template.html, escapeHtml)),
    problems,
  };
}

function textToHtml(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|h[1-6]|li)>/gi, '\n\n')
    .replace(/<a\s[^>]*href="([^"]*)"[^>]*>(.*?)<\/a>/gi, '$2 ($1)')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export function listEmailTemplates(db: Kysely<DB>, workspaceId: number): Promise<EmailTemplate[]> {
  return db.selectFrom('email_templates').selectAll().where('workspace_id', '=', workspaceId).orderBy('name').execute();
}

export function findEmailTemplate(db: Kysely<DB>, workspaceId: number, id: number): Promise<EmailTemplate | undefined> {
  return db
    .selectFrom('email_templates')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function createEmailTemplate(
  db: Kysely<DB>,
  workspaceId: number,
  input: EmailTemplateInput,
  now = Date.now(),
): Promise<EmailTemplate> {
  checkEmailTemplate(input);
  return db
    .insertInto('email_templates')
    .values({ workspace_id: workspaceId, ...trimmed(input), created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateEmailTemplate(
  db: Kysely<DB>,
  workspaceId: number,
  id: number,
  input: EmailTemplateInput,
  now = Date.now(),
): Promise<EmailTemplate | undefined> {
  checkEmailTemplate(input);
  return db
    .updateTable('email_templates')
    .set({ ...trimmed(input), updated_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

function trimmed(input: EmailTemplateInput) {
  return { name: input.name.trim(), subject: input.subject.trim(), html: input.html, text: input.text };
}
