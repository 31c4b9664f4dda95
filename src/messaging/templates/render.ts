import type { Template, Ticket } from '../../db/schema.js';
import { fillPlaceholders, isPositional, placeholdersOf } from './placeholders.js';
import { type Channel, isKnownVariable, resolveVariable, variableLabel } from './variables.js';

export interface RenderedTemplate {
  /** The body as the customer reads it. */
  text: string;
  parameters: { name?: string; text: string }[];
  /** The dynamic part of the URL button, when the template has one. */
  urlButtonSuffix?: string;
  /** The button's full URL, for the timeline and the preview. */
  buttonUrl?: string;
  quickReplies: string[];
  /** Placeholders with no binding or no value for this ticket, in pt-BR, for the preview. */
  problems: string[];
}

/**
 * Renders a template for a ticket with a task's bindings (placeholder → variable). A named
 * placeholder whose name is itself a variable binds to it by default. The URL button's
 * dynamic suffix is bound as `button` (default: the tracking link's path after the base URL).
 */
/** A URL button's fixed part: everything before its trailing {{1}}. */
export function buttonUrlPrefix(buttonUrl: string): string {
  return buttonUrl.replace(/\{\{\s*1\s*\}\}\s*$/, '');
}

export function renderTemplate(
  template: Pick<Template, 'body' | 'button_url' | 'quick_replies'>,
  bindings: Readonly<Record<string, string>>,
  ticket: Ticket,
  publicUrl: string,
  channel: Channel = 'whatsapp',
): RenderedTemplate {
  const placeholders = placeholdersOf(template.body);
  const positional = isPositional(placeholders);
  const problems: string[] = [];
  const values: Record<string, string> = {};
  for (const placeholder of placeholders) {
    const variable = bindings[placeholder] ?? (!positional && isKnownVariable(placeholder) ? placeholder : undefined);
    if (variable === undefined) {
      problems.push(`A variável {{${placeholder}}} não está associada a nenhum dado.`);
      values[placeholder] = '';
      continue;
    }
    const value = resolveVariable(variable, ticket, publicUrl, channel);
    if (value === undefined) problems.push(`${variableLabel(variable)} está vazio neste chamado ({{${placeholder}}}).`);
    values[placeholder] = value ?? '';
  }
  const rendered: RenderedTemplate = {
    text: fillPlaceholders(template.body, values),
    parameters: placeholders.map((name) => (positional ? { text: values[name]! } : { name, text: values[name]! })),
    quickReplies: JSON.parse(template.quick_replies) as string[],
    problems,
  };
  if (template.button_url) {
    const variable = bindings.button ?? 'tracking_link';
    const full = resolveVariable(variable, ticket, publicUrl, channel) ?? '';
    // The button's URL is fixed up to its {{1}}; only what follows that prefix is sent.
    const prefix = buttonUrlPrefix(template.button_url);
    rendered.urlButtonSuffix = full.startsWith(prefix) ? full.slice(prefix.length) : full;
    rendered.buttonUrl = `${prefix}${rendered.urlButtonSuffix}`;
  }
  return rendered;
}
