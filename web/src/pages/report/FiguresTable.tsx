/**
 * A report's figures, read-only: what a reviewer checks, and what another editor saved
 * when a save ran into a version conflict. Warnings (or differing cells) are shown at the
 * cell they name, with an icon and words, never by colour alone.
 */
import type { ReportDto } from '../../api/client.ts';
import { formatGap } from '../../i18n/format.ts';
import { useT } from '../../i18n/useT.ts';
import { FieldsHeader, messageText } from '../entry/FormTable.tsx';
import { FIELDS, type Field, fieldKey, type Message } from '../entry/form.ts';
import { figureText } from './figureText.ts';

type Row = ReportDto['rows'][number];

interface Props {
  report: Pick<ReportDto, 'rows' | 'provinceCode' | 'period'>;
  caption: string;
  testId: string;
  /** messages by `regionCode/field`, e.g. the report's warnings */
  notes?: Map<string, Message[]>;
  /** cells to mark, e.g. where their figures differ from what the editor typed */
  marks?: Set<string>;
  markLabel?: string;
  /** the previous quarter's rows by region: shown under each figure, with the change */
  previous?: Map<string, Row> | null;
}

export function FiguresTable({
  report,
  caption,
  testId,
  notes,
  marks,
  markLabel,
  previous,
}: Props) {
  const { t, lang } = useT();
  const cell = (r: Row, f: Field) => figureText(r, f, t, lang);
  return (
    <div className="table-scroll">
      <table className="data-table figures-table" data-testid={testId}>
        <caption>{caption}</caption>
        <FieldsHeader t={t} />
        <tbody>
          {report.rows.map((r) => (
            <tr key={r.regionCode}>
              <th scope="row">{lang === 'en' ? r.regionNameEn : r.regionNameZh}</th>
              {FIELDS.map((f) => {
                const key = fieldKey(r.regionCode, f);
                const note = notes?.get(key);
                const marked = marks?.has(key);
                return (
                  <td
                    key={f}
                    className={
                      [
                        f === 'method' || f === 'stage' || f === 'note' ? '' : 'num',
                        note ? 'cell-warning' : '',
                        marked ? 'cell-marked' : '',
                      ]
                        .join(' ')
                        .trim() || undefined
                    }
                    data-testid={`${testId}-${r.regionCode}-${f}`}
                  >
                    {cell(r, f)}
                    <Previous now={r} before={previous?.get(r.regionCode)} field={f} />
                    {marked ? (
                      <span className="mark-icon" title={markLabel}>
                        {' ◆'}
                        <span className="sr-only">{markLabel}</span>
                      </span>
                    ) : null}
                    {note ? (
                      <span className="field-warning">
                        <span aria-hidden="true">⚠ </span>
                        {note.map((m) => messageText(m, t, lang)).join('；')}
                      </span>
                    ) : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** "上季度 120（+5）" under a figure; nothing when the previous quarter has no value there. */
function Previous({ now, before, field }: { now: Row; before: Row | undefined; field: Field }) {
  const { t, lang } = useT();
  if (!before || before[field] == null || before[field] === '' || field === 'note') return null;
  const a = Number(now[field]);
  const b = Number(before[field]);
  const numeric =
    field !== 'stage' &&
    field !== 'method' &&
    now[field] != null &&
    Number.isFinite(a) &&
    Number.isFinite(b);
  const change = numeric && a !== b ? ` (${formatGap(a - b, lang, 2)})` : '';
  return (
    <span className="prev-value">
      {t('review.previousQuarter', { value: figureText(before, field, t, lang) })}
      {change}
    </span>
  );
}
