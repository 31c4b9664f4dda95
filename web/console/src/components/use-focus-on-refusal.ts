import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * After the server (or the form's own courtesy check) refused a submit, the keyboard and the screen
 * reader go to the first field marked invalid (its error is tied to it with aria-describedby, so it is
 * read with the field). Each refusal moves the focus, even with the same error. Put `form` on the
 * <form> and call `refused()` after each refusal.
 */
export function useFocusOnRefusal() {
  const form = useRef<HTMLFormElement>(null);
  const [refusals, setRefusals] = useState(0);
  useEffect(() => {
    if (refusals === 0) return;
    const field = form.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    field?.scrollIntoView({ block: 'center' });
    field?.focus();
  }, [refusals]);
  const refused = useCallback(() => setRefusals((n) => n + 1), []);
  return { form, refused };
}
