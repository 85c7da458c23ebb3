/**
 * Updates of the served graph: the server loads its folder again after `newsgraph add`, `remove` or
 * a rebuild, and says which load it serves (`generation` in api/health, X-Newsgraph-Generation on
 * api/graph). The viewer checks every few seconds while the tab is visible, and at once when it comes
 * back into view, and then offers to load the new graph: it never replaces the picture under the
 * reader's hands. Reloading keeps the view (selection, path, filters live in the URL).
 */
import { $, clear, el } from './dom.js';

/** How often a visible viewer asks the server, in ms. */
export const UPDATE_CHECK_MS = 5000;

export interface Health {
  generation?: number;
  documents?: number;
  nodes?: number;
  edges?: number;
}

/** The message for a newer graph on the server. */
export function updateMessage(h: Health): string {
  const parts = [
    h.documents !== undefined ? `${h.documents} document${h.documents === 1 ? '' : 's'}` : '',
    h.nodes !== undefined ? `${h.nodes} entit${h.nodes === 1 ? 'y' : 'ies'}` : '',
    h.edges !== undefined ? `${h.edges} relation${h.edges === 1 ? '' : 's'}` : '',
  ].filter(Boolean);
  return `The graph was updated on the server${parts.length ? ` (now ${parts.join(', ')})` : ''}.`;
}

/**
 * Watches api/health for a generation newer than the one loaded and shows the banner. Stops once it
 * has shown it (the page is reloaded from there) and on a server that does not say its generation.
 */
export function watchForUpdates(loaded: number | undefined, reload: () => void = () => location.reload()): void {
  if (loaded === undefined) return;
  const banner = $('update-banner');
  let asking = false;
  let done = false;
  const check = async (): Promise<void> => {
    if (done || asking || document.visibilityState !== 'visible') return;
    asking = true;
    try {
      const res = await fetch('api/health', { cache: 'no-store' });
      if (!res.ok) return;
      const h = (await res.json()) as Health;
      if (typeof h.generation !== 'number') {
        done = true;
        return;
      }
      if (h.generation > loaded) {
        done = true;
        clear(banner);
        banner.append(
          el('span', null, updateMessage(h), ' '),
          el('button', { type: 'button', id: 'update-reload', onclick: () => reload() }, 'Load it'),
          el('button', { type: 'button', class: 'close', 'aria-label': 'Dismiss', onclick: () => (banner.hidden = true) }, '×'),
        );
        banner.hidden = false;
      }
    } catch {
      // the server is away for a moment (restarting): ask again later
    } finally {
      asking = false;
    }
  };
  const schedule = (): void => {
    if (done) return;
    setTimeout(() => void check().finally(schedule), UPDATE_CHECK_MS);
  };
  document.addEventListener('visibilitychange', () => void check());
  window.addEventListener('focus', () => void check());
  schedule();
}
