import type { SimulatorTemplate } from './simulator-store.js';

export interface SentParameters {
  body: { name?: string; text: string }[];
  urlButtonSuffix?: string;
  /** Payloads set per quick-reply button index, when the send gave them. */
  quickReplyPayloads: Map<number, string>;
}

/** Distinct placeholders of a body, in order of first appearance: ["1","2"] or ["customer_name"]. */
export function placeholdersOf(body: string): string[] {
  const names: string[] = [];
  for (const match of body.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)) {
    const name = match[1];
    if (name !== undefined && !names.includes(name)) names.push(name);
  }
  return names;
}

export function isNamedTemplate(body: string): boolean {
  return placeholdersOf(body).some((name) => !/^\d+$/.test(name));
}

/** Fills {{1}} by position or {{name}} by parameter_name; a missing value stays visible. */
export function renderBody(body: string, parameters: SentParameters['body']): string {
  return body.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (placeholder, name: string) => {
    const value = /^\d+$/.test(name)
      ? parameters[Number(name) - 1]?.text
      : parameters.find((parameter) => parameter.name === name)?.text;
    return value ?? placeholder;
  });
}

export function renderButtons(
  template: SimulatorTemplate,
  sent: SentParameters,
): { urlButton?: { text: string; url: string }; quickReplies: { text: string; payload: string }[] } {
  const quickReplies: { text: string; payload: string }[] = [];
  let urlButton: { text: string; url: string } | undefined;
  template.buttons.forEach((button, index) => {
    if (button.type === 'QUICK_REPLY') {
      // Without a payload set at send time, Meta reports the button's own text as the payload.
      quickReplies.push({ text: button.text, payload: sent.quickReplyPayloads.get(index) ?? button.text });
    } else if (button.url && urlButton === undefined) {
      urlButton = { text: button.text, url: button.url.replace(/\{\{\s*1\s*\}\}/, sent.urlButtonSuffix ?? '') };
    }
  });
  return { ...(urlButton ? { urlButton } : {}), quickReplies };
}
