import type { Database } from '../db/database.js';
import { GroupCommit } from '../shared/group-commit.js';
import { type ApplyEnv, type ApplyResult, applyRecord, type SourceContext } from './apply-record.js';
import type { NormalizedRecord } from './normalize-record.js';

export interface RecordWrite {
  env: ApplyEnv;
  source: SourceContext;
  externalId: string;
  record: NormalizedRecord;
}

/**
 * Where single-record PUTs are written: records that arrive together share one transaction
 * (group commit), since a commit costs about the same for one record or fifty, and on SQLite
 * the commit is most of a record's cost. Each record keeps its own rules (applyRecord); if a
 * shared transaction fails, its records are applied again one per transaction, so one failure
 * stays alone. The caller answers only after the commit: an acknowledged record is durable.
 *
 * SQLite has one writer, so one lane; PostgreSQL gets several lanes so that concurrent
 * requests still use several connections. A record always goes to the same lane (by its
 * external id), so two events of one record are applied in the order they arrived.
 */
export class RecordWriter {
  readonly #lanes: GroupCommit<RecordWrite, ApplyResult>[];

  constructor(database: Database, lanes = database.engine.multiProcess ? 4 : 1, maxBatch = 64) {
    this.#lanes = Array.from(
      { length: lanes },
      () =>
        new GroupCommit<RecordWrite, ApplyResult>(
          (writes) =>
            database.db.transaction().execute(async (trx) => {
              const results: ApplyResult[] = [];
              for (const w of writes) results.push(await applyRecord(trx, w.env, w.source, w.externalId, w.record));
              return results;
            }),
          maxBatch,
        ),
    );
  }

  write(write: RecordWrite): Promise<ApplyResult> {
    return this.#lanes[laneOf(`${write.source.sourceId}:${write.externalId}`, this.#lanes.length)]!.submit(write);
  }
}

function laneOf(key: string, lanes: number): number {
  if (lanes === 1) return 0;
  let hash = 0;
  for (let i = 0; i < key.length; i++) hash = (hash * 31 + key.charCodeAt(i)) | 0;
  return Math.abs(hash) % lanes;
}
