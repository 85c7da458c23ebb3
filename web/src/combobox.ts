/**
 * A name field with suggestions (ARIA combobox + listbox), used by the search box and the path
 * finder's from / to fields. Keyboard: ↓/↑ move, Enter picks, Escape closes.
 */
import { clear, el } from './dom.js';
import { suggest, type NameIndex, type Suggestion } from './search-index.js';
import { typeColor } from './palette.js';

export interface NameField {
  input: HTMLInputElement;
  /** The node chosen (by a suggestion or by resolving typed text). */
  value(): string | null;
  set(node: string | null, label?: string): void;
}

let uid = 0;

export function createNameField(
  input: HTMLInputElement,
  getIndex: () => NameIndex,
  onPick: (s: Suggestion) => void,
  /** Where suggestions come from (default: the entities' name index). */
  source: (text: string, limit: number) => Suggestion[] = (text, limit) => suggest(getIndex(), text, limit),
): NameField {
  const listId = `${input.id || 'names'}-list-${uid++}`;
  const list = el('ul', { id: listId, role: 'listbox', class: 'suggestions', hidden: true });
  input.insertAdjacentElement('afterend', list);
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', listId);
  input.autocomplete = 'off';
  let items: Suggestion[] = [];
  let active = -1;
  let chosen: string | null = null;

  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const render = () => {
    clear(list);
    items.forEach((s, i) => {
      const li = el(
        'li',
        { id: `${listId}-${i}`, role: 'option', 'aria-selected': i === active ? 'true' : 'false', 'data-node': s.node },
        el('span', { class: 'dot', style: `background:${typeColor(s.type)}` }),
        el('span', { class: 'name' }, s.label),
        s.via ? el('span', { class: 'via' }, ` (${s.via})`) : null,
        el('span', { class: 'kind' }, s.type),
      );
      li.addEventListener('mousedown', (e) => {
        e.preventDefault();
        pick(i);
      });
      list.appendChild(li);
    });
    list.hidden = items.length === 0;
    input.setAttribute('aria-expanded', items.length ? 'true' : 'false');
    if (active >= 0) input.setAttribute('aria-activedescendant', `${listId}-${active}`);
    else input.removeAttribute('aria-activedescendant');
  };
  const pick = (i: number) => {
    const s = items[i];
    if (!s) return;
    chosen = s.node;
    input.value = s.label;
    close();
    onPick(s);
  };
  input.addEventListener('input', () => {
    chosen = null;
    items = source(input.value, 12);
    active = items.length ? 0 : -1;
    render();
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (list.hidden) {
        items = source(input.value, 12);
        active = items.length ? 0 : -1;
      } else if (items.length) {
        active = (active + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length;
      }
      render();
      e.preventDefault();
    } else if (e.key === 'Enter') {
      if (!list.hidden && active >= 0) {
        pick(active);
        e.preventDefault();
      } else if (!chosen) {
        items = source(input.value, 1);
        if (items.length) {
          pick(0);
          e.preventDefault();
        }
      }
    } else if (e.key === 'Escape') {
      if (!list.hidden) {
        close();
        e.stopPropagation();
      }
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 100));
  return {
    input,
    value: () => {
      if (chosen) return chosen;
      const s = source(input.value, 1)[0];
      return s ? s.node : null;
    },
    set: (node, label) => {
      chosen = node;
      input.value = node ? (label ?? node) : '';
    },
  };
}
