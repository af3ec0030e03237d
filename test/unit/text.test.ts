import { describe, expect, it } from 'vitest';
import { identifier, multiLine, singleLine } from '#shared/domain/text.ts';

const accepts = (schema: { safeParse: (v: unknown) => { success: boolean } }, value: string) =>
  schema.safeParse(value).success;

describe('free text (issue #15 item 6)', () => {
  const line = singleLine(50);
  const lines = multiLine(50);
  const optional = multiLine(50, { empty: 'allowed' });

  it('accepts ordinary Chinese and Latin text, trimmed, ideographic spaces inside', () => {
    expect(line.parse('  县社会治理　综合指挥平台 v2 ')).toBe('县社会治理　综合指挥平台 v2');
    expect(lines.parse('第一行\n第二行\r\n第三行')).toBe('第一行\n第二行\r\n第三行');
  });

  it('refuses NUL, tab, DEL and C1 controls everywhere', () => {
    for (const text of ['a\u0000b', 'a\tb', 'a\u007fb', 'a\u0085b', 'a\u009bb']) {
      expect(accepts(line, text), JSON.stringify(text)).toBe(false);
      expect(accepts(lines, text), JSON.stringify(text)).toBe(false);
    }
  });

  it('refuses line breaks in one line, and a carriage return without its line feed in several', () => {
    expect(accepts(line, 'a\nb')).toBe(false);
    expect(accepts(line, 'a\r\nb')).toBe(false);
    expect(accepts(lines, 'a\rb')).toBe(false);
  });

  it('refuses bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069)', () => {
    for (const code of [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]) {
      expect(accepts(line, `a${String.fromCodePoint(code)}b`), code.toString(16)).toBe(false);
      expect(accepts(lines, `a${String.fromCodePoint(code)}b`), code.toString(16)).toBe(false);
    }
  });

  it('refuses empty, whitespace-only and zero-width-only text, unless a multi-line field allows it empty', () => {
    for (const text of ['', '   ', '\u3000', '\u200b', '\u200c\u200d', '\u2060', '\ufeff', ' \u200b\n']) {
      expect(accepts(line, text), JSON.stringify(text)).toBe(false);
      expect(accepts(lines, text), JSON.stringify(text)).toBe(false);
    }
    expect(optional.parse('  ')).toBe('');
    expect(accepts(optional, '\u200b')).toBe(false);
  });

  it('refuses a lone surrogate, which no UTF-8 store can hold', () => {
    expect(accepts(line, 'a\ud800b')).toBe(false);
    expect(accepts(line, '陵川\ud83d\ude00')).toBe(true);
  });

  it('counts the bound after trimming', () => {
    expect(accepts(singleLine(3), ' abc ')).toBe(true);
    expect(accepts(singleLine(3), 'abcd')).toBe(false);
  });

  it('refuses U+2028/2029, bidi marks, noncharacters and tag characters everywhere, naming the code point (issue #22 item 5)', () => {
    const id = identifier(64);
    for (const code of [
      0x2028, 0x2029, 0x200e, 0x200f, 0x061c, 0xfffe, 0xffff, 0xfdd0, 0xfdef, 0x1fffe, 0x10ffff, 0xe0001, 0xe0041,
      0xe007f,
    ]) {
      const text = `a${String.fromCodePoint(code)}b`;
      const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
      for (const schema of [line, lines, id]) {
        const result = schema.safeParse(text);
        expect(result.success, hex).toBe(false);
        expect(result.error?.issues[0]?.message, hex).toContain(hex);
      }
    }
  });

  it('refuses an identifier of NULs or with a lone surrogate, naming the code point, and keeps a sound one as it is', () => {
    const id = identifier(64);
    expect(id.safeParse('\u0000'.repeat(63)).error?.issues[0]?.message).toContain('U+0000');
    expect(id.safeParse('a\ud800').error?.issues[0]?.message).toContain('U+D800');
    expect(id.parse('2027-教育-01')).toBe('2027-教育-01');
    // Astral text (a supplementary ideograph, an emoji) is text, not a noncharacter.
    expect(line.parse('𠀀县平台😀')).toBe('𠀀县平台😀');
  });
});
