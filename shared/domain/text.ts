import * as z from 'zod';

/**
 * Free text as people type it, refused where it could mislead a reader or a later system: control
 * characters (NUL, tab, C1; line breaks where one line is meant), Unicode bidi embeddings, overrides
 * and isolates (U+202A–U+202E, U+2066–U+2069, which reorder what a reader sees), text that is only
 * whitespace or zero-width characters, and lone surrogates (not Unicode, so not storable as UTF-8).
 * Every free-text field of a request is one of these two builders, so the rule is in one place.
 */
const isControl = (code: number) => code <= 0x1f || (code >= 0x7f && code <= 0x9f);
const isBidiControl = (code: number) => (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
const ZERO_WIDTH = new Set([0x200b, 0x200c, 0x200d, 0x2060, 0xfeff]);
const isBlank = (text: string) =>
  [...text].every((char) => /\s/u.test(char) || ZERO_WIDTH.has(char.codePointAt(0) ?? 0));

type Lines = 'single' | 'multi';

// With the `u` flag a surrogate pair is one code point, so this range matches only a lone half.
// (String.prototype.isWellFormed says the same, but the console's schemas run in browsers older than it.)
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * Why a text is refused, for a reader that words it in its own language (the console: `empty`
 * reads 必填). Carried as the zod issue's `params.reason`; the message is the API's English.
 */
export type TextFault = 'not-unicode' | 'empty' | 'control-character' | 'line-break' | 'bidi-control';

/** What is wrong with `text` as a field of this kind, or undefined when it is sound. */
const fault = (
  text: string,
  lines: Lines,
  emptyAllowed: boolean,
): { reason: TextFault; message: string } | undefined => {
  if (LONE_SURROGATE.test(text))
    return { reason: 'not-unicode', message: 'Not valid Unicode text (it holds a lone surrogate).' };
  if (text === '' && emptyAllowed) return undefined;
  if (isBlank(text))
    return { reason: 'empty', message: 'Must not be empty, nor only spaces or zero-width characters.' };
  // A multi-line text keeps its line breaks (LF, or CRLF); nothing else is a control character it may carry.
  const checked = lines === 'multi' ? text.replace(/\r?\n/g, '') : text;
  for (const char of checked) {
    const code = char.codePointAt(0) ?? 0;
    if (isControl(code)) {
      if (lines === 'multi') {
        const what = code === 0x0d ? 'a carriage return without its line feed' : `the control character U+${hex(code)}`;
        return { reason: 'control-character', message: `Line breaks (LF or CRLF) are allowed, ${what} is not.` };
      }
      const lineBreak = code === 0x0a || code === 0x0d;
      const what = lineBreak ? 'a line break' : `the control character U+${hex(code)}`;
      return {
        reason: lineBreak ? 'line-break' : 'control-character',
        message: `One line of text: ${what} is not allowed here.`,
      };
    }
    if (isBidiControl(code))
      return {
        reason: 'bidi-control',
        message: `The bidirectional control U+${hex(code)} is not allowed (it reorders what is read).`,
      };
  }
  return undefined;
};

const hex = (code: number) => code.toString(16).toUpperCase().padStart(4, '0');

const textOf = (max: number, lines: Lines, emptyAllowed: boolean) =>
  z
    .string()
    .trim()
    .max(max)
    .superRefine((text, context) => {
      const found = fault(text, lines, emptyAllowed);
      if (found) context.addIssue({ code: 'custom', message: found.message, params: { reason: found.reason } });
    });

/** One line (a name, a title, a file name, a contact): trimmed, never empty, no line breaks. */
export const singleLine = (max: number) => textOf(max, 'single', false);

/**
 * Several lines (an opinion, a justification, a description, a note): trimmed, line breaks kept.
 * Never empty unless `empty: 'allowed'`, for a text whose absence a rule judges later (ART07's
 * interop statements are checked at submit, not at creation).
 */
export const multiLine = (max: number, options: { empty?: 'allowed' } = {}) =>
  textOf(max, 'multi', options.empty === 'allowed');
