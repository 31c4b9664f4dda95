import { useId } from 'react';
import { t } from '../../strings';
import { CopyField } from './copy-field';
import type { ProviderView } from './provider-types';

/** The webhook URL and verify token to paste in the provider's panel, each with a copy button. */
export function WebhookPanel({ view }: { view: ProviderView }) {
  const s = t.whatsapp;
  const id = useId();
  return (
    <section className="card webhook-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{s.webhookTitle}</h2>
      <p className="muted">{view.kind === 'simulator' ? s.webhookSimulator : s.webhookIntro}</p>
      <div className="webhook-fields">
        <CopyField label={s.webhookUrl} value={view.webhookUrl} />
        <CopyField
          label={s.verifyToken}
          value={view.verifyToken}
          {...(view.verifyToken ? {} : { hint: s.verifyTokenUnset })}
        />
      </div>
    </section>
  );
}
