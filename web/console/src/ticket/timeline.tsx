import type { TimelineEntry } from '../api/types';
import { Icon } from '../components/icon';
import { formatDateTimeSeconds } from '../format';
import { t } from '../strings';
import { kindOf } from './timeline-kinds';

/** Everything that happened to the ticket, newest first, as the API orders it. */
export function Timeline({ entries }: { entries: TimelineEntry[] }) {
  if (entries.length === 0) return <p className="muted">{t.timeline.empty}</p>;
  return (
    <ol className="timeline">
      {entries.map((entry) => {
        const kind = kindOf(entry.type);
        const label = t.timeline.types[entry.type] ?? t.timeline.otherType;
        const author = authorOf(entry.data);
        const alerting = kind.tone === 'warning' || kind.tone === 'danger';
        return (
          <li key={entry.id} className={`timeline-item tone-${kind.tone}`} data-type={entry.type}>
            <span className="timeline-icon">
              <Icon name={kind.icon} size={16} />
            </span>
            <div className="timeline-body">
              <div className="timeline-head">
                {alerting ? <span className="visually-hidden">{t.timeline.warning}: </span> : null}
                <span className="timeline-type">{label}</span>
                {author ? <span className="muted"> · {author}</span> : null}
                <time dateTime={entry.at} className="timeline-time">
                  {formatDateTimeSeconds(entry.at)}
                </time>
              </div>
              <p className="timeline-text">{entry.text}</p>
            </div>
          </li>
        );
      })}
    </ol>
  );
}

/** Notes and console actions may name who did them; other entries come from the system. */
function authorOf(data: unknown): string | undefined {
  if (!data || typeof data !== 'object') return undefined;
  const record = data as Record<string, unknown>;
  for (const key of ['authorName', 'userName', 'author', 'by']) {
    const value = record[key];
    if (typeof value === 'string' && value) return value;
  }
  return undefined;
}
