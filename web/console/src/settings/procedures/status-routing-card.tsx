import { type FormEvent, type ReactNode, useEffect, useId, useState } from 'react';
import { ApiError, api, errorMessage } from '../../api/client';
import { announce } from '../../components/announcer';
import { Field, FormError } from '../../components/form-field';
import { Icon } from '../../components/icon';
import { Link } from '../../routing/link';
import { paths } from '../../routing/router';
import { t } from '../../strings';
import type { MatchState, Procedure, Source, StatusMapping, TicketOption } from './types';

interface Row {
  key: string;
  state: '' | 'open' | 'closed';
  status: string;
  taskId: string;
  critical: boolean;
}

interface Props {
  sources: readonly Source[];
  procedures: readonly Procedure[];
  /** Some task on screen is not saved yet (it can't be chosen here until it is). */
  unsavedTasks: boolean;
  onSaved(source: string, criticalStatuses: string[]): void;
}

let rowCounter = 0;
const newRow = (partial: Partial<Row> = {}): Row => ({
  key: `row-${++rowCounter}`,
  state: '',
  status: '',
  taskId: '',
  critical: false,
  ...partial,
});
const upper = (status: string) => status.trim().toLocaleUpperCase('pt-BR');
const clock = new Intl.DateTimeFormat('pt-BR', { timeStyle: 'short' });

/** The source's rows: each mapping, then each critical status no mapping names (a row with no task). */
function rowsOf(mappings: readonly StatusMapping[], critical: readonly string[]): Row[] {
  const criticalSet = new Set(critical.map(upper));
  const rows = mappings.map((m) =>
    newRow({
      state: m.state ?? '',
      status: m.status ?? '',
      taskId: String(m.taskId),
      critical: m.status !== null && criticalSet.has(upper(m.status)),
    }),
  );
  const mapped = new Set(mappings.map((m) => (m.status === null ? '' : upper(m.status))));
  for (const status of critical) if (!mapped.has(upper(status))) rows.push(newRow({ status, critical: true }));
  return rows;
}

/**
 * "Status da origem → tarefa": for one source, which task each status (or the state alone) leads to and
 * which statuses make a ticket critical, saved together (PUT …/status-routing: all or nothing).
 */
export function StatusRoutingCard({ sources, procedures, unsavedTasks, onSaved }: Props) {
  const p = t.procedures;
  const id = useId();
  const [sourceName, setSourceName] = useState(sources[0]?.name ?? '');
  const source = sources.find((candidate) => candidate.name === sourceName);
  const [rows, setRows] = useState<Row[] | undefined>();
  const [known, setKnown] = useState<string[]>([]);
  const [rowErrors, setRowErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  // A procedure save that removes a task also removes its mappings on the server: read them again then.
  const taskIds = procedures.flatMap((procedure) => procedure.tasks.map((task) => task.id)).join();
  // biome-ignore lint/correctness/useExhaustiveDependencies: reloaded when the source or the set of tasks changes, not when its critical list is saved.
  useEffect(() => {
    if (!source) return;
    let cancelled = false;
    setRows(undefined);
    setRowErrors({});
    setFormError(undefined);
    setNotice(undefined);
    Promise.all([
      api.get<{ mappings: StatusMapping[] }>(`/api/v1/sources/${encodeURIComponent(source.name)}/status-mappings`),
      api
        .get<{ tickets: TicketOption[] }>(`/api/v1/tickets?source=${encodeURIComponent(source.name)}&limit=200`)
        .catch(() => ({ tickets: [] })),
    ])
      .then(([mappings, tickets]) => {
        if (cancelled) return;
        setRows(rowsOf(mappings.mappings, source.criticalStatuses));
        const statuses = new Set(tickets.tickets.map((ticket) => ticket.status).filter((s): s is string => !!s));
        setKnown([...statuses].sort((a, b) => a.localeCompare(b, 'pt-BR')));
      })
      .catch((caught: unknown) => !cancelled && setFormError(errorMessage(caught)));
    return () => {
      cancelled = true;
    };
  }, [source?.name, taskIds]);

  const update = (key: string, patch: Partial<Row>) =>
    setRows((current) => current?.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  const addRow = () => {
    const row = newRow();
    setRows((current) => [...(current ?? []), row]);
    setTimeout(() => document.querySelector<HTMLSelectElement>(`[data-row-key="${row.key}"] select`)?.focus(), 0);
  };
  const removeRow = (key: string) => setRows((current) => current?.filter((row) => row.key !== key));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!rows || !source) return;
    setNotice(undefined);
    setFormError(undefined);
    // Courtesy checks; the server checks everything again.
    const local: Record<string, string> = {};
    for (const row of rows) {
      if (!row.taskId && !row.critical) local[row.key] = p.rowNeedsTask;
      else if (row.critical && !row.status.trim()) local[row.key] = p.criticalNeedsStatus;
    }
    setRowErrors(local);
    if (Object.keys(local).length > 0) return setFormError(t.settings.fixFields);
    const mapped = rows.filter((row) => row.taskId);
    const criticalRows = rows.filter((row) => row.critical && row.status.trim());
    setBusy(true);
    try {
      const saved = await api.put<{ mappings: StatusMapping[]; criticalStatuses: string[] }>(
        `/api/v1/sources/${encodeURIComponent(source.name)}/status-routing`,
        {
          mappings: mapped.map((row) => ({
            state: (row.state || null) as MatchState,
            status: row.status.trim() || null,
            taskId: Number(row.taskId),
          })),
          criticalStatuses: criticalRows.map((row) => row.status.trim()),
        },
      );
      // The rows stay where the supervisor put them, their statuses as the server keeps them (upper-cased).
      setRows(
        rows.map((row) => {
          const sent = mapped.indexOf(row);
          const status = sent >= 0 ? (saved.mappings[sent]?.status ?? '') : row.status.trim();
          return { ...row, status };
        }),
      );
      onSaved(source.name, saved.criticalStatuses);
      const text = p.routingSaved(clock.format(new Date()));
      setNotice(text);
      announce(text);
    } catch (caught) {
      // "mappings[3]" or "criticalStatuses[1]" name a row among those sent: find it on screen.
      const match =
        caught instanceof ApiError ? /^(mappings|criticalStatuses)\[(\d+)\]/.exec(caught.field ?? '') : null;
      const row = match ? (match[1] === 'mappings' ? mapped : criticalRows)[Number(match[2])] : undefined;
      if (row) setRowErrors({ [row.key]: errorMessage(caught) });
      setFormError(row ? t.settings.fixFields : errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card routing-card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{p.routingTitle}</h2>
      <p className="hint routing-intro">{p.routingIntro}</p>
      {sources.length === 0 ? (
        <p className="muted">
          {p.noSources} <Link href={paths.settings('integrations')}>{p.sourcesLink}</Link>
        </p>
      ) : (
        <form className="form-stack" onSubmit={submit} noValidate>
          <Field label={p.source} className="routing-source">
            <select value={sourceName} onChange={(event) => setSourceName(event.target.value)}>
              {sources.map((candidate) => (
                <option key={candidate.id} value={candidate.name}>
                  {candidate.name}
                </option>
              ))}
            </select>
          </Field>
          <FormError message={formError} compact />
          {notice ? (
            <p className="alert alert-success alert-compact" role="status">
              {notice}
            </p>
          ) : null}
          {rows === undefined ? (
            <p className="muted">{t.loading}</p>
          ) : (
            <RoutingTable
              rows={rows}
              procedures={procedures}
              known={known}
              listId={`${id}-known`}
              rowErrors={rowErrors}
              onUpdate={update}
              onRemove={removeRow}
            />
          )}
          {unsavedTasks ? <p className="hint">{p.unsavedTasksHint}</p> : null}
          <div className="editor-footer">
            <button type="button" className="button button-secondary" onClick={addRow} disabled={rows === undefined}>
              <Icon name="plus" size={16} />
              {p.addRow}
            </button>
            <button type="submit" className="button button-primary" disabled={busy || rows === undefined}>
              {busy ? t.saving : p.saveRouting}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

interface TableProps {
  rows: readonly Row[];
  procedures: readonly Procedure[];
  known: readonly string[];
  listId: string;
  rowErrors: Record<string, string>;
  onUpdate(key: string, patch: Partial<Row>): void;
  onRemove(key: string): void;
}

function RoutingTable({ rows, procedures, known, listId, rowErrors, onUpdate, onRemove }: TableProps) {
  const p = t.procedures;
  if (rows.length === 0) return <p className="muted">{p.noRows}</p>;
  return (
    <div className="table-wrap">
      <datalist id={listId} aria-label={p.knownStatuses}>
        {known.map((status) => (
          <option key={status} value={status} />
        ))}
      </datalist>
      <table className="routing-table">
        <thead>
          <tr>
            <th scope="col">{p.routingState}</th>
            <th scope="col">{p.routingStatus}</th>
            <th scope="col">{p.routingTask}</th>
            <th scope="col">{p.routingCritical}</th>
            <th scope="col">
              <span className="visually-hidden">{p.removeColumn}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => {
            const n = index + 1;
            const error = rowErrors[row.key];
            const errorId = `${row.key}-error`;
            const invalid = error ? { 'aria-invalid': true, 'aria-describedby': errorId } : {};
            return (
              <RowFragment key={row.key} error={error} errorId={errorId}>
                <tr data-row-key={row.key} className={error ? 'has-error' : undefined}>
                  <td>
                    <select
                      aria-label={p.stateOf(n)}
                      value={row.state}
                      onChange={(event) => onUpdate(row.key, { state: event.target.value as Row['state'] })}
                    >
                      <option value="">{p.anyState}</option>
                      <option value="open">{p.stateOpen}</option>
                      <option value="closed">{p.stateClosed}</option>
                    </select>
                  </td>
                  <td>
                    <input
                      aria-label={p.statusOf(n)}
                      value={row.status}
                      placeholder={p.anyStatus}
                      list={listId}
                      maxLength={200}
                      onChange={(event) => onUpdate(row.key, { status: event.target.value })}
                      {...invalid}
                    />
                  </td>
                  <td>
                    <select
                      aria-label={p.taskOf(n)}
                      value={row.taskId}
                      onChange={(event) => onUpdate(row.key, { taskId: event.target.value })}
                      {...invalid}
                    >
                      <option value="">{p.noTask}</option>
                      {procedures.map((procedure) => (
                        <optgroup key={procedure.id} label={procedure.name}>
                          {procedure.tasks.map((task) => (
                            <option key={task.id} value={task.id}>
                              {task.name}
                            </option>
                          ))}
                        </optgroup>
                      ))}
                    </select>
                  </td>
                  <td className="routing-critical">
                    <input
                      type="checkbox"
                      aria-label={p.criticalOf(n)}
                      checked={row.critical}
                      onChange={(event) => onUpdate(row.key, { critical: event.target.checked })}
                    />
                  </td>
                  <td>
                    <button
                      type="button"
                      className="icon-button"
                      aria-label={p.removeRow(n)}
                      title={p.removeRow(n)}
                      onClick={() => onRemove(row.key)}
                    >
                      <Icon name="close" size={16} />
                    </button>
                  </td>
                </tr>
              </RowFragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function RowFragment({ children, error, errorId }: { children: ReactNode; error?: string; errorId: string }) {
  return (
    <>
      {children}
      {error ? (
        <tr className="routing-error-row">
          <td colSpan={5}>
            <p className="field-error" id={errorId}>
              {error}
            </p>
          </td>
        </tr>
      ) : null}
    </>
  );
}
