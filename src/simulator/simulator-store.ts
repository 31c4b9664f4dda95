import { DEFAULT_SCENARIO, type ScenarioSetting } from './scenarios.js';

export type SimulatedStatus = 'accepted' | 'sent' | 'delivered' | 'read' | 'failed';

export interface SimulatorTemplateButton {
  type: 'QUICK_REPLY' | 'URL';
  text: string;
  /** URL buttons: the template's URL, with `{{1}}` where the send's suffix goes. */
  url?: string;
}

export interface SimulatorTemplate {
  name: string;
  language: string;
  /** APPROVED unless set otherwise; any other status refuses sends (132001), like Meta. */
  status: string;
  category: string;
  /** BODY text with {{1}} or {{name}} placeholders. */
  body: string;
  buttons: SimulatorTemplateButton[];
}

/** A template message the phone received, as the customer would see it. */
export interface SimulatedOutbound {
  direction: 'outbound';
  wamid: string;
  phoneNumberId: string;
  templateName: string;
  language: string;
  parameters: { name?: string; text: string }[];
  /** The rendered body, when the template is registered in the store. */
  text?: string;
  urlButton?: { text: string; url: string };
  quickReplies: { text: string; payload: string }[];
  callbackData?: string;
  at: number;
  status: SimulatedStatus;
  error?: { code: number; title: string };
}

/** A reply the simulated customer sent back. */
export interface SimulatedInbound {
  direction: 'inbound';
  wamid: string;
  text: string;
  buttonPayload?: string;
  replyTo?: string;
  at: number;
}

export type SimulatedChatItem = SimulatedOutbound | SimulatedInbound;

export interface SimulatedPhoneSummary {
  phone: string;
  scenario: ScenarioSetting;
  messageCount: number;
  lastAt?: number;
}

interface PhoneRecord {
  phone: string;
  scenario: ScenarioSetting;
  items: SimulatedChatItem[];
}

export interface SimulatorLimits {
  maxMessagesPerPhone?: number;
  maxPhones?: number;
}

/** "+55 (19) 99876-5432", "5519998765432" → "+5519998765432"; undefined without digits. */
export function normalizeSimulatedPhone(input: string): string | undefined {
  const digits = input.replace(/\D/g, '');
  return digits.length >= 8 && digits.length <= 15 ? `+${digits}` : undefined;
}

/**
 * The simulator's memory: what each phone received and answered, its scenario, the registered
 * templates and the global outage switch. In memory only and bounded (oldest messages of a phone,
 * then least recently active phones, are dropped), so a load test cannot exhaust the process.
 */
export class SimulatorStore {
  readonly maxMessagesPerPhone: number;
  readonly maxPhones: number;
  /** Insertion order is activity order: a phone is moved to the end whenever it is touched. */
  private readonly phoneRecords = new Map<string, PhoneRecord>();
  private readonly byWamid = new Map<string, SimulatedOutbound>();
  private readonly templateMap = new Map<string, SimulatorTemplate>();
  private outageState: { on: boolean; status: number } = { on: false, status: 503 };

  constructor(limits: SimulatorLimits = {}) {
    this.maxMessagesPerPhone = limits.maxMessagesPerPhone ?? 200;
    this.maxPhones = limits.maxPhones ?? 10_000;
  }

  /**
   * A template, for every business account, or only for one (`account`: its phone number id and
   * WABA id), as Meta keeps each WABA's templates apart: Ponte's workspaces share the simulator,
   * and one's template must not be listed to, or render the sends of, another.
   */
  registerTemplate(
    template: Pick<SimulatorTemplate, 'name' | 'language' | 'body'> & Partial<SimulatorTemplate>,
    account?: SimulatorAccount,
  ): SimulatorTemplate {
    const stored: SimulatorTemplate = {
      name: template.name,
      language: template.language,
      body: template.body,
      status: template.status ?? 'APPROVED',
      category: template.category ?? 'UTILITY',
      buttons: template.buttons ?? [],
    };
    if (account) {
      this.templateMap.set(templateKey(account.phoneNumberId, stored.name, stored.language), stored);
      this.templateMap.set(templateKey(account.wabaId, stored.name, stored.language), stored);
    } else {
      this.templateMap.set(templateKey(ANY_ACCOUNT, stored.name, stored.language), stored);
    }
    return stored;
  }

  /** The template a send through `phoneNumberId` names: the account's own, or one for every account. */
  template(name: string, language: string, phoneNumberId?: string): SimulatorTemplate | undefined {
    return (
      (phoneNumberId === undefined ? undefined : this.templateMap.get(templateKey(phoneNumberId, name, language))) ??
      this.templateMap.get(templateKey(ANY_ACCOUNT, name, language))
    );
  }

  /** The templates a WABA lists: its own and those for every account. */
  templates(wabaId?: string): SimulatorTemplate[] {
    const prefixes = [`${ANY_ACCOUNT}\u0000`, ...(wabaId === undefined ? [] : [`${wabaId}\u0000`])];
    return [...this.templateMap.entries()]
      .filter(([key]) => prefixes.some((prefix) => key.startsWith(prefix)))
      .map(([, template]) => template);
  }

  /** With no template registered, any template name is accepted (and shown unrendered). */
  get validatesTemplates(): boolean {
    return this.templateMap.size > 0;
  }

  setScenario(phone: string, setting: ScenarioSetting): void {
    this.touch(phone).scenario = { ...setting };
  }

  scenarioOf(phone: string): ScenarioSetting {
    return this.phoneRecords.get(phone)?.scenario ?? DEFAULT_SCENARIO;
  }

  /** The scenario for one send: counts down `times` and falls back to `ok` when it runs out. */
  takeScenario(phone: string): ScenarioSetting {
    const record = this.phoneRecords.get(phone);
    if (!record) return DEFAULT_SCENARIO;
    const current = record.scenario;
    if (current.times !== undefined) {
      const left = current.times - 1;
      record.scenario = left > 0 ? { ...current, times: left } : DEFAULT_SCENARIO;
    }
    return current;
  }

  setOutage(outage: { on: boolean; status?: number }): void {
    this.outageState = { on: outage.on, status: outage.status ?? this.outageState.status };
  }

  get outage(): { on: boolean; status: number } {
    return { ...this.outageState };
  }

  recordOutbound(phone: string, message: SimulatedOutbound): void {
    this.append(phone, message);
    this.byWamid.set(message.wamid, message);
  }

  recordInbound(phone: string, message: SimulatedInbound): void {
    this.append(phone, message);
  }

  /** Moves a message forward; a status never goes back (read stays read, failed stays failed). */
  setStatus(wamid: string, status: SimulatedStatus, error?: SimulatedOutbound['error']): void {
    const message = this.byWamid.get(wamid);
    if (!message || STATUS_RANK[status] <= STATUS_RANK[message.status]) return;
    message.status = status;
    if (error) message.error = error;
  }

  findOutbound(wamid: string): SimulatedOutbound | undefined {
    return this.byWamid.get(wamid);
  }

  lastOutbound(phone: string): SimulatedOutbound | undefined {
    const items = this.phoneRecords.get(phone)?.items ?? [];
    for (let index = items.length - 1; index >= 0; index--) {
      const item = items[index];
      if (item?.direction === 'outbound') return item;
    }
    return undefined;
  }

  conversation(phone: string): SimulatedChatItem[] {
    return [...(this.phoneRecords.get(phone)?.items ?? [])];
  }

  /** Most recently active first. */
  phones(): SimulatedPhoneSummary[] {
    return [...this.phoneRecords.values()].reverse().map((record) => ({
      phone: record.phone,
      scenario: { ...record.scenario },
      messageCount: record.items.length,
      ...(record.items.length > 0 ? { lastAt: record.items[record.items.length - 1]?.at } : {}),
    }));
  }

  /** Forgets every phone and message; templates and the outage switch stay. */
  clearPhones(): void {
    this.phoneRecords.clear();
    this.byWamid.clear();
  }

  private append(phone: string, item: SimulatedChatItem): void {
    const record = this.touch(phone);
    record.items.push(item);
    while (record.items.length > this.maxMessagesPerPhone) {
      const dropped = record.items.shift();
      if (dropped?.direction === 'outbound') this.byWamid.delete(dropped.wamid);
    }
  }

  private touch(phone: string): PhoneRecord {
    const record = this.phoneRecords.get(phone) ?? { phone, scenario: DEFAULT_SCENARIO, items: [] };
    this.phoneRecords.delete(phone);
    this.phoneRecords.set(phone, record);
    while (this.phoneRecords.size > this.maxPhones) {
      const oldest = this.phoneRecords.keys().next().value;
      if (oldest === undefined) break;
      for (const item of this.phoneRecords.get(oldest)?.items ?? []) {
        if (item.direction === 'outbound') this.byWamid.delete(item.wamid);
      }
      this.phoneRecords.delete(oldest);
    }
    return record;
  }
}

const STATUS_RANK: Record<SimulatedStatus, number> = { accepted: 0, sent: 1, delivered: 2, read: 3, failed: 4 };

/** Templates registered with no account apply to every account (a standalone simulator). */
const ANY_ACCOUNT = '*';

export interface SimulatorAccount {
  phoneNumberId: string;
  wabaId: string;
}

function templateKey(account: string, name: string, language: string): string {
  return `${account}\u0000${name}\u0000${language}`;
}
