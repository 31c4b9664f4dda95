import type { TicketSummary } from '../api/types';
import { CriticalBadge, MessageStatusBadge, StateBadge } from '../components/badges';
import { Icon } from '../components/icon';
import { formatDateTime } from '../format';
import { Link } from '../routing/link';
import { paths } from '../routing/router';
import { t } from '../strings';

interface Props {
  tickets: TicketSummary[];
  flashed: ReadonlySet<number>;
  onTogglePin(ticket: TicketSummary): void;
}

/**
 * One row per ticket. The protocol is the row's link (and its hit area covers the row, so a
 * mouse click anywhere opens it); critical rows carry a red edge and a badge, not colour alone.
 */
export function TicketTable({ tickets, flashed, onTogglePin }: Props) {
  const c = t.tickets.columns;
  return (
    <table className="ticket-table">
      <caption className="visually-hidden">{t.tickets.title}</caption>
      <thead>
        <tr>
          <th scope="col" className="col-pin">
            <span className="visually-hidden">{c.pin}</span>
          </th>
          <th scope="col">{c.protocol}</th>
          <th scope="col">{c.customer}</th>
          <th scope="col">{c.processNumber}</th>
          <th scope="col">{c.status}</th>
          <th scope="col">{c.source}</th>
          <th scope="col">{c.message}</th>
          <th scope="col">{c.updated}</th>
        </tr>
      </thead>
      <tbody>
        {tickets.map((ticket) => (
          <tr
            key={ticket.id}
            data-ticket-id={ticket.id}
            className={[
              'ticket-row',
              ticket.critical ? 'row-critical' : '',
              ticket.pinned ? 'row-pinned' : '',
              flashed.has(ticket.id) ? 'row-flash' : '',
            ]
              .filter(Boolean)
              .join(' ')}
          >
            <td className="col-pin">
              <button
                type="button"
                className={`icon-button pin-button${ticket.pinned ? ' is-pinned' : ''}`}
                aria-pressed={ticket.pinned}
                aria-label={ticket.pinned ? t.tickets.unpin(ticket.protocol) : t.tickets.pin(ticket.protocol)}
                title={ticket.pinned ? t.tickets.unpin(ticket.protocol) : t.tickets.pin(ticket.protocol)}
                onClick={() => onTogglePin(ticket)}
              >
                <Icon name="pin" size={16} />
              </button>
            </td>
            <td>
              <Link href={paths.ticket(ticket.id)} className="row-link">
                {ticket.protocol}
              </Link>
              <div className="row-sub">
                {ticket.critical ? <CriticalBadge /> : null}
                {ticket.pinned ? <span className="badge badge-pinned">{t.badges.pinned}</span> : null}
              </div>
            </td>
            <td className="cell-customer">{ticket.customerName}</td>
            <td>{ticket.processNumber ?? <span className="muted">—</span>}</td>
            <td>
              <StateBadge state={ticket.state} />
              {ticket.status ? <span className="status-text">{ticket.status}</span> : null}
            </td>
            <td>
              <span className="source-name">{ticket.source}</span>
              <div className="row-sub muted">{ticket.externalId}</div>
            </td>
            <td>
              <MessageStatusBadge status={ticket.lastMessageStatus} />
              {ticket.phoneProblem ? (
                <div className="row-sub">
                  <span className="badge badge-warning">
                    <Icon name="phoneOff" size={14} />
                    {t.badges.phoneProblem}
                  </span>
                </div>
              ) : null}
            </td>
            <td>
              <time dateTime={ticket.updatedAt}>{formatDateTime(ticket.updatedAt)}</time>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
