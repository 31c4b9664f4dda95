import type { MessageView } from '../api/types';
import { MessageStatusBadge } from '../components/badges';
import { formatDateTime } from '../format';
import { t } from '../strings';

/** Each message to the customer with its delivery steps, newest first, and why it failed if it did. */
export function MessagesPanel({ messages }: { messages: MessageView[] }) {
  const m = t.messages;
  const newestFirst = [...messages].sort((a, b) => b.id - a.id);
  return (
    <section className="card" aria-labelledby="messages-title">
      <h2 id="messages-title">{m.title}</h2>
      {newestFirst.length === 0 ? (
        <p className="muted">{m.empty}</p>
      ) : (
        <ul className="message-list">
          {newestFirst.map((message) => (
            <li key={message.id} className="message" data-message-status={message.status}>
              <div className="message-head">
                <span className="message-template">
                  {t.channels[message.channel] ?? message.channel}
                  {message.template ? ` · ${message.template}` : ''}
                </span>
                <MessageStatusBadge status={message.status} />
              </div>
              <p className="message-meta muted">
                {message.recipient ? `${m.recipient} ${message.recipient} · ` : ''}
                {m.attempts(message.attempts)}
              </p>
              <dl className="message-steps">
                <Step label={m.createdAt} at={message.createdAt} />
                <Step label={m.sentAt} at={message.sentAt} />
                <Step label={m.deliveredAt} at={message.deliveredAt} />
                <Step label={m.readAt} at={message.readAt} />
                <Step label={m.failedAt} at={message.failedAt} />
              </dl>
              {message.error ? (
                <p className={`alert ${message.status === 'failed' ? 'alert-danger' : 'alert-warning'} alert-compact`}>
                  <strong>{m.reason}:</strong> {message.error}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Step({ label, at }: { label: string; at: string | null }) {
  if (!at) return null;
  return (
    <div>
      <dt>{label}</dt>
      <dd>
        <time dateTime={at}>{formatDateTime(at)}</time>
      </dd>
    </div>
  );
}
