/**
 * The captioned chart (owid's CaptionedChart): title, subtitle (period, dimension, unit),
 * legend, the chart, and a footer naming the data's source, the plan documents, demo
 * status and how recent the data are. Its toolbar downloads the chart as SVG (its own SVG in
 * a frame drawn in SVG) or PNG (that SVG rasterised), the same rows as CSV, or switches to a
 * table of the numbers. The chart inside is given as children and fetches nothing.
 */
import { type ReactNode, useDeferredValue, useId, useRef, useState } from 'react';
import { useT } from '../i18n/useT.ts';
import { buildCsv, type Column } from './csv.ts';
import { DataTable } from './DataTable.tsx';
import {
  canvasMeasure,
  downloadBlob,
  downloadCsv,
  drawingFromDom,
  EXPORT_IGNORE,
  svgToPng,
} from './export.ts';
import { Legend, type LegendItem } from './Legend.tsx';
import { asOfLine, type SourceInfo, sourceLines } from './source.ts';
import { composeSvg, type Drawing, type Measure, tableDrawing } from './svg-draw.ts';

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
  /** short lines the exported image carries under its subtitle (e.g. the status) */
  notes?: string[];
  /**
   * How the SVG export draws the body: 'dom' (default) takes the chart's own <svg>;
   * 'table' draws the table's rows; a function draws something of its own (the grid).
   */
  drawing?: 'dom' | 'table' | ((measure: Measure) => Drawing);
  /**
   * The chart's numbers as a visually hidden table, for screen readers (default). Off where
   * the chart is itself read as text, figure by figure (the grid's table, the tiles' labels):
   * a hidden copy would make a screen reader read every figure twice.
   */
  hiddenTable?: boolean;
}

/** A chart's table as rectangles and text, with the values the table view shows. */
export function tableAsDrawing<R>(table: ChartTable<R>, measure: Measure): Drawing {
  return tableDrawing(
    table.columns.map((c) => c.header),
    table.rows.map((r) =>
      table.columns.map((c) => ({ text: c.display ? c.display(r) : String(c.value(r) ?? '—') })),
    ),
    measure,
  );
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
  notes,
  drawing = 'dom',
  hiddenTable = true,
}: ChartFrameProps<R>) {
  const { t, lang } = useT();
  const body = useRef<HTMLDivElement>(null);
  const frame = useRef<HTMLElement>(null);
  const titleId = useId();
  const [showTable, setShowTable] = useState(false);
  const [busy, setBusy] = useState<null | 'png' | 'svg'>(null);
  const [failed, setFailed] = useState(false);
  // the hidden table follows the chart in the background (a transition) rather than with it:
  // a screen reader has it a moment later, and the chart is on screen sooner
  const tableDrawn = useDeferredValue(true, false);

  const exportImage = async (kind: 'png' | 'svg') => {
    const started = performance.now();
    setBusy(kind);
    setFailed(false);
    try {
      const measure = canvasMeasure();
      const drawn =
        typeof drawing === 'function'
          ? drawing(measure)
          : drawing === 'table' || showTable || !body.current
            ? tableAsDrawing(table, measure)
            : drawingFromDom(body.current);
      const svg = composeSvg(
        { title, subtitle, notes, legend, source: lines, asOf: asOf, url: window.location.href },
        drawn,
        measure,
      );
      const blob =
        kind === 'svg'
          ? new Blob([svg], { type: 'image/svg+xml;charset=utf-8' })
          : await svgToPng(svg);
      downloadBlob(blob, `${filename}.${kind}`);
      // how long the export took in the page, for the browser tests and anyone curious
      frame.current?.setAttribute(
        'data-export-ms',
        String(Math.round(performance.now() - started)),
      );
    } catch (err) {
      console.error(err);
      setFailed(true);
    } finally {
      setBusy(null);
    }
  };
  const lines = sourceLines(source, t, lang);
  const asOf = asOfLine(source, t, lang);

  return (
    <figure
      ref={frame}
      className="chart-frame"
      data-testid={testId}
      data-filename={filename}
      aria-labelledby={titleId}
    >
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
          <div className="chart-body" ref={body}>
            {children}
          </div>
        )}
        {aside ? <div className="chart-aside">{aside}</div> : null}
      </div>
      {showTable || !hiddenTable || !tableDrawn ? null : (
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
        <span className="as-of" data-testid={`${testId}-as-of`}>
          {asOf}
        </span>
      </figcaption>
    </figure>
  );
}
