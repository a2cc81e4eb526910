/** Plan versions: the versions of a plan, a revision draft started from the version in force, its edits, the comparison, publishing. */
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, type PlanContentBody, type VersionContent } from '../../api/client.ts';
import { mutations } from '../../api/mutations.ts';
import { queries } from '../../api/queries.ts';
import { formatDate } from '../../i18n/format.ts';
import { useT } from '../../i18n/useT.ts';
import { LoadState } from '../controls.tsx';
import { type Feedback, FeedbackLine, problemText } from './feedback.tsx';
import { PlanCompare } from './PlanCompare.tsx';

export function PlansPanel() {
  const { t, lang } = useT();
  const provinces = useQuery(queries.provinces());
  const national = useQuery(queries.nationalPlan());
  const plans = [
    ...(national.data
      ? [{ slug: national.data.document.slug, name: t('admin.plans.national') }]
      : []),
    ...(provinces.data ?? []).flatMap((p) =>
      p.plan ? [{ slug: p.plan.slug, name: lang === 'en' ? p.nameEn : p.nameZh }] : [],
    ),
  ];
  const [slug, setSlug] = useState<string | null>(null);
  const chosen = slug ?? plans[0]?.slug ?? null;
  return (
    <div data-testid="admin-plans">
      <label className="control">
        <span>{t('admin.plans.choose')}</span>
        <select
          value={chosen ?? ''}
          onChange={(e) => setSlug(e.target.value)}
          data-testid="plan-select"
        >
          {plans.map((p) => (
            <option key={p.slug} value={p.slug}>
              {p.name} · {p.slug}
            </option>
          ))}
        </select>
      </label>
      {chosen ? <PlanVersions key={chosen} slug={chosen} /> : null}
    </div>
  );
}

function PlanVersions({ slug }: { slug: string }) {
  const { t, lang } = useT();
  const versions = useQuery(queries.planVersions(slug));
  const content = useQuery(queries.planContent(slug));
  const save = useMutation(mutations.saveDraft());
  const [feedback, setFeedback] = useState<Feedback>(null);
  const start = (published: VersionContent) =>
    save.mutate(
      { slug, content: published.content, draftId: null },
      {
        onSuccess: (r) =>
          setFeedback({ kind: 'ok', text: t('admin.plans.draftSaved', { version: r.version }) }),
        onError: (e) => setFeedback({ kind: 'error', text: problemText(e, lang) }),
      },
    );
  return (
    <>
      <LoadState loaded={versions} testId="plan-versions">
        {(list) => (
          <table className="data-table" data-testid="plan-versions">
            <caption>{t('admin.plans.versions')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.plans.version')}</th>
                <th scope="col">{t('admin.plans.status')}</th>
                <th scope="col">{t('admin.plans.document')}</th>
                <th scope="col">{t('admin.plans.createdBy')}</th>
                <th scope="col">{t('admin.plans.createdAt')}</th>
                <th scope="col">{t('admin.plans.note')}</th>
                <th scope="col" className="num">
                  {t('admin.plans.targets')}
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((v) => (
                <tr key={v.versionId} data-testid={`plan-version-${v.version}`}>
                  <th scope="row">{v.version}</th>
                  <td>{t(`admin.plans.statusWords.${v.status}`)}</td>
                  <td>{v.documentNumber}</td>
                  <td>{v.createdBy ?? '—'}</td>
                  <td>{formatDate(v.createdAt.slice(0, 10), lang)}</td>
                  <td>{v.note ?? ''}</td>
                  <td className="num">{v.targets}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </LoadState>
      <FeedbackLine feedback={feedback} testId="plan" />
      <LoadState loaded={content} testId="plan-content">
        {({ published, draft }) =>
          draft ? (
            <>
              <DraftEditor key={draft.versionId} slug={slug} draft={draft} onDone={setFeedback} />
              <PlanCompare slug={slug} draftId={draft.versionId} onDone={setFeedback} />
            </>
          ) : (
            <div className="button-row">
              <p>{t('admin.plans.noDraft')}</p>
              {published ? (
                <button
                  type="button"
                  className="primary"
                  disabled={save.isPending}
                  data-testid="plan-start-draft"
                  onClick={() => start(published)}
                >
                  {t('admin.plans.startDraft')}
                </button>
              ) : null}
            </div>
          )
        }
      </LoadState>
    </>
  );
}

type Target = PlanContentBody['targets'][number];

/** Steps typed as "40/30/30" (or with commas); empty: none. */
const readSteps = (text: string) =>
  text.trim() === ''
    ? undefined
    : text
        .split(/[/,，、\s]+/)
        .filter(Boolean)
        .map(Number);

function DraftEditor({
  slug,
  draft,
  onDone,
}: {
  slug: string;
  draft: VersionContent;
  onDone: (f: Feedback) => void;
}) {
  const { t, lang } = useT();
  const [targets, setTargets] = useState(draft.content.targets);
  const [steps, setSteps] = useState(() => targets.map((x) => (x.steps ?? []).join('/')));
  const [note, setNote] = useState(draft.content.note ?? '');
  // feedback from the mutation itself: the saved draft is a new version, and this editor is remounted
  const save = useMutation({
    ...mutations.saveDraft(),
    onSuccess: (r) =>
      onDone({ kind: 'ok', text: t('admin.plans.draftSaved', { version: r.version }) }),
    onError: (e) =>
      onDone({
        kind: 'error',
        text:
          e instanceof ApiError && (e.status === 409 || e.status === 428)
            ? t('admin.plans.stale')
            : problemText(e, lang),
      }),
  });
  const edit = (i: number, patch: Partial<Target>) =>
    setTargets(targets.map((x, k) => (k === i ? { ...x, ...patch } : x)));
  const submit = () => {
    const content: PlanContentBody = {
      ...draft.content,
      note: note || undefined,
      targets: targets.map((x, i) => ({ ...x, steps: readSteps(steps[i] ?? '') })),
    };
    save.mutate({ slug, content, draftId: draft.versionId });
  };
  return (
    <section data-testid="plan-draft" aria-labelledby="plan-draft-heading">
      <h3 id="plan-draft-heading">{t('admin.plans.draftHeading', { version: draft.version })}</h3>
      <p>{t('admin.plans.editHint')}</p>
      <div className="table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('admin.plans.key')}</th>
              <th scope="col">{t('admin.plans.dimension')}</th>
              <th scope="col">{t('admin.plans.clause')}</th>
              <th scope="col">{t('admin.plans.minPct')}</th>
              <th scope="col">{t('admin.plans.dueOn')}</th>
              <th scope="col">{t('admin.plans.steps')}</th>
            </tr>
          </thead>
          <tbody>
            {targets.map((x, i) => (
              <tr key={x.key} data-testid={`draft-target-${x.key}`}>
                <th scope="row">{x.key}</th>
                <td>{t(`dimension.${x.dimension}`)}</td>
                <td>{x.clause.ref}</td>
                <td>
                  <input
                    type="number"
                    min={0}
                    max={100}
                    step="any"
                    aria-label={`${x.key} ${t('admin.plans.minPct')}`}
                    value={x.minPct ?? ''}
                    onChange={(e) =>
                      edit(i, {
                        minPct: e.target.value === '' ? undefined : Number(e.target.value),
                      })
                    }
                    data-testid={`draft-target-${x.key}-minPct`}
                  />
                </td>
                <td>
                  <input
                    type="date"
                    aria-label={`${x.key} ${t('admin.plans.dueOn')}`}
                    value={x.dueOn ?? ''}
                    onChange={(e) => edit(i, { dueOn: e.target.value || undefined })}
                    data-testid={`draft-target-${x.key}-dueOn`}
                  />
                </td>
                <td>
                  <input
                    type="text"
                    inputMode="decimal"
                    aria-label={`${x.key} ${t('admin.plans.steps')}`}
                    value={steps[i] ?? ''}
                    onChange={(e) => setSteps(steps.map((s, k) => (k === i ? e.target.value : s)))}
                    data-testid={`draft-target-${x.key}-steps`}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <label className="control">
        <span>{t('admin.plans.note')}</span>
        <textarea value={note} onChange={(e) => setNote(e.target.value)} data-testid="plan-note" />
      </label>
      <div className="button-row">
        <button
          type="button"
          className="primary"
          disabled={save.isPending}
          onClick={submit}
          data-testid="plan-save-draft"
        >
          {t('admin.plans.saveDraft')}
        </button>
      </div>
    </section>
  );
}
