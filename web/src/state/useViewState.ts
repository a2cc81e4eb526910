/** The view state as React sees it: read from `window.location`, changed by pushing a new URL. */
import { type MouseEvent, useCallback, useMemo, useSyncExternalStore } from 'react';
import { rememberLang, storedLang } from '../i18n/index.ts';
import { normaliseLang } from '../i18n/locale.ts';
import { parseViewState, serialiseViewState, type ViewState } from './viewState.ts';

const CHANGE = 'viewstatechange';

function subscribe(onChange: () => void) {
  window.addEventListener('popstate', onChange);
  window.addEventListener(CHANGE, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(CHANGE, onChange);
  };
}

const snapshot = () => window.location.pathname + window.location.search;

export function currentViewState(): ViewState {
  return parseViewState(window.location, normaliseLang(storedLang()) ?? undefined);
}

/**
 * A page with unsaved work asks before the view leaves it (the entry form): every change of
 * view goes through `navigate` — header links, the province picker, the period select — and
 * the browser's back button is caught below. The guard answers whether to go on.
 */
export type LeaveGuard = (next: ViewState, current: ViewState) => boolean;
let leaveGuard: LeaveGuard | null = null;

/** Installs a guard; the returned function removes it. */
export function setLeaveGuard(guard: LeaveGuard): () => void {
  leaveGuard = guard;
  return () => {
    if (leaveGuard === guard) leaveGuard = null;
  };
}

// the URL the page shows, to go back to when the guard refuses a back/forward step
let shown = typeof window === 'undefined' ? '' : snapshot();
if (typeof window !== 'undefined')
  // registered before React subscribes: a refused step is undone before the view reads the URL
  window.addEventListener('popstate', () => {
    if (leaveGuard && !leaveGuard(currentViewState(), parseShown())) {
      window.history.pushState(null, '', shown);
      return;
    }
    shown = snapshot();
  });
const parseShown = () => {
  const [pathname, search = ''] = shown.split('?');
  return parseViewState(
    { pathname: pathname!, search: search ? `?${search}` : '' },
    normaliseLang(storedLang()) ?? undefined,
  );
};

/** Changes the view; false when a leave guard kept the reader where they are. */
export function navigate(next: ViewState, { replace = false } = {}): boolean {
  const url = serialiseViewState(next);
  if (leaveGuard && url !== snapshot() && !leaveGuard(next, currentViewState())) return false;
  // stored first: the URL leaves the default language out, and is then read back through the stored one
  rememberLang(next.lang);
  if (url === snapshot()) return true;
  if (replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  shown = snapshot();
  window.dispatchEvent(new Event(CHANGE));
  return true;
}

/** Rewrites the address bar to the canonical URL (old parameter names, stray values) without a history entry. */
export function canonicaliseUrl() {
  navigate(currentViewState(), { replace: true });
}

export type UpdateView = (patch: Partial<ViewState>, options?: { replace?: boolean }) => void;

export function useViewState() {
  const href = useSyncExternalStore(subscribe, snapshot, snapshot);
  // the state is a function of the URL: `href` is what it depends on, though it is read via location
  // biome-ignore lint/correctness/useExhaustiveDependencies: href is the dependency
  const state = useMemo(() => currentViewState(), [href]);
  const update: UpdateView = useCallback(
    (patch, options) => navigate({ ...currentViewState(), ...patch }, options),
    [],
  );
  return [state, update] as const;
}

/** Props for an <a> that changes the view: a real href (new tab, copy link) and client-side navigation on plain click. */
export function linkProps(state: ViewState) {
  const href = serialiseViewState(state);
  return {
    href,
    onClick: (event: MouseEvent<HTMLAnchorElement>) => {
      if (
        event.defaultPrevented ||
        event.button !== 0 ||
        event.metaKey ||
        event.ctrlKey ||
        event.shiftKey ||
        event.altKey
      )
        return;
      event.preventDefault();
      navigate(state);
      window.scrollTo(0, 0);
    },
  };
}
