/**
 * How the simulated Meta answers a send to one phone. Keys are the wire names (HTTP routes, the
 * store); values are the pt-BR labels shown on the simulator page.
 */
export const SIMULATOR_SCENARIOS = {
  ok: 'Normal (enviada, entregue, lida)',
  not_on_whatsapp: 'Sem WhatsApp (aceita, depois falha 131026)',
  not_on_whatsapp_sync: 'Sem WhatsApp (recusada na hora, 131026)',
  rate_limited: 'Limite de envio (HTTP 429, 130429)',
  outage: 'Indisponível (HTTP 503, 131016)',
  slow: 'Lenta (responde após um atraso)',
  out_of_order: 'Webhooks fora de ordem e repetidos',
} as const;

export type SimulatorScenario = keyof typeof SIMULATOR_SCENARIOS;

export function isSimulatorScenario(value: unknown): value is SimulatorScenario {
  return typeof value === 'string' && Object.hasOwn(SIMULATOR_SCENARIOS, value);
}

export interface ScenarioSetting {
  scenario: SimulatorScenario;
  /** For `slow`: how long the send waits before answering; the plugin's default otherwise. */
  delayMs?: number;
  /** Applies to this many sends, then the phone is back to `ok` (e.g. rate limited once). */
  times?: number;
}

export const DEFAULT_SCENARIO: ScenarioSetting = { scenario: 'ok' };
