import * as z from 'zod';
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

type JsonSchema = z.core.JSONSchema.JSONSchema;

/**
 * A request schema as zod's public JSON Schema of what a caller sends (`io: 'input'`: a field the
 * API fills with a default may be left out), never zod's internals, which an upgrade may reshape.
 */
const jsonSchemaOf = (schema: z.ZodType): JsonSchema => z.toJSONSchema(schema, { io: 'input' });

/** The date fields' pattern: a string with it is a date (a picker), whatever the field is called. */
const DATE_PATTERN = jsonSchemaOf(DateSchema).pattern;

/** A schema zod moved to the root's `$defs` (one with an id in a registry), read where it stands. */
const resolved = (schema: JsonSchema, root: JsonSchema): JsonSchema => {
  const name = schema.$ref?.replace(/^#\/\$defs\//, '');
  return name === undefined ? schema : resolved(root.$defs?.[name] ?? {}, root);
};

/** The schema under a nullable wrapper (`anyOf` it and null), and whether it was one. */
const unwrap = (schema: JsonSchema, root: JsonSchema) => {
  const inner = resolved(schema, root);
  const options = inner.anyOf?.map((option) => resolved(option, root));
  const value = options?.filter((option) => option.type !== 'null');
  if (options && value?.length === 1 && value[0] && options.length === 2) return { inner: value[0], nullable: true };
  return { inner, nullable: false };
};

const isDocument = (name: string) => name === 'documentId' || name.endsWith('DocumentId');

const specOf = (name: string, schema: JsonSchema, root: JsonSchema): FieldSpec => {
  if (schema.enum) return { kind: 'choice', values: schema.enum.map(String) };
  switch (schema.type) {
    case 'string': {
      if (isDocument(name)) return { kind: 'document' };
      if (schema.pattern !== undefined && schema.pattern === DATE_PATTERN) return { kind: 'date' };
      const url = schema.format === 'uri';
      return { kind: 'text', multiline: !url && (schema.maxLength ?? 0) >= MULTILINE_FROM, url };
    }
    case 'integer':
    case 'number':
      if (name.endsWith('Fen')) return { kind: 'money' };
      return { kind: 'number', min: schema.minimum ?? null, max: schema.maximum ?? null };
    case 'boolean':
      return { kind: 'boolean' };
    case 'object':
      return { kind: 'group', fields: propertiesOf(schema, root) };
    case 'array': {
      const items = typeof schema.items === 'object' && !Array.isArray(schema.items) ? schema.items : {};
      return {
        kind: 'list',
        item: specOf(name, unwrap(items, root).inner, root),
        min: schema.minItems ?? 0,
        max: schema.maxItems ?? null,
      };
    }
    default:
      throw new Error(`form-spec: no form field for ${JSON.stringify(schema)} (${name})`);
  }
};

const propertiesOf = (schema: JsonSchema, root: JsonSchema): NamedField[] =>
  Object.entries(schema.properties ?? {}).map(([name, field]) => {
    const { inner, nullable } = unwrap(typeof field === 'object' ? field : {}, root);
    return { name, spec: specOf(name, inner, root), optional: !schema.required?.includes(name), nullable };
  });

/** The fields of an object schema, in the schema's order. */
export const fieldsOf = (schema: z.ZodType): NamedField[] => {
  const root = jsonSchemaOf(schema);
  return propertiesOf(root, root);
};

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
