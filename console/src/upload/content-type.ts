import { CONTENT_TYPES } from '#shared/domain/document.schema.ts';

const BY_EXTENSION = new Map<string, string>(Object.entries(CONTENT_TYPES).map(([type, ext]) => [ext, type]));
BY_EXTENSION.set('jpeg', 'image/jpeg');

/** The content type the API accepts for a file (browsers give none for .ofd), or undefined. */
export const contentTypeOf = (file: File): string | undefined => {
  if (file.type in CONTENT_TYPES) return file.type;
  const extension = file.name.split('.').pop()?.toLowerCase() ?? '';
  return BY_EXTENSION.get(extension);
};
