/** What the draft changes against the version in force, field by field, and publishing it after a confirmation. */
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { mutations } from '../../api/mutations.ts';
import { queries } from '../../api/queries.ts';
import { useT } from '../../i18n/useT.ts';
import { LoadState } from '../controls.tsx';
import { type Feedback, problemText } from './feedback.tsx';

export function PlanCompare({
  slug,
  draftId,
  onDone,
}: {
  slug: string;
  draftId: number;
  onDone: (f: Feedback) => void;
}) {
  const { t, lang } = useT();
  const compare = useQuery(queries.planCompare(slug));
  // feedback from the mutation itself: publishing removes the draft, and this view with it
  const publish = useMutation({
    ...mutations.publish(),
    onSuccess: (r) => {
      setConfirming(false);
      onDone({ kind: 'ok', text: t('admin.plans.published', { version: r.version }) });
    },
    onError: (e) => onDone({ kind: 'error', text: problemText(e, lang) }),
  });
  const [confirming, setConfirming] = useState(false);
  return (
    <section data-testid="plan-compare" aria-labelledby="plan-compare-heading">
      <LoadState loaded={compare} testId="plan-compare">
        {(diff) => (
          <>
            <h3 id="plan-compare-heading">
              {diff.inForce
                ? t('admin.plans.compareHeading', { inForce: diff.inForce.version })
                : t('admin.plans.compareNoInForce')}
            </h3>
            {diff.targets.length === 0 && diff.document.length === 0 ? (
              <p data-testid="plan-compare-none">{t('admin.plans.noChanges')}</p>
            ) : (
              <table className="data-table" data-testid="plan-compare-table">
                <thead>
                  <tr>
                    <th scope="col">{t('admin.plans.key')}</th>
                    <th scope="col">{t('admin.plans.field')}</th>
                    <th scope="col">{t('admin.plans.before')}</th>
                    <th scope="col">{t('admin.plans.after')}</th>
                  </tr>
                </thead>
                <tbody>
                  {diff.document.map((f) => (
                    <tr key={f.field} data-testid={`plan-change-${f.field}`}>
                      <th scope="row">{t('admin.plans.document')}</th>
                      <td>{f.field}</td>
                      <td>{f.before ?? '—'}</td>
                      <td>{f.after ?? '—'}</td>
                    </tr>
                  ))}
                  {diff.targets.flatMap((c) =>
                    (c.change === 'changed' ? c.fields : [null]).map((f) => (
                      <tr
                        key={`${c.key}|${f?.field ?? c.change}`}
                        data-testid={`plan-change-${c.key}${f ? `-${f.field}` : ''}`}
                      >
                        <th scope="row">
                          {c.key} · {t(`dimension.${c.dimension}`)} · {c.clauseRef}{' '}
                          <strong>{t(`admin.plans.change.${c.change}`)}</strong>
                        </th>
                        <td>{f?.field ?? ''}</td>
                        <td>{f ? (f.before ?? '—') : c.change === 'removed' ? c.key : '—'}</td>
                        <td>{f ? (f.after ?? '—') : c.change === 'added' ? c.key : '—'}</td>
                      </tr>
                    )),
                  )}
                </tbody>
              </table>
            )}
            {diff.unchanged ? <p>{t('admin.plans.unchanged', { count: diff.unchanged })}</p> : null}
            {confirming ? (
              <div className="notice-warn" role="alertdialog" aria-labelledby="plan-confirm-text">
                <p id="plan-confirm-text">
                  {t('admin.plans.confirmPublish', { version: diff.draft.version })}
                </p>
                <div className="button-row">
                  <button
                    type="button"
                    className="primary"
                    disabled={publish.isPending}
                    data-testid="plan-publish-confirm"
                    onClick={() => publish.mutate({ slug, draftId })}
                  >
                    {t('admin.plans.confirm')}
                  </button>
                  <button type="button" onClick={() => setConfirming(false)}>
                    {t('admin.accounts.cancel')}
                  </button>
                </div>
              </div>
            ) : (
              <div className="button-row">
                <button
                  type="button"
                  className="danger"
                  data-testid="plan-publish"
                  onClick={() => setConfirming(true)}
                >
                  {t('admin.plans.publish')}
                </button>
              </div>
            )}
          </>
        )}
      </LoadState>
    </section>
  );
}
