/** Configurações > Modelos' view of the templates API (src/messaging/templates/routes.ts). */
export interface TemplateView {
  id: number;
  name: string;
  language: string;
  category: string;
  body: string;
  buttonUrl: string | null;
  quickReplies: string[];
  placeholders: string[];
  /** APPROVED, PENDING, REJECTED, PAUSED… as the provider says. */
  status: string;
  syncedAt: string | null;
}

/** A value a template can use, as the templates APIs name and label it (the WhatsApp and e-mail ones alike). */
export interface Variable {
  name: string;
  label: string;
}

export interface TemplateList {
  templates: TemplateView[];
  variables: Variable[];
}

export interface TemplateInput {
  name: string;
  language: string;
  category: string;
  body: string;
  buttonUrl: string | null;
  quickReplies: string[];
}

export interface TestSendSamples {
  values: Record<string, string>;
  buttonSuffix?: string;
}

export interface TestSendOutcome {
  ok: boolean;
  to: string;
  text: string;
  buttonUrl?: string;
  providerMessageId?: string;
  code?: string;
  message?: string;
}

/**
 * The placeholders of a body as the server reads them ({{1}} or {{customer_name}}), numbered ones in
 * numeric order: shown as the supervisor types. The server's check is the one that counts.
 */
export function placeholdersOf(body: string): string[] {
  const seen: string[] = [];
  for (const match of body.matchAll(/\{\{\s*([a-z0-9_]+)\s*\}\}/g)) {
    if (!seen.includes(match[1]!)) seen.push(match[1]!);
  }
  return seen.every((name) => /^\d+$/.test(name)) ? seen.sort((a, b) => Number(a) - Number(b)) : seen;
}

/** The fixed part of a URL button: what comes before its trailing {{1}}. */
export function buttonPrefix(buttonUrl: string): string {
  return buttonUrl.replace(/\{\{\s*1\s*\}\}\s*$/, '');
}
