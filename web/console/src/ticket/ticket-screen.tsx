import { useState } from 'react';
import { api, errorMessage } from '../api/client';
import type { TicketDetail } from '../api/types';
import { announce } from '../components/announcer';
import { CriticalBadge, StateBadge } from '../components/badges';
import { Icon } from '../components/icon';
import { usePageTitle } from '../components/use-page-title';
import { Link } from '../routing/link';
import { paths } from '../routing/router';
import { t } from '../strings';
import { CustomerPanel } from './customer-panel';
import { MessagesPanel } from './messages-panel';
import { NoteForm } from './note-form';
import { ExternalFields, SourceAndProgress } from './ticket-details';
import { Timeline } from './timeline';
import { useTicket } from './use-ticket';

/** The ticket as an agent works it: the source's data, the customer, the timeline, notes. */
export function TicketScreen({ id }: { id: number }) {
  const { load, refresh } = useTicket(id);
  usePageTitle(load.status === 'ready' ? `${t.ticket.protocol} ${load.data.ticket.protocol}` : t.tickets.title);

  if (load.status === 'loading') {
    return (
      <div className="page">
        <BackLink />
        <p role="status">{t.loading}</p>
      </div>
    );
  }
  if (load.status === 'not-found') {
    return (
      <div className="page">
        <BackLink />
        <section className="empty-page">
          <h1>{t.ticket.notFound}</h1>
          <p className="muted">{t.ticket.notFoundHint}</p>
        </section>
      </div>
    );
  }
  if (load.status === 'error') {
    return (
      <div className="page">
        <BackLink />
        <div className="alert alert-danger" role="alert">
          {load.message}{' '}
          <button type="button" className="button button-link" onClick={() => void refresh()}>
            {t.retry}
          </button>
        </div>
      </div>
    );
  }

  const { ticket, timeline, messages } = load.data;
  return (
    <div className="page page-ticket">
      <BackLink />
      <TicketHeader ticket={ticket} onChanged={refresh} />
      <div className="ticket-grid">
        <div className="ticket-main">
          <ExternalFields fields={ticket.fields} />
          <section className="card" aria-labelledby="timeline-title">
            <div className="card-header">
              <h2 id="timeline-title">{t.timeline.title}</h2>
              <span className="muted">{t.timeline.subtitle}</span>
            </div>
            <NoteForm ticketId={ticket.id} onAdded={() => void refresh()} />
            <Timeline entries={timeline} />
          </section>
        </div>
        <div className="ticket-side">
          <CustomerPanel ticket={ticket} onChanged={refresh} />
          <SourceAndProgress ticket={ticket} />
          <MessagesPanel messages={messages} />
        </div>
      </div>
    </div>
  );
}

function BackLink() {
  return (
    <Link href={paths.tickets()} className="back-link">
      <Icon name="back" size={16} />
      {t.ticket.back}
    </Link>
  );
}

function TicketHeader({ ticket, onChanged }: { ticket: TicketDetail; onChanged(): Promise<void> }) {
  const [busy, setBusy] = useState(false);
  const togglePin = async () => {
    setBusy(true);
    try {
      await api.put(`/api/v1/tickets/${ticket.id}/pin`, { pinned: !ticket.pinned });
      announce(ticket.pinned ? t.ticket.unpinnedNotice : t.ticket.pinnedNotice);
      await onChanged();
    } catch (caught) {
      announce(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <header className={`ticket-header${ticket.critical ? ' ticket-header-critical' : ''}`}>
      <div>
        <h1>
          <span className="muted-label">{t.ticket.protocol}</span> {ticket.protocol}
        </h1>
        <div className="ticket-header-badges">
          <StateBadge state={ticket.state} />
          {ticket.status ? <span className="status-text">{ticket.status}</span> : null}
          {ticket.critical ? <CriticalBadge /> : null}
          <span className="muted">
            {ticket.customer.name} · {ticket.source} / {ticket.externalId}
          </span>
        </div>
      </div>
      <button
        type="button"
        className={`button button-secondary${ticket.pinned ? ' is-pinned' : ''}`}
        aria-pressed={ticket.pinned}
        onClick={() => void togglePin()}
        disabled={busy}
      >
        <Icon name="pin" size={16} />
        {ticket.pinned ? t.ticket.unpin : t.ticket.pin}
      </button>
    </header>
  );
}
