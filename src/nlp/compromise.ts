/**
 * The one configured compromise instance. Only nlp/ imports compromise, and only through this module,
 * so that lexicon entries, tags and plugins are registered exactly once.
 */
import nlp from 'compromise';

export { nlp };
export type CompromiseView = ReturnType<typeof nlp>;
