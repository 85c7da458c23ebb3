/**
 * The `extract --json` output shape read by the evaluation scripts:
 * {"documents":[{"path", "entities":[{type,start,end,text}], "relations":[{kind,subject,predicate,object,content}]}]}
 */
import type { ExtractionRecord } from '../types.js';

export interface ExtractJsonSpan {
  start: number;
  end: number;
  text?: string;
}

export interface ExtractJsonDocument {
  path: string;
  id: string;
  title: string;
  source: string;
  entities: { type: string; start: number; end: number; text: string; kind: string; role?: string }[];
  relations: (
    | { kind: 'relation'; subject: ExtractJsonSpan; predicate: string; object: ExtractJsonSpan; verb: string; family: string; negated: boolean; hedged: boolean }
    | { kind: 'attribution'; subject: ExtractJsonSpan; predicate: string; cue: ExtractJsonSpan; content: ExtractJsonSpan }
  )[];
  claims: { about: string; value: string; surface: string; start: number; end: number }[];
}

/** Converts extraction records to the `extract --json` shape. */
export function toExtractJson(records: ExtractionRecord[]): { documents: ExtractJsonDocument[] } {
  return {
    documents: records.map(({ document, text, extraction }) => {
      const span = (s: { start: number; end: number }): ExtractJsonSpan => ({ start: s.start, end: s.end, text: text.slice(s.start, s.end) });
      return {
        path: document.path,
        id: document.id,
        title: document.title,
        source: document.source,
        entities: extraction.mentions
          // Proper names only: not pronouns, descriptions, group phrases or demonyms standing for a country.
          .filter((m) => m.kind === 'name' && !m.group && !m.canonical)
          .map((m) => ({ type: m.type, start: m.start, end: m.end, text: m.text, kind: m.kind, ...(m.role ? { role: m.role } : {}) })),
        relations: [
          ...extraction.relations.map((r) => ({
            kind: 'relation' as const,
            subject: span(r.subject),
            predicate: r.predicate,
            object: span(r.object),
            verb: r.verb,
            family: r.family,
            negated: r.negated,
            hedged: r.hedged,
          })),
          ...extraction.attributions.map((a) => ({
            kind: 'attribution' as const,
            subject: span(a.subject),
            predicate: text.slice(a.cue.start, a.cue.end),
            cue: span(a.cue),
            content: span(a.content),
          })),
        ],
        claims: extraction.claims.map((c) => ({ about: c.about, value: c.value, surface: c.surface, start: c.span.start, end: c.span.end })),
      };
    }),
  };
}
