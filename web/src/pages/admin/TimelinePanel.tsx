/** Region timeline corrections: each region's dates from the reports, the corrections with their source, and adding or retracting one. */
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { RegionTimelineDto, TimelineCorrection } from '../../api/client.ts';
import { mutations } from '../../api/mutations.ts';
import { queries } from '../../api/queries.ts';
import { formatDate } from '../../i18n/format.ts';
import { useT } from '../../i18n/useT.ts';
import { LoadState, ProvinceOptions } from '../controls.tsx';
import { formatDateTime } from '../report/time.ts';
import { type Feedback, FeedbackLine, problemText } from './feedback.tsx';

const EVENTS = ['launch', 'simulatedPayment', 'actualPayment'] as const;
const PRECISIONS = ['day', 'quarter', 'year'] as const;

export function TimelinePanel({
  province,
  onProvince,
}: {
  province: string | null;
  onProvince: (code: string | null) => void;
}) {
  const { t } = useT();
  const provinces = useQuery(queries.provinces());
  const [feedback, setFeedback] = useState<Feedback>(null);
  return (
    <div data-testid="admin-timeline">
      <label className="control">
        <span>{t('admin.timeline.province')}</span>
        <select
          value={province ?? ''}
          onChange={(e) => onProvince(e.target.value || null)}
          data-testid="timeline-province"
        >
          <option value="">{t('admin.timeline.chooseProvince')}</option>
          <ProvinceOptions provinces={provinces.data} />
        </select>
      </label>
      <FeedbackLine feedback={feedback} testId="timeline" />
      {province ? <Timelines key={province} code={province} onDone={setFeedback} /> : null}
    </div>
  );
}

function Timelines({ code, onDone }: { code: string; onDone: (f: Feedback) => void }) {
  const { t, lang } = useT();
  const timeline = useQuery(queries.timeline(code));
  const retract = useMutation(mutations.retractCorrection());
  const date = (d: string | null) => (d ? formatDate(d, lang) : t('admin.timeline.none'));
  const dates = (r: Record<(typeof EVENTS)[number], string | null>) =>
    EVENTS.map((e) => `${t(`event.${e}`)} ${date(r[e])}`).join(' · ');
  return (
    <LoadState loaded={timeline} testId="timeline">
      {(regions) => (
        <>
          <div className="table-scroll">
            <table className="data-table" data-testid="timeline-table">
              <caption>{t('admin.timeline.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('admin.timeline.region')}</th>
                  <th scope="col">{t('admin.timeline.fromReports')}</th>
                  <th scope="col">{t('admin.timeline.corrections')}</th>
                  <th scope="col">{t('admin.timeline.effective')}</th>
                </tr>
              </thead>
              <tbody>
                {regions.map((r) => (
                  <tr key={r.region.code} data-testid={`timeline-${r.region.code}`}>
                    <th scope="row">{lang === 'en' ? r.region.nameEn : r.region.nameZh}</th>
                    <td>{dates(r.fromReports)}</td>
                    <td>
                      <ul className="plain-list">
                        {r.corrections.map((c) => (
                          <li key={c.id} data-testid={`correction-${c.id}`}>
                            {t(`event.${c.kind}`)} {date(c.occurredOn)} — {c.source} (
                            {t('admin.timeline.by', {
                              by: c.by,
                              at: formatDateTime(c.at, lang),
                            })}
                            ){' '}
                            <button
                              type="button"
                              disabled={retract.isPending}
                              data-testid={`correction-${c.id}-retract`}
                              onClick={() =>
                                retract.mutate(
                                  { region: r.region.code, id: c.id },
                                  {
                                    onSuccess: () =>
                                      onDone({ kind: 'ok', text: t('admin.timeline.retracted') }),
                                    onError: (e) =>
                                      onDone({ kind: 'error', text: problemText(e, lang) }),
                                  },
                                )
                              }
                            >
                              {t('admin.timeline.retract')}
                            </button>
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td data-testid={`timeline-${r.region.code}-effective`}>
                      {dates(r.effective)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <NewCorrection regions={regions} onDone={onDone} />
        </>
      )}
    </LoadState>
  );
}

function NewCorrection({
  regions,
  onDone,
}: {
  regions: RegionTimelineDto[];
  onDone: (f: Feedback) => void;
}) {
  const { t, lang } = useT();
  const correct = useMutation(mutations.correctTimeline());
  const [region, setRegion] = useState(regions[0]?.region.code ?? '');
  const empty: TimelineCorrection = {
    kind: 'launch',
    occurredOn: '',
    precision: 'day',
    source: '',
  };
  const [form, setForm] = useState(empty);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    correct.mutate(
      { region, correction: form },
      {
        onSuccess: () => {
          onDone({ kind: 'ok', text: t('admin.timeline.added') });
          setForm(empty);
        },
        onError: (err) => onDone({ kind: 'error', text: problemText(err, lang) }),
      },
    );
  };
  return (
    <form onSubmit={submit} className="admin-form" data-testid="new-correction">
      <h3>{t('admin.timeline.addHeading')}</h3>
      <label className="control">
        <span>{t('admin.timeline.region')}</span>
        <select
          value={region}
          onChange={(e) => setRegion(e.target.value)}
          data-testid="correction-region"
        >
          {regions.map((r) => (
            <option key={r.region.code} value={r.region.code}>
              {lang === 'en' ? r.region.nameEn : r.region.nameZh}
            </option>
          ))}
        </select>
      </label>
      <label className="control">
        <span>{t('admin.timeline.event')}</span>
        <select
          value={form.kind}
          onChange={(e) => setForm({ ...form, kind: e.target.value as TimelineCorrection['kind'] })}
          data-testid="correction-kind"
        >
          {EVENTS.map((k) => (
            <option key={k} value={k}>
              {t(`event.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="control">
        <span>{t('admin.timeline.date')}</span>
        <input
          type="date"
          required
          value={form.occurredOn}
          onChange={(e) => setForm({ ...form, occurredOn: e.target.value })}
          data-testid="correction-date"
        />
      </label>
      <label className="control">
        <span>{t('admin.timeline.precision')}</span>
        <select
          value={form.precision}
          onChange={(e) =>
            setForm({ ...form, precision: e.target.value as TimelineCorrection['precision'] })
          }
          data-testid="correction-precision"
        >
          {PRECISIONS.map((p) => (
            <option key={p} value={p}>
              {t(`admin.timeline.precisionWords.${p}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="control wide">
        <span>{t('admin.timeline.source')}</span>
        <input
          type="text"
          required
          value={form.source}
          onChange={(e) => setForm({ ...form, source: e.target.value })}
          data-testid="correction-source"
        />
      </label>
      <div className="button-row">
        <button
          type="submit"
          className="primary"
          disabled={correct.isPending}
          data-testid="correction-submit"
        >
          {t('admin.timeline.add')}
        </button>
      </div>
    </form>
  );
}
