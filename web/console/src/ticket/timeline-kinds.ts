import type { IconName } from '../components/icon';

export type Tone = 'neutral' | 'info' | 'success' | 'warning' | 'danger' | 'note';

/** How each timeline type looks; a type this table does not know gets a neutral dot. */
export const TIMELINE_KINDS: Record<string, { icon: IconName; tone: Tone }> = {
  ticket_created: { icon: 'plus', tone: 'info' },
  record_updated: { icon: 'refresh', tone: 'neutral' },
  ticket_closed: { icon: 'check', tone: 'success' },
  ticket_closed_by_task: { icon: 'check', tone: 'success' },
  ticket_reopened: { icon: 'reopen', tone: 'info' },
  message_queued: { icon: 'clock', tone: 'neutral' },
  message_sent: { icon: 'send', tone: 'info' },
  message_delivered: { icon: 'delivered', tone: 'success' },
  message_read: { icon: 'read', tone: 'success' },
  message_failed: { icon: 'alert', tone: 'danger' },
  message_not_sent: { icon: 'alert', tone: 'warning' },
  message_no_phone: { icon: 'phoneOff', tone: 'warning' },
  customer_opted_out: { icon: 'ban', tone: 'warning' },
  customer_message: { icon: 'message', tone: 'info' },
  task_entered: { icon: 'flag', tone: 'neutral' },
  team_notified: { icon: 'bell', tone: 'neutral' },
  internal_note: { icon: 'note', tone: 'note' },
  customer_edited: { icon: 'user', tone: 'info' },
  message_resend_requested: { icon: 'send', tone: 'info' },
};

export const kindOf = (type: string) => TIMELINE_KINDS[type] ?? { icon: 'dot' as const, tone: 'neutral' as const };
