import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { SessionProvider } from './session/session-context';
import './styles/base.css';
import './styles/shell.css';
import './styles/tickets.css';
import './styles/ticket.css';
import './styles/timeline.css';
import './styles/account.css';
import './styles/settings.css';
import './styles/procedures.css';
import './styles/templates.css';
import './styles/integrations.css';
import './styles/whatsapp.css';
import './styles/email.css';
import './styles/users.css';
import './styles/reports.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <SessionProvider>
      <App />
    </SessionProvider>
  </StrictMode>,
);
