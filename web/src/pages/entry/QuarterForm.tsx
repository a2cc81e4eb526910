/**
 * One province × one quarter being entered. The form keeps what the editor typed until a
 * save succeeds; the report it was based on (`base`) gives the version sent in If-Match.
 * A 422 puts each error at its input; a 409 shows the other person's figures and leaves
 * the form alone, so nothing typed is lost.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { addQuarters } from '../../../../server/domain/periods.ts';
import { ApiError, type FieldProblem, type ReportDto } from '../../api/client.ts';
import { mutations } from '../../api/mutations.ts';
import { queries } from '../../api/queries.ts';
import { ReportBadge } from '../../charts/StatusBadge.tsx';
import { formatPeriod } from '../../i18n/format.ts';
import { useT } from '../../i18n/useT.ts';
import { setLeaveGuard } from '../../state/useViewState.ts';
import { CoverageTable } from '../report/CoverageTable.tsx';
import { formCoverage, reportCoverage } from '../report/coverage.ts';
import { formatDateTime } from '../report/time.ts';
import { ConflictNotice, isEditable } from './ConflictNotice.tsx';
import { ErrorSummary, WarningList } from './FormMessages.tsx';
import { FormTable, messageText, type RegionName, regionLabel } from './FormTable.tsx';
import {
  differences,
  type Field,
  type FormRow,
  fieldKey,
  formRows,
  isBlank,
  type Message,
  problemsByField,
  toBody,
} from './form.ts';
import { ImportPanel } from './ImportPanel.tsx';

const NONE = new Map<string, Message[]>();

interface Props {
  province: string;
  provinceName: string;
  period: string;
  periodText: string;
  regions: RegionName[];
}

export interface Summary {
  message: Message;
  /** errors at a field: text and the input they name */
  items: { key: string; text: string }[];
  other: FieldProblem[];
}

export function QuarterForm({ province, provinceName, period, periodText, regions }: Props) {
  const { t, lang } = useT();
  // keyed by value: a reloaded (equal) region list must not reset what was typed
  const codeList = regions.map((r) => r.code).join(',');
  const codes = useMemo(() => codeList.split(','), [codeList]);
  const names = useMemo(() => new Map(regions.map((r) => [r.code, r])), [regions]);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [loaded, setLoaded] = useState(false);
  const [base, setBase] = useState<ReportDto | null>(null);
  const [rows, setRows] = useState<FormRow[]>([]);
  const [errors, setErrors] = useState(NONE);
  const [summary, setSummary] = useState<Summary | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [conflict, setConflict] = useState<{ current: ReportDto | null } | null>(null);
  const [busy, setBusy] = useState<null | 'save' | 'submit'>(null);
  const client = useQueryClient();
  const saveReport = useMutation(mutations.saveReport());
  const transition = useMutation(mutations.transition());
  // the report as the server has it now (never an answer kept from an earlier visit)
  const fetchReport = useCallback(
    () => client.fetchQuery(queries.report(province, period)),
    [client, province, period],
  );

  /** the server's answer becomes the form (after a load, a save, an import, a reload) */
  const adopt = useCallback(
    (report: ReportDto | null) => {
      setBase(report);
      setRows(formRows(codes, report));
      setErrors(NONE);
      setSummary(null);
      setConflict(null);
    },
    [codes],
  );

  useEffect(() => {
    let live = true;
    fetchReport().then(
      (r) => {
        if (!live) return;
        adopt(r);
        setLoaded(true);
      },
      (e: unknown) => {
        if (live) setLoadError(e);
      },
    );
    return () => {
      live = false;
    };
  }, [fetchReport, adopt]);

  const previousPeriod = addQuarters(period, -1);
  const previousReport = useQuery(queries.report(province, previousPeriod)).data ?? null;
  const previous = useMemo(
    () => (previousReport ? new Map(previousReport.rows.map((r) => [r.regionCode, r])) : null),
    [previousReport],
  );
  const liveCoverage = useMemo(() => formCoverage(rows), [rows]);
  const previousCoverage = useMemo(
    () => (previousReport ? reportCoverage(previousReport) : null),
    [previousReport],
  );
  const saved = useMemo(() => formRows(codes, base), [codes, base]);
  // regions reporting institution by institution: their figures are the roll-up, not typed here
  const rolledUp = useMemo(
    () =>
      new Map(
        (base?.rows ?? []).flatMap((r) =>
          r.institutions ? [[r.regionCode, r.institutions] as const] : [],
        ),
      ),
    [base],
  );
  const dirty = useMemo(() => differences(rows, saved).size > 0, [rows, saved]);
  const readOnly = !!base && !isEditable(base);
  const warnings = useMemo(
    () =>
      base
        ? problemsByField(
            base.warnings,
            base.rows.map((r) => r.regionCode),
          ).byField
        : NONE,
    [base],
  );
  const conflictMarks = useMemo(
    () =>
      conflict?.current ? differences(rows, formRows(codes, conflict.current)) : new Set<string>(),
    [conflict, rows, codes],
  );

  // leaving with unsaved figures asks first: header links, the province picker, the period
  // select, back/forward (useViewState's guard); a change of language stays on the form
  useEffect(() => {
    if (!dirty) return;
    return setLeaveGuard(
      (next, current) =>
        (next.page === current.page &&
          next.province === current.province &&
          next.period === current.period) ||
        window.confirm(t('entry.leaveUnsaved')),
    );
  }, [dirty, t]);
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const onChange = useCallback((code: string, field: Field, value: string) => {
    setRows((rs) => rs.map((r) => (r.regionCode === code ? { ...r, [field]: value } : r)));
    // the error at an input goes once the input is edited; the summary stays until the next save
    const key = fieldKey(code, field);
    setErrors((errs) => {
      if (!errs.has(key)) return errs;
      const next = new Map(errs);
      next.delete(key);
      return next;
    });
  }, []);

  const showErrors = (
    byField: Map<string, Message[]>,
    message: Message,
    other: FieldProblem[] = [],
  ) => {
    setErrors(byField);
    const items = [...byField].map(([key, ms]) => {
      const [code, field] = key.split('/') as [string, string];
      return {
        key,
        text: t('entry.problemAt', {
          region: regionLabel(names.get(code), code, lang),
          field: t(`field.${field}`),
          message: ms.map((m) => messageText(m, t, lang)).join('；'),
        }),
      };
    });
    setSummary({ message, items, other });
  };

  /** A problem answer: conflicts keep the form and show theirs; field errors go to their inputs. */
  const handleProblem = async (e: unknown, sent: string[]) => {
    if (e instanceof ApiError && (e.status === 409 || e.status === 428)) {
      const current =
        (e.body as { current?: ReportDto } | null)?.current ??
        (await fetchReport().catch(() => null));
      setConflict({ current });
      setSummary(null);
      return;
    }
    if (e instanceof ApiError) {
      const { byField, other } = problemsByField(e.fields, sent);
      showErrors(byField, { zh: e.zh, en: e.en }, other);
      return;
    }
    showErrors(NONE, { zh: String(e), en: String(e) });
  };

  /** 复制上季度: the previous quarter's figures become the form (not saved; notes left out). */
  const copyPrevious = () => {
    if (!previousReport) return;
    if (rows.some((r) => !isBlank(r)) && !window.confirm(t('entry.copyPreviousConfirm'))) return;
    setRows(formRows(codes, previousReport).map((r) => ({ ...r, note: '' })));
    setErrors(NONE);
    setSummary(null);
    setNotice(t('entry.copiedPrevious', { period: formatPeriod(previousPeriod, lang) }));
  };

  const afterWrite = (report: ReportDto, message: string) => {
    adopt(report);
    setNotice(message);
  };

  /** Saves the form; `override` replaces the base's version (a deliberate overwrite after a conflict). */
  const save = async (override?: { version: number | null }): Promise<ReportDto | null> => {
    setNotice(null);
    const body = toBody(rows);
    if (body.errors.size || body.rows.length === 0) {
      showErrors(body.errors, {
        key:
          body.rows.length === 0 && body.errors.size === 0
            ? 'entry.nothingToSave'
            : 'entry.fixFirst',
      });
      return null;
    }
    // demo figures too: they are replaced through the same version check, so one save wins
    const ifMatch = override ? override.version : (base?.version ?? null);
    setBusy('save');
    try {
      const report = await saveReport.mutateAsync({
        code: province,
        period,
        rows: body.rows,
        version: ifMatch,
      });
      afterWrite(report, t('entry.saved', { version: report.version }));
      return report;
    } catch (e) {
      await handleProblem(e, body.sent);
      return null;
    } finally {
      setBusy(null);
    }
  };

  const submit = async () => {
    const report = dirty || !base || base.isDemo ? await save() : base;
    if (!report) return;
    setBusy('submit');
    try {
      const submitted = await transition.mutateAsync({
        code: province,
        period,
        action: 'submit',
        version: report.version,
      });
      afterWrite(submitted, t('entry.submitted', { version: submitted.version }));
    } catch (e) {
      await handleProblem(e, []);
    } finally {
      setBusy(null);
    }
  };

  if (loadError) {
    const message =
      loadError instanceof ApiError
        ? lang === 'en'
          ? loadError.en
          : loadError.zh
        : String(loadError);
    return (
      <div role="alert" className="load-error">
        {t('error.load', { message })}
      </div>
    );
  }
  if (!loaded)
    return (
      <p className="loading" aria-busy="true">
        {t('entry.loading')}
      </p>
    );

  const returnComment =
    base?.status === 'returned'
      ? [...base.comments].reverse().find((c) => c.kind === 'return')
      : undefined;
  const warningList = base
    ? problemsByField(
        base.warnings,
        base.rows.map((r) => r.regionCode),
      )
    : null;

  return (
    <div
      className="quarter-form"
      data-testid="quarter-form"
      data-version={base?.version ?? ''}
      data-status={base?.status ?? 'none'}
    >
      <p className="report-meta" data-testid="report-meta">
        {base ? <ReportBadge state={base.status} /> : null}{' '}
        {base ? t('entry.version', { version: base.version }) : t('entry.newReport')}
        {base?.updatedBy
          ? ` · ${t('entry.updated', { who: base.updatedBy, when: formatDateTime(base.updatedAt, lang) })}`
          : null}
        {dirty ? (
          <span className="unsaved" data-testid="unsaved">
            {' '}
            · {t('entry.unsaved')}
          </span>
        ) : null}
      </p>
      {base?.isDemo ? (
        <p className="demo-tag demo-note" role="note" data-testid="entry-demo">
          <span aria-hidden="true">⚠ </span>
          {t('entry.demo')}
        </p>
      ) : null}
      {readOnly ? (
        <p className="notice-info" data-testid="entry-readonly">
          {t('entry.readOnly')}
        </p>
      ) : null}
      {returnComment ? (
        <p className="notice-warn" data-testid="entry-returned">
          {t('entry.returned', { comment: returnComment.body })}
        </p>
      ) : null}
      {base?.missingRegions.length && !readOnly ? (
        <p className="hint">{t('entry.missing', { count: base.missingRegions.length })}</p>
      ) : null}

      {conflict ? (
        <ConflictNotice
          current={conflict.current}
          marks={conflictMarks}
          busy={busy !== null}
          onReload={() =>
            conflict.current
              ? adopt(conflict.current)
              : void fetchReport().then(adopt, () => adopt(null))
          }
          onOverwrite={(version) => {
            const current = conflict.current;
            setBase(current);
            setConflict(null);
            void save({ version });
          }}
        />
      ) : null}

      {summary ? <ErrorSummary summary={summary} /> : null}
      {notice ? (
        <p role="status" className="notice-ok" data-testid="entry-notice">
          <span aria-hidden="true">✓ </span>
          {notice}
        </p>
      ) : null}

      <p className="hint">{t('entry.numbersHint')}</p>
      {previousReport && !readOnly ? (
        <p className="button-row">
          <button
            type="button"
            onClick={copyPrevious}
            disabled={busy !== null}
            data-testid="entry-copy-previous"
            aria-describedby="copy-previous-hint"
          >
            {t('entry.copyPrevious')}
          </button>
          <span id="copy-previous-hint" className="hint">
            {t('entry.copyPreviousHint', { period: formatPeriod(previousPeriod, lang) })}
          </span>
        </p>
      ) : null}
      <FormTable
        previous={previous}
        caption={t('entry.tableCaption', { province: provinceName, period: periodText })}
        rows={rows}
        regions={names}
        errors={errors}
        warnings={warnings}
        readOnly={readOnly || busy !== null}
        onChange={onChange}
        rolledUp={rolledUp}
      />

      <CoverageTable
        caption={t('entry.coverageTitle')}
        testId="entry-coverage"
        regions={regions.map((r) => ({ code: r.code, name: regionLabel(r, r.code, lang) }))}
        now={liveCoverage}
        previous={previousCoverage}
      />

      {warningList && warningList.byField.size + warningList.other.length > 0 ? (
        <WarningList byField={warningList.byField} names={names} />
      ) : null}

      {readOnly ? null : (
        <div className="button-row sticky-actions">
          <button
            type="button"
            onClick={() => void save()}
            disabled={busy !== null}
            data-testid="entry-save"
          >
            {busy === 'save' ? t('entry.saving') : t('entry.save')}
          </button>
          <button
            type="button"
            className="primary"
            onClick={() => void submit()}
            disabled={busy !== null}
            data-testid="entry-submit"
          >
            {busy === 'submit' ? t('entry.submitting') : t('entry.submit')}
          </button>
        </div>
      )}

      <ImportPanel
        province={province}
        period={period}
        version={base?.version ?? null}
        disabled={readOnly}
        onImported={(r) =>
          afterWrite(r, t('entry.template.imported', { count: r.rows.length, version: r.version }))
        }
        onProblem={(e) => void handleProblem(e, [])}
      />
      <ImportPanel
        sheet="institutions"
        province={province}
        period={period}
        version={base && !base.isDemo ? base.version : null}
        disabled={readOnly}
        onImported={(r, n) =>
          afterWrite(
            r,
            t('entry.institutions.imported', {
              count: n?.count ?? 0,
              created: n?.created ?? 0,
              version: r.version,
            }),
          )
        }
        onProblem={(e) => void handleProblem(e, [])}
      />
    </div>
  );
}
