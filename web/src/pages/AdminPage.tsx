/** Administration (admins only): accounts, plan revisions, region timeline corrections — through the same API and permissions. */
import type { ReactNode } from 'react';
import { useSession } from '../api/session.ts';
import { SignInForm } from '../auth/SignIn.tsx';
import { useT } from '../i18n/useT.ts';
import { linkProps, type UpdateView } from '../state/useViewState.ts';
import { ADMIN_SECTIONS, type ViewState } from '../state/viewState.ts';
import { AccountsPanel } from './admin/AccountsPanel.tsx';
import { PlansPanel } from './admin/PlansPanel.tsx';
import { TimelinePanel } from './admin/TimelinePanel.tsx';

export default function AdminPage({ view, update }: { view: ViewState; update: UpdateView }) {
  const { t } = useT();
  const session = useSession();
  let body: ReactNode;
  if (!session.loaded) body = <p className="loading">{t('overview.loading')}</p>;
  else if (!session.user) body = <SignInForm intro={t('auth.required')} />;
  else if (session.user.role !== 'admin')
    body = <p data-testid="admin-not-admin">{t('admin.notAdmin')}</p>;
  else
    body = (
      <>
        <nav aria-label={t('admin.heading')} className="admin-tabs">
          <ul>
            {ADMIN_SECTIONS.map((section) => (
              <li key={section}>
                <a
                  {...linkProps({ ...view, section, province: null })}
                  aria-current={view.section === section ? 'page' : undefined}
                  data-testid={`admin-tab-${section}`}
                >
                  {t(`admin.sections.${section}`)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {view.section === 'accounts' && <AccountsPanel me={session.user.id} />}
        {view.section === 'plans' && <PlansPanel />}
        {view.section === 'timeline' && (
          <TimelinePanel
            province={view.province}
            onProvince={(province) => update({ province }, { replace: true })}
          />
        )}
      </>
    );
  return (
    <section aria-labelledby="admin-heading" data-testid="page-admin">
      <h2 id="admin-heading">{t('admin.heading')}</h2>
      {body}
    </section>
  );
}
