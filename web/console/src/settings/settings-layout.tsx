import type { ReactNode } from 'react';
import { Link } from '../routing/link';
import { paths, SETTINGS_SECTIONS, type SettingsSection } from '../routing/router';
import { t } from '../strings';

/** Configurações: the section list on the left (as in the seed's menu), the section on the right. */
export function SettingsLayout({ section, children }: { section: SettingsSection; children: ReactNode }) {
  return (
    <div className="settings-layout">
      <nav className="settings-nav" aria-label={t.settings.sectionsLabel}>
        <p className="settings-nav-title">{t.settings.title}</p>
        <ul>
          {(Object.keys(SETTINGS_SECTIONS) as SettingsSection[]).map((key) => (
            <li key={key}>
              <Link href={paths.settings(key)} aria-current={key === section ? 'page' : undefined}>
                {t.settings.sections[key]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="settings-content">{children}</div>
    </div>
  );
}
