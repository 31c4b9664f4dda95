import { type FormEvent, useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import { announce } from '../../components/announcer';
import { Field, FormError, useFormErrors } from '../../components/form-field';
import { useFocusOnRefusal } from '../../components/use-focus-on-refusal';
import { t } from '../../strings';
import { EmailPreview } from './email-preview';
import type { EmailTemplateInput, EmailTemplateView, Variable } from './email-types';
import { VariableChips } from './variable-chips';

const FIELDS = ['name', 'subject', 'html', 'text'] as const;
/** The fields a variable can be inserted into. */
type Target = 'subject' | 'html' | 'text';

interface Props {
  /** The template to edit; none to create one. */
  template: EmailTemplateView | undefined;
  variables: readonly Variable[];
  onSaved(template: EmailTemplateView): void;
  onCancel(): void;
}

/**
 * Creates or edits an e-mail template: name, subject, HTML and text bodies, variables inserted with a
 * click where the cursor is, and the e-mail rendered for a real ticket as it is typed. The server
 * checks every variable; its reason shows next to the field it names.
 */
export function EmailTemplateEditor({ template, variables, onSaved, onCancel }: Props) {
  const s = t.email.editor;
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const { form, refused } = useFocusOnRefusal();
  const errors = useFormErrors();
  const [busy, setBusy] = useState(false);
  const [input, setInput] = useState<EmailTemplateInput>(() => ({
    name: template?.name ?? '',
    subject: template?.subject ?? '',
    html: template?.html ?? '',
    text: template?.text ?? '',
  }));
  // A refusal's message stays next to its field until the field is changed.
  const [edited, setEdited] = useState<ReadonlySet<string>>(new Set());
  const fieldError = (field: string) => (edited.has(field) ? undefined : errors.fieldError(field));
  const set = (key: keyof EmailTemplateInput, value: string) => {
    setInput((current) => ({ ...current, [key]: value }));
    setEdited((current) => (current.has(key) ? current : new Set(current).add(key)));
  };

  // Where a variable chip inserts: the last of subject / HTML / text the supervisor was in.
  const [target, setTarget] = useState<Target>('html');
  const subjectRef = useRef<HTMLInputElement>(null);
  const htmlRef = useRef<HTMLTextAreaElement>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const refs = { subject: subjectRef, html: htmlRef, text: textRef };
  const visited = useRef(new Set<Target>());
  const caret = useRef<{ target: Target; at: number } | undefined>(undefined);
  const targetLabels: Record<Target, string> = { subject: s.subject, html: s.html, text: s.text };
  const focusTarget = (field: Target) => {
    visited.current.add(field);
    setTarget(field);
  };

  const insert = (token: string) => {
    const element = refs[target].current;
    const value = input[target];
    // A field never entered has no meaningful cursor: the variable goes at the end.
    const start = visited.current.has(target) ? (element?.selectionStart ?? value.length) : value.length;
    const end = visited.current.has(target) ? (element?.selectionEnd ?? start) : value.length;
    set(target, value.slice(0, start) + token + value.slice(end));
    caret.current = { target, at: start + token.length };
  };
  // After an insertion the cursor goes back into the field, right after the variable.
  useLayoutEffect(() => {
    const pending = caret.current;
    if (!pending) return;
    caret.current = undefined;
    const element = refs[pending.target].current;
    element?.focus();
    element?.setSelectionRange(pending.at, pending.at);
  });

  // The button that opened the editor may be far below: the keyboard and the reader start here.
  useEffect(() => heading.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    errors.clear();
    setEdited(new Set());
    const body = { ...input, name: input.name.trim(), subject: input.subject.trim() };
    try {
      const saved = template
        ? await api.put<EmailTemplateView>(`/api/v1/email-templates/${template.id}`, body)
        : await api.post<EmailTemplateView>('/api/v1/email-templates', body);
      announce(template ? s.updated(saved.name) : s.created(saved.name));
      onSaved(saved);
    } catch (caught) {
      errors.report(caught, FIELDS);
      refused();
      setBusy(false);
    }
  };

  return (
    <section className="card email-template-editor" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} ref={heading} tabIndex={-1}>
        {template ? s.editTitle(template.name) : s.createTitle}
      </h3>
      <div className="email-editor-grid">
        <form className="form-stack" ref={form} onSubmit={submit} noValidate>
          <FormError message={errors.formError} />
          <Field label={s.name} hint={s.nameHint} error={fieldError('name')}>
            <input
              value={input.name}
              autoComplete="off"
              required
              maxLength={120}
              onChange={(event) => set('name', event.target.value)}
            />
          </Field>
          <Field label={s.subject} error={fieldError('subject')}>
            <input
              ref={subjectRef}
              value={input.subject}
              autoComplete="off"
              required
              maxLength={250}
              onFocus={() => focusTarget('subject')}
              onChange={(event) => set('subject', event.target.value)}
            />
          </Field>
          <Field label={s.html} hint={s.htmlHint} error={fieldError('html')}>
            <textarea
              ref={htmlRef}
              className="email-code"
              rows={10}
              spellCheck={false}
              value={input.html}
              onFocus={() => focusTarget('html')}
              onChange={(event) => set('html', event.target.value)}
            />
          </Field>
          <Field label={s.text} hint={s.textHint} error={fieldError('text')}>
            <textarea
              ref={textRef}
              rows={5}
              value={input.text}
              onFocus={() => focusTarget('text')}
              onChange={(event) => set('text', event.target.value)}
            />
          </Field>
          {template ? <p className="alert alert-info alert-compact">{s.appliesNext}</p> : null}
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={busy}>
              {busy ? t.saving : s.save}
            </button>
            <button type="button" className="button button-secondary" onClick={onCancel} disabled={busy}>
              {t.cancel}
            </button>
          </div>
        </form>
        <VariableChips variables={variables} targetLabel={targetLabels[target]} onInsert={insert} />
      </div>
      <EmailPreview subject={input.subject} html={input.html} text={input.text} />
    </section>
  );
}
