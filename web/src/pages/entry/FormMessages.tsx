/** The form's messages: the summary of a refused save (each item jumps to its input), and the saved warnings. */
import { useT } from '../../i18n/useT.ts';
import { inputId, messageText, type RegionName, regionLabel } from './FormTable.tsx';
import type { Message } from './form.ts';
import type { Summary } from './QuarterForm.tsx';

export function ErrorSummary({ summary }: { summary: Summary }) {
  const { t, lang } = useT();
  return (
    <div role="alert" className="problem-box" data-testid="entry-errors">
      <p>
        <span aria-hidden="true">✕ </span>
        {messageText(summary.message, t, lang)}
      </p>
      <ul>
        {summary.items.map((it) => (
          <li key={it.key}>
            <a
              href={`#${inputId(it.key)}`}
              onClick={(e) => {
                e.preventDefault();
                document.getElementById(inputId(it.key))?.focus();
              }}
            >
              {it.text}
            </a>
          </li>
        ))}
        {summary.other.map((p) => (
          <li key={`${p.path}|${p.code}|${p.en}`}>{lang === 'en' ? p.en : p.zh}</li>
        ))}
      </ul>
    </div>
  );
}

export function WarningList({
  byField: warnings,
  names,
}: {
  byField: Map<string, Message[]>;
  names: Map<string, RegionName>;
}) {
  const { t, lang } = useT();
  return (
    <section
      className="warning-box"
      data-testid="entry-warnings"
      aria-label={t('entry.warningsTitle')}
    >
      <h3>{t('entry.warningsTitle')}</h3>
      <ul>
        {[...warnings].map(([key, ms]) => {
          const [code, field] = key.split('/') as [string, string];
          return (
            <li key={key}>
              {t('entry.problemAt', {
                region: regionLabel(names.get(code), code, lang),
                field: t(`field.${field}`),
                message: ms.map((m) => messageText(m, t, lang)).join('；'),
              })}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
