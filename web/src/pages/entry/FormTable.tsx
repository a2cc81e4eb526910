/**
 * The quarter as a table of inputs: one row per coordinating region, one column per figure.
 * Every input is labelled with its region and field (screen readers read both), and a
 * problem sits under the input it names, linked by aria-describedby: errors mark the input
 * aria-invalid, warnings do not (they were saved).
 */
import { memo } from 'react';
import type { Lang } from '../../i18n/locale.ts';
import { type Translate, useT } from '../../i18n/useT.ts';
import { figureText, type ReportRow } from '../report/figureText.ts';
import {
  FIELDS,
  type Field,
  type FormRow,
  fieldKey,
  METHODS,
  type Message,
  STAGE_KEYS,
} from './form.ts';

export interface RegionName {
  code: string;
  nameZh: string;
  nameEn: string;
}

export const regionLabel = (r: RegionName | undefined, code: string, lang: Lang) =>
  r ? (lang === 'en' ? r.nameEn : r.nameZh) : code;

export function messageText(m: Message, t: Translate, lang: Lang): string {
  return 'key' in m ? t(m.key) : lang === 'en' ? m.en : m.zh;
}

/** ids that link a message to its input */
export const inputId = (key: string) => `field-${key.replace('/', '-')}`;

interface Props {
  caption: string;
  rows: FormRow[];
  regions: Map<string, RegionName>;
  errors: Map<string, Message[]>;
  warnings: Map<string, Message[]>;
  readOnly: boolean;
  onChange: (regionCode: string, field: Field, value: string) => void;
  /** last quarter's figures by region, shown under each input */
  previous?: Map<string, ReportRow> | null;
  /** regions whose figures are their institutions' roll-up (机构明细): region → institutions */
  rolledUp?: Map<string, number>;
}

export function FormTable({
  caption,
  rows,
  regions,
  errors,
  warnings,
  readOnly,
  onChange,
  previous,
  rolledUp,
}: Props) {
  const { t, lang } = useT();
  return (
    <div className="table-scroll entry-scroll">
      <table className="data-table entry-table" data-testid="entry-table">
        <caption className="sr-only">{caption}</caption>
        <FieldsHeader t={t} />
        <tbody>
          {rows.map((row) => (
            <FormRowView
              key={row.regionCode}
              row={row}
              name={regionLabel(regions.get(row.regionCode), row.regionCode, lang)}
              errors={errors}
              warnings={warnings}
              readOnly={readOnly}
              onChange={onChange}
              prev={previous?.get(row.regionCode)}
              institutions={rolledUp?.get(row.regionCode)}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

// Memoised: typing in one row re-renders that row only (Liaoning has 15 regions, Hunan 14 + pools).
const FormRowView = memo(function FormRowView({
  row,
  name,
  errors,
  warnings,
  readOnly,
  onChange,
  prev,
  institutions,
}: {
  row: FormRow;
  name: string;
  prev: ReportRow | undefined;
  institutions: number | undefined;
} & Pick<Props, 'errors' | 'warnings' | 'readOnly' | 'onChange'>) {
  const { t, lang } = useT();
  const rowProblems = errors.get(fieldKey(row.regionCode, 'row'));
  return (
    <tr
      data-testid={`entry-row-${row.regionCode}`}
      className={rowProblems ? 'row-invalid' : undefined}
    >
      <th scope="row">
        {name}
        <span className="region-code">{row.regionCode}</span>
        {institutions ? (
          <span className="hint" data-testid={`rolled-up-${row.regionCode}`}>
            {t('entry.institutions.rolledUp', { count: institutions })}
          </span>
        ) : null}
        {rowProblems ? (
          <Problems
            id={inputId(fieldKey(row.regionCode, 'row'))}
            kind="error"
            messages={rowProblems}
            t={t}
            lang={lang}
          />
        ) : null}
      </th>
      {FIELDS.map((f) => {
        const key = fieldKey(row.regionCode, f);
        const errs = errors.get(key);
        const warns = warnings.get(key);
        const id = inputId(key);
        const last =
          prev && f !== 'note' && prev[f] != null && prev[f] !== ''
            ? t('entry.previous', { value: figureText(prev, f, t, lang) })
            : null;
        const described = [errs || warns ? `${id}-msg` : null, last ? `${id}-prev` : null]
          .filter(Boolean)
          .join(' ');
        const common = {
          id,
          'aria-label': `${name} ${t(`field.${f}`)}`,
          'aria-invalid': errs ? (true as const) : undefined,
          'aria-describedby': described || undefined,
          'data-testid': `field-${row.regionCode}-${f}`,
          // a region reporting institution by institution: its figures are theirs (stage, method, note its own)
          disabled: readOnly || (!!institutions && f !== 'stage' && f !== 'method' && f !== 'note'),
          value: row[f],
          onChange: (e: { target: { value: string } }) =>
            onChange(row.regionCode, f, e.target.value),
        };
        return (
          <td key={f} className={errs ? 'cell-invalid' : warns ? 'cell-warning' : undefined}>
            {f === 'method' ? (
              <select {...common}>
                <option value="">{t('entry.methodNone')}</option>
                {METHODS.map((m) => (
                  <option key={m} value={m}>
                    {m}
                  </option>
                ))}
              </select>
            ) : f === 'stage' ? (
              <select {...common}>
                <option value="">{t('entry.stageChoose')}</option>
                {STAGE_KEYS.map((s) => (
                  <option key={s} value={s}>
                    {t(`stage.${s}`)}
                  </option>
                ))}
              </select>
            ) : (
              <input
                {...common}
                type="text"
                inputMode={f === 'note' ? 'text' : 'decimal'}
                autoComplete="off"
                className={f === 'note' ? 'input-note' : 'input-num'}
              />
            )}
            {last ? (
              <span
                id={`${id}-prev`}
                className="prev-value"
                data-testid={`prev-${row.regionCode}-${f}`}
              >
                {last}
              </span>
            ) : null}
            {errs ? (
              <Problems id={`${id}-msg`} kind="error" messages={errs} t={t} lang={lang} />
            ) : warns ? (
              <Problems id={`${id}-msg`} kind="warning" messages={warns} t={t} lang={lang} />
            ) : null}
          </td>
        );
      })}
    </tr>
  );
});

function Problems({
  id,
  kind,
  messages,
  t,
  lang,
}: {
  id: string;
  kind: 'error' | 'warning';
  messages: Message[];
  t: Translate;
  lang: Lang;
}) {
  const unique = [...new Set(messages.map((m) => messageText(m, t, lang)))];
  return (
    <span
      id={id}
      className={`field-${kind}`}
      data-testid={`${kind}-${id.replace(/-msg$/, '').replace(/^field-/, '')}`}
    >
      <span aria-hidden="true">{kind === 'error' ? '✕ ' : '⚠ '}</span>
      {unique.join('；')}
    </span>
  );
}

/** The header row of a quarter's figures: the region, then each field (numbers right-aligned); shared with the review's figures table. */
export function FieldsHeader({ t }: { t: Translate }) {
  return (
    <thead>
      <tr>
        <th scope="col">{t('entry.region')}</th>
        {FIELDS.map((f) => (
          <th
            key={f}
            scope="col"
            className={f === 'method' || f === 'stage' || f === 'note' ? undefined : 'num'}
          >
            {t(`field.${f}`)}
          </th>
        ))}
      </tr>
    </thead>
  );
}
