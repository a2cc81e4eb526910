/**
 * The spreadsheet route: download the province's template (regions listed, figures already
 * entered filled in) and upload it back. The import is all or nothing; when the file is
 * rejected, each problem names the spreadsheet row and column.
 */
import { useMutation } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { ApiError, type FieldProblem, type ReportDto, reportsApi } from '../../api/client.ts';
import { mutations } from '../../api/mutations.ts';
import { useT } from '../../i18n/useT.ts';

interface Props {
  province: string;
  period: string;
  /** the version the form shows, demo figures included (null: a new quarter) */
  version: number | null;
  disabled: boolean;
  onImported: (report: ReportDto) => void;
  /** problems that are not about the file (a version conflict, a lost session) */
  onProblem: (error: unknown) => void;
}

type ImportProblem = FieldProblem & { row?: number; column?: string };

export function ImportPanel({ province, period, version, disabled, onImported, onProblem }: Props) {
  const { t, lang } = useT();
  const fileRef = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const [busy, setBusy] = useState(false);
  const importReport = useMutation(mutations.importReport());
  const [rejected, setRejected] = useState<{ message: string; problems: ImportProblem[] } | null>(
    null,
  );

  const upload = async () => {
    const file = fileRef.current?.files?.[0];
    if (!file) return;
    setBusy(true);
    setRejected(null);
    try {
      const report = await importReport.mutateAsync({ code: province, period, file, version });
      if (fileRef.current) fileRef.current.value = '';
      onImported(report);
    } catch (e) {
      if (
        e instanceof ApiError &&
        (e.status === 422 || e.status === 400 || e.status === 413 || e.status === 415)
      ) {
        const problems = [...(e.fields as ImportProblem[])].sort(
          (a, b) => (a.row ?? 0) - (b.row ?? 0),
        );
        setRejected({ message: lang === 'en' ? e.en : e.zh, problems });
      } else onProblem(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section
      className="import-panel"
      aria-labelledby={`${inputId}-title`}
      data-testid="import-panel"
    >
      <h3 id={`${inputId}-title`}>{t('entry.template.title')}</h3>
      <p>
        {t('entry.template.download')}{' '}
        <a
          href={reportsApi.templateHref(province, period, 'xlsx')}
          download
          data-testid="template-xlsx"
        >
          {t('entry.template.xlsx')}
        </a>{' '}
        ·{' '}
        <a
          href={reportsApi.templateHref(province, period, 'csv')}
          download
          data-testid="template-csv"
        >
          {t('entry.template.csv')}
        </a>
      </p>
      {disabled ? null : (
        <div className="import-row">
          <label htmlFor={inputId}>{t('entry.template.import')}</label>
          <input
            id={inputId}
            ref={fileRef}
            type="file"
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            data-testid="import-file"
            aria-describedby={`${inputId}-hint`}
          />
          <button
            type="button"
            onClick={() => void upload()}
            disabled={busy}
            data-testid="import-upload"
          >
            {busy ? t('entry.template.importing') : t('entry.template.upload')}
          </button>
          <span id={`${inputId}-hint`} className="hint">
            {t('entry.template.unsavedFirst')}
          </span>
        </div>
      )}
      {rejected ? (
        <div role="alert" className="problem-box" data-testid="import-errors">
          <p>
            <span aria-hidden="true">✕ </span>
            {t('entry.template.rejected')} {rejected.message}
          </p>
          <ul>
            {rejected.problems.map((p) => (
              <li key={`${p.path}|${p.code}|${p.en}`} data-testid="import-error">
                {lang === 'en' ? p.en : p.zh}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
