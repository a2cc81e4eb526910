/**
 * A save that ran into someone else's newer version (409): says who saved what and when,
 * shows their figures beside what stays typed in the form, and lets the editor choose —
 * take theirs, or overwrite deliberately with the version they have now seen.
 */
import type { ReportDto } from '../../api/client.ts';
import { useT } from '../../i18n/useT.ts';
import { FiguresTable } from '../report/FiguresTable.tsx';
import { formatDateTime } from '../report/time.ts';

export const isEditable = (r: ReportDto) =>
  r.isDemo || r.status === 'draft' || r.status === 'returned';

interface Props {
  current: ReportDto | null;
  /** cells where their figures differ from the form */
  marks: Set<string>;
  busy: boolean;
  onReload: () => void;
  onOverwrite: (version: number) => void;
}

export function ConflictNotice({ current, marks, busy, onReload, onOverwrite }: Props) {
  const { t, lang } = useT();
  return (
    <section
      className="conflict"
      role="alert"
      aria-labelledby="conflict-title"
      data-testid="conflict"
    >
      <h3 id="conflict-title">
        <span aria-hidden="true">⚠ </span>
        {t('entry.conflict.title')}
      </h3>
      {current ? (
        <>
          <p>
            {t('entry.conflict.body', {
              who: current.updatedBy ?? t('entry.conflict.someone'),
              when: formatDateTime(current.updatedAt, lang),
              version: current.version,
              status: t(`report.${current.status}`),
            })}
          </p>
          <FiguresTable
            report={current}
            caption={t('entry.conflict.theirs')}
            testId="conflict-figures"
            marks={marks}
            markLabel={t('entry.conflict.differs')}
          />
          {isEditable(current) ? null : (
            <p>{t('entry.conflict.locked', { status: t(`report.${current.status}`) })}</p>
          )}
        </>
      ) : (
        <p>{t('entry.conflict.gone')}</p>
      )}
      <div className="button-row">
        <button type="button" onClick={onReload} disabled={busy} data-testid="conflict-reload">
          {t('entry.conflict.reload')}
        </button>
        {current && isEditable(current) ? (
          <button
            type="button"
            className="danger"
            onClick={() => onOverwrite(current.version)}
            disabled={busy}
            data-testid="conflict-overwrite"
          >
            {t('entry.conflict.overwrite', { version: current.version })}
          </button>
        ) : null}
      </div>
    </section>
  );
}
