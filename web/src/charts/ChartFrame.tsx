/**
 * The captioned chart (owid's CaptionedChart): title, subtitle (period, dimension, unit),
 * legend, the chart, and a footer naming the data's source, the plan documents and demo
 * status. Its toolbar downloads the frame as PNG or SVG, the same rows as CSV, or switches
 * to a table of the numbers. The chart inside is given as children and fetches nothing.
 */
import { type ReactNode, useId, useRef, useState } from 'react';
import { useT } from '../i18n/useT.ts';
import { buildCsv, type Column } from './csv.ts';
import { DataTable } from './DataTable.tsx';
import { downloadCsv, downloadImage, EXPORT_IGNORE } from './export.ts';
import { Legend, type LegendItem } from './Legend.tsx';
import { type SourceInfo, sourceLines } from './source.ts';

export interface ChartTable<R> {
  columns: Column<R>[];
  rows: R[];
  rowKey: (row: R, index: number) => string;
}

export interface ChartFrameProps<R> {
  testId: string;
  title: string;
  subtitle: string;
  legend?: LegendItem[];
  source: SourceInfo;
  filename: string;
  table: ChartTable<R>;
  children: ReactNode;
  /** shown beside the chart (e.g. the clause in force) and included in the image */
  aside?: ReactNode;
  /** extra toolbar entries, e.g. a link to the server's xlsx */
  actions?: ReactNode;
}

export function ChartFrame<R>({
  testId,
  title,
  subtitle,
  legend,
  source,
  filename,
  table,
  children,
  aside,
  actions,
}: ChartFrameProps<R>) {
  const { t, lang } = useT();
  const ref = useRef<HTMLElement>(null);
  const titleId = useId();
  const [showTable, setShowTable] = useState(false);
  const [busy, setBusy] = useState<null | 'png' | 'svg'>(null);
  const [failed, setFailed] = useState(false);

  const exportImage = async (kind: 'png' | 'svg') => {
    if (!ref.current) return;
    setBusy(kind);
    setFailed(false);
    try {
      await downloadImage(ref.current, kind, filename);
    } catch (err) {
      console.error(err);
      setFailed(true);
    } finally {
      setBusy(null);
    }
  };
  const lines = sourceLines(source, t, lang);

  return (
    <figure className="chart-frame" ref={ref} data-testid={testId} aria-labelledby={titleId}>
      <div className="chart-toolbar" {...{ [EXPORT_IGNORE]: '' }} role="toolbar" aria-label={title}>
        <button
          type="button"
          data-testid={`${testId}-png`}
          onClick={() => void exportImage('png')}
          disabled={busy !== null}
        >
          {busy === 'png' ? t('chart.exporting') : t('chart.downloadPng')}
        </button>
        <button
          type="button"
          data-testid={`${testId}-svg`}
          onClick={() => void exportImage('svg')}
          disabled={busy !== null}
        >
          {busy === 'svg' ? t('chart.exporting') : t('chart.downloadSvg')}
        </button>
        <button
          type="button"
          data-testid={`${testId}-csv`}
          onClick={() => downloadCsv(buildCsv(table.columns, table.rows), filename)}
        >
          {t('chart.downloadCsv')}
        </button>
        <button
          type="button"
          data-testid={`${testId}-table`}
          aria-pressed={showTable}
          onClick={() => setShowTable((v) => !v)}
        >
          {showTable ? t('chart.showChart') : t('chart.showTable')}
        </button>
        {actions}
        {failed ? (
          <span role="alert" className="error-inline">
            {t('chart.exportFailed')}
          </span>
        ) : null}
      </div>
      <header className="chart-header">
        <h3 id={titleId}>{title}</h3>
        <p className="chart-subtitle">{subtitle}</p>
      </header>
      {!showTable && legend ? <Legend items={legend} /> : null}
      <div className={aside ? 'chart-with-aside' : undefined}>
        {showTable ? (
          <DataTable caption={t('chart.tableOf', { title })} {...table} testId={`${testId}-data`} />
        ) : (
          <div className="chart-body">{children}</div>
        )}
        {aside ? <div className="chart-aside">{aside}</div> : null}
      </div>
      {showTable ? null : (
        // the numbers for screen readers while the chart is shown; never part of an image
        <div {...{ [EXPORT_IGNORE]: '' }}>
          <DataTable caption={t('chart.tableOf', { title })} {...table} className="sr-only" />
        </div>
      )}
      <figcaption className="chart-source" data-testid={`${testId}-source`}>
        {lines.map((line, i) => (
          <span
            key={line}
            className={source.isDemo && i === lines.length - 1 ? 'demo-tag' : undefined}
          >
            {line}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
