import { useEffect, useRef, useState } from 'react';
import { api, errorMessage } from '../../api/client';
import type { RenderedEmail } from './email-types';

const PREVIEW_DELAY_MS = 400;

export interface PreviewState {
  result?: RenderedEmail;
  /** Why the server could not render it (e.g. an unknown variable), in pt-BR. */
  error?: string;
  loading: boolean;
}

/**
 * The e-mail as the server renders it for one ticket, from the editor's unsaved subject and bodies.
 * It follows the typing with a short delay, and only the answer to the latest question is kept.
 */
export function useEmailPreview(
  ticketId: number | undefined,
  content: { subject: string; html: string; text: string },
): PreviewState {
  const [state, setState] = useState<PreviewState>({ loading: false });
  const latest = useRef(0);
  const { subject, html, text } = content;
  const ready = subject.trim() !== '' && (html.trim() !== '' || text.trim() !== '');
  useEffect(() => {
    const request = ++latest.current;
    if (ticketId === undefined || !ready) {
      setState({ loading: false });
      return;
    }
    setState((current) => ({ ...current, loading: true }));
    const timer = setTimeout(async () => {
      try {
        const result = await api.post<RenderedEmail>('/api/v1/email-templates/preview', {
          ticketId,
          subject,
          html,
          text,
        });
        if (request === latest.current) setState({ result, loading: false });
      } catch (caught) {
        if (request === latest.current) setState({ error: errorMessage(caught), loading: false });
      }
    }, PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [ticketId, subject, html, text, ready]);
  return state;
}
