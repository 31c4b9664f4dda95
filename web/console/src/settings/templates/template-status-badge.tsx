import { t } from '../../strings';

const TONES: Record<string, string> = {
  APPROVED: 'badge-success',
  PENDING: 'badge-warning',
  IN_APPEAL: 'badge-warning',
  REJECTED: 'badge-danger',
  DISABLED: 'badge-danger',
  PAUSED: 'badge-danger',
};

/** The provider's approval of a template, in words (the colour only repeats it). */
export function TemplateStatusBadge({ status }: { status: string }) {
  return <span className={`badge ${TONES[status] ?? 'badge-neutral'}`}>{t.templates.statuses[status] ?? status}</span>;
}
