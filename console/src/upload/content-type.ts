import { CONTENT_TYPES, extensionOf } from '#shared/domain/document.schema.ts';

const BY_EXTENSION = new Map<string, string>(
  Object.entries(CONTENT_TYPES).flatMap(([type, extensions]) => extensions.map((ext) => [ext, type] as const)),
);

/** The content type the API accepts for a file (browsers give none for .ofd), or undefined. */
export const contentTypeOf = (file: File): string | undefined => {
  if (file.type in CONTENT_TYPES) return file.type;
  const extension = extensionOf(file.name);
  return extension === undefined ? undefined : BY_EXTENSION.get(extension);
};
