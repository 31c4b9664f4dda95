import type { ChartConfiguration } from 'chart.js';
import { type ReactNode, useEffect, useRef } from 'react';
import { t } from '../strings';
import { Chart } from './chart-setup';

interface ChartFigureProps {
  title: string;
  /** What the chart shows, in a sentence: the canvas's accessible name. */
  summary: string;
  config: ChartConfiguration;
  /** The same figures as a table, under "Ver os dados em tabela". */
  table: ReactNode;
  /** A line under the chart (a comparison worth reading). */
  note?: ReactNode;
  className?: string;
  id: string;
}

/**
 * One chart: a caption, the canvas (an image named by its summary for screen readers), and the
 * data as a table for whoever would rather read, copy or check the numbers.
 */
export function ChartFigure({ title, summary, config, table, note, className, id }: ChartFigureProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, config);
    return () => chart.destroy();
  }, [config]);
  return (
    <figure className={`card report-chart${className ? ` ${className}` : ''}`} data-chart={id}>
      <figcaption className="report-chart-title">{title}</figcaption>
      <div className="report-chart-canvas">
        <canvas ref={canvas} role="img" aria-label={summary}>
          {summary}
        </canvas>
      </div>
      {note ? <p className="report-chart-note">{note}</p> : null}
      <details className="report-chart-data">
        <summary>{t.reports.charts.showData}</summary>
        <div className="report-table-wrap">{table}</div>
      </details>
    </figure>
  );
}
