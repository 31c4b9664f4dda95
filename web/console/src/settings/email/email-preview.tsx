import { useId } from 'react';
import { TicketPicker, useTicketSearch } from '../../components/ticket-picker';
import { t } from '../../strings';
import { useEmailPreview } from './use-email-preview';

interface Props {
  subject: string;
  html: string;
  text: string;
}

/**
 * The e-mail as it would go out for a real ticket the supervisor picks: the subject, the HTML body in a
 * sandboxed frame (no scripts, no forms, no navigation: the HTML is the template author's, the values
 * the customer's), the text version, and the variables this ticket has no data for.
 */
export function EmailPreview({ subject, html, text }: Props) {
  const s = t.email.preview;
  const id = useId();
  const tickets = useTicketSearch();
  const preview = useEmailPreview(tickets.selected, { subject, html, text });
  const ready = subject.trim() !== '' && (html.trim() !== '' || text.trim() !== '');

  return (
    <section className="email-preview" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>{s.title}</h4>
      <p className="hint">{s.hint}</p>
      <div className="email-preview-controls">
        <TicketPicker tickets={tickets} />
      </div>
      <div className="email-preview-result" aria-live="polite" aria-busy={preview.loading}>
        {tickets.selected === undefined ? (
          tickets.workspaceEmpty || !tickets.loaded ? null : (
            <p className="muted">{s.needsTicket}</p>
          )
        ) : !ready ? (
          <p className="muted">{s.needsContent}</p>
        ) : preview.error ? (
          <p className="alert alert-warning alert-compact">
            {s.cannotRender} {preview.error}
          </p>
        ) : preview.result ? (
          <>
            {preview.result.problems.length > 0 ? (
              <div className="alert alert-warning email-preview-problems" data-testid="email-preview-problems">
                <p className="email-preview-problems-title">{s.problems}</p>
                <ul>
                  {preview.result.problems.map((problem) => (
                    <li key={problem}>{problem}</li>
                  ))}
                </ul>
              </div>
            ) : null}
            <dl className="email-preview-subject">
              <dt>{s.subject}</dt>
              <dd data-testid="email-preview-subject">{preview.result.subject}</dd>
            </dl>
            <div className="email-preview-bodies">
              <figure className="email-preview-body">
                <figcaption className="email-preview-label">{s.htmlTitle}</figcaption>
                {/style\s*=|<style/i.test(html) ? <p className="hint">{s.stylesHidden}</p> : null}
                <iframe
                  className="email-preview-frame"
                  title={s.frameTitle}
                  sandbox=""
                  referrerPolicy="no-referrer"
                  srcDoc={preview.result.html}
                />
              </figure>
              <figure className="email-preview-body">
                <figcaption className="email-preview-label">{s.textTitle}</figcaption>
                <pre className="email-preview-text" data-testid="email-preview-text">
                  {preview.result.text}
                </pre>
              </figure>
            </div>
          </>
        ) : (
          <p className="muted">{s.loading}</p>
        )}
      </div>
    </section>
  );
}
