import { formatDateTime } from '../../format';
import { t } from '../../strings';
import { ApiKeysPanel } from './api-keys-panel';
import { IngestEndpoint } from './ingest-endpoint';
import { MappingEditor } from './mapping-editor';
import { RecentEvents } from './recent-events';
import type { SourceView } from './source-types';

interface Props {
  source: SourceView;
  freshKey: string | undefined;
  onFreshKeySeen(): void;
  onChanged(source: SourceView): void;
  onReload(): Promise<void>;
}

/** One source: how to call it, its keys, its mapping and what it sent lately. */
export function SourceDetail({ source, freshKey, onFreshKeySeen, onChanged, onReload }: Props) {
  return (
    <section className="source-detail" aria-labelledby="source-title">
      <div className="source-detail-header">
        <h2 id="source-title">
          <span className="muted">{t.tickets.source}:</span> {source.name}
        </h2>
        <p className="muted">{t.integrations.sourceCreatedAt(formatDateTime(source.createdAt))}</p>
      </div>
      <IngestEndpoint source={source} />
      <ApiKeysPanel source={source} freshKey={freshKey} onFreshKeySeen={onFreshKeySeen} onKeysChanged={onReload} />
      <MappingEditor source={source} onSaved={onChanged} />
      <RecentEvents source={source} />
    </section>
  );
}
