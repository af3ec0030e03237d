import * as z from 'zod';

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  maxLength?: number;
  maxItems?: number;
  maximum?: number;
  pattern?: string;
  format?: string;
  description?: string;
  additionalProperties?: unknown;
};

/** A three-byte character in UTF-8 (DynamoDB counts bytes): the heaviest text a person types here. */
const WIDE = '测';
const CREDIT_CODE = '91350100M000100Y43';

/** Text of `length` characters, made distinct by `n` (names in a list must differ). */
const text = (length: number, n: number) => {
  const tag = String(n);
  return WIDE.repeat(Math.max(0, length - tag.length)) + tag;
};

/** Strings whose format a generic filler cannot guess, by the pattern, format or field name the schema shows. */
const formatted = (schema: JsonSchema, field: string, n: number): string | undefined => {
  if (schema.pattern?.startsWith('^(19|20|21)')) return '2026-11-28';
  if (schema.pattern?.startsWith('^[a-z0-9][a-z0-9-]')) return `d${n}-${'x'.repeat(40)}`.slice(0, 63);
  if (schema.pattern === '^[0-9a-fA-F]{64}$') return 'a'.repeat(64);
  if (schema.description?.includes('GB 32100-2015')) return CREDIT_CODE;
  if (schema.format === 'uri') return `https://zwfw.lingchuan.gov.cn/${'a'.repeat(1900)}`;
  if (field === 'fileName') return `${WIDE.repeat(240)}${n}.pdf`;
  if (field.endsWith('DocumentId') || field === 'documentId') return `missing-${n}`;
  return undefined;
};

/**
 * The largest value a JSON Schema (from zod's `toJSONSchema`) accepts, as far as the schema says:
 * every optional field present, every list at its maximum length, every string at its maximum in
 * three-byte characters, formats honoured where the schema names them. Rules the schema cannot
 * express (a county share within the total) may still refuse it, which is a 4xx, never a 5xx.
 */
export const largestOf = (schema: JsonSchema, field = '', n = 0): unknown => {
  const choice = schema.anyOf?.find((branch) => branch.type !== 'null');
  if (choice) return largestOf(choice, field, n);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum.find((value) => value === 'application/pdf') ?? schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object':
      return Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([name, property]) => [name, largestOf(property, name, n)]),
      );
    case 'array':
      return Array.from({ length: schema.maxItems ?? 3 }, (_, i) => largestOf(schema.items ?? {}, field, i));
    case 'string':
      return formatted(schema, field, n) ?? text(schema.maxLength ?? 100, n);
    case 'integer':
    case 'number':
      // Money and counts at a size a county sees; the bytes of a number do not grow with it.
      return Math.min(schema.maximum ?? 100, 100_000_000);
    case 'boolean':
      return false;
    default:
      return null;
  }
};

/** The largest body a route's zod schema accepts. */
export const largestBody = (schema: z.ZodType) =>
  largestOf(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema);
