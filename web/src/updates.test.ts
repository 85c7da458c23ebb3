import { describe, expect, it } from 'vitest';
import { updateMessage } from './updates.js';

describe('updateMessage', () => {
  it('should say what the updated graph holds, in the singular where it is one', () => {
    expect(updateMessage({ generation: 2, documents: 6, nodes: 104, edges: 1 })).toBe('The graph was updated on the server (now 6 documents, 104 entities, 1 relation).');
    expect(updateMessage({ generation: 1, documents: 1, nodes: 1, edges: 0 })).toBe('The graph was updated on the server (now 1 document, 1 entity, 0 relations).');
    expect(updateMessage({ generation: 1 })).toBe('The graph was updated on the server.');
  });
});
