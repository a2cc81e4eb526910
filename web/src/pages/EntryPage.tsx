/** Placeholder: quarterly data entry and review come in a later issue. */
import { useT } from '../i18n/useT.ts';

export default function EntryPage() {
  const { t } = useT();
  return (
    <section aria-labelledby="entry-heading" data-testid="page-entry">
      <h2 id="entry-heading">{t('entry.heading')}</h2>
      <p>{t('entry.placeholder')}</p>
    </section>
  );
}
