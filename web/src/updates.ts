/**
 * Updates of the served graph: the server loads its folder again after `newsgraph add`, `remove` or
 * a rebuild, and says which graph it serves (`version` in api/health, the ETag of api/graph: the same
 * for the same graph, also after a restart of the server; older servers only say `generation`, which
 * counts loads since the server started). The viewer checks every few seconds while the tab is
 * visible, and at once when it comes back into view, and then offers to load the new graph: it never
 * replaces the picture under the reader's hands. Reloading keeps the view (selection, path, filters
 * live in the URL). A dismissed offer comes back for a later update.
 */
import { $, clear, el } from './dom.js';

/** How often a visible viewer asks the server, in ms. */
export const UPDATE_CHECK_MS = 5000;

export interface Health {
  generation?: number;
  version?: string;
  documents?: number;
  nodes?: number;
  edges?: number;
}

/** The message for a newer graph on the server. */
export function updateMessage(h: Health): string {
  const n = (x: number) => x.toLocaleString('en');
  const parts = [
    h.documents !== undefined ? `${n(h.documents)} document${h.documents === 1 ? '' : 's'}` : '',
    h.nodes !== undefined ? `${n(h.nodes)} entit${h.nodes === 1 ? 'y' : 'ies'}` : '',
    h.edges !== undefined ? `${n(h.edges)} relation${h.edges === 1 ? '' : 's'}` : '',
  ].filter(Boolean);
  return `The graph was updated on the server${parts.length ? ` (now ${parts.join(', ')})` : ''}.`;
}

/** What the viewer loaded: the server's generation and version of it, when it said. */
export interface LoadedVersion {
  generation?: number;
  version?: string;
}

/**
 * The update `h` offers over what was loaded, as a key to remember it by (undefined: none). A
 * version says it exactly; without one, a generation above the loaded one (which a restarted server,
 * counting from 0 again, cannot tell).
 */
export function offeredUpdate(h: Health, loaded: LoadedVersion): string | undefined {
  if (typeof h.version === 'string' && loaded.version !== undefined) return h.version !== loaded.version ? `v${h.version}` : undefined;
  if (typeof h.generation === 'number' && loaded.generation !== undefined) return h.generation > loaded.generation ? `g${h.generation}` : undefined;
  return undefined;
}

/**
 * Watches api/health for a graph other than the one loaded and shows the banner. Once dismissed, the
 * same update is not offered again, a later one is. Stops on a server that says neither version nor
 * generation.
 */
export function watchForUpdates(loaded: LoadedVersion, reload: () => void = () => location.reload()): void {
  if (loaded.generation === undefined && loaded.version === undefined) return;
  const banner = $('update-banner');
  let asking = false;
  let done = false;
  let dismissed: string | undefined;
  let shown: string | undefined;
  const check = async (): Promise<void> => {
    if (done || asking || document.visibilityState !== 'visible') return;
    asking = true;
    try {
      const res = await fetch('api/health', { cache: 'no-store' });
      // 503: a part of the server is down (its body says which); it still says which graph it serves
      if (!res.ok && res.status !== 503) return;
      const h = (await res.json()) as Health;
      if (typeof h.generation !== 'number' && typeof h.version !== 'string') {
        done = true;
        return;
      }
      const offer = offeredUpdate(h, loaded);
      if (offer !== undefined && offer !== dismissed && offer !== shown) {
        shown = offer;
        clear(banner);
        banner.append(
          el('span', null, updateMessage(h), ' '),
          el('button', { type: 'button', id: 'update-reload', onclick: () => reload() }, 'Load it'),
          el('button', { type: 'button', class: 'close', 'aria-label': 'Dismiss', onclick: () => ((banner.hidden = true), (dismissed = offer)) }, '×'),
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
