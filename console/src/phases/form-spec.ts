import type * as z from 'zod';
import { DateSchema } from '#shared/domain/calendar.ts';
import { parseYuan } from '../i18n/format.ts';

/**
 * What a form needs to know of a field, read from the API's own zod schema: a phase form is
 * drawn from the schema its route validates with, so a field the API gains shows up here without
 * an edit, and the browser refuses what the API would refuse before anything is sent.
 *
 * Naming carries two facts the schema's types cannot: an integer ending in `Fen` is money (typed
 * in yuan), a string named `documentId` or ending in `DocumentId` is one of the project's
 * verified documents (picked from a list). Both conventions hold across API.md.
 */
export type FieldSpec =
  | { readonly kind: 'text'; readonly multiline: boolean; readonly url: boolean }
  | { readonly kind: 'date' }
  | { readonly kind: 'money' }
  | { readonly kind: 'number'; readonly min: number | null; readonly max: number | null }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'choice'; readonly values: readonly string[] }
  | { readonly kind: 'document' }
  | { readonly kind: 'group'; readonly fields: readonly NamedField[] }
  | { readonly kind: 'list'; readonly item: FieldSpec; readonly min: number; readonly max: number | null };

export interface NamedField {
  readonly name: string;
  readonly spec: FieldSpec;
  /** The body may leave it out (optional, or the API fills a default). */
  readonly optional: boolean;
  /** An empty value is sent as null. */
  readonly nullable: boolean;
}

/** Texts this long or longer are written in several lines (the free-text builders' limits: shared/domain/text.ts). */
const MULTILINE_FROM = 1000;

interface Def {
  readonly type: string;
  readonly innerType?: z.ZodType;
  readonly shape?: Record<string, z.ZodType>;
  readonly element?: z.ZodType;
  readonly entries?: Record<string, string>;
  readonly checks?: readonly { _zod: { def: { check: string; minimum?: number; maximum?: number } } }[];
}
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The schema under its optional, nullable and default wrappers, and what they said. */
const unwrap = (schema: z.ZodType) => {
  let inner = schema;
  let optional = false;
  let nullable = false;
  for (;;) {
    const def = defOf(inner);
    if (def.type === 'optional' || def.type === 'default' || def.type === 'prefault') optional = true;
    else if (def.type === 'nullable') nullable = true;
    else if (def.type !== 'readonly') return { inner, optional, nullable };
    inner = def.innerType as z.ZodType;
  }
};

const isDocument = (name: string) => name === 'documentId' || name.endsWith('DocumentId');

const lengthCheck = (def: Def, check: 'min_length' | 'max_length') => {
  const found = def.checks?.find((c) => c._zod.def.check === check)?._zod.def;
  return (check === 'min_length' ? found?.minimum : found?.maximum) ?? null;
};

const specOf = (name: string, schema: z.ZodType): FieldSpec => {
  const def = defOf(schema);
  switch (def.type) {
    case 'string': {
      if (isDocument(name)) return { kind: 'document' };
      if (schema === DateSchema) return { kind: 'date' };
      const text = schema as z.ZodString;
      const url = text.format === 'url';
      return { kind: 'text', multiline: !url && (text.maxLength ?? 0) >= MULTILINE_FROM, url };
    }
    case 'number': {
      if (name.endsWith('Fen')) return { kind: 'money' };
      const number = schema as z.ZodNumber;
      return { kind: 'number', min: number.minValue, max: number.maxValue };
    }
    case 'boolean':
      return { kind: 'boolean' };
    case 'enum':
      return { kind: 'choice', values: Object.values(def.entries ?? {}) };
    case 'object':
      return { kind: 'group', fields: fieldsOf(schema) };
    case 'array':
      return {
        kind: 'list',
        item: specOf(name, unwrap(def.element as z.ZodType).inner),
        min: lengthCheck(def, 'min_length') ?? 0,
        max: lengthCheck(def, 'max_length'),
      };
    default:
      throw new Error(`form-spec: no form field for a ${def.type} (${name})`);
  }
};

/** The fields of an object schema, in the schema's order. */
export const fieldsOf = (schema: z.ZodType): NamedField[] =>
  Object.entries(defOf(schema).shape ?? {}).map(([name, field]) => {
    const { inner, optional, nullable } = unwrap(field);
    return { name, spec: specOf(name, inner), optional, nullable };
  });

/** What a person has typed or chosen: strings as typed (money in yuan), booleans, lists and groups of them. */
export type Draft = string | boolean | Draft[] | { [name: string]: Draft };

/** An empty form: nothing typed, nothing chosen, lists at their shortest. */
export const emptyDraft = (spec: FieldSpec): Draft => {
  switch (spec.kind) {
    case 'boolean':
      return false;
    case 'group':
      return Object.fromEntries(spec.fields.map((f) => [f.name, emptyDraft(f.spec)]));
    case 'list':
      return Array.from({ length: spec.min }, () => emptyDraft(spec.item));
    default:
      return '';
  }
};

/**
 * The request body a draft stands for. Nothing typed is left out (or sent as null where the API
 * takes null), so the schema says "required" rather than "not a date". Money typed in yuan becomes
 * integer fen without floating point; a sum that does not read as one is sent as typed, for the
 * schema to refuse by name.
 */
export const bodyOf = (
  spec: FieldSpec,
  draft: Draft,
  field?: Pick<NamedField, 'nullable'> & Partial<Pick<NamedField, 'optional'>>,
): unknown => {
  const absent = field?.nullable ? null : undefined;
  switch (spec.kind) {
    case 'group': {
      const values = draft as Record<string, Draft>;
      const entries = spec.fields
        .map((f) => [f.name, bodyOf(f.spec, values[f.name] ?? emptyDraft(f.spec), f)] as const)
        .filter(([, value]) => value !== undefined);
      // An optional group left wholly empty (`noAssetsFormed` beside a list of assets) is not sent.
      if (entries.length === 0 && field?.optional) return absent;
      return Object.fromEntries(entries);
    }
    case 'list':
      return (draft as Draft[]).map((item) => bodyOf(spec.item, item));
    case 'boolean':
      return draft;
    case 'money': {
      const typed = (draft as string).trim();
      return typed === '' ? absent : (parseYuan(typed) ?? typed);
    }
    case 'number': {
      const typed = (draft as string).trim();
      return typed === '' ? absent : Number(typed);
    }
    default: {
      const typed = draft as string;
      return typed.trim() === '' ? absent : typed;
    }
  }
};
