import { Fragment } from 'react';
import { Icon } from '../../components/icon';
import { t } from '../../strings';

/**
 * The message as a WhatsApp bubble, placeholders marked where each send puts its value. Decorative
 * for a screen reader (the form says the same), so it is one labelled figure, not a live region.
 */
export function TemplatePreview({
  body,
  buttonUrl,
  quickReplies,
}: {
  body: string;
  buttonUrl: string;
  quickReplies: string[];
}) {
  const parts = body.split(/(\{\{\s*[a-z0-9_]+\s*\}\})/g);
  const replies = quickReplies.map((reply) => reply.trim()).filter(Boolean);
  return (
    <figure className="template-preview">
      <figcaption className="template-preview-caption">{t.templates.editor.preview}</figcaption>
      <div className="wa-chat">
        <div className="wa-bubble">
          <p className="wa-text">
            {parts.map((part, index) =>
              /^\{\{/.test(part) ? (
                // biome-ignore lint/suspicious/noArrayIndexKey: the pieces of one text, in order.
                <mark key={index} className="wa-placeholder">
                  {part.replace(/\s/g, '')}
                </mark>
              ) : (
                // biome-ignore lint/suspicious/noArrayIndexKey: the pieces of one text, in order.
                <Fragment key={index}>{part}</Fragment>
              ),
            )}
          </p>
          {buttonUrl.trim() ? (
            <p className="wa-button">
              <Icon name="link" size={14} /> {buttonUrl.trim()}
            </p>
          ) : null}
        </div>
        {replies.length > 0 ? (
          <ul className="wa-quick-replies">
            {replies.map((reply, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: replies may repeat while typed.
              <li key={index}>{reply}</li>
            ))}
          </ul>
        ) : null}
      </div>
    </figure>
  );
}
