/** Numbers and summaries as the page writes them (English thousands separators: 21,269). */

export const num = (n: number): string => n.toLocaleString('en');

/** The status line's summary of a loaded graph. */
export function graphSummary(entities: number, relations: number, documents: number, loadedMs: number): string {
  return `${num(entities)} entities · ${num(relations)} relations · ${num(documents)} documents · loaded in ${num(Math.round(loadedMs))} ms`;
}
