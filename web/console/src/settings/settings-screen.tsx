import type { SettingsSection } from '../routing/router';
import { EmailScreen } from './email/email-screen';
import { IntegrationsScreen } from './integrations/integrations-screen';
import { ProceduresScreen } from './procedures/procedures-screen';
import { SettingsLayout } from './settings-layout';
import { TemplatesScreen } from './templates/templates-screen';
import { WhatsappScreen } from './whatsapp/whatsapp-screen';

const SCREENS: Record<SettingsSection, () => React.JSX.Element> = {
  procedures: ProceduresScreen,
  templates: TemplatesScreen,
  integrations: IntegrationsScreen,
  whatsapp: WhatsappScreen,
  email: EmailScreen,
};

export function SettingsScreen({ section }: { section: SettingsSection }) {
  const Screen = SCREENS[section];
  return (
    <SettingsLayout section={section}>
      <Screen />
    </SettingsLayout>
  );
}
