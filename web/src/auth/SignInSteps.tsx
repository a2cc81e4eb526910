/**
 * What a sign-in may still ask after the password (README "Security"): the authenticator's code,
 * enrolling an authenticator (required for some roles), replacing a password the rule refuses.
 * `EnrollForm` is also what a signed-in user opens to add an authenticator.
 */
import { type FormEvent, useId, useState } from 'react';
import { ApiError, authApi, type SessionDto } from '../api/client.ts';
import { signedIn } from '../api/session.ts';
import { useT } from '../i18n/useT.ts';

type Step = NonNullable<SessionDto['pending']>['steps'][number];

/** Runs one request of a form, showing the server's problem (zh or en) on failure. */
function useSubmit() {
  const { lang } = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(err instanceof ApiError ? (lang === 'en' ? err.en : err.zh) : String(err));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

function ErrorLine({ error }: { error: string | null }) {
  return error ? (
    <p role="alert" className="error-inline" data-testid="step-error">
      {error}
    </p>
  ) : null;
}

function CodeInput({ id }: { id: string }) {
  const { t } = useT();
  return (
    <>
      <label htmlFor={id}>{t('auth.code')}</label>
      <input
        id={id}
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9]{6}"
        maxLength={6}
        required
        data-testid="step-code"
      />
    </>
  );
}

const field = (e: FormEvent<HTMLFormElement>, name: string) =>
  String(new FormData(e.currentTarget).get(name) ?? '').trim();

function CodeStep() {
  const { t } = useT();
  const id = useId();
  const { busy, error, run } = useSubmit();
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const code = field(e, 'code');
    void run(async () => signedIn(await authApi.secondFactor(code)));
  };
  return (
    <form className="sign-in-form" onSubmit={submit} data-testid="step-second-factor">
      <p>{t('auth.codeIntro')}</p>
      <CodeInput id={id} />
      <ErrorLine error={error} />
      <button type="submit" className="primary" disabled={busy} data-testid="step-submit">
        {t('auth.verify')}
      </button>
    </form>
  );
}

/** Enrolling an authenticator: start (secret and otpauth:// link), then confirm with a code. */
export function EnrollForm({ required = false }: { required?: boolean }) {
  const { t } = useT();
  const id = useId();
  const [secret, setSecret] = useState<{ secret: string; uri: string } | null>(null);
  const { busy, error, run } = useSubmit();
  const confirm = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const code = field(e, 'code');
    void run(async () => signedIn(await authApi.confirmEnrollment(code)));
  };
  if (!secret)
    return (
      <div className="sign-in-form" data-testid="step-enroll">
        <p>{required ? t('auth.enrollRequired') : t('auth.enrollIntro')}</p>
        <ErrorLine error={error} />
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={() => void run(async () => setSecret(await authApi.startEnrollment()))}
          data-testid="enroll-start"
        >
          {t('auth.enrollStart')}
        </button>
      </div>
    );
  return (
    <form className="sign-in-form" onSubmit={confirm} data-testid="step-enroll">
      <p>{t('auth.enrollSecret')}</p>
      <p>
        <code data-testid="enroll-secret">{secret.secret}</code>
      </p>
      <p>
        <a href={secret.uri} data-testid="enroll-uri">
          {t('auth.enrollLink')}
        </a>
      </p>
      <CodeInput id={id} />
      <ErrorLine error={error} />
      <button type="submit" className="primary" disabled={busy} data-testid="step-submit">
        {t('auth.enrollConfirm')}
      </button>
    </form>
  );
}

function PasswordStep() {
  const { t } = useT();
  const id = useId();
  const { busy, error, run } = useSubmit();
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const current = String(data.get('current') ?? '');
    const next = String(data.get('next') ?? '');
    void run(async () => signedIn(await authApi.changePassword(current, next)));
  };
  return (
    <form className="sign-in-form" onSubmit={submit} data-testid="step-change-password">
      <p>{t('auth.changePasswordIntro')}</p>
      <label htmlFor={`${id}-c`}>{t('auth.currentPassword')}</label>
      <input
        id={`${id}-c`}
        name="current"
        type="password"
        autoComplete="current-password"
        required
        data-testid="step-current-password"
      />
      <label htmlFor={`${id}-n`}>{t('auth.newPassword')}</label>
      <input
        id={`${id}-n`}
        name="next"
        type="password"
        autoComplete="new-password"
        required
        aria-describedby={`${id}-rule`}
        data-testid="step-new-password"
      />
      <p id={`${id}-rule`} className="hint">
        {t('auth.passwordRule')}
      </p>
      <ErrorLine error={error} />
      <button type="submit" className="primary" disabled={busy} data-testid="step-submit">
        {t('auth.changePassword')}
      </button>
    </form>
  );
}

/** The next step of a sign-in that is not complete yet. */
export function SignInStep({ step }: { step: Step }) {
  if (step === 'secondFactor') return <CodeStep />;
  if (step === 'enrollSecondFactor') return <EnrollForm required />;
  return <PasswordStep />;
}
