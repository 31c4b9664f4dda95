import { useCallback, useEffect, useState } from 'react';
import { ApiError, api, errorMessage } from '../../api/client';
import type { EmailTemplate, Procedure, Source, Variable, WhatsappTemplate } from './types';

export interface ProcedureData {
  procedures: Procedure[];
  templates: WhatsappTemplate[];
  variables: Variable[];
  emailTemplates: EmailTemplate[];
  sources: Source[];
}

/**
 * Everything the screen reads at once: procedures, WhatsApp templates with the known variables,
 * e-mail templates and sources. An e-mail template API that answers 404 (a server without the
 * e-mail channel) means "no e-mail templates", not a broken screen.
 */
export function useProcedureData() {
  const [data, setData] = useState<ProcedureData | undefined>();
  const [error, setError] = useState<string | undefined>();

  const load = useCallback(async () => {
    setError(undefined);
    try {
      const [procedures, templates, emailTemplates, sources] = await Promise.all([
        api.get<{ procedures: Procedure[] }>('/api/v1/procedures'),
        api.get<{ templates: WhatsappTemplate[]; variables: Variable[] }>('/api/v1/templates'),
        api.get<{ templates: EmailTemplate[] }>('/api/v1/email-templates').catch((caught: unknown) => {
          if (caught instanceof ApiError && caught.status === 404) return { templates: [] };
          throw caught;
        }),
        api.get<{ sources: Source[] }>('/api/v1/sources'),
      ]);
      setData({
        procedures: procedures.procedures,
        templates: templates.templates,
        variables: templates.variables,
        emailTemplates: emailTemplates.templates,
        sources: sources.sources,
      });
    } catch (caught) {
      setError(errorMessage(caught));
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  /** After a save: the saved procedure replaces (or joins) the list without reloading the rest. */
  const putProcedure = useCallback((saved: Procedure) => {
    setData((current) => {
      if (!current) return current;
      const exists = current.procedures.some((p) => p.id === saved.id);
      return {
        ...current,
        procedures: exists
          ? current.procedures.map((p) => (p.id === saved.id ? saved : p))
          : [...current.procedures, saved],
      };
    });
  }, []);

  const putSource = useCallback((name: string, criticalStatuses: string[]) => {
    setData((current) =>
      current
        ? { ...current, sources: current.sources.map((s) => (s.name === name ? { ...s, criticalStatuses } : s)) }
        : current,
    );
  }, []);

  return { data, error, reload: load, putProcedure, putSource };
}
