import { messageStatusLabel } from '../format';
import { t } from '../strings';
import { Icon } from './icon';

export function StateBadge({ state }: { state: 'open' | 'closed' }) {
  return (
    <span className={`badge ${state === 'open' ? 'badge-open' : 'badge-closed'}`}>
      {state === 'open' ? t.badges.open : t.badges.closed}
    </span>
  );
}

export function CriticalBadge() {
  return (
    <span className="badge badge-critical">
      <Icon name="alert" size={14} />
      {t.badges.critical}
    </span>
  );
}

const MESSAGE_TONES: Record<string, string> = {
  queued: 'badge-neutral',
  sending: 'badge-neutral',
  sent: 'badge-info',
  delivered: 'badge-success',
  read: 'badge-success',
  failed: 'badge-danger',
  not_sent: 'badge-warning',
};

export function MessageStatusBadge({ status }: { status: string | null }) {
  if (status === null) return <span className="muted">{messageStatusLabel(null)}</span>;
  return <span className={`badge ${MESSAGE_TONES[status] ?? 'badge-neutral'}`}>{messageStatusLabel(status)}</span>;
}
