/**
 * Keeps the view state and the browser's history in step. Selection, focus and
 * path changes are steps (pushState) that Back and Forward walk; camera moves
 * and filter tweaks rewrite the current step (replaceState, debounced: the camera
 * moves every frame). A popstate or hashchange to a URL this page did not write
 * (Back, Forward, a link pasted into the address bar) is handed to `restore`,
 * during which nothing is pushed.
 */
import { decodeViewState, encodeViewState } from './url-state';
import type { ViewState } from './view-state';

export class UrlSync {
  /** The hash this page last wrote or applied. */
  private lastHash = location.hash;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private restoringNow = false;

  constructor(
    private readonly state: () => ViewState,
    restore: (state: ViewState) => void,
  ) {
    const onNavigate = () => {
      if (location.hash === this.lastHash) return;
      this.lastHash = location.hash;
      clearTimeout(this.timer);
      this.whileRestoring(() => restore(decodeViewState(location.hash)));
    };
    window.addEventListener('popstate', onNavigate);
    window.addEventListener('hashchange', onNavigate);
  }

  /** True while a view from the URL is being applied (callers skip what only user actions do, e.g. framing). */
  get restoring(): boolean {
    return this.restoringNow;
  }

  /** Runs `apply` as a restore: it pushes no history step. */
  whileRestoring(apply: () => void): void {
    const outer = this.restoringNow;
    this.restoringNow = true;
    try {
      apply();
    } finally {
      this.restoringNow = outer;
    }
  }

  /** Rewrites the current history entry soon. */
  replace(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      history.replaceState(null, '', this.url());
      this.lastHash = location.hash;
    }, 150);
  }

  /** Adds a history step for the current view (unless restoring, or nothing changed). */
  push(): void {
    if (this.restoringNow) return;
    clearTimeout(this.timer);
    const url = this.url();
    if ((url.startsWith('#') ? url : '') === location.hash) return;
    history.pushState(null, '', url);
    this.lastHash = location.hash;
  }

  private url(): string {
    const hash = encodeViewState(this.state());
    return hash ? `#${hash}` : location.pathname + location.search;
  }
}
