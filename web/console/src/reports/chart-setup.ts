import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';

/**
 * Chart.js with only what Relatórios draws (bars, their scales, tooltip and legend), so
 * the rest of the library is shaken out of the bundle. This module is part of the chunk that
 * report-charts.tsx starts, which the console loads only when someone opens Relatórios.
 */
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

Chart.defaults.font.family =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", Arial, sans-serif';
Chart.defaults.font.size = 12;
Chart.defaults.color = '#3d4a5c';
Chart.defaults.borderColor = '#e3e8ee';
Chart.defaults.locale = 'pt-BR';
// The figures are read, not watched: no animation (also kinder to those who asked for reduced motion).
Chart.defaults.animation = false;
Chart.defaults.maintainAspectRatio = false;
Chart.defaults.plugins.legend.labels.boxWidth = 12;
Chart.defaults.plugins.legend.labels.boxHeight = 12;

export { Chart };

/** Colours with words beside them (legend, tooltip, table): colour is never the only cue. */
export const COLORS = {
  read: '#1b6b30',
  delivered: '#5fae72',
  sent: '#0b57a4',
  queued: '#8a96a6',
  failed: '#a8231b',
  not_sent: '#e0a43a',
  whatsapp: '#1b7f4b',
  email: '#0b57a4',
  responseRate: '#0b57a4',
  openRate: '#9fc3ea',
  opened: '#0b57a4',
  closed: '#1b6b30',
  csat: ['#a8231b', '#d9682b', '#e0a43a', '#6aa84f', '#1b6b30'],
} as const;
