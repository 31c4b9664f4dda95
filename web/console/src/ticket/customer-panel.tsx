import { useEffect, useRef, useState } from 'react';
import { api, errorMessage } from '../api/client';
import type { ResendResult, TicketDetail } from '../api/types';
import { announce } from '../components/announcer';
import { Icon } from '../components/icon';
import { formatPhone } from '../format';
import { t } from '../strings';
import { CustomerEditor } from './customer-editor';
import { PhoneBadges } from './phone-badges';

type Notice = { tone: 'success' | 'warning' | 'danger'; text: string };

/**
 * The customer and how to reach them. Fixing a phone is followed by "Reenviar mensagem", which
 * asks the server to send the current task's message again (it says why when it won't).
 */
export function CustomerPanel({ ticket, onChanged }: { ticket: TicketDetail; onChanged(): Promise<void> }) {
  const c = t.customer;
  const [editing, setEditing] = useState(false);
  const [justFixed, setJustFixed] = useState(false);
  const [resending, setResending] = useState(false);
  const [notice, setNotice] = useState<Notice | undefined>();
  const editButton = useRef<HTMLButtonElement>(null);
  const resendButton = useRef<HTMLButtonElement>(null);
  const closedBy = useRef<'save' | 'cancel' | undefined>(undefined);

  // When the editor closes, the focus goes where the agent's next step is: "Reenviar mensagem"
  // after a save, back to "Editar contato" after a cancel.
  useEffect(() => {
    if (editing || !closedBy.current) return;
    (closedBy.current === 'save' ? resendButton : editButton).current?.focus();
    closedBy.current = undefined;
  }, [editing]);
  const close = (how: 'save' | 'cancel') => {
    closedBy.current = how;
    setEditing(false);
  };

  const saved = async () => {
    close('save');
    setJustFixed(true);
    setNotice({ tone: 'success', text: c.saved });
    announce(c.saved);
    await onChanged();
  };

  const resend = async () => {
    setResending(true);
    setNotice(undefined);
    try {
      const result = await api.post<ResendResult>(`/api/v1/tickets/${ticket.id}/resend`);
      const text = result.queued ? c.resendQueued : c.resendNotQueued(result.reason ?? '');
      setNotice({ tone: result.queued ? 'success' : 'warning', text });
      announce(text);
      if (result.queued) setJustFixed(false);
      await onChanged();
    } catch (caught) {
      setNotice({ tone: 'danger', text: errorMessage(caught) });
    } finally {
      setResending(false);
    }
  };

  return (
    <section className="card" aria-labelledby="customer-title">
      <div className="card-header">
        <h2 id="customer-title">{c.title}</h2>
        {editing ? null : (
          <button
            type="button"
            ref={editButton}
            className="button button-secondary button-small"
            onClick={() => setEditing(true)}
          >
            <Icon name="edit" size={15} />
            {c.edit}
          </button>
        )}
      </div>
      {editing ? (
        <CustomerEditor ticket={ticket} onSaved={() => void saved()} onCancel={() => close('cancel')} />
      ) : (
        <>
          <p className="customer-name">{ticket.customer.name}</p>
          <p className={ticket.customer.email ? '' : 'muted'}>{ticket.customer.email ?? c.noEmail}</p>
          <h3 className="subheading">{c.phones}</h3>
          {ticket.customer.phones.length === 0 ? (
            <p className="alert alert-warning">{c.noPhones}</p>
          ) : (
            <ul className="phone-list">
              {ticket.customer.phones.map((phone) => (
                <li key={`${phone.raw}-${phone.e164}`}>
                  <span className="phone-number">{formatPhone(phone.e164, phone.raw)}</span>
                  <span className="phone-badges">
                    <PhoneBadges phone={phone} />
                  </span>
                  {rewritten(phone.raw, phone.e164) ? (
                    <span className="phone-raw muted">{c.asSent(phone.raw)}</span>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          <div className={`resend${justFixed ? ' resend-highlight' : ''}`}>
            {justFixed ? <p className="hint">{c.resendHint}</p> : null}
            <button
              type="button"
              ref={resendButton}
              className={`button ${justFixed ? 'button-primary' : 'button-secondary'}`}
              onClick={() => void resend()}
              disabled={resending}
            >
              <Icon name="send" size={15} />
              {resending ? c.resending : c.resend}
            </button>
          </div>
        </>
      )}
      {notice ? (
        <p className={`alert alert-${notice.tone}`} role="status">
          {notice.text}
        </p>
      ) : null}
    </section>
  );
}

/** Whether Ponte's reading of a number differs from what the source typed (a 9th digit added, a country code). */
function rewritten(raw: string, e164: string | null): boolean {
  const digits = raw.replace(/\D/g, '');
  return e164 !== null && !e164.endsWith(digits.replace(/^0+/, ''));
}
