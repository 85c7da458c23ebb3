/**
 * newsgraph's shared vocabulary: plain, serialisable types used by every stage of the pipeline and
 * by web/. This module imports nothing and contains no logic (ARCHITECTURE.md, "Rules of the house").
 *
 * Offsets are UTF-16 code-unit offsets into `Document.text` (JavaScript string indices), end exclusive.
 */

/* ------------------------------------------------------------------ ingest */

/** One article, as read by ingest/. `text` is what every offset in the pipeline indexes into. */
export interface Document {
  /** Stable id: the path relative to the input root (`world/a.txt`), or `file.jsonl#<id or line>`. */
  id: string;
  /** Path relative to the input root of the file it came from. */
  path: string;
  title: string;
  /** The outlet that published it (`Reuters`), or '' when unknown. */
  source: string;
  /** ISO date (`2020-02-28`) or null when unknown. */
  published: string | null;
  url: string | null;
  /**
   * Article text. For .txt/.md files it is the file's text with page furniture (share buttons,
   * "Related posts", site headers and footers) blanked out by spaces, so that offsets still index
   * into the file itself; for HTML it is the extracted main text.
   */
  text: string;
  /**
   * sha256 (hex) of the content, for incremental builds and for telling copies: a file's raw bytes;
   * for a JSON Lines record, the title, text, outlet, address and day it gives (not its id or the rest
   * of its line, so a story sent again under another id is a copy).
   */
  hash: string;
}

/** Document metadata kept in the graph (graph attribute `documents`). */
export type DocumentInfo = Omit<Document, 'text'>;

/** A file or line that was not read into a Document, and why. */
export interface SkippedInput {
  /** The file (relative to the input root where there is one), with `:LINE` for a JSON Lines line. */
  path: string;
  reason: string;
  /** The input was read, but only in part (truncated, or bytes repaired): its document is in the graph. */
  partial?: boolean;
  /** The input was named on the command line (not found inside a folder). */
  explicit?: boolean;
  /**
   * The input was read, but is a copy of this document (the same content, see `reason`) and was
   * passed over so that what it reports counts once.
   */
  duplicateOf?: string;
}

/* --------------------------------------------------------------------- nlp */

export interface Span {
  start: number;
  end: number;
}

export type EntityType = 'person' | 'organization' | 'place' | 'event' | 'other';

export interface Sentence extends Span {
  index: number;
}

/** A mention of a named entity (or a resolved pronoun / description) inside one document. */
export interface EntityMention extends Span {
  /** Document-local id: `m0`, `m1`, … in text order. */
  id: string;
  /** The surface text, exactly `text.slice(start, end)`. */
  text: string;
  type: EntityType;
  /** Index into `DocumentExtraction.sentences`. */
  sentence: number;
  /** How it was found: a name, or a pronoun / short description resolved within the document. */
  kind: 'name' | 'pronoun' | 'description';
  /** For pronouns and descriptions: the id of the name mention it refers to. */
  refersTo?: string;
  /** Title or role stated next to the name, lower-case (`foreign minister`, `spokesman`). */
  role?: string;
  /** For acronym mentions expanded in the text ("Syrian Observatory for Human Rights (SOHR)"): the expansion's mention id. */
  expands?: string;
  /**
   * The name this mention stands for when its text is not that name: a demonym used for its country
   * (`Turkish` in "Turkish Foreign Minister …" → `Turkey`). Merging attaches the mention to that name.
   */
  canonical?: string;
  /**
   * A group named by a common-noun phrase ("Turkish soldiers", "government forces"), found by relation
   * extraction rather than the recogniser: a graph node, but not a proper name for `extract --json`.
   */
  group?: boolean;
}

/** A reference from a relation or attribution to text: a span, and the mention it is, when it is one. */
export interface SpanRef extends Span {
  /** Id of the EntityMention this span is (or resolves to). */
  mention?: string;
}

/** Event taxonomy used to colour and filter edges. */
export type EventFamily =
  | 'statement'
  | 'criticise'
  | 'demand'
  | 'threaten'
  | 'attack'
  | 'support'
  | 'consult'
  | 'aid'
  | 'accuse'
  | 'reject'
  | 'role'
  | 'other';

/** Verbal or material × cooperation or conflict; `neutral` for roles and plain statements. */
export type QuadClass =
  | 'verbal-cooperation'
  | 'material-cooperation'
  | 'verbal-conflict'
  | 'material-conflict'
  | 'neutral';

/** A directed relation stated in one sentence: subject → predicate → object. */
export interface RelationMention {
  kind: 'relation';
  subject: SpanRef;
  object: SpanRef;
  /** Lemma form with its particle or preposition: `condemn`, `retaliate against`, `foreign minister of`. */
  predicate: string;
  /** The surface verb phrase as written (`retaliated against`, `were killed by`). */
  verb: string;
  family: EventFamily;
  quad: QuadClass;
  negated: boolean;
  /** Hedged, intended or conditional ("vowed to", "threatened to", "could"). */
  hedged: boolean;
  sentence: number;
  /** Mention id of who asserted it when the relation sits inside reported speech. */
  assertedBy?: string;
}

/** "X said Y": who said what, with the cue that marks it. */
export interface Attribution {
  kind: 'attribution';
  /** The speaker's span (the source). */
  subject: SpanRef;
  cue: Span;
  /** What was said. */
  content: Span;
  sentence: number;
}

/** A numeric or factual claim made in one document (`33` Turkish soldiers killed). */
export interface Claim {
  /** Normalised description of what the value is about: `killed: turkish soldiers`. */
  about: string;
  /** The measured property: `killed`, `injured`, `displaced`, `location`, `perpetrator`, … */
  property: string;
  /** What it is about (`turkish soldiers`), lower-case. */
  subject: string;
  /** Normalised value: digits for numbers (`33`), lower-case text otherwise. */
  value: string;
  /** As written (`thirty-four`, `at least 33`). */
  surface: string;
  /** `at least`, `about`, `more than`, … when the text qualifies the number. */
  qualifier?: string;
  span: Span;
  sentence: number;
  /** Mention id of who the document attributes the claim to, when it does. */
  assertedBy?: string;
  /** Numbers: the figure itself (`948000`), absent for vague quantities (`dozens`). */
  amount?: number;
  /** Numbers: how the figure bounds the count (`exact`, `approximate`, `at-least`, `more-than`, `at-most`, `less-than`). */
  bound?: ClaimBound;
  /** Factual claims about an event: the `about` of the casualty claim that identifies the event (`killed: turkish soldiers`). */
  event?: string;
  /** Mention ids of the actors the claim is about (speaker; the two parties of a contact; the perpetrator's mentions). */
  actors?: string[];
  /** Statement days: what was said, for telling statements apart. */
  content?: string;
  /** Comparison key: values with the same key agree (`country:syria` for a perpetrator, `behun` for a place). */
  key?: string;
  /** Locations: how specific the place is (1 country, 2 province / region, 3 town / area / between two places). */
  rank?: number;
}

/** How a reported figure bounds the true count. */
export type ClaimBound = 'exact' | 'approximate' | 'at-least' | 'more-than' | 'at-most' | 'less-than';

/** Everything extracted from one document, before cross-document merging. */
export interface DocumentExtraction {
  /** The Document's id. */
  doc: string;
  sentences: Sentence[];
  mentions: EntityMention[];
  relations: RelationMention[];
  attributions: Attribution[];
  claims: Claim[];
}

/**
 * One document's extraction together with what the graph needs of the document: its metadata and
 * text (evidence sentences are cut from it). One line of `extractions.jsonl`; the unit that workers
 * return, that incremental builds keep, and that `build --from-extractions` merges.
 */
export interface ExtractionRecord {
  document: DocumentInfo;
  text: string;
  extraction: DocumentExtraction;
}

/* ----------------------------------------------------------------- resolve */

/** A place in a document where an entity is mentioned (node attribute `mentions`). */
export interface MentionRef {
  doc: string;
  start: number;
  end: number;
}

/** A role the entity holds, from titles, appositions and possessives. */
export interface EntityRole {
  /** `foreign minister`, `spokesman`, `governor`. */
  role: string;
  /** Entity id of the organisation or place the role is of, when known. */
  of?: string;
  docs: string[];
}

/** An entity after cross-document resolution: one node of the graph. */
export interface Entity {
  /** Stable id derived from the canonical name: `person:recep-tayyip-erdogan`. */
  id: string;
  type: EntityType;
  /** Canonical (usually the longest full) name. */
  label: string;
  /** Every surface name merged into the entity, sorted. */
  aliases: string[];
  mentions: MentionRef[];
  roles: EntityRole[];
  /** Why mentions were merged (`surname of "Recep Tayyip Erdogan"`, `acronym NATO`), for explainability. */
  mergeReasons: string[];
}

/* ------------------------------------------------------------------- graph */

/** A supporting sentence of an edge (`evidence`). */
export interface Evidence {
  doc: string;
  start: number;
  end: number;
  /** The sentence text, so the graph file is self-contained. */
  text: string;
  /** Entity id of who asserted the relation in that sentence, when it sits in reported speech. */
  assertedBy?: string;
  negated?: boolean;
  hedged?: boolean;
}

export interface NodeAttributes {
  label: string;
  type: EntityType;
  aliases: string[];
  mentions: MentionRef[];
  roles: EntityRole[];
  /** Ids of the documents that mention it, sorted. */
  docs: string[];
  /** Outlets that mention it, sorted. */
  sources: string[];
  mentionCount: number;
  pagerank: number;
  x: number;
  y: number;
  size: number;
  color: string;
  mergeReasons: string[];
}

export interface EdgeAttributes {
  /** Lemma form: `condemn`, `retaliate against`, `foreign minister of`. */
  predicate: string;
  /** sigma draws this; the same as `predicate`. */
  label: string;
  /** Surface verbs seen, sorted. */
  verbs: string[];
  family: EventFamily;
  quad: QuadClass;
  evidence: Evidence[];
  /** Number of distinct documents supporting the edge. */
  weight: number;
  /** Outlets that reported it, sorted. */
  sources: string[];
  /** Entity ids of who asserted it in reported speech, sorted. */
  assertedBy: string[];
  /** True when every supporting sentence states it negated. */
  negated: boolean;
  /** True when every supporting sentence hedges it. */
  hedged: boolean;
  size: number;
  color: string;
}

/** Where documents report different values for the same fact (graph attribute `claims`). */
export interface ClaimGroup {
  about: string;
  property: string;
  subject: string;
  values: ClaimValue[];
  disputed: boolean;
}

/** One value documents report for a fact (`33` soldiers killed), with who reports it and where. */
export interface ClaimValue {
  value: string;
  /** Ids of the documents that report it, sorted. */
  docs: string[];
  /** As written, sorted (`33`, `thirty-three`). */
  surfaces: string[];
  amount?: number;
  bound?: ClaimBound;
  /** The sentences that report it, by document and position; each names who the document says asserted it, when it does. */
  evidence?: Evidence[];
}

export interface GraphAttributes {
  name: string;
  /** The newsgraph version that wrote the graph. */
  generator: string;
  documents: DocumentInfo[];
  claims: ClaimGroup[];
  /** Inputs the build could not read, and why. */
  skipped: SkippedInput[];
}

/** graph.json: graphology's `graph.export()` of the knowledge graph. */
export interface SerializedGraph {
  attributes: GraphAttributes;
  options: { type: 'directed'; multi: true; allowSelfLoops: boolean };
  nodes: { key: string; attributes: NodeAttributes }[];
  edges: { key: string; source: string; target: string; attributes: EdgeAttributes }[];
}

/* ------------------------------------------------------------------- query */

/** A path through the graph with each hop's evidence. */
export interface PathHop {
  source: string;
  target: string;
  edge: string;
  predicate: string;
  /** True when the hop follows the edge against its direction. */
  reversed: boolean;
  evidence: Evidence[];
}

export interface GraphPath {
  nodes: string[];
  hops: PathHop[];
}

/** A value in a query result row. */
export type QueryValue =
  | null
  | boolean
  | number
  | string
  | QueryValue[]
  | { [key: string]: QueryValue }
  | QueryNode
  | QueryEdge
  | QueryPathValue;

export interface QueryNode {
  $kind: 'node';
  id: string;
  labels: string[];
  properties: Record<string, QueryValue>;
}

export interface QueryEdge {
  $kind: 'edge';
  id: string;
  type: string;
  source: string;
  target: string;
  properties: Record<string, QueryValue>;
}

export interface QueryPathValue {
  $kind: 'path';
  nodes: QueryNode[];
  edges: QueryEdge[];
  /** Each hop's evidence, in order. */
  hops: PathHop[];
}

export interface QueryResult {
  columns: string[];
  rows: QueryValue[][];
  /** Human-readable notes: cut-offs (`stopped after 1,000 paths`), budget warnings. */
  notices: string[];
  /** True when a limit cut the result short. */
  truncated: boolean;
  elapsedMs: number;
}
