import type { Database } from '../db/database.js';
import { applyRecordInTransaction, type SourceContext } from '../ingest/apply-record.js';
import { normalizeRecord } from '../ingest/normalize-record.js';
import type { RecordInput } from '../ingest/record-schema.js';
import { DEMO } from './seed-demo.js';

/**
 * A few records as the demo ERP would send them, so the console has tickets to work on the first
 * time it opens: a greeting to send, a critical logistics case, one waiting for a part, one closed
 * (completion and survey), and two customers without a mobile. Applied through the same rules as
 * the API; their messages go out when `ponte start` runs the dispatcher.
 */
const RECORDS: (RecordInput & { externalId: string })[] = [
  {
    externalId: 'OS-2026-004811',
    state: 'open',
    status: 'em análise',
    occurredAt: '2026-11-20T09:41:07-03:00',
    customer: {
      name: 'Maria Aparecida de Souza',
      phones: ['(19) 99876-5432', '(19) 3232-1100'],
      email: 'maria.souza@example.com.br',
    },
    fields: {
      processNumber: 'PROC-118274',
      issuedAt: '20/11/2026',
      productDescription: 'Geladeira Frost Free 400L Inox',
      problem: 'Não gela na parte de baixo; barulho no compressor',
      branch: 'Campinas',
    },
  },
  {
    externalId: 'OS-2026-004977',
    state: 'open',
    status: 'avaria no transporte',
    occurredAt: '2026-11-21T11:02:00-03:00',
    critical: true,
    customer: { name: 'João Pedro Lima', phones: ['+55 21 98123-4567', '+55 21 2555-0101'] },
    fields: {
      processNumber: 'LOG-77120',
      issuedAt: '21/11/2026',
      productDescription: 'Smart TV 55" 4K',
      problem: 'Tela trincada na entrega; cliente recusou o recebimento',
    },
  },
  {
    externalId: 'OS-2026-005001',
    state: 'open',
    status: 'aguardando peça',
    occurredAt: '2026-11-18T10:00:00-03:00',
    customer: { name: 'Ana Beatriz Rocha', phones: ['(11) 97654-3210'], email: 'ana.rocha@example.com.br' },
    fields: {
      processNumber: 'PROC-118301',
      issuedAt: '18/11/2026',
      productDescription: 'Lava e Seca 11kg',
      problem: 'Não centrifuga',
    },
  },
  {
    externalId: 'OS-2026-005003',
    state: 'closed',
    status: 'finalizada',
    occurredAt: '2026-11-22T17:45:00-03:00',
    customer: { name: 'Fernanda Oliveira', phones: ['(85) 99911-2233'], email: 'fernanda.o@example.com.br' },
    fields: {
      processNumber: 'PROC-118303',
      issuedAt: '19/11/2026',
      productDescription: 'Ar-condicionado 12000 BTU',
      problem: 'Pingando água',
    },
  },
  {
    externalId: 'OS-2026-005002',
    state: 'open',
    status: 'em análise',
    occurredAt: '2026-11-18T11:20:00-03:00',
    customer: { name: 'Carlos Eduardo Nunes', phones: ['(31) 3344-5566'] },
    fields: {
      processNumber: 'PROC-118302',
      issuedAt: '18/11/2026',
      productDescription: 'Micro-ondas 30L',
      problem: 'Painel não acende',
    },
  },
  {
    externalId: 'OS-2026-005004',
    state: 'open',
    status: 'em análise',
    occurredAt: '2026-11-19T08:05:00-03:00',
    customer: { name: 'José Raimundo Silva', phones: [], email: 'jose.silva@example.com.br' },
    fields: {
      processNumber: 'PROC-118304',
      issuedAt: '19/11/2026',
      productDescription: 'Fogão 5 bocas',
      problem: 'Forno não aquece',
    },
  },
];

/** Adds the sample tickets once: a workspace that already has tickets is left as it is. */
export async function seedDemoTickets(database: Database, publicUrl: string): Promise<number> {
  const { db, engine } = database;
  const source = await db
    .selectFrom('sources')
    .innerJoin('workspaces', 'workspaces.id', 'sources.workspace_id')
    .select(['sources.id', 'sources.workspace_id', 'sources.name', 'sources.critical_statuses'])
    .where('workspaces.slug', '=', DEMO.slug)
    .where('sources.name', '=', DEMO.source)
    .executeTakeFirstOrThrow();
  const existing = await db
    .selectFrom('tickets')
    .select('id')
    .where('workspace_id', '=', source.workspace_id)
    .limit(1)
    .execute();
  if (existing.length > 0) return 0;
  const context: SourceContext = {
    workspaceId: source.workspace_id,
    sourceId: source.id,
    sourceName: source.name,
    criticalStatuses: new Set(
      (JSON.parse(source.critical_statuses) as string[]).map((s) => s.toLocaleUpperCase('pt-BR')),
    ),
  };
  for (const { externalId, ...record } of RECORDS) {
    await applyRecordInTransaction(db, { engine, publicUrl }, context, externalId, normalizeRecord(record));
  }
  return RECORDS.length;
}
