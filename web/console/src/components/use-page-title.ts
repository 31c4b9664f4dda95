import { useEffect } from 'react';
import { t } from '../strings';

/** The tab's title names the screen, which is also what a screen reader announces on navigation. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · ${t.appName}`;
  }, [title]);
}
