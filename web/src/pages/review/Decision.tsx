/** The reviewer's decision: accept, or return with a comment (required), each confirmed first; a plain comment at any time. */
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, type ReportDto } from '../../api/client.ts';
import { mutations } from '../../api/mutations.ts';
import { useT } from '../../i18n/useT.ts';

export function Decision({
  report,
  title,
  onStale,
}: {
  report: ReportDto;
  /** the report as the confirmation names it: "湖南省 2025年第1季度" */
  title: string;
  onStale: () => void;
}) {
  const { t, lang } = useT();
  const transition = useMutation(mutations.transition());
  const addComment = useMutation(mutations.comment());
  const at = { code: report.provinceCode, period: report.period };
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // accept and return are asked once more, naming the report (and the comment sent with a return)
  const [confirming, setConfirming] = useState<null | 'accept' | 'return'>(null);
  const canAccept = report.status === 'submitted';
  const canReturn = report.status === 'submitted' || report.status === 'accepted';

  const act = async (run: () => Promise<ReportDto>, done: (r: ReportDto) => string) => {
    setConfirming(null);
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const r = await run();
      setComment('');
      setNotice(done(r));
    } catch (e) {
      setError(e instanceof ApiError ? (lang === 'en' ? e.en : e.zh) : String(e));
      // someone else decided first: show the report as it is now
      if (e instanceof ApiError && e.status === 409) onStale();
    } finally {
      setBusy(false);
    }
  };
  const askReturn = () => {
    if (!comment.trim()) {
      setError(t('review.commentRequired'));
      document.getElementById('review-comment')?.focus();
      return;
    }
    setError(null);
    setConfirming('return');
  };
  const accept = () =>
    void act(
      () =>
        transition.mutateAsync({
          ...at,
          action: 'accept',
          version: report.version,
          comment: comment.trim() || undefined,
        }),
      (r) => t('review.accepted', { version: r.version }),
    );
  const returnIt = () =>
    void act(
      () =>
        transition.mutateAsync({
          ...at,
          action: 'return',
          version: report.version,
          comment: comment.trim(),
        }),
      (r) => t('review.returnedDone', { version: r.version }),
    );

  return (
    <section className="decision" aria-label={t('review.accept')} data-testid="review-decision">
      {canAccept || canReturn ? null : (
        <p>{t('review.notSubmitted', { status: t(`report.${report.status}`) })}</p>
      )}
      <label htmlFor="review-comment">
        {canReturn ? t('review.commentLabel') : t('review.comment')}
      </label>
      <textarea
        id="review-comment"
        rows={3}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        aria-invalid={error === t('review.commentRequired') || undefined}
        aria-describedby={error ? 'review-error' : undefined}
        data-testid="review-comment"
      />
      {error ? (
        <p id="review-error" role="alert" className="error-inline" data-testid="review-error">
          {error}
        </p>
      ) : null}
      {notice ? (
        <p role="status" className="notice-ok" data-testid="review-notice">
          <span aria-hidden="true">✓ </span>
          {notice}
        </p>
      ) : null}
      {confirming ? (
        <div className="confirm-box" role="alertdialog" aria-labelledby="review-confirm-text">
          <p id="review-confirm-text" data-testid="review-confirm-text">
            {confirming === 'accept'
              ? t('review.confirmAccept', { report: title, version: report.version })
              : t('review.confirmReturn', { report: title, comment: comment.trim() })}
          </p>
          <div className="button-row">
            <button
              type="button"
              className={confirming === 'accept' ? 'primary' : 'danger'}
              onClick={confirming === 'accept' ? accept : returnIt}
              data-testid="review-confirm"
            >
              {t('review.confirm')}
            </button>
            <button type="button" onClick={() => setConfirming(null)} data-testid="review-cancel">
              {t('review.cancel')}
            </button>
          </div>
        </div>
      ) : null}
      <div className="button-row">
        {canAccept ? (
          <button
            type="button"
            className="primary"
            disabled={busy || confirming !== null}
            onClick={() => setConfirming('accept')}
            data-testid="review-accept"
          >
            {busy ? t('review.working') : t('review.accept')}
          </button>
        ) : null}
        {canReturn ? (
          <button
            type="button"
            className="danger"
            disabled={busy || confirming !== null}
            onClick={askReturn}
            data-testid="review-return"
          >
            {t('review.return')}
          </button>
        ) : null}
        <button
          type="button"
          disabled={busy || !comment.trim()}
          onClick={() =>
            void act(
              () => addComment.mutateAsync({ ...at, body: comment.trim() }),
              () => t('review.commented'),
            )
          }
          data-testid="review-add-comment"
        >
          {t('review.addComment')}
        </button>
      </div>
    </section>
  );
}
