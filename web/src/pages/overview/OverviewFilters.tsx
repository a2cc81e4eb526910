/** The overview's sort and filters; every choice is written to the URL (state/viewState.ts). */
import { STATUS_META, STATUS_ORDER } from '../../charts/config.ts';
import { useT } from '../../i18n/useT.ts';
import type { UpdateView } from '../../state/useViewState.ts';
import {
  DEFAULT_VIEW,
  OVERVIEW_SORTS,
  type OverviewSort,
  PLAN_FILTERS,
  type PlanFilter,
  type ViewState,
} from '../../state/viewState.ts';

export function OverviewFilters({
  view,
  update,
  shown,
  total,
}: {
  view: ViewState;
  update: UpdateView;
  shown: number;
  total: number;
}) {
  const { t } = useT();
  const dimension = t(`dimension.${view.dimension}`);
  const toggle = (s: (typeof STATUS_ORDER)[number]) =>
    update({
      statuses: view.statuses.includes(s)
        ? view.statuses.filter((x) => x !== s)
        : [...view.statuses, s],
    });
  const filtered = view.statuses.length > 0 || view.plans !== DEFAULT_VIEW.plans || view.withData;
  return (
    // biome-ignore lint/a11y/useSemanticElements: a toolbar of controls, not a form section
    <div
      className="controls overview-filters"
      role="group"
      aria-label={t('overview.sortLabel', { dimension })}
    >
      <label className="control">
        <span>{t('overview.sortLabel', { dimension })}</span>
        <select
          data-testid="overview-sort"
          value={view.sort}
          onChange={(e) => update({ sort: e.target.value as OverviewSort })}
        >
          {OVERVIEW_SORTS.map((s) => (
            <option key={s} value={s}>
              {t(`overview.sort.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="control">
        <span>{t('overview.plansLabel')}</span>
        <select
          data-testid="overview-plans"
          value={view.plans}
          onChange={(e) => update({ plans: e.target.value as PlanFilter })}
        >
          {PLAN_FILTERS.map((p) => (
            <option key={p} value={p}>
              {t(`overview.plans.${p}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="control inline">
        <input
          type="checkbox"
          data-testid="overview-with-data"
          checked={view.withData}
          onChange={(e) => update({ withData: e.target.checked })}
        />
        {t('overview.withData')}
      </label>
      <fieldset className="status-filter" data-testid="overview-status">
        <legend>{t('overview.statusFilter', { dimension })}</legend>
        {STATUS_ORDER.filter((s) => s !== 'noPlan').map((s) => (
          <label key={s} className="inline">
            <input
              type="checkbox"
              data-testid={`overview-status-${s}`}
              checked={view.statuses.includes(s)}
              onChange={() => toggle(s)}
            />
            <span aria-hidden="true">{STATUS_META[s].icon}</span> {t(`status.${s}`)}
          </label>
        ))}
      </fieldset>
      <span className="shown-count" data-testid="overview-shown" aria-live="polite">
        {t('overview.shown', { shown, total })}
      </span>
      {filtered ? (
        <button
          type="button"
          data-testid="overview-clear"
          onClick={() => update({ statuses: [], plans: 'all', withData: false })}
        >
          {t('overview.clearFilters')}
        </button>
      ) : null}
    </div>
  );
}
