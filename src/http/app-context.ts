import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { IngestLog } from '../ingest/ingest-log.js';
import type { RecordWriter } from '../ingest/record-writer.js';
import type { Metrics } from '../ops/metrics.js';
import type { WorkspaceConfigCache } from '../procedures/workspace-config.js';
import type { RealtimeHub } from '../realtime/realtime-hub.js';
import type { PonteSimulator } from '../simulator/ponte-simulator.js';
import type { SourceKeyResolver } from '../sources/source-keys.js';

/** What routes need from the process, passed to each feature's routes when the app is built. */
export interface AppContext {
  readonly config: Config;
  readonly database: Database;
  readonly metrics: Metrics;
  readonly sourceKeys: SourceKeyResolver;
  /** Nudges this process's dispatcher after a commit that queued messages. */
  readonly outbox: { wake(): void };
  /** The built-in WhatsApp simulator of this process (answers only when a workspace uses it). */
  readonly simulator: PonteSimulator;
  /** Live updates for open consoles (server-sent events). */
  readonly realtime: RealtimeHub;
  /** The last events of each source and their result, for Configurações > Integrações. */
  readonly ingestLog: IngestLog;
  /** Procedures, templates and provider of each workspace, as events consult them. */
  readonly workspaceConfig: WorkspaceConfigCache;
  /** Writes single records with group commit. */
  readonly recordWriter: RecordWriter;
}
