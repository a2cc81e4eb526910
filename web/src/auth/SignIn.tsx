/**
 * Signing in and out. The header shows who is signed in and their role (or a sign-in
 * button that opens a dialog); pages that need an account show the same form inline.
 */
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { ApiError } from '../api/client.ts';
import { signIn, signOut, useSession } from '../api/session.ts';
import { useT } from '../i18n/useT.ts';
import { EnrollForm, SignInStep } from './SignInSteps.tsx';

export function SignInForm({
  intro,
  onDone,
  onCancel,
}: {
  intro?: string;
  onDone?: () => void;
  onCancel?: () => void;
}) {
  const { t, lang } = useT();
  const id = useId();
  const { pending } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const session = await signIn(
        String(data.get('username') ?? '').trim(),
        String(data.get('password') ?? ''),
      );
      // with steps left (code, enrolment, new password) the form shows the next one instead
      if (session.user) onDone?.();
    } catch (err) {
      setError(err instanceof ApiError ? (lang === 'en' ? err.en : err.zh) : String(err));
    } finally {
      setBusy(false);
    }
  };

  if (pending?.steps[0])
    return (
      <div data-testid="sign-in-steps">
        <SignInStep step={pending.steps[0]} />
        <div className="button-row">
          <button type="button" onClick={() => void signOut()} data-testid="step-cancel">
            {t('auth.cancel')}
          </button>
        </div>
      </div>
    );

  return (
    <form
      className="sign-in-form"
      onSubmit={(e) => void submit(e)}
      data-testid="sign-in-form"
      aria-describedby={intro ? `${id}-intro` : undefined}
    >
      {intro ? <p id={`${id}-intro`}>{intro}</p> : null}
      <label htmlFor={`${id}-u`}>{t('auth.username')}</label>
      <input
        id={`${id}-u`}
        name="username"
        autoComplete="username"
        required
        data-testid="sign-in-username"
      />
      <label htmlFor={`${id}-p`}>{t('auth.password')}</label>
      <input
        id={`${id}-p`}
        name="password"
        type="password"
        autoComplete="current-password"
        required
        data-testid="sign-in-password"
      />
      {error ? (
        <p role="alert" className="error-inline" data-testid="sign-in-error">
          {t('auth.failed', { message: error })}
        </p>
      ) : null}
      <div className="button-row">
        <button type="submit" className="primary" disabled={busy} data-testid="sign-in-submit">
          {busy ? t('auth.signingIn') : t('auth.submit')}
        </button>
        {onCancel ? (
          <button type="button" onClick={onCancel}>
            {t('auth.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}

/** Header: the signed-in user with role and a sign-out button, or a sign-in button and its dialog. */
export function AccountMenu() {
  const { t } = useT();
  const { loaded, user, pending } = useSession();
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  // a page loaded in the middle of a sign-in (steps pending) shows the next step at once
  const showing = open || !!pending;
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (showing && !d.open) d.showModal();
    if (!showing && d.open) d.close();
  }, [showing]);

  if (!loaded) return null;
  if (user) {
    return (
      <span className="account" data-testid="account">
        <span className="sr-only">{t('auth.account')}</span>
        <span data-testid="account-user" data-role={user.role}>
          {t('auth.user', { name: user.displayName, role: t(`role.${user.role}`) })}
        </span>
        {user.secondFactor ? null : <EnrollButton />}
        <button
          type="button"
          className="header-button"
          onClick={() => void signOut()}
          data-testid="sign-out"
        >
          {t('auth.signOut')}
        </button>
      </span>
    );
  }
  return (
    <>
      <button
        type="button"
        className="header-button"
        onClick={() => setOpen(true)}
        data-testid="sign-in-open"
      >
        {t('auth.signIn')}
      </button>
      <dialog
        ref={dialog}
        className="sign-in-dialog"
        aria-labelledby="sign-in-title"
        onClose={() => setOpen(false)}
        data-testid="sign-in-dialog"
      >
        <h2 id="sign-in-title">{t('auth.dialogTitle')}</h2>
        {showing ? (
          <SignInForm onDone={() => setOpen(false)} onCancel={() => setOpen(false)} />
        ) : null}
      </dialog>
    </>
  );
}

/** A signed-in user without an authenticator adds one (optional unless their role requires it). */
function EnrollButton() {
  const { t } = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const d = dialog.current;
    if (open && d && !d.open) d.showModal();
    if (!open && d?.open) d.close();
  }, [open]);
  return (
    <>
      <button
        type="button"
        className="header-button"
        onClick={() => setOpen(true)}
        data-testid="enroll-open"
      >
        {t('auth.enrollOpen')}
      </button>
      <dialog
        ref={dialog}
        className="sign-in-dialog"
        aria-label={t('auth.enrollOpen')}
        onClose={() => setOpen(false)}
      >
        {open ? <EnrollForm /> : null}
        <div className="button-row">
          <button type="button" onClick={() => setOpen(false)}>
            {t('auth.close')}
          </button>
        </div>
      </dialog>
    </>
  );
}
