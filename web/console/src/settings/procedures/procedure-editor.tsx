import { type FormEvent, useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import { announce } from '../../components/announcer';
import { Field, useFormErrors } from '../../components/form-field';
import { Icon } from '../../components/icon';
import { t } from '../../strings';
import { blankTask, bodyOf, draftOf, moveTask, sameDraft } from './drafts';
import { PreviewPanel } from './preview-panel';
import { ProcedureHistory } from './procedure-history';
import { TaskCard } from './task-card';
import type { DraftProcedure, DraftTask, Procedure } from './types';
import type { ProcedureData } from './use-procedure-data';

interface Props {
  initial: DraftProcedure;
  data: ProcedureData;
  onSaved(procedure: Procedure): void;
  onDirtyChange(dirty: boolean): void;
}

const clock = new Intl.DateTimeFormat('pt-BR', { timeStyle: 'short' });

/** The fields of a procedure the server may name in an error and this form shows next to a control. */
function shownFields(draft: DraftProcedure, data: ProcedureData): string[] {
  const fields = ['name'];
  draft.tasks.forEach((task, index) => {
    const prefix = `tasks[${index}]`;
    fields.push(`${prefix}.name`);
    if (task.sendWhatsapp) {
      fields.push(`${prefix}.templateId`);
      const template = data.templates.find((candidate) => candidate.id === task.templateId);
      for (const placeholder of template?.placeholders ?? []) fields.push(`${prefix}.bindings.${placeholder}`);
      if (template?.buttonUrl) fields.push(`${prefix}.bindings.button`);
    }
    if (task.sendEmail || task.emailFallback) fields.push(`${prefix}.emailTemplateId`);
  });
  return fields;
}

/** Create or edit one procedure: its name, its ordered tasks and their actions, with a live preview beside. */
export function ProcedureEditor({ initial, data, onSaved, onDirtyChange }: Props) {
  const p = t.procedures;
  const [baseline, setBaseline] = useState(initial);
  const [draft, setDraft] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | undefined>();
  const [previewKey, setPreviewKey] = useState<string | undefined>();
  const [historyVersion, setHistoryVersion] = useState(0);
  const [errorTick, setErrorTick] = useState(0);
  const errors = useFormErrors();
  const form = useRef<HTMLFormElement>(null);
  const previewHeading = useRef<HTMLHeadingElement>(null);
  const dirty = !sameDraft(draft, baseline);

  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);
  // After a refused save the focus goes to the control the server named (or the form's message).
  useEffect(() => {
    if (errorTick === 0) return;
    const target =
      form.current?.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      form.current?.querySelector<HTMLElement>('.form-error');
    target?.focus();
  }, [errorTick]);

  const updateTask = (key: string, patch: Partial<DraftTask>) =>
    setDraft((current) => ({
      ...current,
      tasks: current.tasks.map((task) => (task.key === key ? { ...task, ...patch } : task)),
    }));

  const move = (from: number, to: number) => {
    const task = draft.tasks[from]!;
    setDraft((current) => ({ ...current, tasks: moveTask(current.tasks, from, to) }));
    announce(p.moved(task.name.trim() || p.unnamed, to + 1));
    // The button pressed moves with its task; the focus follows it, so pressing again keeps moving it
    // (at either end, where that button is disabled, the focus goes to the other arrow).
    const direction = to < from ? 'up' : 'down';
    setTimeout(() => {
      const card = form.current?.querySelector(`[data-task-key="${task.key}"]`);
      const same = card?.querySelector<HTMLButtonElement>(`[data-move="${direction}"]`);
      const other = card?.querySelector<HTMLButtonElement>(`[data-move="${direction === 'up' ? 'down' : 'up'}"]`);
      (same && !same.disabled ? same : other)?.focus();
    }, 0);
  };

  const remove = (index: number) => {
    const task = draft.tasks[index]!;
    setDraft((current) => ({ ...current, tasks: current.tasks.filter((candidate) => candidate.key !== task.key) }));
    announce(p.removed(task.name.trim() || p.unnamed));
    setTimeout(() => form.current?.querySelector<HTMLElement>('.add-task')?.focus(), 0);
  };

  const addTask = () => {
    const task = blankTask();
    setDraft((current) => ({ ...current, tasks: [...current.tasks, task] }));
    setTimeout(() => form.current?.querySelector<HTMLInputElement>(`[data-task-key="${task.key}"] input`)?.focus(), 0);
  };

  const preview = (key: string) => {
    setPreviewKey(key);
    previewHeading.current?.focus();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setNotice(undefined);
    errors.clear();
    try {
      const body = bodyOf(draft);
      const saved =
        draft.id === undefined
          ? await api.post<Procedure>('/api/v1/procedures', body)
          : await api.put<Procedure>(`/api/v1/procedures/${draft.id}`, body);
      const next = draftOf(saved);
      // The task being previewed keeps its place (a new task gets its saved key).
      const previewIndex = draft.tasks.findIndex((task) => task.key === previewKey);
      if (previewIndex >= 0) setPreviewKey(next.tasks[previewIndex]?.key);
      setBaseline(next);
      setDraft(next);
      const text = (draft.id === undefined ? p.created : p.saved)(clock.format(new Date()));
      setNotice(text);
      announce(text);
      setHistoryVersion((version) => version + 1);
      onSaved(saved);
    } catch (caught) {
      errors.report(caught, shownFields(draft, data));
      setErrorTick((tick) => tick + 1);
    } finally {
      setBusy(false);
    }
  };

  const discard = () => {
    setDraft(baseline);
    errors.clear();
    setNotice(undefined);
  };

  const hasFieldError = shownFields(draft, data).some((field) => errors.fieldError(field));

  return (
    <div className="procedure-workspace">
      <div className="procedure-main">
        <form ref={form} className="card procedure-editor" onSubmit={submit} noValidate aria-labelledby="editor-title">
          <div className="card-header">
            <h2 id="editor-title">{draft.id === undefined ? p.creatingTitle : p.editorTitle(baseline.name)}</h2>
            {dirty ? <span className="badge badge-warning">{p.unsaved}</span> : null}
          </div>
          <p className="alert alert-info alert-compact applies-notice">
            <Icon name="clock" size={16} /> {p.appliesAfterSave}
          </p>
          {errors.formError || hasFieldError ? (
            <p className="alert alert-danger form-error" role="alert" tabIndex={-1}>
              {errors.formError ?? t.settings.fixFields}
            </p>
          ) : null}
          {notice ? (
            <p className="alert alert-success" role="status">
              {notice}
            </p>
          ) : null}
          <Field label={p.name} error={errors.fieldError('name')}>
            <input
              value={draft.name}
              maxLength={120}
              required
              onChange={(event) => setDraft((current) => ({ ...current, name: event.target.value }))}
            />
          </Field>
          <div className="tasks-heading">
            <h3 id="tasks-title">{p.tasks}</h3>
            <p className="hint">{p.tasksHint}</p>
          </div>
          {draft.tasks.length === 0 ? <p className="muted">{p.noTasks}</p> : null}
          <ol className="task-list" aria-labelledby="tasks-title">
            {draft.tasks.map((task, index) => (
              <TaskCard
                key={task.key}
                task={task}
                index={index}
                count={draft.tasks.length}
                templates={data.templates}
                variables={data.variables}
                emailTemplates={data.emailTemplates}
                previewing={task.key === previewKey}
                fieldError={errors.fieldError}
                onChange={(patch) => updateTask(task.key, patch)}
                onMove={(to) => move(index, to)}
                onRemove={() => remove(index)}
                onPreview={() => preview(task.key)}
              />
            ))}
          </ol>
          <div className="editor-footer">
            <button type="button" className="button button-secondary add-task" onClick={addTask}>
              <Icon name="plus" size={16} />
              {p.addTask}
            </button>
            <div className="form-actions">
              {dirty && draft.id !== undefined ? (
                <button type="button" className="button button-secondary" onClick={discard} disabled={busy}>
                  {p.discard}
                </button>
              ) : null}
              <button type="submit" className="button button-primary" disabled={busy}>
                {busy ? t.saving : draft.id === undefined ? p.create : p.save}
              </button>
            </div>
          </div>
        </form>
        {draft.id !== undefined ? <ProcedureHistory procedureId={draft.id} version={historyVersion} /> : null}
      </div>
      <PreviewPanel
        ref={previewHeading}
        tasks={draft.tasks}
        taskKey={previewKey}
        onTaskKey={setPreviewKey}
        templates={data.templates}
      />
    </div>
  );
}
