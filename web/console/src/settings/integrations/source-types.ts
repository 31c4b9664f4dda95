/** Configurações > Integrações as the API returns it (src/sources/routes.ts). */
export interface ApiKeyView {
  prefix: string;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export interface SourceView {
  id: number;
  name: string;
  mapping: string | null;
  criticalStatuses: string[];
  keys: ApiKeyView[];
  createdAt: string;
}

/** A source's event and what became of it: created/updated/unchanged are "applied". */
export interface RecentEvent {
  externalId: string | null;
  result: 'created' | 'updated' | 'unchanged' | 'stale' | 'rejected';
  errorCode: string | null;
  field: string | null;
  message: string | null;
  at: string;
}

export interface MappingTestResult {
  ok: boolean;
  record?: unknown;
  error?: { code: string; message: string; field?: string };
}

export const sourcePath = (name: string) => `/api/v1/sources/${encodeURIComponent(name)}`;
