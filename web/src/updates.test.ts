import { describe, expect, it } from 'vitest';
import { offeredUpdate, updateMessage } from './updates.js';

describe('updateMessage', () => {
  it('should say what the updated graph holds, in the singular where it is one', () => {
    expect(updateMessage({ generation: 2, documents: 6, nodes: 104, edges: 1 })).toBe('The graph was updated on the server (now 6 documents, 104 entities, 1 relation).');
    expect(updateMessage({ generation: 1, documents: 1, nodes: 1, edges: 0 })).toBe('The graph was updated on the server (now 1 document, 1 entity, 0 relations).');
    expect(updateMessage({ generation: 1 })).toBe('The graph was updated on the server.');
  });
});

describe('offeredUpdate', () => {
  it('should offer a graph of another version, also from a restarted server whose generation counts from 0 again', () => {
    expect(offeredUpdate({ generation: 1, version: '"b"' }, { generation: 2, version: '"a"' })).toBe('v"b"');
    expect(offeredUpdate({ generation: 0, version: '"a"' }, { generation: 3, version: '"a"' })).toBeUndefined();
  });

  it('should fall back on the generation for a server that gives no version', () => {
    expect(offeredUpdate({ generation: 3 }, { generation: 2 })).toBe('g3');
    expect(offeredUpdate({ generation: 2 }, { generation: 2 })).toBeUndefined();
    expect(offeredUpdate({}, { generation: 2 })).toBeUndefined();
  });
});

describe('updateMessage figures', () => {
  it('should group thousands', () => {
    expect(updateMessage({ documents: 21269, nodes: 38246, edges: 4395 })).toBe('The graph was updated on the server (now 21,269 documents, 38,246 entities, 4,395 relations).');
  });
});
