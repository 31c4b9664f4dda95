import { forwardRef, useEffect, useRef, useState } from 'react';
import { api, errorMessage } from '../../api/client';
import { Field } from '../../components/form-field';
import { TicketPicker, useTicketSearch } from '../../components/ticket-picker';
import { t } from '../../strings';
import type { DraftTask, Preview, WhatsappTemplate } from './types';

interface Props {
  tasks: readonly DraftTask[];
  /** The task whose message is shown (the key of a task that sends WhatsApp). */
  taskKey: string | undefined;
  onTaskKey(key: string): void;
  templates: readonly WhatsappTemplate[];
}

const PREVIEW_DELAY_MS = 250;

/**
 * The message a task would send, rendered by the server for a real ticket the supervisor picks, with
 * the task's unsaved bindings; it warns where a variable has no data and where the template is not approved.
 */
export const PreviewPanel = forwardRef<HTMLHeadingElement, Props>(function PreviewPanel(
  { tasks, taskKey, onTaskKey, templates },
  headingRef,
) {
  const p = t.procedures;
  const sending = tasks.filter((task) => task.sendWhatsapp);
  const task = sending.find((candidate) => candidate.key === taskKey) ?? sending[0];
  const template = templates.find((candidate) => candidate.id === task?.templateId);
  const tickets = useTicketSearch();
  const preview = usePreview(template?.id, tickets.selected, task?.bindings);
  const waiting = sending.length > 0 && template !== undefined && tickets.selected === undefined;

  return (
    <aside className="card preview-panel" aria-labelledby="preview-title">
      <h2 id="preview-title" ref={headingRef} tabIndex={-1}>
        {p.previewTitle}
      </h2>
      <p className="hint">{p.previewHint}</p>
      <div className="form-stack preview-controls">
        <TicketPicker tickets={tickets} />
        {sending.length > 0 ? (
          <Field label={p.previewTask}>
            <select value={task?.key ?? ''} onChange={(event) => onTaskKey(event.target.value)}>
              {sending.map((candidate) => (
                <option key={candidate.key} value={candidate.key}>
                  {`${tasks.indexOf(candidate) + 1}. ${candidate.name.trim() || p.unnamed}`}
                </option>
              ))}
            </select>
          </Field>
        ) : null}
      </div>
      {/* With no ticket to render for, the picker above says why: no empty chat box under it. */}
      <div
        className={waiting ? 'preview-result preview-result-idle' : 'preview-result'}
        aria-live="polite"
        aria-busy={preview.loading}
      >
        {sending.length === 0 ? (
          <p className="muted">{p.previewTaskNone}</p>
        ) : !template ? (
          <p className="muted">{p.previewTaskNoTemplate}</p>
        ) : waiting ? null : preview.error ? (
          <p className="alert alert-danger alert-compact">{preview.error}</p>
        ) : preview.result ? (
          <PreviewMessage preview={preview.result} templateName={template.name} />
        ) : (
          <p className="muted">{p.previewLoading}</p>
        )}
      </div>
    </aside>
  );
});

function PreviewMessage({ preview, templateName }: { preview: Preview; templateName: string }) {
  const p = t.procedures;
  return (
    <>
      <p className="preview-template">
        <code>{templateName}</code>
        <span className={`badge ${preview.approved ? 'badge-success' : 'badge-warning'}`}>
          {preview.approved ? p.approved : p.notApprovedBadge}
        </span>
      </p>
      <div className="wa-bubble" data-testid="preview-text">
        <p className="wa-text">{preview.text}</p>
        {preview.buttonUrl ? (
          <p className="wa-button">
            <span className="visually-hidden">{p.buttonLabel}: </span>
            {preview.buttonUrl}
          </p>
        ) : null}
        {preview.quickReplies.length > 0 ? (
          <ul className="wa-replies" aria-label={p.quickRepliesLabel}>
            {preview.quickReplies.map((reply) => (
              <li key={reply}>{reply}</li>
            ))}
          </ul>
        ) : null}
      </div>
      {preview.problems.length > 0 ? (
        <div className="alert alert-warning preview-problems" data-testid="preview-problems">
          <p className="preview-problems-title">{p.previewProblems}</p>
          <ul>
            {preview.problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </>
  );
}

function usePreview(templateId: number | undefined, ticketId: number | undefined, bindings?: Record<string, string>) {
  const [state, setState] = useState<{ result?: Preview; error?: string; loading: boolean }>({ loading: false });
  const bindingsKey = JSON.stringify(bindings ?? {});
  const latest = useRef(0);
  useEffect(() => {
    if (templateId === undefined || ticketId === undefined) {
      setState({ loading: false });
      return;
    }
    const request = ++latest.current;
    setState((current) => ({ ...current, loading: true }));
    const timer = setTimeout(async () => {
      try {
        const result = await api.post<Preview>(`/api/v1/templates/${templateId}/preview`, {
          ticketId,
          bindings: JSON.parse(bindingsKey) as Record<string, string>,
        });
        // Only the answer to the latest question is shown.
        if (request === latest.current) setState({ result, loading: false });
      } catch (caught) {
        if (request === latest.current) setState({ error: errorMessage(caught), loading: false });
      }
    }, PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [templateId, ticketId, bindingsKey]);
  return state;
}
