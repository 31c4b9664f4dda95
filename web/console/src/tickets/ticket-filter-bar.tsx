import { useEffect, useId, useState } from 'react';
import { Icon } from '../components/icon';
import { t } from '../strings';
import { DEFAULT_FILTERS, isFiltered, type TicketFilters } from './ticket-filters';

interface Props {
  filters: TicketFilters;
  onChange(filters: TicketFilters): void;
  /** Statuses and sources seen in the list, offered as suggestions. */
  statuses: string[];
  sources: string[];
}

const SEARCH_DELAY_MS = 300;

/** Search, filters and sort; every control is labelled and reachable in tab order. */
export function TicketFilterBar({ filters, onChange, statuses, sources }: Props) {
  const id = useId();
  const [q, setQ] = useState(filters.q);
  const [status, setStatus] = useState(filters.status);
  const [source, setSource] = useState(filters.source);

  // Typing updates the list after a short pause, not on every key.
  useEffect(() => {
    if (q === filters.q && status === filters.status && source === filters.source) return;
    const timer = setTimeout(() => onChange({ ...filters, q, status, source }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [q, status, source, filters, onChange]);

  // Back/forward or "clear" change the filters from outside: follow them.
  useEffect(() => {
    setQ(filters.q);
    setStatus(filters.status);
    setSource(filters.source);
  }, [filters.q, filters.status, filters.source]);

  const set = <K extends keyof TicketFilters>(key: K, value: TicketFilters[K]) =>
    onChange({ ...filters, [key]: value });

  return (
    <search className="filters" aria-label={t.tickets.filters}>
      <div className="filters-row">
        <div className="field field-search">
          <label htmlFor={`${id}-q`}>{t.tickets.search}</label>
          <div className="input-with-icon">
            <Icon name="search" size={16} />
            <input
              id={`${id}-q`}
              type="search"
              value={q}
              placeholder={t.tickets.searchPlaceholder}
              onChange={(event) => setQ(event.target.value)}
            />
          </div>
        </div>
        <div className="field">
          <label htmlFor={`${id}-state`}>{t.tickets.state}</label>
          <select
            id={`${id}-state`}
            value={filters.state}
            onChange={(event) => set('state', event.target.value as TicketFilters['state'])}
          >
            <option value="">{t.tickets.stateAll}</option>
            <option value="open">{t.tickets.stateOpen}</option>
            <option value="closed">{t.tickets.stateClosed}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-status`}>{t.tickets.status}</label>
          <input
            id={`${id}-status`}
            list={`${id}-statuses`}
            value={status}
            placeholder={t.tickets.statusPlaceholder}
            onChange={(event) => setStatus(event.target.value)}
          />
          <datalist id={`${id}-statuses`}>
            {statuses.map((value) => (
              <option key={value} value={value} />
            ))}
          </datalist>
        </div>
        <div className="field">
          <label htmlFor={`${id}-source`}>{t.tickets.source}</label>
          <input
            id={`${id}-source`}
            list={`${id}-sources`}
            value={source}
            placeholder={t.tickets.sourcePlaceholder}
            onChange={(event) => setSource(event.target.value)}
          />
          <datalist id={`${id}-sources`}>
            {sources.map((value) => (
              <option key={value} value={value} />
            ))}
          </datalist>
        </div>
        <div className="field">
          <label htmlFor={`${id}-sort`}>{t.tickets.sort}</label>
          <select
            id={`${id}-sort`}
            value={filters.sort}
            onChange={(event) => set('sort', event.target.value as TicketFilters['sort'])}
          >
            <option value="updated">{t.tickets.sortUpdated}</option>
            <option value="created">{t.tickets.sortCreated}</option>
          </select>
        </div>
      </div>
      <div className="filters-row filters-toggles">
        <Toggle label={t.tickets.criticalOnly} checked={filters.critical} onChange={(v) => set('critical', v)} />
        <Toggle
          label={t.tickets.messageFailed}
          checked={filters.messageFailed}
          onChange={(v) => set('messageFailed', v)}
        />
        <Toggle
          label={t.tickets.noValidPhone}
          checked={filters.noValidPhone}
          onChange={(v) => set('noValidPhone', v)}
        />
        {isFiltered(filters) ? (
          <button
            type="button"
            className="button button-link"
            onClick={() => onChange({ ...DEFAULT_FILTERS, sort: filters.sort })}
          >
            {t.tickets.clearFilters}
          </button>
        ) : null}
      </div>
    </search>
  );
}

function Toggle({ label, checked, onChange }: { label: string; checked: boolean; onChange(value: boolean): void }) {
  return (
    <label className="toggle">
      <input type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} />
      {label}
    </label>
  );
}
