import { type FormEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { api } from '../../api/client';
import { announce } from '../../components/announcer';
import { Field, FormError, useFormErrors } from '../../components/form-field';
import { useFocusOnRefusal } from '../../components/use-focus-on-refusal';
import { t } from '../../strings';
import { QuickRepliesInput } from './quick-replies-input';
import { TemplatePreview } from './template-preview';
import { buttonPrefix, placeholdersOf, type TemplateInput, type TemplateView } from './template-types';

const FIELDS = ['name', 'language', 'category', 'body', 'buttonUrl', 'quickReplies'] as const;
const LANGUAGES = ['pt_BR', 'en_US', 'es'];
const CATEGORIES = ['UTILITY', 'MARKETING', 'AUTHENTICATION'];

interface Props {
  /** The template to edit; none to create one. */
  template: TemplateView | undefined;
  onSaved(template: TemplateView): void;
  onCancel(): void;
}

/**
 * Creates or edits a template: the body with its placeholders detected as it is typed, the URL
 * button with its dynamic suffix, the quick replies, and a preview as the customer would see it.
 * The server checks it as Meta would and its reason shows next to the field it names.
 */
export function TemplateEditor({ template, onSaved, onCancel }: Props) {
  const s = t.templates.editor;
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const errors = useFormErrors();
  const { form, refused } = useFocusOnRefusal();
  const [busy, setBusy] = useState(false);
  const [input, setInput] = useState<TemplateInput>(() => ({
    name: template?.name ?? '',
    language: template?.language ?? 'pt_BR',
    category: template?.category ?? 'UTILITY',
    body: template?.body ?? '',
    buttonUrl: template?.buttonUrl ?? '',
    quickReplies: template?.quickReplies ?? [],
  }));
  const set = <K extends keyof TemplateInput>(key: K, value: TemplateInput[K]) =>
    setInput((current) => ({ ...current, [key]: value }));
  const placeholders = placeholdersOf(input.body);
  const languages = LANGUAGES.includes(input.language) ? LANGUAGES : [...LANGUAGES, input.language];

  // The button that opened the editor may be far below: the keyboard and the reader start here.
  useEffect(() => heading.current?.focus(), []);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && !busy) onCancel();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    errors.clear();
    const body = {
      ...input,
      name: input.name.trim(),
      buttonUrl: input.buttonUrl?.trim() ? input.buttonUrl.trim() : null,
      quickReplies: input.quickReplies.map((reply) => reply.trim()).filter(Boolean),
    };
    try {
      const saved = template
        ? await api.put<TemplateView>(`/api/v1/templates/${template.id}`, body)
        : await api.post<TemplateView>('/api/v1/templates', body);
      announce(template ? s.updated(saved.name) : s.created(saved.name));
      onSaved(saved);
    } catch (caught) {
      errors.report(caught, FIELDS);
      refused();
      setBusy(false);
    }
  };

  return (
    <section className="card template-editor" aria-labelledby={`${id}-title`} onKeyDown={onKeyDown}>
      <h2 id={`${id}-title`} ref={heading} tabIndex={-1}>
        {template ? s.editTitle(template.name) : s.createTitle}
      </h2>
      <div className="template-editor-grid">
        <form className="form-stack" ref={form} onSubmit={submit} noValidate>
          <FormError message={errors.formError} />
          <Field label={s.name} hint={s.nameHint} error={errors.fieldError('name')}>
            <input
              value={input.name}
              autoComplete="off"
              spellCheck={false}
              required
              maxLength={512}
              onChange={(event) => set('name', event.target.value)}
            />
          </Field>
          <div className="template-editor-row">
            <Field label={t.templates.editor.language} error={errors.fieldError('language')}>
              <select value={input.language} onChange={(event) => set('language', event.target.value)}>
                {languages.map((code) => (
                  <option key={code} value={code}>
                    {t.templates.languages[code] ?? code} ({code})
                  </option>
                ))}
              </select>
            </Field>
            <Field label={s.category} error={errors.fieldError('category')}>
              <select value={input.category} onChange={(event) => set('category', event.target.value)}>
                {CATEGORIES.map((code) => (
                  <option key={code} value={code}>
                    {t.templates.categories[code]}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          <p className="hint template-category-hint">{s.categoryHint}</p>
          <Field label={s.body} hint={s.bodyHint} error={errors.fieldError('body')}>
            <textarea
              rows={5}
              value={input.body}
              maxLength={1024}
              required
              onChange={(event) => set('body', event.target.value)}
            />
          </Field>
          <div className="template-detected">
            <p className="template-detected-label" id={`${id}-detected`}>
              {s.detected}
            </p>
            {placeholders.length === 0 ? (
              <p className="muted">{s.detectedNone}</p>
            ) : (
              <ul className="placeholder-list" aria-labelledby={`${id}-detected`} data-testid="detected-placeholders">
                {placeholders.map((name) => (
                  <li key={name}>
                    <code className="placeholder-chip">{`{{${name}}}`}</code>
                  </li>
                ))}
              </ul>
            )}
            <p className="hint template-characters">{s.characters(input.body.length)}</p>
          </div>
          <Field label={s.buttonUrl} hint={s.buttonUrlHint} error={errors.fieldError('buttonUrl')}>
            <input
              type="url"
              inputMode="url"
              spellCheck={false}
              placeholder="https://ponte.example.com.br/t/{{1}}"
              value={input.buttonUrl ?? ''}
              onChange={(event) => set('buttonUrl', event.target.value)}
            />
          </Field>
          {input.buttonUrl?.trim() && /\{\{\s*1\s*\}\}\s*$/.test(input.buttonUrl) ? (
            <p className="hint template-button-split">{s.buttonPrefix(buttonPrefix(input.buttonUrl.trim()))}</p>
          ) : null}
          <QuickRepliesInput
            replies={input.quickReplies}
            error={errors.fieldError('quickReplies')}
            onChange={(replies) => set('quickReplies', replies)}
          />
          {template ? <p className="alert alert-info alert-compact">{s.reapproval}</p> : null}
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={busy}>
              {busy ? t.saving : s.save}
            </button>
            <button type="button" className="button button-secondary" onClick={onCancel} disabled={busy}>
              {t.cancel}
            </button>
          </div>
        </form>
        <TemplatePreview body={input.body} buttonUrl={input.buttonUrl ?? ''} quickReplies={input.quickReplies} />
      </div>
    </section>
  );
}
