/**
 * Enter a quarter (editors): choose the period, fill one row per coordinating region, save
 * drafts, submit — or download the template and import it. `/entry?province=210000&period=2025Q1`.
 */
import { useQuery } from '@tanstack/react-query';
import type { ProvinceSummary, UserDto } from '../api/client.ts';
import { queries } from '../api/queries.ts';
import { useSession } from '../api/session.ts';
import { SignInForm } from '../auth/SignIn.tsx';
import { formatPeriod } from '../i18n/format.ts';
import { useT } from '../i18n/useT.ts';
import { entryPeriods } from '../state/periods.ts';
import type { UpdateView } from '../state/useViewState.ts';
import type { ViewState } from '../state/viewState.ts';
import { LoadState } from './controls.tsx';
import { QuarterForm } from './entry/QuarterForm.tsx';

export default function EntryPage({ view, update }: { view: ViewState; update: UpdateView }) {
  const { t } = useT();
  const session = useSession();
  return (
    <section aria-labelledby="entry-heading" data-testid="page-entry">
      <h2 id="entry-heading">{t('entry.heading')}</h2>
      {!session.loaded ? (
        <p className="loading">{t('overview.loading')}</p>
      ) : !session.user ? (
        <SignInForm intro={t('auth.required')} />
      ) : (
        <Entry user={session.user} view={view} update={update} />
      )}
    </section>
  );
}

function Entry({ user, view, update }: { user: UserDto; view: ViewState; update: UpdateView }) {
  const { t, lang } = useT();
  const provinces = useQuery(queries.provinces());
  if (user.role !== 'editor' || !user.provinceCode)
    return <p data-testid="entry-not-editor">{t('entry.notEditor')}</p>;
  const own = user.provinceCode;
  return (
    <LoadState loaded={provinces} testId="provinces">
      {(list) => {
        const name = (code: string) => {
          const p = list.find((x) => x.code === code);
          return p ? (lang === 'en' ? p.nameEn : p.nameZh) : code;
        };
        if (view.province && view.province !== own) {
          return (
            <p data-testid="entry-other-province">
              {t('entry.otherProvince', { province: name(own) })}{' '}
              <button type="button" onClick={() => update({ province: own })}>
                {name(own)}
              </button>
            </p>
          );
        }
        return (
          <ProvinceEntry province={list.find((p) => p.code === own)!} view={view} update={update} />
        );
      }}
    </LoadState>
  );
}

function ProvinceEntry({
  province,
  view,
  update,
}: {
  province: ProvinceSummary;
  view: ViewState;
  update: UpdateView;
}) {
  const { t, lang } = useT();
  const regions = useQuery(queries.regions(province.code));
  const options = entryPeriods(new Date());
  const period = view.period && options.includes(view.period) ? view.period : options[0]!;
  const name = lang === 'en' ? province.nameEn : province.nameZh;
  return (
    <>
      <div className="controls">
        <p className="control">
          <span>{t('entry.province')}</span>
          <strong data-testid="entry-province">{name}</strong>
        </p>
        <label className="control">
          <span>{t('entry.period')}</span>
          <select
            data-testid="entry-period"
            value={period}
            // unsaved figures: the form's leave guard asks first (useViewState.ts)
            onChange={(e) => update({ province: province.code, period: e.target.value })}
          >
            {options.map((p) => (
              <option key={p} value={p}>
                {formatPeriod(p, lang)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <LoadState loaded={regions} testId="regions">
        {(list) => (
          <QuarterForm
            key={`${province.code}|${period}`}
            province={province.code}
            provinceName={name}
            period={period}
            periodText={formatPeriod(period, lang)}
            regions={list}
          />
        )}
      </LoadState>
    </>
  );
}
