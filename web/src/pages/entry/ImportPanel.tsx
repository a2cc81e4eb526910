/**
 * The spreadsheet route: download the province's template (regions listed, figures already
 * entered filled in) and upload it back. The import is all or nothing; when the file is
 * rejected, each problem names the spreadsheet row and column. `sheet="institutions"` is the
 * same for the quarter's institution figures (机构明细), which need the report to exist.
 */
import { useMutation } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import {
  ApiError,
  type FieldProblem,
  institutionsApi,
  type ReportDto,
  reportsApi,
} from '../../api/client.ts';
import { mutations } from '../../api/mutations.ts';
import { useT } from '../../i18n/useT.ts';

interface Props {
  province: string;
  period: string;
  /** the version the form shows, demo figures included (null: a new quarter) */
  version: number | null;
  disabled: boolean;
  /** the report as it now is; for institutions, how many were imported and newly registered */
  onImported: (report: ReportDto, institutions?: { count: number; created: number }) => void;
  /** problems that are not about the file (a version conflict, a lost session) */
  onProblem: (error: unknown) => void;
  sheet?: 'regions' | 'institutions';
}

type ImportProblem = FieldProblem & { row?: number; column?: string };

export function ImportPanel({
  province,
  period,
  version,
  disabled,
  onImported,
  onProblem,
  sheet = 'regions',
}: Props) {
  const perInstitution = sheet === 'institutions';
  const id = (name: string) => (perInstitution ? `institutions-${name}` : name);
  const hrefs = perInstitution ? institutionsApi : reportsApi;
  const { t, lang } = useT();
  const fileRef = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const [busy, setBusy] = useState(false);
  const importReport = useMutation(mutations.importReport());
  const importInstitutions = useMutation(mutations.importInstitutions());
  const [rejected, setRejected] = useState<{ message: string; problems: ImportProblem[] } | null>(
    null,
  );

  const upload = async () => {
    const file = fileRef.current?.files?.[0];
    if (!file) return;
    setBusy(true);
    setRejected(null);
    try {
      const at = { code: province, period, file };
      if (perInstitution && version !== null) {
        const { saved, report } = await importInstitutions.mutateAsync({ ...at, version });
        onImported(report, { count: saved.institutions, created: saved.createdInstitutions });
      } else onImported(await importReport.mutateAsync({ ...at, version }));
      if (fileRef.current) fileRef.current.value = '';
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
      data-testid={id('import-panel')}
    >
      <h3 id={`${inputId}-title`}>
        {t(perInstitution ? 'entry.institutions.title' : 'entry.template.title')}
      </h3>
      <p>
        {t(perInstitution ? 'entry.institutions.download' : 'entry.template.download')}{' '}
        <a
          href={hrefs.templateHref(province, period, 'xlsx')}
          download
          data-testid={id('template-xlsx')}
        >
          {t('entry.template.xlsx')}
        </a>{' '}
        ·{' '}
        <a
          href={hrefs.templateHref(province, period, 'csv')}
          download
          data-testid={id('template-csv')}
        >
          {t('entry.template.csv')}
        </a>
        {perInstitution && version !== null ? (
          <>
            {' '}
            ·{' '}
            <a href={institutionsApi.exportHref(province, period)} download>
              {t('entry.institutions.export')}
            </a>
          </>
        ) : null}
      </p>
      {perInstitution && version === null && !disabled ? (
        <p className="hint">{t('entry.institutions.needsReport')}</p>
      ) : null}
      {disabled || (perInstitution && version === null) ? null : (
        <div className="import-row">
          <label htmlFor={inputId}>
            {t(perInstitution ? 'entry.institutions.import' : 'entry.template.import')}
          </label>
          <input
            id={inputId}
            ref={fileRef}
            type="file"
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            data-testid={id('import-file')}
            aria-describedby={`${inputId}-hint`}
          />
          <button
            type="button"
            onClick={() => void upload()}
            disabled={busy}
            data-testid={id('import-upload')}
          >
            {busy ? t('entry.template.importing') : t('entry.template.upload')}
          </button>
          <span id={`${inputId}-hint`} className="hint">
            {t(perInstitution ? 'entry.institutions.hint' : 'entry.template.unsavedFirst')}
          </span>
        </div>
      )}
      {rejected ? (
        <div role="alert" className="problem-box" data-testid={id('import-errors')}>
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
