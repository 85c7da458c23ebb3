import { describe, expect, it } from 'vitest';
import { decodeText, detectBom, sniffBinary, sniffHtmlCharset } from './decode.js';

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

describe('decode', () => {
  describe('sniffBinary', () => {
    it.each([
      ['PDF', bytes('%PDF-1.4\n%âãÏÓ\n'), 'PDF'],
      ['PNG', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), 'PNG image'],
      ['JPEG', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'JPEG image'],
      ['GIF', bytes('GIF89a'), 'GIF image'],
      ['ZIP / docx', bytes([0x50, 0x4b, 0x03, 0x04, 0x14, 0]), 'ZIP archive (or .docx/.xlsx/.epub)'],
      ['gzip', bytes([0x1f, 0x8b, 0x08, 0]), 'gzip archive'],
      ['MP4', bytes([0, 0, 0, 0x20], 'ftypisom'), 'MP4/MOV video'],
      ['NUL bytes', bytes('hello', [0, 0, 0], 'world'), 'binary data (NUL bytes)'],
      ['control characters', bytes(Array.from({ length: 200 }, (_, i) => (i % 2 ? 0x41 : 0x01))), 'binary data (control characters)'],
    ])('should recognise %s', (_label, sample, kind) => {
      expect(sniffBinary(sample)).toBe(kind);
    });

    it.each([
      ['ASCII prose', bytes('Turkey and Russia met on Friday.\n')],
      ['UTF-8 prose in Turkish', bytes('Mevlüt Çavuşoğlu Ankara’da konuştu.\n')],
      ['UTF-16 LE with BOM', bytes([0xff, 0xfe], [0x41, 0, 0x42, 0, 0x43, 0])],
      ['UTF-16 BE with BOM', bytes([0xfe, 0xff], [0, 0x41, 0, 0x42])],
      ['UTF-16 LE without BOM', Buffer.from('A long enough line of text in UTF-16.', 'utf16le')],
      ['text with tabs, CR LF and a form feed', bytes('a\tb\r\nc\fd\n')],
      ['empty', bytes('')],
      ['ANSI colour codes', bytes('\u001b[31mred\u001b[0m text in a log line\n')],
    ])('should take %s for text', (_label, sample) => {
      expect(sniffBinary(sample)).toBeNull();
    });
  });

  describe('detectBom', () => {
    it.each([
      [[0xef, 0xbb, 0xbf, 0x41], 'utf-8'],
      [[0xff, 0xfe, 0x41, 0], 'utf-16le'],
      [[0xfe, 0xff, 0, 0x41], 'utf-16be'],
      [[0x41, 0x42], null],
    ])('should read the BOM of %j as %s', (b, bom) => {
      expect(detectBom(Uint8Array.from(b))).toBe(bom);
    });
  });

  describe('decodeText', () => {
    it.each([
      ['plain UTF-8', bytes('Erdoğan said.'), 'Erdoğan said.', 'utf-8'],
      ['UTF-8 with BOM (stripped)', bytes([0xef, 0xbb, 0xbf], 'Erdoğan said.'), 'Erdoğan said.', 'utf-8'],
      ['UTF-16 LE with BOM', bytes([0xff, 0xfe], Array.from(Buffer.from('Çavuşoğlu', 'utf16le'))), 'Çavuşoğlu', 'utf-16le'],
      ['UTF-16 BE with BOM', bytes([0xfe, 0xff], Array.from(Buffer.from('Çavuşoğlu', 'utf16le').swap16())), 'Çavuşoğlu', 'utf-16be'],
      ['Latin-1 bytes', Uint8Array.from(Buffer.from('Café in Montréal, naïve élan', 'latin1')), 'Café in Montréal, naïve élan', 'windows-1252'],
      ['Windows-1252 quotes', Uint8Array.from([0x93, 0x48, 0x69, 0x94, 0x20, 0x73, 0x61, 0x69, 0x64]), '\u201cHi\u201d said', 'windows-1252'],
    ])('should decode %s', (_label, input, text, encoding) => {
      const r = decodeText(input);
      expect(r).toMatchObject({ ok: true, text, encoding });
    });

    it('should replace a rare invalid sequence with U+FFFD and warn', () => {
      const r = decodeText(bytes('x'.repeat(500), [0xff], 'y'.repeat(500)));
      expect(r).toMatchObject({ ok: true, encoding: 'utf-8', warning: expect.stringMatching(/1 byte sequence replaced/) as string });
      if (r.ok) expect(r.text).toBe(`${'x'.repeat(500)}\uFFFD${'y'.repeat(500)}`);
    });

    it('should use the charset an HTML page declares', () => {
      const html = Uint8Array.from(Buffer.from('<meta charset="iso-8859-1"><p>Montréal</p>', 'latin1'));
      expect(sniffHtmlCharset(html)).toBe('iso-8859-1');
      expect(decodeText(html, sniffHtmlCharset(html))).toMatchObject({ ok: true, text: '<meta charset="iso-8859-1"><p>Montréal</p>' });
    });

    it('should ignore an unknown charset label and fall back to UTF-8', () => {
      expect(decodeText(bytes('<p>ok</p>'), 'x-no-such-charset')).toMatchObject({ ok: true, text: '<p>ok</p>', encoding: 'utf-8' });
    });
  });
});

describe('decode (Windows-1252)', () => {
  describe('decodeText', () => {
    it('should map the 0x80–0x9F block of a page declared as iso-8859-1 to Windows-1252 characters', () => {
      const html = Uint8Array.from([...Buffer.from('<meta charset="iso-8859-1"><p>', 'latin1'), 0x93, 0x41, 0x94, 0x20, 0x80, 0x35]);
      expect(decodeText(html, sniffHtmlCharset(html))).toMatchObject({ ok: true, text: '<meta charset="iso-8859-1"><p>\u201cA\u201d \u20ac5' });
    });
  });
});
