/** Labelled, keyboard-usable controls shared by the pages, and the loading/error state of a request. */
import type { ReactNode } from 'react';
import type { Dimension } from '../../../server/domain/types.ts';
import { ApiError } from '../api/client.ts';
import type { Loaded } from '../api/queries.ts';
import { formatPeriod } from '../i18n/format.ts';
import { useT } from '../i18n/useT.ts';
import { DIMENSION_KEYS, type GapMode } from '../state/viewState.ts';

export function PeriodPicker({
  value,
  options,
  latest,
  onChange,
}: {
  value: string | null;
  options: string[];
  latest: string;
  onChange: (p: string | null) => void;
}) {
  const { t, lang } = useT();
  return (
    <label className="control">
      <span>{t('period.label')}</span>
      <select
        data-testid="period-picker"
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value || null)}
      >
        <option value="">{t('period.latest', { period: formatPeriod(latest, lang) })}</option>
        {options.map((p) => (
          <option key={p} value={p}>
            {formatPeriod(p, lang)}
          </option>
        ))}
      </select>
    </label>
  );
}

export function DimensionPicker({
  value,
  onChange,
  testId = 'dimension-picker',
}: {
  value: Dimension;
  onChange: (d: Dimension) => void;
  testId?: string;
}) {
  const { t } = useT();
  return (
    <fieldset className="control segmented" data-testid={testId}>
      <legend>{t('dimension.label')}</legend>
      {DIMENSION_KEYS.map((d) => (
        <label key={d} className={value === d ? 'selected' : undefined}>
          <input
            type="radio"
            name={testId}
            value={d}
            checked={value === d}
            onChange={() => onChange(d)}
            data-testid={`${testId}-${d}`}
          />
          {t(`dimension.${d}`)}
        </label>
      ))}
    </fieldset>
  );
}

export function GapModeToggle({
  value,
  onChange,
}: {
  value: GapMode;
  onChange: (g: GapMode) => void;
}) {
  const { t } = useT();
  return (
    <fieldset className="control segmented" data-testid="gap-mode">
      <legend>{t('column.gapMode')}</legend>
      {(['plan', 'national'] as const).map((g) => (
        <label key={g} className={value === g ? 'selected' : undefined}>
          <input
            type="radio"
            name="gap-mode"
            value={g}
            checked={value === g}
            onChange={() => onChange(g)}
            data-testid={`gap-mode-${g}`}
          />
          {t(`gapMode.${g}`)}
        </label>
      ))}
    </fieldset>
  );
}

/** Shows children once loaded; a spinner line while loading; the server's message and a retry button on error. */
export function LoadState<T>({
  loaded,
  children,
  testId,
}: {
  loaded: Loaded<T>;
  children: (data: T) => ReactNode;
  testId?: string;
}) {
  const { t, lang } = useT();
  if (loaded.error) {
    const e = loaded.error;
    const message =
      e instanceof ApiError
        ? lang === 'en'
          ? e.en
          : e.zh
        : e instanceof Error
          ? e.message
          : String(e);
    return (
      <div role="alert" className="load-error" data-testid={testId ? `${testId}-error` : undefined}>
        {t('error.load', { message })}{' '}
        <button type="button" onClick={() => void loaded.refetch()}>
          {t('error.retry')}
        </button>
      </div>
    );
  }
  if (loaded.data === undefined) {
    return (
      <p
        className="loading"
        aria-busy="true"
        data-testid={testId ? `${testId}-loading` : undefined}
      >
        {t('overview.loading')}
      </p>
    );
  }
  return <>{children(loaded.data)}</>;
}

/** One `<option>` per province, named in the page's language; the caller gives the blank choice. */
export function ProvinceOptions({
  provinces,
}: {
  provinces: readonly { code: string; nameZh: string; nameEn: string }[] | undefined;
}) {
  const { lang } = useT();
  return (
    <>
      {provinces?.map((p) => (
        <option key={p.code} value={p.code}>
          {lang === 'en' ? p.nameEn : p.nameZh}
        </option>
      ))}
    </>
  );
}
