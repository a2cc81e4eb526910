/** What an admin action answered: the server's message in the reader's language, or a confirmation. */
import { ApiError } from '../../api/client.ts';
import type { Lang } from '../../i18n/locale.ts';

export type Feedback = { kind: 'ok' | 'error'; text: string } | null;

/** The server's problem (with each field's message) as one line in the reader's language. */
export function problemText(e: unknown, lang: Lang): string {
  if (!(e instanceof ApiError)) return e instanceof Error ? e.message : String(e);
  const main = lang === 'en' ? e.en : e.zh;
  const fields = e.fields.map(
    (f) => `${f.path.replace(/^\/body\//, '')}: ${lang === 'en' ? f.en : f.zh}`,
  );
  return fields.length ? `${main} (${fields.join('; ')})` : main;
}

export function FeedbackLine({ feedback, testId }: { feedback: Feedback; testId: string }) {
  if (!feedback) return null;
  return feedback.kind === 'error' ? (
    <p role="alert" className="problem-box" data-testid={`${testId}-error`}>
      {feedback.text}
    </p>
  ) : (
    <p role="status" className="notice-ok" data-testid={`${testId}-ok`}>
      {feedback.text}
    </p>
  );
}
