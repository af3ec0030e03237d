import * as z from 'zod';

/**
 * Free text as people type it, refused where it could mislead a reader or a later system: control
 * characters (NUL, tab, C0 and C1; line breaks where one line is meant) and the Unicode line and
 * paragraph separators (U+2028, U+2029, line breaks no form shows), bidi controls (the marks
 * U+200E, U+200F, U+061C and the embeddings, overrides and isolates U+202A–U+202E,
 * U+2066–U+2069, which reorder what a reader sees), noncharacters (U+FDD0–U+FDEF and every
 * U+xxFFFE/U+xxFFFF, which are not for interchange: the XLSX export drops them), tag characters
 * (U+E0000–U+E007F, invisible), text that is only whitespace or zero-width characters, and lone
 * surrogates (not Unicode, so not storable as UTF-8). Every refusal names the code point. Every
 * free-text field of a request, and every identifier a caller chooses, is one of these builders,
 * so the rule is in one place.
 */
const isControl = (code: number) => code <= 0x1f || (code >= 0x7f && code <= 0x9f);
const isSeparator = (code: number) => code === 0x2028 || code === 0x2029;
const isBidiControl = (code: number) =>
  code === 0x200e ||
  code === 0x200f ||
  code === 0x061c ||
  (code >= 0x202a && code <= 0x202e) ||
  (code >= 0x2066 && code <= 0x2069);
const isNoncharacter = (code: number) => (code >= 0xfdd0 && code <= 0xfdef) || (code & 0xfffe) === 0xfffe;
const isTag = (code: number) => code >= 0xe0000 && code <= 0xe007f;
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
export type TextFault =
  | 'not-unicode'
  | 'empty'
  | 'control-character'
  | 'line-break'
  | 'bidi-control'
  | 'noncharacter'
  | 'tag-character';

/** What is wrong with `text` as a field of this kind, or undefined when it is sound. */
const fault = (
  text: string,
  lines: Lines,
  emptyAllowed: boolean,
): { reason: TextFault; message: string } | undefined => {
  const lone = LONE_SURROGATE.exec(text);
  if (lone)
    return {
      reason: 'not-unicode',
      message: `Not valid Unicode text (it holds the lone surrogate U+${hex(lone[0].charCodeAt(0))}).`,
    };
  if (text === '' && emptyAllowed) return undefined;
  if (isBlank(text))
    return { reason: 'empty', message: 'Must not be empty, nor only spaces or zero-width characters.' };
  // A multi-line text keeps its line breaks (LF, or CRLF); nothing else is a control character it may carry.
  const checked = lines === 'multi' ? text.replace(/\r?\n/g, '') : text;
  for (const char of checked) {
    const code = char.codePointAt(0) ?? 0;
    if (isControl(code) || isSeparator(code)) {
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
    if (isNoncharacter(code))
      return { reason: 'noncharacter', message: `The noncharacter U+${hex(code)} is not allowed (it is not text).` };
    if (isTag(code))
      return { reason: 'tag-character', message: `The tag character U+${hex(code)} is not allowed (it is invisible).` };
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
 * An identifier the caller chooses and the system stores (an annual-plan item's `id`): one line
 * of text under the same rule, never trimmed (an id is compared as it is), never empty.
 */
export const identifier = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .superRefine((text, context) => {
      const found = fault(text, 'single', false);
      if (found) context.addIssue({ code: 'custom', message: found.message, params: { reason: found.reason } });
    });

/**
 * Several lines (an opinion, a justification, a description, a note): trimmed, line breaks kept.
 * Never empty unless `empty: 'allowed'`, for a text whose absence a rule judges later (ART07's
 * interop statements are checked at submit, not at creation).
 */
export const multiLine = (max: number, options: { empty?: 'allowed' } = {}) =>
  textOf(max, 'multi', options.empty === 'allowed');
