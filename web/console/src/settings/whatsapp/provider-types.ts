/** Configurações > WhatsApp's view of GET/PUT /api/v1/whatsapp-provider (src/messaging/routes.ts). */
export const PROVIDER_KINDS = ['plinx', 'cloud', 'simulator'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

export interface ProviderView {
  kind: ProviderKind | null;
  baseUrl: string;
  apiVersion: string;
  phoneNumberId: string;
  wabaId: string;
  rateLimitPerSecond: number;
  /** To paste in the provider's panel. */
  webhookUrl: string;
  verifyToken: string;
  /** Secrets are write-only: the view only says whether each is set. */
  hasAccessToken: boolean;
  hasAppSecret: boolean;
}

export interface ConnectionCheck {
  ok: boolean;
  message: string;
  templates?: number;
}

export const META_GRAPH_BASE_URL = 'https://graph.facebook.com';
export const DEFAULT_API_VERSION = 'v21.0';
