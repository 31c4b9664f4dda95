/** The shapes of the e-mail settings and e-mail templates APIs as this screen reads them (see /openapi.json). */

import type { Variable } from '../templates/template-types';

export type { Variable };

export const SECURITY_MODES = ['starttls', 'tls', 'none'] as const;
export type SecurityMode = (typeof SECURITY_MODES)[number];

/** The port each mode usually runs on, offered as a one-click fix when the port does not match. */
export const USUAL_PORTS: Readonly<Record<SecurityMode, number>> = { tls: 465, starttls: 587, none: 25 };

export interface EmailSettingsView {
  configured: boolean;
  host: string;
  port: number;
  security: SecurityMode;
  username: string;
  /** The password never comes back: only whether one is saved. */
  hasPassword: boolean;
  fromAddress: string;
  fromName: string;
}

export interface TestResult {
  ok: boolean;
  message: string;
}

export interface EmailTemplateInput {
  name: string;
  subject: string;
  html: string;
  text: string;
}

export interface EmailTemplateView extends EmailTemplateInput {
  id: number;
  updatedAt: string;
}

export interface EmailTemplateList {
  templates: EmailTemplateView[];
  variables: Variable[];
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
  problems: string[];
}
