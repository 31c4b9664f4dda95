import { type FormEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { api, errorMessage } from '../api/client';
import type { TicketDetail } from '../api/types';
import { Icon } from '../components/icon';
import { t } from '../strings';

interface Props {
  ticket: TicketDetail;
  onSaved(): void;
  onCancel(): void;
}

/** Name, e-mail and phones of the customer, as an agent corrects them after a call. */
export function CustomerEditor({ ticket, onSaved, onCancel }: Props) {
  const id = useId();
  const c = t.customer;
  const [name, setName] = useState(ticket.customer.name);
  const [email, setEmail] = useState(ticket.customer.email ?? '');
  const [phones, setPhones] = useState(() =>
    ticket.customer.phones.length > 0 ? ticket.customer.phones.map((phone) => phone.raw) : [''],
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const list = useRef<HTMLDivElement>(null);
  const firstField = useRef<HTMLInputElement>(null);

  // The button that opened the editor is gone: the focus moves to the editor's first field.
  useEffect(() => firstField.current?.focus(), []);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && !busy) onCancel();
  };

  const setPhone = (index: number, value: string) =>
    setPhones((current) => current.map((phone, i) => (i === index ? value : phone)));
  const addPhone = () => {
    setPhones((current) => [...current, '']);
    // The new input is the natural next stop for the keyboard.
    setTimeout(() => list.current?.querySelector<HTMLInputElement>('li:last-child input')?.focus(), 0);
  };
  const removePhone = (index: number) => setPhones((current) => current.filter((_, i) => i !== index));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await api.put(`/api/v1/tickets/${ticket.id}/customer`, {
        name: name.trim(),
        email: email.trim() || null,
        phones: phones.map((phone) => phone.trim()).filter(Boolean),
      });
      onSaved();
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  };

  return (
    <form
      className="customer-editor form-stack"
      onSubmit={submit}
      onKeyDown={onKeyDown}
      noValidate
      aria-labelledby={`${id}-title`}
    >
      <h3 id={`${id}-title`}>{c.editTitle}</h3>
      {error ? (
        <p className="alert alert-danger" role="alert">
          {error}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-name`}>{c.name}</label>
        <input
          id={`${id}-name`}
          ref={firstField}
          value={name}
          required
          onChange={(event) => setName(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-email`}>{c.email}</label>
        <input id={`${id}-email`} type="email" value={email} onChange={(event) => setEmail(event.target.value)} />
      </div>
      <fieldset className="phones-fieldset">
        <legend>{c.phones}</legend>
        <p className="hint" id={`${id}-phone-hint`}>
          {c.phoneHint}
        </p>
        <div ref={list}>
          <ul className="phone-inputs">
            {phones.map((phone, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the inputs are positional; the text is what changes.
              <li key={index}>
                <label htmlFor={`${id}-phone-${index}`} className="visually-hidden">
                  {c.phone(index + 1)}
                </label>
                <input
                  id={`${id}-phone-${index}`}
                  type="tel"
                  inputMode="tel"
                  autoComplete="off"
                  aria-describedby={`${id}-phone-hint`}
                  value={phone}
                  onChange={(event) => setPhone(index, event.target.value)}
                />
                <button
                  type="button"
                  className="icon-button"
                  aria-label={c.removePhone(index + 1)}
                  title={c.removePhone(index + 1)}
                  onClick={() => removePhone(index)}
                >
                  <Icon name="close" size={16} />
                </button>
              </li>
            ))}
          </ul>
        </div>
        <button type="button" className="button button-link" onClick={addPhone}>
          {c.addPhone}
        </button>
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t.saving : t.save}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel} disabled={busy}>
          {t.cancel}
        </button>
      </div>
    </form>
  );
}
