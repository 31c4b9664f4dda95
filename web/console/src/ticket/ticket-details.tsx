import type { ReactNode } from 'react';
import type { TicketDetail } from '../api/types';
import { StateBadge } from '../components/badges';
import { Icon } from '../components/icon';
import { formatDateTime, formatFieldValue } from '../format';
import { t } from '../strings';

/** The four fields of the feature description, in its order and with its names; always shown. */
export const EXTERNAL_FIELDS = ['processNumber', 'issuedAt', 'productDescription', 'problem'] as const;

export function ExternalFields({ fields }: { fields: Record<string, unknown> }) {
  const others = Object.entries(fields).filter(([key]) => !(EXTERNAL_FIELDS as readonly string[]).includes(key));
  return (
    <section className="card" aria-labelledby="fields-title">
      <h2 id="fields-title">{t.ticket.externalData}</h2>
      <dl className="external-fields">
        {EXTERNAL_FIELDS.map((key) => (
          <div key={key} className={`external-field field-${key}`}>
            <dt>{t.fields[key]}</dt>
            <dd className={fields[key] === undefined || fields[key] === null ? 'muted' : ''}>
              {formatFieldValue(fields[key])}
            </dd>
          </div>
        ))}
      </dl>
      {others.length > 0 ? (
        <>
          <h3 className="subheading">{t.ticket.otherFields}</h3>
          <dl className="other-fields">
            {others.map(([key, value]) => (
              <div key={key}>
                <dt>{t.fields[key] ?? key}</dt>
                <dd>{formatFieldValue(value)}</dd>
              </div>
            ))}
          </dl>
        </>
      ) : null}
    </section>
  );
}

/** Where the ticket came from and where it stands: source, state mirrored from it, procedure task. */
export function SourceAndProgress({ ticket }: { ticket: TicketDetail }) {
  const tk = t.ticket;
  return (
    <section className="card" aria-labelledby="progress-title">
      <h2 id="progress-title">{tk.sourceSection}</h2>
      <dl className="facts">
        <Fact label={tk.source}>{ticket.source}</Fact>
        <Fact label={tk.externalId}>
          <code>{ticket.externalId}</code>
        </Fact>
        <Fact label={tk.state}>
          <StateBadge state={ticket.state} />
        </Fact>
        <Fact label={tk.status}>{ticket.status ?? <span className="muted">—</span>}</Fact>
        <Fact label={tk.currentTask}>
          {ticket.currentTask ? ticket.currentTask.name : <span className="muted">{tk.noTask}</span>}
        </Fact>
        <Fact label={tk.critical}>
          {ticket.critical ? <strong className="text-critical">{tk.criticalYes}</strong> : tk.criticalNo}
        </Fact>
        <Fact label={tk.openedAt}>{formatDateTime(ticket.createdAt)}</Fact>
        <Fact label={tk.lastEventAt}>{formatDateTime(ticket.lastEventAt)}</Fact>
        {ticket.closedAt ? <Fact label={tk.closedAt}>{formatDateTime(ticket.closedAt)}</Fact> : null}
        <Fact label={tk.trackingLink}>
          <a
            href={ticket.trackingUrl}
            target="_blank"
            rel="noreferrer"
            className="tracking-link"
            title={ticket.trackingUrl}
          >
            <Icon name="link" size={14} />
            <span>{ticket.trackingUrl.replace(/^https?:\/\//, '')}</span>
          </a>
        </Fact>
      </dl>
    </section>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
