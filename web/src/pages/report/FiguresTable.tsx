/**
 * A report's figures, read-only: what a reviewer checks, and what another editor saved
 * when a save ran into a version conflict. Warnings (or differing cells) are shown at the
 * cell they name, with an icon and words, never by colour alone.
 */
import type { ReportDto } from '../../api/client.ts';
import { formatNumber } from '../../i18n/format.ts';
import { useT } from '../../i18n/useT.ts';
import { FieldsHeader, messageText } from '../entry/FormTable.tsx';
import { FIELDS, type Field, fieldKey, type Message, MONEY_FIELDS } from '../entry/form.ts';

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
}

export function FiguresTable({ report, caption, testId, notes, marks, markLabel }: Props) {
  const { t, lang } = useT();
  const cell = (r: Row, f: Field): string => {
    const v = r[f];
    if (v == null || v === '') return '—';
    if (f === 'stage') return t(`stage.${String(v)}`);
    if (f === 'method' || f === 'note') return String(v);
    // money (万元) always with its two decimals, counts whole
    if ((MONEY_FIELDS as readonly string[]).includes(f))
      return new Intl.NumberFormat(lang, {
        minimumFractionDigits: 2,
        maximumFractionDigits: 2,
      }).format(Number(v));
    return formatNumber(Number(v), lang, 0);
  };
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
