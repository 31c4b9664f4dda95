/**
 * Meta's template placeholders: positional `{{1}}`, `{{2}}` … or named `{{customer_name}}`
 * (lower-case letters, digits and underscores). A body uses one style or the other.
 */
const PLACEHOLDER = /\{\{\s*([a-z0-9_]+)\s*\}\}/g;

export function placeholdersOf(text: string): string[] {
  const seen: string[] = [];
  for (const match of text.matchAll(PLACEHOLDER)) {
    if (!seen.includes(match[1]!)) seen.push(match[1]!);
  }
  // Positional parameters are sent in numeric order whatever order the text uses them in.
  return seen.every((name) => /^\d+$/.test(name)) ? seen.sort((a, b) => Number(a) - Number(b)) : seen;
}

export function isPositional(placeholders: readonly string[]): boolean {
  return placeholders.length > 0 && placeholders.every((name) => /^\d+$/.test(name));
}

/** Why a body can't be a template, or undefined when it can. */
export function checkTemplateBody(body: string): string | undefined {
  if (body.trim() === '') return 'o corpo do modelo não pode ser vazio';
  if (body.length > 1024) return 'o corpo do modelo tem mais de 1.024 caracteres (limite do WhatsApp)';
  const placeholders = placeholdersOf(body);
  const positional = placeholders.filter((p) => /^\d+$/.test(p));
  if (positional.length > 0 && positional.length !== placeholders.length) {
    return 'use só variáveis numeradas ({{1}}) ou só nomeadas ({{nome_cliente}}), não as duas';
  }
  if (positional.length > 0) {
    const expected = positional.map((_, i) => String(i + 1));
    if (positional.join() !== expected.join()) return 'as variáveis numeradas devem ser {{1}}, {{2}}, … sem lacunas';
  }
  const stray = body.replace(PLACEHOLDER, '').match(/\{\{[^}]*\}\}/);
  if (stray) return `variável inválida ${stray[0]}: use letras minúsculas, dígitos e _`;
  return undefined;
}

export function fillPlaceholders(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => values[name] ?? whole);
}
